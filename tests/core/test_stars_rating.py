"""Star ratings and the 达标销号 checklist: decided from the check, the published 先锋指数 and
the secretary's evidence, rated by aspects (county six stars) or by share (堡垒指数)."""
import pytest

from desktop_app.core.scoring import checklist, pioneer, stars
from desktop_app.core.scoring.pioneer import PioneerError
from desktop_app.core.store import audit
from tests.core.rules_builder import Branch

TODAY = "2026-03-01"


def rate(branch):
    return stars.rate(branch.store, branch.branch, 2025, today=TODAY)


def item(rating, item_id):
    return next(i for i in rating.items if i.id == item_id)


def test_county_six_stars_one_per_aspect_met(store):
    branch = Branch(store, "county-six-star")
    assert rate(branch).stars == 0 and rate(branch).max_stars == 6
    branch.satisfy(branch.profile.rule("cn-19-group"))               # 基本组织
    checklist.strike_off(store, branch.branch, 2025, "co-org-committee",
                         "2024年11月换届，选举结果报工委批复", "2025-01-10")
    branch.satisfy(branch.profile.rule("dz-9-dues-arrears"))         # 基本队伍
    checklist.strike_off(store, branch.branch, 2025, "co-team-training",
                         "书记、委员均参加工委4月轮训", "2025-04-20")
    pioneer.publish(store, branch.branch, "2025H1", "2025-07-05")    # 发挥作用
    pioneer.publish(store, branch.branch, "2025H2", "2026-01-08")
    checklist.strike_off(store, branch.branch, 2025, "co-role-service", "全年志愿服务12次",
                         "2025-12-20")
    rating = rate(branch)
    assert [(a.name, a.met, a.total) for a in rating.aspects] == [
        ("基本组织", 2, 2), ("基本队伍", 2, 2), ("基本活动", 0, 2), ("基本制度", 0, 2),
        ("基本保障", 0, 2), ("发挥作用", 2, 2)]
    assert (rating.stars, rating.level, rating.target_stars) == (3, "需加强指导", 5)
    groups = item(rating, "co-org-groups")
    assert (groups.status, groups.decided_by, groups.on_date) == ("已销号", "体检", TODAY)
    assert "达标" in groups.evidence
    pioneer_item = item(rating, "co-role-pioneer")
    assert (pioneer_item.status, pioneer_item.on_date) == ("已销号", "2026-01-08")
    assert "上半年已于2025-07-05公布" in pioneer_item.evidence
    hand = item(rating, "co-org-committee")
    assert (hand.status, hand.evidence, hand.on_date) == (
        "已销号", "2024年11月换届，选举结果报工委批复", "2025-01-10")

    checklist.reopen(store, branch.branch, 2025, "co-org-committee", "季度检查：委员缺额未补",
                     "2026-01-20")                                   # 摘星
    rating = rate(branch)
    assert (rating.stars, rating.level) == (2, "软弱涣散，列入整顿")
    assert (item(rating, "co-org-committee").status, item(rating, "co-org-committee").on_date) == (
        "未达标", None)
    last = store.query_one("SELECT reason FROM audit_log WHERE table_name = 'standard_marks' "
                           "ORDER BY id DESC")
    assert last["reason"] == "季度检查：委员缺额未补"
    assert audit.verify(store.conn).ok


def test_a_half_year_left_unpublished_keeps_the_pioneer_item_open(store):
    branch = Branch(store, "county-six-star")
    pioneer.publish(store, branch.branch, "2025H1", "2025-07-05")
    found = item(rate(branch), "co-role-pioneer")
    assert found.status == "未达标" and "下半年未公布" in found.evidence
    during = stars.rate(store, branch.branch, 2025, today="2025-09-01")
    assert item(during, "co-role-pioneer").status == "已销号"


def test_hand_items_need_evidence_and_decided_items_cannot_be_ticked(store):
    branch = Branch(store, "county-six-star")
    with pytest.raises(PioneerError, match="须写明达标依据"):
        checklist.strike_off(store, branch.branch, 2025, "co-sup-place", " ", "2025-03-01")
    with pytest.raises(PioneerError, match="由体检结果自动判定"):
        checklist.strike_off(store, branch.branch, 2025, "co-act-meetings", "开了", "2025-03-01")
    with pytest.raises(PioneerError, match="由先锋指数结果自动判定"):
        checklist.strike_off(store, branch.branch, 2025, "co-role-pioneer", "评了", "2025-03-01")
    with pytest.raises(PioneerError, match="须写明原因"):
        checklist.reopen(store, branch.branch, 2025, "co-sup-place", "", "2025-03-01")
    assert store.query("SELECT * FROM standard_marks") == []


def test_jiaxing_fortress_stars_from_the_share_of_items_struck_off(store):
    branch = Branch(store, "jiaxing-2016")
    assert (rate(branch).struck, rate(branch).stars) == (1, 0)       # only 流动党员 (none away)
    for item_id in ("jx-01", "jx-02", "jx-18", "jx-27", "jx-35", "jx-43", "jx-49"):
        checklist.strike_off(store, branch.branch, 2025, item_id, "见台账", "2025-12-01")
    pioneer.publish(store, branch.branch, "2025H1", "2025-07-05")
    pioneer.publish(store, branch.branch, "2025H2", "2026-01-08")
    assert (rate(branch).struck, rate(branch).stars) == (9, 0)       # 56 %
    branch.satisfy(branch.profile.rule("jx-29-recruitment"))
    branch.satisfy(branch.profile.rule("jx-03-party-building"))
    assert (rate(branch).struck, rate(branch).stars) == (11, 1)      # 69 % ≥ 60 %
    branch.satisfy(branch.profile.rule("jx-40-volunteer"))
    rating = rate(branch)
    assert (rating.struck, rating.stars, rating.max_stars) == (12, 2, 5)   # 75 % ≥ 70 %
    assert rating.level == "达到下属支部要求（二星级以上）" and rating.target_stars == 3


def test_a_party_committee_is_rated_with_each_branch_below(demo_store):
    ratings = stars.rate_all(demo_store, 1, 2025, today=TODAY)
    assert [r.org_name for r in ratings] == ["示范社区党委", "第一党支部", "第二党支部"]
    assert all(len(r.items) == 16 for r in ratings)


def test_a_profile_without_a_standard_says_so(store):
    branch = Branch(store, "national-2018")
    with pytest.raises(PioneerError, match="national-2018 没有星级标准"):
        rate(branch)
