"""Each kind of fault the real rosters showed (issue 10), fixed as a kind and not as one file:
other spellings of the same footer, placeholder, guard, format, sheet layout and implausible
person. Every expected value here was worked out by hand."""
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from desktop_app.cli.main import main
from desktop_app.core import members, orgs
from desktop_app.core.idcard import check_digit
from desktop_app.core.roster import formats
from desktop_app.core.roster.apply import ImportRefused, apply_import
from desktop_app.core.roster.export import export_roster
from desktop_app.core.roster.plan import plan_import
from desktop_app.core.roster.sheet import RosterFileError, SheetChoiceNeeded, read_sheet
from desktop_app.core.store import open_store

ROSTERS = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"
ON = "2025-07-01"
HEAD = ["序号", "姓名", "性别", "身份证号", "入党日期", "转正日期", "联系电话"]


def id_number(first17: str) -> str:
    return first17 + check_digit(first17)


ID_A = id_number("11010519800101001")      # born 1980-01-01, odd 17th digit: 男
ID_B = id_number("11010519850505002")      # born 1985-05-05, even: 女
ROW_A = [1, "甲一", "男", ID_A, "2005-07-01", "2006-07-01", "13800000001"]
ROW_B = [2, "乙二", "女", ID_B, "2010-07-01", "2011-07-01", "13800000002"]


@pytest.fixture
def ledger(store):
    root = orgs.create(store, "SQ", "某社区党委", "党委")
    orgs.create(store, "SQ-01", "第一党支部", "党支部", root)
    return store


def write_xlsx(path, rows, *, hidden=(), merges=(), sheets=None) -> Path:
    book = Workbook()
    for n, (title, sheet_rows) in enumerate((sheets or {"花名册": rows}).items()):
        ws = book.active if n == 0 else book.create_sheet()
        ws.title = title
        for row in sheet_rows:
            ws.append(row)
    for r in hidden:
        book.active.row_dimensions[r].hidden = True
    for ref in merges:
        book.active.merge_cells(ref)
    book.save(path)
    return path


def plan_of(store, path, **kwargs):
    return plan_import(store, read_sheet(path, **kwargs), ON)


@pytest.mark.parametrize("footer", [
    ["小计", "2人"], ["总计：2人"], ["合  计", None, None, None, "2"], [None, "审核人：王五"],
    [None, None, None, "填报日期：2025年6月30日"], ["注：身份证号以户籍为准"], ["说明：本表由支部填写"],
    ["制表：张三", None, "制表日期：2025-06-30"]])
def test_rows_under_the_table_are_skipped_whatever_they_say(ledger, tmp_path, footer):
    plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", [HEAD, ROW_A, ROW_B, footer]))
    assert plan.ok and len(plan.adds) == 2
    assert [s.number for s in plan.skipped] == [4]


def test_repeated_header_blank_separator_and_example_row(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        HEAD, [0, "示例：张三", "男", None, "2008-07-01"], ROW_A, [], HEAD, ROW_B, [], []])
    plan = plan_of(ledger, path)
    assert plan.ok and [a.row for a in plan.adds] == [3, 6]
    assert [(s.number, s.reason[:4]) for s in plan.skipped] == [
        (2, "模板中的"), (4, "空行"), (5, "重复的表")]     # trailing blank rows are not listed


@pytest.mark.parametrize("nothing", ["-", "－", "—", "——", "/", "／", "无", "暂无", "空", " - "])
def test_placeholders_are_empty_in_date_phone_and_id_cells(ledger, tmp_path, nothing):
    path = write_xlsx(tmp_path / "r.xlsx", [
        HEAD, [1, "甲一", "男", nothing, "2024-12-01", nothing, nothing]])
    plan = plan_of(ledger, path)
    assert plan.ok, [str(e) for e in plan.errors]
    member = plan.adds[0].member
    assert (member.id_number, member.confirmed_on, member.phone) == (None, None, None)


def test_a_dash_is_not_a_name(ledger, tmp_path):
    plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", [
        HEAD, [1, "-", "男", ID_A, "2005-07-01"], [2, ".", "女", ID_B, "2010-07-01"]]))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "姓名"), (3, "姓名")]
    assert "没有文字" in plan.errors[0].reason


@pytest.mark.parametrize("guarded", [f"'{ID_A}", f"{ID_A}\t", f'="{ID_A}"', f"’{ID_A}",
                                     f"_x0009_{ID_A}_x000D_"])
def test_text_guards_and_ooxml_escapes_are_stripped(ledger, tmp_path, guarded):
    book = Workbook()
    book.active.append(HEAD)
    book.active.append([1, "甲一", "男", None, "2005-07-01", "2006-07-01"])
    book.active["D2"].value = guarded
    book.active["D2"].data_type = "s"        # typed text, as Excel keeps ="…" pasted from CSV
    book.save(tmp_path / "r.xlsx")
    plan = plan_of(ledger, tmp_path / "r.xlsx")
    assert plan.ok and plan.adds[0].member.id_number == ID_A


def test_ooxml_escape_in_an_address_becomes_a_line_break(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [["姓名", "入党日期", "住址"],
                                            ["甲一", "2005-07-01", "幸福路1号_x000D_\n2单元"]])
    assert plan_of(ledger, path).adds[0].member.address == "幸福路1号\n2单元"


@pytest.mark.parametrize("encoding,separator", [("utf-8", ","), ("utf-8-sig", ","), ("gbk", ","),
                                                ("gb18030", "\t"), ("utf-8", "，"), ("utf-16", "\t")])
def test_text_files_in_every_encoding_and_separator(ledger, tmp_path, encoding, separator):
    lines = [["姓名", "性别", "身份证号", "入党日期", "转正日期"],
             ["甲一", "男", ID_A, "2005-07-01", "2006-07-01"]]
    path = tmp_path / "r.csv"
    path.write_bytes("\r\n".join(separator.join(line) for line in lines).encode(encoding))
    plan = plan_of(ledger, path)
    assert plan.ok and plan.adds[0].member.name == "甲一"
    assert plan.adds[0].member.id_number == ID_A


def test_several_roster_sheets_ask_which_and_the_others_are_named(ledger, tmp_path, capsys):
    path = write_xlsx(tmp_path / "r.xlsx", None, sheets={
        "第一支部": [HEAD, ROW_A], "说明": [["填表说明"]], "第二支部": [HEAD, ROW_B]})
    with pytest.raises(SheetChoiceNeeded) as raised:
        read_sheet(path)
    assert raised.value.choices == ["第一支部", "第二支部"]
    plan = plan_of(ledger, path, sheet="第二支部")
    assert [a.member.name for a in plan.adds] == ["乙二"]
    assert "以下工作表也像花名册，未导入：第一支部" in "\n".join(plan.notes())
    assert [a.member.name for a in plan_of(ledger, path, sheet="1").adds] == ["甲一"]
    ledger_file = tmp_path / "l.sqlite"
    store = open_store(ledger_file)
    orgs.create(store, "SQ", "第一党支部", "党支部")
    store.close()
    assert main(["--db", str(ledger_file), "roster", "import", str(path)]) == 2
    assert "--sheet" in capsys.readouterr().err
    assert main(["--db", str(ledger_file), "roster", "import", str(path), "--sheet", "第二支部"]) == 0
    assert "第一支部" in capsys.readouterr().out


def test_hidden_rows_are_imported_and_said_so(ledger, tmp_path):
    plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", [HEAD, ROW_A, ROW_B], hidden=[3]))
    assert len(plan.adds) == 2
    assert [(w.row, "隐藏" in w.reason) for w in plan.warnings] == [(3, True)]


def test_a_branch_merged_down_belongs_to_every_row_it_covers(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["姓名", "入党日期", "所在党支部"], ["甲一", "2005-07-01", "第二党支部"],
        ["乙二", "2010-07-01", None], ["丙三", "2011-07-01", "第一党支部"]], merges=["C2:C3"])
    plan = plan_of(ledger, path)
    assert [(a.member.name, a.branch) for a in plan.adds] == [
        ("甲一", "第二党支部"), ("乙二", "第二党支部"), ("丙三", "第一党支部")]


def test_a_fifteen_digit_id_becomes_eighteen_with_a_warning(ledger, tmp_path):
    # 110105 800101 001 → 110105 19800101 001 + check digit
    for old in ("110105800101001", 110105800101001):
        plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", [
            HEAD, [1, "甲一", "男", old, "2005-07-01", "2006-07-01"]]))
        assert plan.ok and plan.adds[0].member.id_number == ID_A
        assert ID_A in plan.warnings[0].reason and "15 位" in plan.warnings[0].reason


@pytest.mark.parametrize("joined,confirmed,column,words", [
    ("1997-12-31", "1998-12-31", "入党日期", "未满 18 周岁"),      # born 1980-01-01
    ("2005-07-01", "2007-07-02", "转正日期", "超过两年"),
    ("2005-07-01", "2005-07-01", "转正日期", "不在入党日期"),
    ("2005-07-01", "2099-07-01", "转正日期", "之后"),
])
def test_implausible_people_are_refused(ledger, tmp_path, joined, confirmed, column, words):
    plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", [
        HEAD, [1, "甲一", "男", ID_A, joined, confirmed]]))
    assert [e.column for e in plan.errors] == [column] and words in plan.errors[0].reason


def test_eighteenth_birthday_and_two_year_probation_are_allowed(ledger, tmp_path):
    plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", [
        HEAD, [1, "甲一", "男", ID_A, "1998-01-01", "2000-01-01"]]))
    assert plan.ok


def test_a_duplicated_id_names_both_rows(ledger, tmp_path):
    plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", [
        HEAD, ROW_A, ROW_B, [3, "甲一", "男", ID_A, "2005-07-01", "2006-07-01"]]))
    assert [(e.row, e.reason) for e in plan.errors] == [
        (4, "第 2 行和第 4 行的身份证号相同，同一个人只能有一行")]


def test_strict_open_xml_xlsb_and_oversized_files_are_named(tmp_path, monkeypatch):
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(strict, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml",
                   '<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>')
    with pytest.raises(RosterFileError, match="strict.xlsx 是“Strict Open XML"):
        read_sheet(strict)
    xlsb = tmp_path / "b.xlsx"
    with zipfile.ZipFile(xlsb, "w") as z:
        z.writestr("xl/workbook.bin", b"\x00")
    with pytest.raises(RosterFileError, match="二进制工作簿"):
        read_sheet(xlsb)
    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 100)
    with pytest.raises(RosterFileError, match="超过花名册文件的上限"):
        read_sheet(ROSTERS / "summary-and-signature-rows.xlsx")


@pytest.mark.parametrize("body", [
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Workbook '
    'xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
    '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
    '<Worksheet><Table><Row ss:Index="99999999"/></Table></Worksheet></Workbook>',
    '<html><body><p>没有表格</p></body></html>'])
def test_hostile_or_empty_web_files_give_a_reason_naming_the_file(tmp_path, body):
    path = tmp_path / "网页.xls"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RosterFileError, match="网页.xls"):
        read_sheet(path)


def test_dry_run_and_import_agree_on_every_fixture(tmp_path, capsys):
    """The same checks: a file the dry run passes imports, a file it refuses is refused."""
    for path in sorted(ROSTERS.iterdir()):
        if path.suffix == ".py":
            continue
        ledger_file = tmp_path / f"{path.stem}.sqlite"
        store = open_store(ledger_file)
        root = orgs.create(store, "SQ", "某社区党委", "党委")
        orgs.create(store, "SQ-01", "第一党支部", "党支部", root)
        store.close()
        dry = main(["--db", str(ledger_file), "roster", "import", str(path), "--dry-run"])
        real = main(["--db", str(ledger_file), "roster", "import", str(path)])
        assert dry == real, (path.name, capsys.readouterr())


def test_import_refused_when_the_ledger_changed_since_the_preview(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [HEAD, ROW_A])
    plan = plan_of(ledger, path)
    members.add(ledger, members.Member("甲一", id_number=ID_A, joined_on="2005-07-01"),
                orgs.by_code(ledger, "SQ-01").id)
    with pytest.raises(ImportRefused, match="预览之后已被修改"):
        apply_import(ledger, plan, ON)


def test_dry_run_refuses_a_sealed_period_change_as_the_import_does(tmp_path, capsys):
    """A move dated inside a sealed period needs a 更正原因: without one, the dry run fails with
    the import's message; with --reason both pass."""
    ledger_file = tmp_path / "l.sqlite"
    store = open_store(ledger_file)
    root = orgs.create(store, "SQ", "某社区党委", "党委")
    branch = orgs.create(store, "SQ-01", "第一党支部", "党支部", root)
    members.add(store, members.Member("甲一", id_number=ID_A, joined_on="2005-07-01"), branch)
    store.seal_through("2025-06-30", "上半年报送")
    store.close()
    path = write_xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "所在党支部"],
                                            ["甲一", ID_A, "第二党支部"]])
    command = ["--db", str(ledger_file), "roster", "import", str(path), "--date", "2025-06-01"]
    outcomes = []
    for extra in (["--dry-run"], []):
        outcomes.append(main([*command, *extra]))
        outcomes.append("须填写更正原因" in capsys.readouterr().err)
    assert outcomes == [1, True, 1, True]
    assert main([*command, "--dry-run", "--reason", "补记调整"]) == 0
    assert main([*command, "--reason", "补记调整"]) == 0


def test_export_writes_formula_like_text_as_text(ledger, tmp_path):
    branch = orgs.by_code(ledger, "SQ-01").id
    members.add(ledger, members.Member("甲一", joined_on="2005-07-01", confirmed_on="2006-07-01",
                                       notes="=HYPERLINK(\"http://x\")", workplace="+86 单位",
                                       address="@地址\x0b二单元"), branch)
    out = tmp_path / "花名册.xlsx"
    export_roster(ledger, out, ON)
    ws = openpyxl.load_workbook(out)["花名册"]
    row = {ws.cell(3, c).value: ws.cell(4, c) for c in range(1, ws.max_column + 1)}
    assert row["备注"].value == "=HYPERLINK(\"http://x\")" and row["备注"].data_type == "s"
    assert row["工作单位"].value == "+86 单位" and row["住址"].value == "@地址\n二单元"
    assert row["入党日期"].is_date and row["入党日期"].number_format == "yyyy-mm-dd"
    assert ws.print_title_rows == "$3:$3" and ws.auto_filter.ref == "A3:Q4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert row["姓名"].font.name == "宋体" and row["姓名"].border.left.style == "thin"


def test_a_web_page_table_with_merged_branch_cells(ledger, tmp_path):
    """rowspan in a web system's table means what a range merged down means in Excel."""
    path = tmp_path / "导出.xls"
    path.write_text(
        "<html><meta charset='utf-8'><table><tr><th>所在党支部</th><th>姓名</th><th>入党日期</th></tr>"
        "<tr><td rowspan='2'>第二党支部</td><td>甲一</td><td>2005-07-01</td></tr>"
        "<tr><td>乙二</td><td>2010-07-01</td></tr>"
        "<tr><td colspan='2'>合计</td><td>2</td></tr></table></html>", encoding="utf-8")
    plan = plan_of(ledger, path)
    assert [(a.member.name, a.branch) for a in plan.adds] == [("甲一", "第二党支部"),
                                                            ("乙二", "第二党支部")]
    assert [s.number for s in plan.skipped] == [4]
