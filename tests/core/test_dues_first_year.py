"""A real branch's first dues year from an EMPTY ledger (issue #9 part 5, #13 run lengths):
bases at the bracket edges, the opening balance, the collection sheet, 月收季结 and arrears.

Expected amounts are worked by hand from resources/rules/national-2018.toml, which encodes
中组部《关于中国共产党党费收缴、使用和管理的规定》(2008): 在职 ≤3000 元 0.5 %, ≤5000 1 %,
≤10000 1.5 %, above 2 %; 离退休 ≤5000 0.5 %, above 1 %; 学生 0.20 元. The six-month line is
《中国共产党章程》第九条: “连续六个月……不交纳党费……就被认为是自行脱党”.
"""
import pytest

from desktop_app.core import members, orgs
from desktop_app.core.dues import arrears, collection, ledger, opening
from desktop_app.core.dues.bases import base_sheet
from desktop_app.core.members import Member
from desktop_app.core.periods import parse_period
from desktop_app.core.rules.engine import check
from desktop_app.core.rules.findings import DUE_SOON, MET, OVERDUE
from desktop_app.core.rules.profile import load_profile
from desktop_app.core.store import StoreError

PROFILE = load_profile("national-2018")
STANDARD = PROFILE.dues_standard
NAMES = ("张一", "李二", "王三", "赵四")


@pytest.fixture
def branch(store):
    """A 党支部 created with the core APIs; four members who joined long before Shilu."""
    org = orgs.create(store, "ZB", "某社区第一党支部", "党支部", rule_profile="national-2018")
    ids = {n: members.add(store, Member(name=n, joined_on="2001-07-01"), org, since="2001-07-01")
           for n in NAMES}
    return org, ids


def base_all(store, ids, year, income_fen=400000):
    for member_id in ids.values():
        ledger.set_base(store, STANDARD, member_id, year, "在职", income_fen)


@pytest.mark.parametrize("category, income_yuan, monthly_fen", [
    ("在职", "3000.00", 1500),      # 3000 × 0.5 %: the top of the first bracket, inclusive
    ("在职", "3000.01", 3000),      # 3000.01 × 1 % = 30.0001 → 30.00
    ("在职", "5000.00", 5000),      # 5000 × 1 %
    ("在职", "5000.01", 7500),      # 5000.01 × 1.5 % = 75.00015 → 75.00
    ("在职", "10000.00", 15000),    # 10000 × 1.5 %
    ("在职", "10000.01", 20000),    # 10000.01 × 2 % = 200.0002 → 200.00
    ("离退休", "5000.00", 2500),    # 5000 × 0.5 %
    ("离退休", "5000.01", 5000),    # 5000.01 × 1 % = 50.0001 → 50.00
    ("在职", "2999.99", 1500),      # 2999.99 × 0.5 % = 14.99995 → 15.00 (half up)
])
def test_bases_from_income_at_the_bracket_edges(store, branch, category, income_yuan,
                                                 monthly_fen):
    _, ids = branch
    income = int(income_yuan.replace(".", ""))
    ledger.set_base(store, STANDARD, ids["张一"], 2026, category, income)
    assert ledger.monthly_fen(store, ids["张一"], "2026-05") == monthly_fen


def test_a_fixed_amount_or_a_fixed_category_and_the_year_sheet(store, branch):
    org, ids = branch
    ledger.set_base(store, STANDARD, ids["张一"], 2026, "在职", None, amount_fen=2500)  # unit says 25
    ledger.set_base(store, STANDARD, ids["李二"], 2026, "学生")
    ledger.set_base(store, STANDARD, ids["王三"], 2026, "在职", 400000)
    with pytest.raises(StoreError, match="须填写月收入"):
        ledger.set_base(store, STANDARD, ids["赵四"], 2026, "在职")
    sheet = {line.name: line for line in base_sheet(store, STANDARD, org, 2026)}
    assert (sheet["张一"].amount_fen, sheet["张一"].how) == (2500, "固定金额（未填收入）")
    assert (sheet["李二"].amount_fen, sheet["李二"].how) == (20, "学生，每月0.20元起")
    assert (sheet["王三"].amount_fen, sheet["王三"].how) == (4000, "月收入4000.00元，按1%")
    assert (sheet["赵四"].amount_fen, sheet["赵四"].how) == (None, "尚未核定")


def finding(store, org, period, today):
    found = check(store, org, parse_period(period), profile=PROFILE, today=today)
    return next(f for f in found if f.rule_id == "dz-9-dues-arrears")


def test_a_freshly_imported_roster_has_no_false_arrears(store, branch):
    org, ids = branch
    # Day one: nothing recorded about dues. Not "连续N个月未交" for everyone: one to-do.
    first = finding(store, org, "2026Q1", "2026-02-10")
    assert first.status == DUE_SOON and "连续" not in first.detail
    assert "4人尚无党费期初" in first.detail and not first.member_ids
    assert arrears.arrears(store, org, "2026-01").unknown == sorted(NAMES)
    # "全部已交至 2025年12月", except 王三 who had paid only through September.
    opening.set_opening(store, org, "2025-12", {ids["王三"]: "2025-09"}, "2026-01-05")
    base_all(store, ids, 2026)
    collection.collect_month(store, org, "2026-01", "2026-01-10")
    report = arrears.arrears(store, org, "2026-01")
    assert report.unknown == []
    assert [(a.name, a.months, a.longest_run) for a in report.arrears] == [
        ("王三", ("2025-10", "2025-11", "2025-12"), 3)]
    later = finding(store, org, "2026Q1", "2026-02-10")
    assert later.status == DUE_SOON and set(later.member_ids) == {ids["王三"]}


def test_the_opening_is_set_again_with_new_exceptions(store, branch):
    org, ids = branch
    opening.set_opening(store, org, "2025-12", {ids["王三"]: "2025-09"})
    again = opening.set_opening(store, org, "2025-11", {ids["赵四"]: "2025-06"})
    assert again.paid_through == "2025-11" and again.exceptions == {ids["赵四"]: "2025-06"}
    assert opening.paid_through(store, list(ids.values())) == {
        ids["张一"]: "2025-11", ids["李二"]: "2025-11", ids["王三"]: "2025-11",
        ids["赵四"]: "2025-06"}


def test_all_paid_then_the_exceptions(store, branch):
    org, ids = branch
    opening.set_opening(store, org, "2025-12")
    base_all(store, ids, 2026)
    done = collection.collect_month(store, org, "2026-01", "2026-01-12", {ids["李二"]}, "组织委员")
    assert [r.number for r in done.receipts] == ["ZB-2026-0001", "ZB-2026-0002", "ZB-2026-0003"]
    assert {r.total_fen for r in done.receipts} == {4000} and done.unpaid == ["李二"]
    assert collection.round_entered(store, org, "2026-01") == "2026-01-12"
    grid = collection.year_grid(store, org, 2026, "2026-02-15")
    cells = {row.name: (row.cells["2026-01"], row.cells["2026-02"])
             for row in grid.rows}
    assert cells == {"张一": ("已交", "待收"), "李二": ("未交", "待收"), "王三": ("已交", "待收"),
                     "赵四": ("已交", "待收")}
    assert collection.year_grid(store, org, 2025, "2026-02-15").rows[0].cells["2025-12"] == "期初"
    # 李二 pays later; entering the sheet again adds nobody twice.
    again = collection.collect_month(store, org, "2026-01", "2026-01-20")
    assert [r.member_id for r in again.receipts] == [ids["李二"]] and again.unpaid == []
    assert store.query_one("SELECT count(*) AS n FROM dues_payments")["n"] == 4


def test_a_missing_base_refuses_the_whole_sheet(store, branch):
    org, ids = branch
    opening.set_opening(store, org, "2025-12")
    ledger.set_base(store, STANDARD, ids["张一"], 2026, "在职", 400000)
    with pytest.raises(StoreError, match="尚未核定 2026 年的党费基数：.*李二"):
        collection.collect_month(store, org, "2026-01", "2026-01-12")
    assert store.query_one("SELECT count(*) AS n FROM dues_receipts")["n"] == 0
    assert collection.round_entered(store, org, "2026-01") is None


def test_settlement_on_the_right_days(store, branch):
    org, ids = branch
    opening.set_opening(store, org, "2025-12")
    base_all(store, ids, 2026)
    collection.collect_month(store, org, "2026-01", "2026-01-10")
    collection.collect_month(store, org, "2026-02", "2026-02-10")
    with pytest.raises(StoreError, match="最早在季度最后一个月（2026-03-01 起）结算"):
        ledger.settle(store, org, "2026Q1", "2026-02-28")
    with pytest.raises(StoreError, match="3月的党费尚未登记收缴"):
        ledger.settle(store, org, "2026Q1", "2026-03-05")
    collection.collect_month(store, org, "2026-03", "2026-03-10", {ids["赵四"]})
    with pytest.raises(StoreError, match="3月的党费尚未登记收缴"):
        ledger.settle(store, org, "2026Q1", "2026-03-09")      # the sheet came a day later
    ledger.settle(store, org, "2026Q1", "2026-03-10", "街道党工委")
    settled = ledger.settlement_of(store, org, "2026Q1")
    assert settled["total_fen"] == (4 + 4 + 3) * 4000
    # 赵四 pays March after the settlement: that money belongs to the next quarter.
    with pytest.raises(StoreError, match="2026Q1 已于 2026-03-10 结算.*2026-04-01 或以后"):
        ledger.collect(store, org, ids["赵四"], ["2026-03"], "2026-03-25")
    ledger.collect(store, org, ids["赵四"], ["2026-03"], "2026-04-02")
    assert ledger.quarter_summary(store, org, "2026Q1").reconciles


def test_arrears_of_nine_months_are_reported_as_nine(store, branch):
    org, ids = branch
    opening.set_opening(store, org, "2025-12", {ids["赵四"]: "2025-03"})
    assert arrears.arrears(store, org, "2025-12").arrears[0].longest_run == 9     # Apr–Dec
    found = finding(store, org, "2025Q4", "2026-01-15")
    assert found.status == OVERDUE and "赵四 连续9个月未交" in found.detail


@pytest.mark.parametrize("paid_through, run, status", [
    ("2025-07", 5, DUE_SOON),       # one month below the 党章 line
    ("2025-06", 6, OVERDUE),        # on it
    ("2025-05", 7, OVERDUE),        # above it
])
def test_the_six_month_line_of_the_party_constitution(store, branch, paid_through, run, status):
    org, ids = branch
    opening.set_opening(store, org, "2025-12", {ids["赵四"]: paid_through})
    found = finding(store, org, "2025Q4", "2026-01-15")
    assert found.status == status and set(found.member_ids) == {ids["赵四"]}
    assert (f"赵四 连续{run}个月未交" in found.detail) == (status == OVERDUE)
    assert arrears.arrears(store, org, "2025-12").arrears[0].longest_run == run


def test_everyone_paid_through_the_opening_meets_the_rule(store, branch):
    org, _ = branch
    opening.set_opening(store, org, "2025-12")
    assert finding(store, org, "2025Q4", "2026-01-15").status == MET


def test_a_run_is_not_cut_at_a_look_back_window(store, branch):
    """#13: paid Jan–Mar 2025 in Shilu, then nothing: April–December is a run of nine, which the
    check of 2025Q4 once reported as eight (its window began in May)."""
    org, ids = branch
    base_all(store, ids, 2025)
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    for name, paid in (("张一", months), ("李二", months), ("王三", months), ("赵四", months[:3])):
        ledger.collect(store, org, ids[name], paid, "2025-01-10")
    found = finding(store, org, "2025Q4", "2026-01-15")
    assert found.status == OVERDUE and found.detail == "赵四 连续9个月未交"


def test_settlement_also_counts_a_month_everyone_has_paid(store, branch):
    """No sheet saved, but every member due in March paid it by the 8th: the month is collected."""
    org, ids = branch
    opening.set_opening(store, org, "2026-02")
    base_all(store, ids, 2026)
    for name in NAMES[:3]:
        ledger.collect(store, org, ids[name], ["2026-03"], "2026-03-08")
    with pytest.raises(StoreError, match="3月的党费尚未登记收缴"):
        ledger.settle(store, org, "2026Q1", "2026-03-08")
    ledger.collect(store, org, ids["赵四"], ["2026-03"], "2026-03-09")
    ledger.settle(store, org, "2026Q1", "2026-03-09")
    assert ledger.settlement_of(store, org, "2026Q1")["total_fen"] == 4 * 4000


def test_the_pioneer_dues_item_leaves_the_opening_months_alone(store, branch):
    """Shilu started in April: January–March are the 期初's, not months paid late."""
    from desktop_app.core.scoring import pioneer
    org, ids = branch
    opening.set_opening(store, org, "2026-03")
    base_all(store, ids, 2026)
    for month in ("2026-04", "2026-05", "2026-06"):
        collection.collect_month(store, org, month, f"{month}-05")
    result = pioneer.evaluate(store, org, "2026H1")
    line = next(x for x in result.members[0].lines if x.title == "按月交纳党费")
    assert line.reason.startswith("应交3个月，按时交纳3个月") and "未按时" not in line.reason


def test_the_home_page_asks_once_for_the_opening(store, branch):
    from desktop_app.core import dashboard
    org, _ = branch
    dues = [i for i in dashboard.build(store, org, "2026-02-10").todo if i.kind == "党费"]
    assert [i.text for i in dues] == ["4 名党员尚无党费期初（已交至哪个月），请在“党费”页设置期初"]
    opening.set_opening(store, org, "2026-01")
    assert not [i for i in dashboard.build(store, org, "2026-02-10").todo if i.kind == "党费"]


def test_what_each_member_owes_at_the_bases_on_record(store, branch):
    """Opening through 2025-09 (李二 2025-08, 赵四 2025-06), 2025 bases of 4000 元 at 1 % = 40 元 a
    month, no 2026 base yet, nothing paid since: through 2026-02 the 2025 months are priced, the
    two 2026 months are counted as unpriced. Longest run first, then by name."""
    org, ids = branch
    opening.set_opening(store, org, "2025-09", {ids["李二"]: "2025-08", ids["赵四"]: "2025-06"})
    base_all(store, ids, 2025)
    report = arrears.arrears(store, org, "2026-02")
    assert report.through == "2026-02" and report.unknown == []
    assert [(a.name, len(a.months), a.months[0], a.owed_fen, a.unpriced, a.longest_run)
            for a in report.arrears] == [
        ("赵四", 8, "2025-07", 6 * 4000, 2, 8),
        ("李二", 6, "2025-09", 4 * 4000, 2, 6),
        ("张一", 5, "2025-10", 3 * 4000, 2, 5),
        ("王三", 5, "2025-10", 3 * 4000, 2, 5),
    ]
    assert report.arrears[0].member_id == ids["赵四"]
    assert report.arrears[0].months[-1] == "2026-02"
