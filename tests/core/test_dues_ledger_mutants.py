"""The dues ledger's edges, worked out by hand: what a base keeps, a fixed amount of one fen, the
refusal's figures, a payment on the day of the settlement and the day after, a member whose
opening covers the month exactly, and a quarter that shows a member who has left but paid here
(mutation survivors of `dues/ledger`, issue #17)."""
import pytest

from desktop_app.core import members, orgs
from desktop_app.core.dues import collection, ledger, opening
from desktop_app.core.members import Member
from desktop_app.core.rules.profile import load_profile
from desktop_app.core.store import StoreError, audit

STANDARD = load_profile("national-2018").dues_standard


@pytest.fixture
def branch(store):
    org = orgs.create(store, "B", "测试党支部", "党支部")
    li = members.add(store, Member(name="李二", joined_on="2001-07-01"), org, since="2001-07-01")
    zhang = members.add(store, Member(name="张一", joined_on="2001-07-01"), org, since="2001-07-01")
    return store, org, li, zhang


def _base(store, member_id, year):
    return dict(store.query_one("SELECT category, income_fen, amount_fen, set_on, notes "
                                "FROM dues_bases WHERE member_id = ? AND year = ?",
                                [member_id, year]))


def test_a_base_keeps_what_was_told_and_the_chain_stays_whole(branch):
    store, org, li, zhang = branch
    ledger.set_base(store, STANDARD, li, 2026, "在职", 400000, set_on="2026-01-15", notes="单位报")
    assert _base(store, li, 2026) == {"category": "在职", "income_fen": 400000, "amount_fen": 4000,
                                      "set_on": "2026-01-15", "notes": "单位报"}
    ledger.set_base(store, STANDARD, li, 2026, "学生", 400000)        # a student's income is not kept
    assert _base(store, li, 2026) == {"category": "学生", "income_fen": None, "amount_fen": 20,
                                      "set_on": "2026-01-01", "notes": None}
    assert audit.verify(store.conn).ok


def test_a_fixed_amount_without_income_may_be_one_fen_not_nothing(branch):
    store, org, li, zhang = branch
    ledger.set_base(store, STANDARD, li, 2026, "在职", None, amount_fen=1)
    assert ledger.monthly_fen(store, li, "2026-03") == 1
    with pytest.raises(StoreError) as refused:
        ledger.set_base(store, STANDARD, li, 2026, "在职", None, amount_fen=0)
    assert str(refused.value) == "每月党费 0.00 元低于标准 0.01 元"


def test_an_amount_below_the_standard_is_refused_with_both_figures_in_yuan(branch):
    store, org, li, zhang = branch
    with pytest.raises(StoreError) as refused:        # 4000.00 × 1 % = 40.00
        ledger.set_base(store, STANDARD, li, 2026, "在职", 400000, amount_fen=3999)
    assert str(refused.value) == "每月党费 39.99 元低于标准 40.00 元"


def test_a_payment_needs_a_month(branch):
    store, org, li, zhang = branch
    with pytest.raises(StoreError) as refused:
        ledger.collect(store, org, li, [], "2026-03-05")
    assert str(refused.value) == "请选择所交党费的月份"


def test_a_payment_on_the_settlement_day_counts_in_the_quarter_the_day_after_does_not(branch):
    """March's sheet entered on 10 March (张一 unpaid), Q1 settled on 20 March: 张一 may still pay
    on the 20th, inside Q1; from the 21st the money belongs to Q2."""
    store, org, li, zhang = branch
    for member_id in (li, zhang):
        ledger.set_base(store, STANDARD, member_id, 2026, "在职", 400000)
    collection.collect_month(store, org, "2026-03", "2026-03-10", unpaid={zhang})
    ledger.settle(store, org, "2026Q1", "2026-03-20")
    same_day = ledger.collect(store, org, zhang, ["2026-03"], "2026-03-20")
    assert (same_day.months, same_day.total_fen) == (("2026-03",), 4000)
    with pytest.raises(StoreError) as refused:
        ledger.collect(store, org, zhang, ["2026-02"], "2026-03-21")
    assert str(refused.value) == ("2026Q1 已于 2026-03-20 结算，此后收到的党费计入下一季度："
                                  "收缴日期请写 2026-04-01 或以后")
    assert audit.verify(store.conn).ok


def test_a_member_is_due_from_the_month_after_their_opening(branch):
    """张一's own opening is 已交至 2026-03: due in April, not in March (the edge)."""
    store, org, li, zhang = branch
    opening.set_member_opening(store, org, zhang, "2026-03", set_on="2026-01-05")
    assert ledger.due_in(store, org, "2026-03") == {li: "李二"}
    assert ledger.due_in(store, org, "2026-04") == {li: "李二", zhang: "张一"}


def test_a_member_without_a_joining_date_belongs_from_their_membership(store):
    org = orgs.create(store, "B", "测试党支部", "党支部")
    li = members.add(store, Member(name="李二"), org, since="2026-02-10")
    found = ledger.members_by_month(store, org, "2026-01", "2026-04")
    assert found[li]["months"] == {"2026-02", "2026-03", "2026-04"}


def test_a_quarter_shows_who_left_but_paid_here_and_what_each_owed(store):
    """李二 and 张一 from 2001; 张一 leaves on 15 February but pays January and February here on
    1 March. 李二 pays January to March on 10 January. 王三 left in December 2025 and pays its
    dues here on 5 January: a line of their own, owing nothing in Q1. 赵四 of another branch pays
    January there on 2 January: not in this quarter's sheet, and the rows after it still are.
    Lines in roster (pinyin) order, one no longer on the roster among them: 李 王 张."""
    other = orgs.create(store, "C", "别的党支部", "党支部")
    zhao = members.add(store, Member(name="赵四", joined_on="2001-07-01"), other, since="2001-07-01")
    ledger.set_base(store, STANDARD, zhao, 2026, "在职", 400000)
    ledger.collect(store, other, zhao, ["2026-01"], "2026-01-02")
    org = orgs.create(store, "B", "测试党支部", "党支部")
    wang = members.add(store, Member(name="王三", joined_on="2001-07-01"), org, since="2001-07-01")
    store.update("memberships", store.query_one("SELECT id FROM memberships WHERE member_id = ?",
                                                [wang])["id"], {"end_on": "2025-12-20"})
    ledger.set_base(store, STANDARD, wang, 2025, "在职", 400000)
    ledger.collect(store, org, wang, ["2025-12"], "2026-01-05")
    li = members.add(store, Member(name="李二", joined_on="2001-07-01"), org, since="2001-07-01")
    zhang = members.add(store, Member(name="张一", joined_on="2001-07-01"), org, since="2001-07-01")
    for member_id in (li, zhang):
        ledger.set_base(store, STANDARD, member_id, 2026, "在职", 400000)
    ledger.collect(store, org, li, ["2026-01", "2026-02", "2026-03"], "2026-01-10")
    store.update("memberships", store.query_one("SELECT id FROM memberships WHERE member_id = ?",
                                                [zhang])["id"], {"end_on": "2026-02-15"})
    ledger.collect(store, org, zhang, ["2026-01", "2026-02"], "2026-03-01")
    summary = ledger.quarter_summary(store, org, "2026Q1")
    months = ["2026-01", "2026-02", "2026-03"]
    assert (summary.org_id, summary.quarter, summary.months) == (org, "2026Q1", months)
    assert [(line.member_id, line.name, line.due, line.paid, line.collected_fen)
            for line in summary.lines] == [
        (li, "李二", dict.fromkeys(months, 4000), dict.fromkeys(months, 4000), 12000),
        (wang, "王三", dict.fromkeys(months), dict.fromkeys(months, 0), 4000),
        (zhang, "张一", {"2026-01": 4000, "2026-02": 4000, "2026-03": None},
         {"2026-01": 4000, "2026-02": 4000, "2026-03": 0}, 8000)]
    assert summary.collected_by_month == {"2026-01": 16000, "2026-02": 0, "2026-03": 8000}
    assert summary.collected_fen == 24000 and summary.settlement is None


def test_a_quarter_is_settled_from_the_first_day_of_its_last_month(branch):
    store, org, li, zhang = branch
    for member_id in (li, zhang):
        ledger.set_base(store, STANDARD, member_id, 2026, "在职", 400000)
    collection.collect_month(store, org, "2026-03", "2026-03-01")
    with pytest.raises(StoreError) as refused:
        ledger.settle(store, org, "2026Q1", "2026-02-28")
    assert str(refused.value) == "2026Q1 最早在季度最后一个月（2026-03-01 起）结算"
    ledger.settle(store, org, "2026Q1", "2026-03-01", handed_to="党委", notes="现金")
    settled = ledger.settlement_of(store, org, "2026Q1")
    assert (settled["settled_on"], settled["total_fen"], settled["handed_to"],
            settled["notes"]) == ("2026-03-01", 8000, "党委", "现金")
    assert audit.verify(store.conn).ok


def test_december_must_be_entered_before_q4_is_settled_in_december(branch):
    store, org, li, zhang = branch
    with pytest.raises(StoreError) as refused:
        ledger.settle(store, org, "2026Q4", "2026-12-05")
    assert str(refused.value).startswith("12月的党费尚未登记收缴，季末前结算须先登记本月收缴")


@pytest.mark.parametrize("month, quarter", [("2026-01", "2026Q1"), ("2026-03", "2026Q1"),
                                            ("2026-04", "2026Q2"), ("2026-09", "2026Q3"),
                                            ("2026-10", "2026Q4"), ("2026-12", "2026Q4")])
def test_the_quarter_of_a_month(month, quarter):
    assert ledger.quarter_of(month) == quarter


def test_a_quarter_reads_prepaid_months_and_late_money_received_in_it(store):
    """The branch has a 党小组 (two organisations to read). 李二 prepaid January to March on
    20 December 2025: paid in Q1, collected in Q4 2025. 张一 pays November 2025 on 3 March 2026:
    nothing paid for Q1's months, but 40.00 collected in March."""
    org = orgs.create(store, "B", "测试党支部", "党支部")
    group = orgs.create(store, "B-1", "第一党小组", "党小组", org)
    li = members.add(store, Member(name="李二", joined_on="2001-07-01"), group, since="2001-07-01")
    zhang = members.add(store, Member(name="张一", joined_on="2001-07-01"), group,
                        since="2001-07-01")
    for member_id in (li, zhang):
        ledger.set_base(store, STANDARD, member_id, 2025, "在职", 400000)
        ledger.set_base(store, STANDARD, member_id, 2026, "在职", 400000)
    ledger.collect(store, org, li, ["2026-01", "2026-02", "2026-03"], "2025-12-20")
    ledger.collect(store, group, zhang, ["2025-11"], "2026-03-03")
    summary = ledger.quarter_summary(store, org, "2026Q1")
    months = ["2026-01", "2026-02", "2026-03"]
    assert [(line.member_id, line.paid, line.collected_fen) for line in summary.lines] == [
        (li, dict.fromkeys(months, 4000), 0), (zhang, dict.fromkeys(months, 0), 4000)]
    assert summary.collected_by_month == {"2026-01": 0, "2026-02": 0, "2026-03": 4000}
