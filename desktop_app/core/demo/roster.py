"""The demo organisation tree and members, with transfers, deaths and promotions over the years."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from desktop_app.core import members, orgs
from desktop_app.core.idcard import check_digit
from desktop_app.core.members import Member

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国文辉玉兰红梅志强海燕春明晓东丽华永红国庆卫东小平建华淑珍凤英"
EDUCATION = ("初中", "高中", "中专", "大专", "本科", "研究生")
BRANCHES = ("第一党支部", "第二党支部", "离退休党支部", "在职党员党支部", "楼宇党支部", "青春党支部")


@dataclass
class DemoRoster:
    root_id: int
    branch_ids: list[int] = field(default_factory=list)
    group_ids: dict[int, list[int]] = field(default_factory=dict)
    member_ids: list[int] = field(default_factory=list)
    group_of: dict[int, int] = field(default_factory=dict)      # member -> first 党小组
    holders: set[int] = field(default_factory=set)               # members given a role


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _id_number(rng: random.Random, birth: date, female: bool) -> str:
    area = rng.choice(("330402", "330411", "340702", "430104", "110105"))
    order = rng.randrange(0, 50) * 2 + (0 if female else 1)
    first17 = f"{area}{birth:%Y%m%d}{rng.randrange(10):01d}{order:02d}"
    return first17 + check_digit(first17)


def _new_id_number(rng: random.Random, birth: date, female: bool, used: set[str]) -> str:
    """An ID number no earlier demo member has: 3,000 members draw the same one about one time
    in ten, and the roster refuses a number twice."""
    number = _id_number(rng, birth, female)
    while number in used:
        number = _id_number(rng, birth, female)
    used.add(number)
    return number


def generate(store, spec, rng: random.Random) -> DemoRoster:
    start = date(spec.first_year, 1, 1)
    root_id = orgs.create(store, "DEMO", "示范社区党委", "党委", rule_profile="jiaxing-2016")
    built = DemoRoster(root_id)
    branch_count = max(2, min(len(BRANCHES), spec.members // 50 + 1))
    for b in range(branch_count):
        branch_id = orgs.create(store, f"DEMO-{b + 1:02d}", BRANCHES[b], "党支部", root_id)
        built.branch_ids.append(branch_id)
        built.group_ids[branch_id] = [
            orgs.create(store, f"DEMO-{b + 1:02d}-{g + 1}", f"{BRANCHES[b]}第{g + 1}党小组",
                        "党小组", branch_id)
            for g in range(2)]
    used: set[str] = set()
    for i in range(spec.members):
        female = rng.random() < 0.45
        birth = date(rng.randint(1940, 1998), rng.randint(1, 12), rng.randint(1, 28))
        joined = birth + timedelta(days=rng.randint(18 * 365 + 10, 40 * 365))
        joined = min(joined, date(spec.last_year, 6, 30))
        late_joiner = joined.year >= spec.first_year
        member = Member(
            name=_name(rng), gender="女" if female else "男",
            ethnicity="汉族" if rng.random() < 0.95 else "回族",
            birth_date=birth.isoformat(), education=rng.choice(EDUCATION),
            id_number=_new_id_number(rng, birth, female, used),
            phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            workplace=rng.choice(("社区居委会", "市第一医院", "实验小学", "退休", "个体经营", "街道办事处")),
            joined_on=joined.isoformat(),
            confirmed_on=(joined + timedelta(days=366)).isoformat()
            if joined + timedelta(days=366) <= date.today() else None,
        )
        branch_id = built.branch_ids[i % branch_count]
        group_id = rng.choice(built.group_ids[branch_id])
        since = joined if late_joiner else start
        member_id = members.add(store, member, group_id, since=since.isoformat())
        built.member_ids.append(member_id)
        if not late_joiner:
            built.group_of[member_id] = group_id
    _committees(store, built, start)
    _history(store, spec, rng, built)
    return built


def _committees(store, built: DemoRoster, start: date) -> None:
    """书记 and 班子 for the 党委 and each 党支部, a 党小组长 for each group: each held by a
    member of that organisation who was a Party member on the first day (the same checks as a
    secretary's input, `meetings/validation.py`), a different one where there are enough."""
    in_org: dict[int, set[int]] = {}

    def pick(org_id, group_ids) -> int | None:
        """Someone without a role yet; in a small ledger, someone without a role in this
        organisation (a branch's 委员 may also sit on the 党委, as in real communities); None
        when the organisation has nobody left (a tiny demo's empty 党小组 has no leader)."""
        members_here = [m for m in built.group_of if built.group_of[m] in group_ids]
        taken = in_org.setdefault(org_id, set())
        member_id = next((m for m in members_here if m not in built.holders),
                         next((m for m in members_here if m not in taken), None))
        if member_id is not None:
            built.holders.add(member_id)
            taken.add(member_id)
        return member_id

    def assign(org_id, role, group_ids):
        member_id = pick(org_id, group_ids)
        if member_id is not None:
            orgs.assign_role(store, org_id, member_id, role, start.isoformat())

    for branch_id in built.branch_ids:
        for group_id in built.group_ids[branch_id]:
            assign(group_id, "党小组长", [group_id])
        for role in ("书记", "组织委员", "宣传委员"):
            assign(branch_id, role, built.group_ids[branch_id])
    every_group = [g for groups in built.group_ids.values() for g in groups]
    for role in ("书记", "副书记", "组织委员", "宣传委员", "纪检委员"):
        assign(built.root_id, role, every_group)


def _history(store, spec, rng: random.Random, built: DemoRoster) -> None:
    """A few members leave, die or go away as 流动党员 each year; others move group."""
    movable = [m for m in built.member_ids if m not in built.holders]
    rng.shuffle(movable)
    for year in range(spec.first_year, spec.last_year + 1):
        for _ in range(max(1, spec.members // 100)):
            if not movable:
                return
            member_id = movable.pop()
            kind = rng.choice(("转出", "去世", "流动外出", "调整党小组"))
            on = date(year, rng.randint(1, 12), rng.randint(1, 28))
            joined_here = store.query_one("SELECT max(start_on) AS d FROM memberships "
                                          "WHERE member_id = ?", [member_id])["d"]
            if on > date.today() or on.isoformat() <= joined_here:
                continue
            if kind == "调整党小组":
                branch_id = rng.choice(built.branch_ids)
                now_in = members.current_org_id(store, member_id, on.isoformat())
                members.move(store, member_id, rng.choice(
                    [g for g in built.group_ids[branch_id] if g != now_in]), on.isoformat())
            elif kind == "流动外出":
                members.record_event(store, member_id, kind, on.isoformat(), place="浙江省杭州市",
                                     reason="外出务工", contact="微信联系",
                                     reported_on=(on + timedelta(days=rng.randint(1, 20))).isoformat())
            else:
                members.record_event(store, member_id, kind, on.isoformat(),
                                     place="外省" if kind == "转出" else None)
