"""The 党费 page's year grid, the monthly sheet's date edge and the page's save (sheet plus 补交,
all or nothing), worked out by hand on a three-member branch (mutation survivors of
`dues/collection`, issue #17).

The branch has no 期初, so its record starts at its first dues month: 李二's March payment (paid
5 March). 张一 never pays; 王三 joins on 10 April. April's sheet is entered on 10 April with 张一
unpaid, December's on 5 December with everyone unpaid; 李二 prepays December on 1 June."""
import pytest

from desktop_app.core import members, orgs
from desktop_app.core.dues import collection, ledger
from desktop_app.core.dues.collection import (BEFORE, NOT_DUE, OPEN, PAID, UNPAID, GridRow,
                                              MonthCollection, YearGrid)
from desktop_app.core.members import Member
from desktop_app.core.rules.profile import load_profile
from desktop_app.core.store import StoreError, audit

STANDARD = load_profile("national-2018").dues_standard
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]
FEN = 4000          # 4000.00 yuan a month at 1 %: 40.00 yuan


@pytest.fixture
def branch(store):
    org = orgs.create(store, "B", "测试党支部", "党支部")
    li = members.add(store, Member(name="李二", joined_on="2001-07-01"), org, since="2001-07-01")
    zhang = members.add(store, Member(name="张一", joined_on="2001-07-01"), org, since="2001-07-01")
    wang = members.add(store, Member(name="王三", joined_on="2001-07-01"), org, since="2026-04-10")
    for member_id in (li, zhang, wang):
        ledger.set_base(store, STANDARD, member_id, 2026, "在职", 400000)
    return store, org, li, zhang, wang


def _record(branch):
    store, org, li, zhang, wang = branch
    ledger.collect(store, org, li, ["2026-03"], "2026-03-05")
    collection.collect_month(store, org, "2026-04", "2026-04-10", unpaid={zhang})
    ledger.collect(store, org, li, ["2026-12"], "2026-06-01")
    collection.collect_month(store, org, "2026-12", "2026-12-05", unpaid={li, zhang, wang})


def test_the_year_grid_worked_out_by_hand(branch):
    store, org, li, zhang, wang = branch
    _record(branch)
    grid = collection.year_grid(store, org, 2026, "2026-06-15")
    rest = [OPEN] * 5                                           # July to November
    assert grid == YearGrid(org, 2026, MONTHS, [
        GridRow(li, "李二", dict(zip(MONTHS, [BEFORE, BEFORE, PAID, PAID, UNPAID, OPEN, *rest,
                                               PAID])),
                {"2026-03": FEN, "2026-04": FEN, "2026-12": FEN}),
        GridRow(wang, "王三", dict(zip(MONTHS, [NOT_DUE] * 3 + [PAID, UNPAID, OPEN, *rest,
                                                               UNPAID])),
                {"2026-04": FEN}),
        GridRow(zhang, "张一", dict(zip(MONTHS, [BEFORE, BEFORE, UNPAID, UNPAID, UNPAID, OPEN,
                                                *rest, UNPAID])), {}),
    ], {"2026-04": "2026-04-10", "2026-12": "2026-12-05"})


@pytest.mark.parametrize("today, month, cell", [
    ("2026-04-20", "2026-04", UNPAID),     # April's sheet entered, the month not over yet
    ("2026-05-30", "2026-05", OPEN),       # the day before May's last
    ("2026-05-31", "2026-05", OPEN),       # May's last day: not yet passed
    ("2026-06-01", "2026-05", UNPAID),     # the day after
    ("2026-03-20", "2026-03", OPEN),       # the record's first month, not yet passed
    ("2026-04-01", "2026-03", UNPAID),     # … and passed
])
def test_a_month_is_unpaid_once_passed_or_entered(branch, today, month, cell):
    store, org, li, zhang, wang = branch
    _record(branch)
    grid = collection.year_grid(store, org, 2026, today)
    row = next(r for r in grid.rows if r.member_id == zhang)
    assert row.cells[month] == cell


def test_a_sheet_in_january_is_in_the_year(branch):
    store, org, li, zhang, wang = branch
    collection.collect_month(store, org, "2026-01", "2026-01-20", unpaid={li, zhang})
    grid = collection.year_grid(store, org, 2026, "2026-01-25")
    assert grid.entered == {"2026-01": "2026-01-20"}
    assert [r.cells["2026-01"] for r in grid.rows] == [UNPAID, NOT_DUE, UNPAID]


def test_an_organisation_without_members_has_an_empty_grid(store):
    org = orgs.create(store, "E", "空党支部", "党支部")
    assert collection.year_grid(store, org, 2026, "2026-06-15") == YearGrid(org, 2026, MONTHS, [],
                                                                           {})


def test_a_sheet_may_be_dated_the_first_of_its_month_not_the_day_before(branch):
    store, org, li, zhang, wang = branch
    with pytest.raises(StoreError) as refused:
        collection.collect_month(store, org, "2026-04", "2026-03-31")
    assert str(refused.value) == "2026年4月的党费收缴日期 2026-03-31 早于该月"
    done = collection.collect_month(store, org, "2026-04", "2026-04-01", unpaid={zhang})
    assert [(r.member_id, r.months, r.total_fen) for r in done.receipts] == [
        (li, ("2026-04",), FEN), (wang, ("2026-04",), FEN)]
    assert done.unpaid == ["张一"]
    assert collection.round_entered(store, org, "2026-04") == "2026-04-01"


def test_saving_only_late_payments_records_no_sheet(branch):
    store, org, li, zhang, wang = branch
    saved = collection.save_sheet(store, org, "2026-05", "2026-05-10", None,
                                  {zhang: ["2026-02", "2026-03"], li: ["2026-01"]}, collector="甲")
    assert saved.month == "2026-05" and saved.unpaid == []
    assert [(r.member_id, r.months, r.total_fen) for r in saved.receipts] == [
        (li, ("2026-01",), FEN), (zhang, ("2026-02", "2026-03"), 2 * FEN)]
    assert collection.round_entered(store, org, "2026-05") is None
    assert {r["collector"] for r in store.query("SELECT collector FROM dues_receipts")} == {"甲"}


def test_saving_a_sheet_with_late_payments_gives_both_receipts(branch):
    store, org, li, zhang, wang = branch
    saved = collection.save_sheet(store, org, "2026-05", "2026-05-10", {zhang},
                                  {zhang: ["2026-04"]}, collector="甲")
    assert isinstance(saved, MonthCollection) and saved.unpaid == ["张一"]
    assert [(r.member_id, r.months) for r in saved.receipts] == [
        (li, ("2026-05",)), (wang, ("2026-05",)), (zhang, ("2026-04",))]
    assert [r.paid_on for r in saved.receipts] == ["2026-05-10"] * 3
    assert collection.round_entered(store, org, "2026-05") == "2026-05-10"
    rows = store.query("SELECT collector FROM dues_rounds")
    assert [r["collector"] for r in rows] == ["甲"]


def test_a_late_payment_that_cannot_be_taken_undoes_the_whole_save(branch):
    """张一 has no 2025 base: the 补交 of 2025-12 is refused, and May's sheet with it."""
    store, org, li, zhang, wang = branch
    with pytest.raises(StoreError, match="尚未核定 2025 年的党费基数"):
        collection.save_sheet(store, org, "2026-05", "2026-05-10", set(), {zhang: ["2025-12"]})
    assert store.query("SELECT id FROM dues_receipts") == []
    assert collection.round_entered(store, org, "2026-05") is None


def test_a_sheet_entered_twice_keeps_one_round_and_the_audit_chain_whole(branch):
    """The second entry of April's sheet (张一 pays after all) updates the round; every write is
    in the audit chain under its own table, and the collector is on each receipt."""
    store, org, li, zhang, wang = branch
    first = collection.collect_month(store, org, "2026-04", "2026-04-10", unpaid={zhang},
                                     collector="甲")
    assert first.month == "2026-04" and audit.verify(store.conn).ok
    again = collection.collect_month(store, org, "2026-04", "2026-04-12", collector="乙")
    assert (again.month, [r.member_id for r in again.receipts], again.unpaid) == (
        "2026-04", [zhang], [])
    assert audit.verify(store.conn).ok
    rounds = store.query("SELECT month, entered_on, collector FROM dues_rounds")
    assert [dict(r) for r in rounds] == [{"month": "2026-04", "entered_on": "2026-04-12",
                                          "collector": "乙"}]
    assert [r["collector"] for r in store.query(
        "SELECT collector FROM dues_receipts ORDER BY id")] == ["甲", "甲", "乙"]


def test_a_sheet_with_bases_missing_names_every_member_concerned(branch):
    store, org, li, zhang, wang = branch
    with pytest.raises(StoreError) as refused:
        collection.collect_month(store, org, "2027-01", "2027-01-10")
    assert str(refused.value) == ("以下党员尚未核定 2027 年的党费基数：李二、张一、王三。"
                                  "请先在“基数”中核定，或把他们标为未交")
    assert store.query("SELECT id FROM dues_receipts") == []
