"""The dues ledger: receipts, 月收季结 in integer fen, arrears, disclosure, sealing."""
import pytest
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm

from desktop_app.core import members, orgs
from desktop_app.core.dues import arrears, disclosure, ledger
from desktop_app.core.dues.disclosure_pdf import story, write_pdf
from desktop_app.core.exports import book_sections
from desktop_app.core.members import Member
from desktop_app.core.rules.profile import load_profile
from desktop_app.core.store import SealedPeriodError, StoreError
from tests.core.export_helpers import flat, pdf_text

STANDARD = load_profile("jiaxing-2016").dues_standard
# Incomes chosen so that amounts have odd fen: 0.5 % of 1234.57 = 6.17, 1 % of 3333.33 = 33.33 …
INCOMES = {"甲": 123457, "乙": 333333, "丙": 777777, "丁": 1111111}


@pytest.fixture
def branch(store):
    org = orgs.create(store, "B", "测试党支部", "党支部")
    ids = {name: members.add(store, Member(name=name, joined_on="2001-07-01"), org,
                             since="2025-01-01") for name in INCOMES}
    for name, income in INCOMES.items():
        ledger.set_base(store, STANDARD, ids[name], 2025, "在职", income)
    return org, ids


def test_bases_follow_the_standard_and_allow_paying_more(store, branch):
    _, ids = branch
    assert [ledger.monthly_fen(store, ids[n], "2025-03") for n in INCOMES] == [617, 3333, 11667, 22222]
    ledger.set_base(store, STANDARD, ids["甲"], 2025, "在职", 123457, amount_fen=1000)
    assert ledger.monthly_fen(store, ids["甲"], "2025-03") == 1000
    with pytest.raises(StoreError, match="低于标准 6.17 元"):
        ledger.set_base(store, STANDARD, ids["甲"], 2025, "在职", 123457, amount_fen=600)


def test_receipts_are_numbered_per_organisation_and_year(store, branch):
    org, ids = branch
    first = ledger.collect(store, org, ids["甲"], ["2025-01", "2025-02"], "2025-02-05")
    second = ledger.collect(store, org, ids["乙"], ["2025-01"], "2025-02-06")
    assert (first.number, second.number) == ("B-2025-0001", "B-2025-0002")
    assert first.total_fen == 2 * 617 and first.months == ("2025-01", "2025-02")
    ledger.set_base(store, STANDARD, ids["甲"], 2026, "在职", 123457)
    assert ledger.collect(store, org, ids["甲"], ["2026-01"], "2026-01-05").number == "B-2026-0001"


def test_a_month_cannot_be_paid_twice_and_nothing_is_saved_half_way(store, branch):
    org, ids = branch
    ledger.collect(store, org, ids["甲"], ["2025-02"], "2025-02-05")
    with pytest.raises(StoreError, match="2025-02 的党费已交"):
        ledger.collect(store, org, ids["甲"], ["2025-01", "2025-02"], "2025-02-06")
    with pytest.raises(StoreError, match="尚未核定 2024 年的党费基数"):
        ledger.collect(store, org, ids["甲"], ["2024-12", "2025-01"], "2025-02-06")
    assert store.query_one("SELECT count(*) AS n FROM dues_receipts")["n"] == 1
    assert store.query_one("SELECT count(*) AS n FROM dues_payments")["n"] == 1


def test_quarter_totals_reconcile_to_the_fen(store, branch):
    org, ids = branch
    for name in ("甲", "乙", "丙"):
        for month, day in (("2025-07", "07-08"), ("2025-08", "08-08"), ("2025-09", "09-08")):
            ledger.collect(store, org, ids[name], [month], f"2025-{day}")
    ledger.collect(store, org, ids["丁"], ["2025-06", "2025-07"], "2025-07-20")   # arrears too
    summary = ledger.quarter_summary(store, org, "2025Q3")
    expected = 3 * (617 + 3333 + 11667) + 2 * 22222
    assert summary.collected_fen == expected == 91295
    assert summary.collected_by_month == {"2025-07": 617 + 3333 + 11667 + 2 * 22222,
                                          "2025-08": 617 + 3333 + 11667,
                                          "2025-09": 617 + 3333 + 11667}
    assert sum(line.collected_fen for line in summary.lines) == expected
    assert summary.reconciles
    settlement_id = ledger.settle(store, org, "2025Q3", "2025-10-08", "街道党工委")
    assert store.get("dues_settlements", settlement_id)["total_fen"] == 91295
    assert ledger.quarter_summary(store, org, "2025Q3").reconciles

    sheet = disclosure.internal_sheet(store, org, "2025Q3")
    assert sheet.header == ("序号", "姓名", "7月", "8月", "9月", "本季收缴", "备注")
    assert [row[1] for row in sheet.rows] == ["丙", "丁", "甲", "乙"]     # roster (pinyin) order
    assert sheet.rows[1] == ("2", "丁", "222.22", "未交", "未交", "444.44", "欠交8月、9月")
    assert sheet.total_row[-2] == "912.95"
    assert sheet.settlement_text == "已于 2025-10-08 结算上交 912.95 元（交街道党工委）"
    assert sheet.personal_data == "党员姓名、所交党费金额"


def test_settlement_waits_for_the_last_month_collection_and_happens_once(store, branch):
    org, _ = branch
    with pytest.raises(StoreError, match="最早在季度最后一个月（2025-09-01 起）结算"):
        ledger.settle(store, org, "2025Q3", "2025-08-31")
    with pytest.raises(StoreError, match="9月的党费尚未登记收缴"):
        ledger.settle(store, org, "2025Q3", "2025-09-30")
    ledger.settle(store, org, "2025Q3", "2025-10-01")        # the quarter is over: allowed
    with pytest.raises(StoreError, match="2025Q3 已结算"):
        ledger.settle(store, org, "2025Q3", "2025-10-02")


def test_six_months_of_arrears(store, branch):
    org, ids = branch
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    ledger.collect(store, org, ids["甲"], months, "2025-01-05")
    ledger.collect(store, org, ids["乙"], months[:6], "2025-01-05")      # Jul–Dec unpaid: 6
    ledger.collect(store, org, ids["丙"], months[:7], "2025-01-05")      # Aug–Dec unpaid: 5
    newcomer = members.add(store, Member(name="戊", joined_on="2025-10-15"), org,
                           since="2025-10-15")
    found = {a.name: a for a in arrears.arrears(store, org, "2025-12").arrears}
    assert "甲" not in found
    assert found["乙"].longest_run == 6 and found["乙"].owed_fen == 6 * 3333
    assert found["丙"].longest_run == 5
    assert found["丁"].longest_run == 12
    assert found["戊"].months == ("2025-10", "2025-11", "2025-12")   # due only from joining
    assert newcomer == found["戊"].member_id


def test_payments_into_a_sealed_quarter_need_a_correction_reason(store, branch):
    org, ids = branch
    receipt = ledger.collect(store, org, ids["甲"], ["2025-03"], "2025-03-05")
    store.seal_through("2025-03-31", "一季度报送")
    payment = store.query_one("SELECT id FROM dues_payments WHERE receipt_id = ?", [receipt.id])
    with pytest.raises(SealedPeriodError):
        store.update("dues_payments", payment["id"], {"amount_fen": 1})
    with pytest.raises(SealedPeriodError):
        ledger.collect(store, org, ids["乙"], ["2025-03"], "2025-03-31")
    late = ledger.collect(store, org, ids["乙"], ["2025-03"], "2025-04-02")   # after the seal: fine
    assert (late.member_id, late.paid_on, late.months) == (ids["乙"], "2025-04-02", ("2025-03",))
    assert store.query_one("SELECT count(*) AS n FROM dues_payments WHERE receipt_id = ?",
                           [late.id])["n"] == 1



def test_the_disclosure_sheet_prints_as_a_pdf_with_the_totals(store, branch, tmp_path):
    org, ids = branch
    for name in INCOMES:
        ledger.collect(store, org, ids[name], ["2025-07", "2025-08"], "2025-07-10")
    ledger.settle(store, org, "2025Q3", "2025-10-08")
    path = write_pdf(disclosure.internal_sheet(store, org, "2025Q3"), tmp_path / "公示.pdf")
    text = flat(pdf_text(path))
    assert "党费收缴情况内部公示" in text and "测试党支部2025年第三季度" in text
    assert "合计" + "".join(["378.39", "378.39", "0.00", "756.78"]) in text
    assert "已于2025-10-08结算上交756.78元" in text
    assert "本表不含身份证号、电话和收入" in text
    assert "制表人：" in text and "审核人：" in text
    table = next(f for f in story(disclosure.internal_sheet(store, org, "2025Q3"))
                 if hasattr(f, "_cellvalues"))
    total = table._cellvalues[-1]
    assert [cell.style.alignment for cell in total[2:-1]] == [TA_RIGHT] * (len(total) - 3)


def test_the_book_explains_a_quarter_paid_for_late(store, branch):
    """May's dues received in July: Q2 实交 counts them, Q3 本季收款 does — the book says why."""
    org, ids = branch
    first = next(iter(INCOMES))
    ledger.collect(store, org, ids[first], ["2025-04"], "2025-04-10")
    ledger.collect(store, org, ids[first], ["2025-05"], "2025-07-10")
    words = " ".join(f.getPlainText() for f in book_sections.dues(store, org, 2025, 170 * mm)
                     if hasattr(f, "getPlainText"))
    assert "二者不同是补交或预交所致" in words
    assert "第二季度实交" in words and "第三季度实交" in words
