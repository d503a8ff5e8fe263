"""Rosters built to catch the import's short paths out (a row's first two filled cells, the name
label looked up only where 名 is, …), as secretaries' files really are. Each expected value was
worked out by hand."""
import pytest

from desktop_app.core.dates import DateFormatError
from desktop_app.core.roster import rows
from tests.core.test_roster_kinds import HEAD, ROW_A, ROW_B, ledger, plan_of, write_xlsx  # noqa: F401

FOOTER = "表格下方的合计、签名或说明，不是党员，未导入"


def test_a_total_row_that_goes_on_numbering_the_serial_column_is_skipped(ledger, tmp_path):
    # The 序号 column runs on into the 合计 row (3, then 合计 under 姓名): the serial number is
    # no content, so the row starts with 合计 as much as one without a 序号 column does.
    for footer in ([3, "合计", None, None, None, None, "2人"],
                   [3, "合计"],
                   ["3", None, "合 计", None, None, None, "2"],
                   [3, "—", "总计：2人"]):
        plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", [HEAD, ROW_A, ROW_B, footer]))
        assert [a.row for a in plan.adds] == [2, 3], footer
        assert plan.ok, (footer, [str(e) for e in plan.errors])
        assert [(s.number, s.reason) for s in plan.skipped] == [(4, FOOTER)], footer


def test_a_person_row_is_still_a_person_after_its_serial_number(ledger, tmp_path):
    # The same look at the first cell after 序号 must not take people for footers.
    rows = [HEAD, [1, "全明", "男", None, "2005-07-01", "2006-07-01", None],
            [2, "盖长", "女", None, "2010-07-01", "2011-07-01", None]]
    plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", rows))
    assert [a.member.name for a in plan.adds] == ["全明", "盖长"]
    assert plan.skipped == []
    # A branch column before 姓名 whose name starts like a footer (统计局) holds a person too.
    rows = [["序号", "所在党支部", "姓名", "入党日期"], [1, "统计局党支部", "甲一", "2005-07-01"],
            [2, "审核中心党支部", "乙二", "2010-07-01"]]
    plan = plan_of(ledger, write_xlsx(tmp_path / "b.xlsx", rows))
    assert [a.member.name for a in plan.adds] == ["甲一", "乙二"]
    assert plan.skipped == []


def test_invisible_characters_pasted_from_web_pages_are_removed(ledger, tmp_path):
    # A soft hyphen (U+00AD) shows as nothing in Excel: 王­五 reads 王五 to the secretary, as
    # 张\u200b三 (zero-width space) already does; an ID number with one is the plain number.
    rows = [HEAD, [1, "王\u00ad五", "男", ROW_A[3][:6] + "\u00ad" + ROW_A[3][6:], "2005-07-01",
                   "2006-07-01", None],
            [2, "张\u200b三", "女", None, "2010-07-01", "2011-07-01", None]]
    plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", rows))
    assert [str(e) for e in plan.errors] == []
    assert [(a.member.name, a.member.id_number) for a in plan.adds] == [
        ("王五", "110105198001010016"), ("张三", None)]


def test_dates_written_with_a_typographic_dash_read_as_with_a_hyphen(ledger, tmp_path):
    # Copied from Word or a web page, 1980‐01‐01 (U+2010), 2005–07–01 (en dash) and 2006−07−01
    # (minus sign) look like the ISO date; only a wrong date is refused, worded as any other.
    rows = [HEAD + ["出生日期"],
            [1, "甲一", "男", None, "2005\u201307\u201301", "2006\u221207\u221201", None,
             "1980\u201001\u201001"],
            [2, "乙二", "女", None, "2010\u201402\u201430", None, None, None]]
    plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", rows))
    assert [(a.member.birth_date, a.member.joined_on, a.member.confirmed_on)
            for a in plan.adds] == [("1980-01-01", "2005-07-01", "2006-07-01")]
    assert [(e.row, e.column) for e in plan.errors] == [(3, "入党日期")]
    assert "不存在的日期" in plan.errors[0].reason


@pytest.mark.parametrize("written", ["0000-00-00", "0000-00-00 00:00:00", "0000.00.00", "00000000",
                                     "0000/00/00"])
def test_an_all_zero_date_from_a_web_system_is_empty(written):
    assert rows.date_value(written) is None


def test_a_zero_year_with_a_real_month_is_still_refused():
    with pytest.raises(DateFormatError):
        rows.date_value("0000-07-01")
