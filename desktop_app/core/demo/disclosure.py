"""The demo's share of 三务公开 and 评星: the text of every entered item (so a new user sees every
board of the 14), the year's 先锋承诺 (组织 4 项, each member a 一句话承诺), the first half-year's
先锋指数 published, and the secretary's 销号 of the standard's hand-checked items, so the 星级评定
board shows a rating actually done.
A 办事指南 carries an office landline as its 咨询电话 — allowed on a public board; no mobile or
ID number appears anywhere.
"""
from __future__ import annotations

import random
from datetime import date

from desktop_app.core import members, orgs
from desktop_app.core.disclosure import commitments, items, texts
from desktop_app.core.scoring import checklist, pioneer

TEXTS = {
    1: "一、党组织党建责任\n履行全面从严治党主体责任，每季度专题研究党建工作。\n"
       "二、书记第一责任\n书记为党建工作第一责任人，带头讲党课、带头联系群众。",
    4: "一、理想信念动摇，信仰宗教或参加邪教组织。\n二、无正当理由连续6个月不参加党的组织生活。\n"
       "三、无正当理由连续6个月不交纳党费。\n四、拒不执行党组织决定。\n五、违反政治纪律。\n"
       "六、严重违反社会公德、家庭美德。\n七、参与黄赌毒。\n八、损害群众利益。\n"
       "九、违法违纪受到处分。\n十、其他不合格情形。",
    8: "一、公开承诺\n全年为民办实事不少于10件。\n二、践诺情况\n每季度在居务公开栏公布办理进度。",
    9: "第一网格：东区1—12幢，网格员由社区专职社工担任。\n第二网格：西区13—24幢。\n"
       "党员先锋站设在社区党群服务中心一楼。",
    10: "一、结对单位\n区级机关第一党支部、辖区学校党支部。\n二、共建内容\n"
        "共上党课、共办活动、共解难题，每季度至少开展1次共建活动。",
    11: "一、架构\n居务监督委员会设主任1名、委员4名。\n二、工作流程\n"
        "事先审查公开事项，事中监督办理过程，事后评议公开结果。",
    12: "一、老旧小区加装电梯\n经居民议事会讨论，东区3幢、5幢列入本年度加装计划。\n"
        "二、停车位调整\n西区新增非机动车停放点两处，意见征集至月底。",
    13: "一、办理事项\n居住证明、低保申请、老年优待证、党员组织关系转接。\n"
        "二、办理时间\n工作日 8:30—11:30，13:30—17:00。\n三、咨询电话\n社区党群服务中心 0573-8200000",
    14: "一、爱国守法\n拥护党的领导，遵守法律法规。\n二、邻里和睦\n互帮互助，文明养犬，垃圾分类。",
}
ORGANISATION_PROMISES = ("每月开展1次党员志愿服务", "每季度走访慰问困难党员和群众",
                         "落实“三务”公开，接受群众监督", "全年为居民办实事不少于10件")
MEMBER_PROMISES = ("带头参加志愿服务", "做好邻里矛盾调解", "每月走访一户困难家庭",
                   "带头垃圾分类", "义务宣讲党的政策")


def generate(store, spec, rng: random.Random, built) -> None:
    root = orgs.root(store).id
    listed = {item.number: item for item in items.items_for(store, root)}
    today = date.today().isoformat()
    for year in range(spec.first_year, spec.last_year + 1):
        on = f"{year}-01-20"
        for number, body in TEXTS.items():
            if number in listed:
                texts.save(store, root, listed[number], body.replace("本年度", f"{year}年"), on)
        by_member = {m.id: rng.choice(MEMBER_PROMISES)
                     for m in members.expected_on(store, root, f"{year}-02-01")}
        commitments.replace(store, root, year, list(ORGANISATION_PROMISES), by_member,
                            f"{year}-02-01", listed.get(7))
        below = set(orgs.subtree_ids(store, root))
        for org_id in [root, *(o.id for o in orgs.all_orgs(store)
                               if o.kind == "党支部" and o.id in below)]:
            _strike_hand_items(store, rng, org_id, year, min(f"{year}-12-20", today))
        if f"{year}-07-08" <= today:
            pioneer.publish(store, root, f"{year}H1", f"{year}-07-08")


def _strike_hand_items(store, rng: random.Random, org_id: int, year: int, on: str) -> None:
    """The secretary ticks most hand-checked items in December (or today), with evidence."""
    for item in checklist.checklist(store, org_id, year, today=on):
        if item.decided_by == checklist.BY_HAND and rng.random() < 0.8:
            checklist.strike_off(store, org_id, year, item.id,
                                 f"见{year}年度台账“{item.title[:12]}”相关材料", on)
