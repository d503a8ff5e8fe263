"""More files of the kinds issue 10 names, made the way a hostile tester would make them: each
kind of roster fault in spellings and positions the cases in ../shared/cases/roster/ do not show.
Every file is built here (tmp_path) and goes through `shilu roster import` on a ledger started
empty with `org add`, or through the planner; each either imports with the values worked out by
hand below or is refused with row-numbered Chinese reasons, leaving the ledger byte-identical."""
import struct
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop_app.cli.main import main
from desktop_app.core.idcard import check_digit
from desktop_app.core.roster.plan import plan_import
from desktop_app.core.roster.sheet import RosterFileError, read_sheet
from desktop_app.core.store import open_store

ON = "2025-07-01"
HEAD = ["序号", "姓名", "性别", "身份证号", "入党日期", "转正日期", "联系电话"]


def id_number(first17: str) -> str:
    return first17 + check_digit(first17)


ID_A = id_number("11010519800101001")      # born 1980-01-01, 17th digit odd: 男
ID_B = id_number("11010519850505002")      # born 1985-05-05, even: 女
ROW_A = [1, "甲一", "男", ID_A, "2005-07-01", "2006-07-01", "13800000001"]
ROW_B = [2, "乙二", "女", ID_B, "2010-07-01", "2011-07-01", "13800000002"]


def write_xlsx(path: Path, rows, *, merges=(), text_cells=()) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for ref in merges:
        book.active.merge_cells(ref)
    for ref in text_cells:      # typed as text, the way Excel keeps ="…" pasted from a CSV
        book.active[ref].data_type = "s"
    book.save(path)
    return path


@pytest.fixture
def ledger_file(tmp_path) -> Path:
    """An empty ledger with one 党支部, made as a new secretary makes it."""
    path = tmp_path / "ledger.sqlite"
    assert main(["--db", str(path), "org", "add", "--code", "Z001", "--name", "第一党支部",
                 "--kind", "党支部"]) == 0
    return path


def snapshot(path: Path) -> bytes:
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def shilu_import(ledger_file, path, capsys, *extra):
    """(exit code, stdout + stderr) of the import after its dry run: both must agree, and a
    refusal must leave the ledger file as it was."""
    capsys.readouterr()
    before = snapshot(ledger_file)
    dry = main(["--db", str(ledger_file), "roster", "import", str(path), "--date", ON,
                "--dry-run", *extra])
    assert snapshot(ledger_file) == before
    said = "".join(capsys.readouterr())
    real = main(["--db", str(ledger_file), "roster", "import", str(path), "--date", ON, *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in said + out + err
    assert dry == real, said + out + err
    if real != 0:
        assert snapshot(ledger_file) == before
    return real, out + err


def people(ledger_file) -> dict[str, dict]:
    store = open_store(ledger_file)
    try:
        return {m["name"]: dict(m) for m in store.query("SELECT * FROM members")}
    finally:
        store.close()


def plan_of(store, path, **kwargs):
    from desktop_app.core import orgs
    if orgs.root(store) is None:
        orgs.create(store, "Z001", "第一党支部", "党支部")
    return plan_import(store, read_sheet(path, **kwargs), ON)


# --- 1. rows that are not people ------------------------------------------------------------

@pytest.mark.parametrize("footer", [
    ["以上共2人", "其中预备党员0人"],                     # a count, the name column holding words
    ["本页小计", None, None, None, "2"],                  # the count under 入党日期
    ["单位（盖章）：", None, None, "负责人签字："],
    [None, "党组织书记（签字）：", None, "日期："],
    ["报表人：张三", "联系电话：13800000009"],
    ["统计", "2人"],
    ["男", "1人", "女", "1人"],
    ["说明", "1.本表由支部填写"],
    ["附：", "填表说明"],
    ["备注", "以户籍为准"],
    [None, "联系人：张三", None, "联系电话：13800000009"],
    ["第 1 页", None, None, None, "共 1 页"],
])
def test_summary_and_signature_rows_in_other_words_and_places(ledger_file, tmp_path, capsys,
                                                             footer):
    path = write_xlsx(tmp_path / "花名册.xlsx", [HEAD, ROW_A, ROW_B, footer])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and "新增 2 名" in out
    assert "跳过：第 4 行" in out and "不是党员，未导入" in out
    assert sorted(people(ledger_file)) == ["乙二", "甲一"]


def test_a_footer_merged_across_the_row_and_page_subtotals_between_pages(ledger_file, tmp_path,
                                                                         capsys):
    path = write_xlsx(tmp_path / "花名册.xlsx", [
        ["某社区党员花名册"], HEAD, ROW_A, ["小 计：", "1 人"], ["某社区党员花名册"], HEAD, ROW_B,
        ["合    计：2人"], ["制表人：张三     审核人：李四     填报日期：2025 年 6 月 30 日"]],
        merges=["A1:G1", "A4:G4", "A5:G5", "A8:G8", "A9:G9"])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and "新增 2 名" in out
    assert [line[:10] for line in out.splitlines() if line.startswith("跳过：")] == [
        "跳过：第 4 行 小", "跳过：第 5 行 某", "跳过：第 6 行 序", "跳过：第 8 行 合", "跳过：第 9 行 制"]


@pytest.mark.parametrize("example", [
    [0, "（示例）张三", "男", None, "2008-07-01"],
    [0, "张三（示例）", "男", None, "2008-07-01"],
    ["例", "张三", "男", None, "2008-07-01"],
    ["示例", "张三", "男", "110105199001011234", "2008-07-01"],      # an ID made up for show
    [None, "范例", "男", None, "2008-07-01"],
    [None, "填写示例", "男", None, "2008-07-01"],
])
def test_the_template_example_row_however_it_is_marked(ledger_file, tmp_path, capsys, example):
    path = write_xlsx(tmp_path / "花名册.xlsx", [HEAD, example, ROW_A, ROW_B])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and "跳过：第 2 行" in out and "模板中的示例行" in out
    assert sorted(people(ledger_file)) == ["乙二", "甲一"]


def test_a_person_whose_name_holds_an_example_word_is_a_person(store, tmp_path):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["姓名", "入党日期"], ["李样例", "2015-07-01"], ["王范例", "2016-07-01"]]))
    assert [a.member.name for a in plan.adds] == ["李样例", "王范例"] and not plan.skipped


def test_rows_holding_only_a_number_or_placeholders_are_blank(ledger_file, tmp_path, capsys):
    """A template numbered down to 50, or 无 written in every cell (the 采集表 forbids blanks)."""
    path = write_xlsx(tmp_path / "花名册.xlsx", [
        HEAD, ROW_A, [2, None, None, "无", "无", "—", "/"], [3, "乙二", "女", ID_B, "2010-07-01",
                                                          "2011-07-01", "13800000002"],
        [4], [5, "　", "－"], [6]])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and "新增 2 名" in out
    assert [line for line in out.splitlines() if line.startswith("跳过：")] == ["跳过：第 3 行：空行"]


def test_a_signature_in_a_persons_notes_does_not_skip_the_person(store, tmp_path):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["姓名", "入党日期", "备注"], ["甲一", "2005-07-01", "联系人：女儿 13800000009"]]))
    assert [a.member.notes for a in plan.adds] == ["联系人:女儿 13800000009"]


# --- 2. cells that mean "nothing", and text guards ---------------------------------------------

@pytest.mark.parametrize("nothing", ["（无）", "(无)", "无。", "無", "不详", "未填", "空白", "…", "...",
                                     "－－", "— —", "∕", "\u3000无\u3000", " ／ "])
def test_more_ways_of_writing_nothing_in_date_phone_and_id_cells(store, tmp_path, nothing):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        HEAD + ["出生日期"], [1, "甲一", "男", nothing, "2024-12-01", nothing, nothing, nothing]]))
    assert plan.ok, [str(e) for e in plan.errors]
    member = plan.adds[0].member
    assert (member.id_number, member.confirmed_on, member.phone, member.birth_date) == (
        None, None, None, None)


@pytest.mark.parametrize("dash", ["一", "一一"])
def test_the_ime_yi_for_a_dash_is_nothing_in_number_cells_only(store, tmp_path, dash):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        HEAD + ["职务"], [1, "甲一", "男", dash, "2024-12-01", dash, dash, "一组组长"]]))
    assert plan.ok and plan.adds[0].member.phone is None
    assert plan.adds[0].member.position == "一组组长"


@pytest.mark.parametrize("name", ["无", "不详", "NULL"])
def test_a_word_for_nothing_is_not_a_name(store, tmp_path, name):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [["姓名", "入党日期"],
                                                           [name, "2005-07-01"]]))
    assert [(e.row, e.column, e.reason) for e in plan.errors] == [
        (2, "姓名", f"“{name}”表示没有内容，不是姓名")]


@pytest.mark.parametrize("id_cell, phone_cell", [
    (f'= "{ID_A}"', '= "13800000001"'),            # a space after the =
    (f'"{ID_A}"', '"13800000001"'),                 # plain quotes, as pasted from a CSV
    (f"“{ID_A}”", "“13800000001”"),                 # typed quotes
    (f"'{ID_A}'", "'13800000001'"),                 # quoted on both sides
    (f"`{ID_A}", "`13800000001"),
    (f"{ID_A[:6]}-{ID_A[6:14]}-{ID_A[14:]}", "138-0000-0001"),
])
def test_more_text_guards_around_numbers(ledger_file, tmp_path, capsys, id_cell, phone_cell):
    path = write_xlsx(tmp_path / "花名册.xlsx", [HEAD, [1, "甲一", "男", id_cell, "2005-07-01",
                                                      "2006-07-01", phone_cell]],
                      text_cells=["D2", "G2"])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0, out
    person = people(ledger_file)["甲一"]
    assert person["id_number"] == ID_A and person["phone"].replace("-", "") == "13800000001"


def test_quotes_inside_text_are_kept(store, tmp_path):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["姓名", "入党日期", "备注"], ["甲一", "2005-07-01", "“两优一先”获得者"]]))
    assert plan.adds[0].member.notes == "“两优一先”获得者"


# --- 4. names as people type them --------------------------------------------------------------

@pytest.mark.parametrize("typed", ["阿依古丽・・买买提", "阿依古丽 ． 买买提", "·阿依古丽·买买提",
                                   "阿依古丽·买买提•"])
def test_a_run_of_dots_is_one_and_none_at_the_ends(store, tmp_path, typed):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [["姓名", "入党日期"],
                                                           [typed, "2005-07-01"]]))
    assert [a.member.name for a in plan.adds] == ["阿依古丽\u00b7买买提"]


@pytest.mark.parametrize("name", ["\U00031350\U0003135a",          # Ext H
                                  "\U0002ebf0甲", "\U0002a700乙",    # Ext I, Ext C
                                  "\U0002b820丙", "\U0002ceb0丁",    # Ext E, Ext F
                                  "\U00030000戊", "\u3400己"])       # Ext G, Ext A
def test_names_from_every_extension_block_through_the_cli(ledger_file, tmp_path, capsys, name):
    path = write_xlsx(tmp_path / "花名册.xlsx", [["姓名", "入党日期"], [name, "2005-07-01"]])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and list(people(ledger_file)) == [name]


# --- dates as they are typed and exported ------------------------------------------------------

@pytest.mark.parametrize("typed, stored", [
    ("2005-07-01 00:00:00", "2005-07-01"),       # a CSV export of a datetime column
    ("2005/7/1 0:00", "2005-07-01"),
    ("2005年7月1号", "2005-07-01"),
    ("2005。7。1", "2005-07-01"),                  # the IME's full stop
    ("2005.07.01.", "2005-07-01"),
    ("200507", "2005-07-01"),                     # year and month, no separator
    (200507, "2005-07-01"),
    (38534, "2005-07-01"),                        # an Excel serial number
    ("2005.7.1", "2005-07-01"), ("2005年7月1日", "2005-07-01"), ("20050701", "2005-07-01"),
])
def test_dates_as_typed_and_exported(store, tmp_path, typed, stored):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["姓名", "出生日期", "入党日期", "转正日期"], ["甲一", "1980-01-01", typed, "2006-07-01"]]))
    assert plan.ok, [str(e) for e in plan.errors]
    assert plan.adds[0].member.joined_on == stored


@pytest.mark.parametrize("born", [datetime(1980, 1, 1), "198001", 198001, "1980-01"])
def test_a_birth_month_without_its_day_takes_the_day_from_the_id(store, tmp_path, born):
    """Excel turns a typed 1980/1 into the date 1980-01-01: a 出生年月, not a contradiction."""
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["姓名", "身份证号", "出生年月", "入党日期"],
        ["甲一", id_number("11010519800115001"), born, "2005-07-01"]]))
    assert plan.ok, [str(e) for e in plan.errors]
    assert plan.adds[0].member.birth_date == "1980-01-15"


def test_a_birth_date_with_another_day_still_contradicts_the_id(store, tmp_path):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["姓名", "身份证号", "出生年月", "入党日期"],
        ["甲一", id_number("11010519800115001"), datetime(1980, 1, 5), "2005-07-01"]]))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "出生年月")]
    assert "1980-01-05" in plan.errors[0].reason and "1980-01-15" in plan.errors[0].reason


# --- 5. file formats ---------------------------------------------------------------------------

def _biff_record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


@pytest.mark.parametrize("bof", [
    _biff_record(0x0009, struct.pack("<HH", 2, 0x10)),          # Excel 2.x
    _biff_record(0x0209, struct.pack("<HHH", 0, 0x10, 0)),      # Excel 3.0
    _biff_record(0x0409, struct.pack("<HHH", 0, 0x10, 0)),      # Excel 4.0
])
def test_an_excel_4_or_older_sheet_is_named_with_how_to_save_it(ledger_file, tmp_path, capsys,
                                                                bof):
    path = tmp_path / "老花名册.xls"
    path.write_bytes(bof + _biff_record(0x000A, b""))
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 2 and "老花名册.xls 是 Excel 2.x–4.0 的旧格式工作表" in out
    assert "另存为" in out and "损坏" not in out


@pytest.mark.parametrize("stream, kind", [("WordDocument", "Word 文档"),
                                          ("Book", "Excel 5.0/95 的旧格式工作簿")])
def test_an_ole2_file_that_is_no_excel_97_workbook_is_named(tmp_path, stream, kind):
    path = tmp_path / "名册.xls"
    # The container's signature, then a directory entry naming the stream (UTF-16, 0-ended).
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                     + (stream + "\0").encode("utf-16-le") + bytes(3000))
    with pytest.raises(RosterFileError) as refused:
        read_sheet(path)
    assert f"名册.xls 是{kind}" in str(refused.value) and "损坏" not in str(refused.value)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_unicode_text_saved_without_its_byte_order_mark(store, tmp_path, encoding):
    path = tmp_path / "名册.txt"
    path.write_bytes(f"姓名\t身份证号\t入党日期\r\n甲一\t{ID_A}\t2005-07-01\r\n".encode(encoding))
    plan = plan_of(store, path)
    assert [(a.member.name, a.member.id_number) for a in plan.adds] == [("甲一", ID_A)]


def test_an_xml_spreadsheet_declaring_gb2312(ledger_file, tmp_path, capsys):
    ss = 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" ' \
         'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
    cells = "".join(f'<Row><Cell><Data ss:Type="String">{a}</Data></Cell>'
                    f'<Cell><Data ss:Type="String">{b}</Data></Cell></Row>'
                    for a, b in (("姓名", "入党日期"), ("甲一", "2005-07-01")))
    path = tmp_path / "导出.xls"
    path.write_bytes(f'<?xml version="1.0" encoding="gb2312"?>\n<Workbook {ss}><Worksheet '
                     f'ss:Name="名册"><Table>{cells}</Table></Worksheet></Workbook>'.encode("gbk"))
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and list(people(ledger_file)) == ["甲一"]


@pytest.mark.parametrize("content, words", [
    (b"", "是空文件"),
    (b"\xef\xbb\xbf", "找不到表头"),
    ("\r\n，，\r\n".encode("gbk"), "找不到表头"),
])
def test_empty_files_are_refused_in_words(ledger_file, tmp_path, capsys, content, words):
    path = tmp_path / "名册.csv"
    path.write_bytes(content)
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 2 and words in out and people(ledger_file) == {}


# --- 3. headers real systems use, and what their columns say -----------------------------------

NATIONAL = ["序号", "姓名", "性别", "公民身份证号码", "民族", "出生日期", "学历", "加入党组织日期",
            "转为正式党员日期", "党籍状态", "是否流动党员", "是否失联党员", "工作岗位", "现居住地",
            "联系电话"]


def national_row(n, name, sex, id_no, joined, confirmed, standing="正常", mobile="否", lost="否"):
    return [n, name, sex, id_no, "汉族", None, "大学本科", joined, confirmed, standing, mobile, lost,
            "社区工作者", "幸福路1号", f"1380000000{n}"]


def test_a_mobile_member_is_named_row_by_row_never_dropped(ledger_file, tmp_path, capsys):
    path = write_xlsx(tmp_path / "全国系统导出.xlsx", [
        NATIONAL, national_row(1, "甲一", "男", ID_A, "2005-07-01", "2006-07-01", mobile="是"),
        national_row(2, "乙二", "女", ID_B, "2010-07-01", "2011-07-01", lost="是")])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and "新增 2 名" in out
    assert "以下列未导入：党籍状态、是否流动党员、是否失联党员" in out
    assert "提示：第 2 行 [是否流动党员] 是：标为流动党员" in out and "登记“流动外出”" in out
    assert "提示：第 3 行 [是否失联党员] 是：标为失联党员" in out
    assert people(ledger_file)["甲一"]["address"] == "幸福路1号"
    assert people(ledger_file)["甲一"]["position"] == "社区工作者"


def test_a_member_already_registered_away_is_not_flagged_again(ledger_file, tmp_path, capsys):
    path = write_xlsx(tmp_path / "导出.xlsx", [
        NATIONAL, national_row(1, "甲一", "男", ID_A, "2005-07-01", "2006-07-01", mobile="是")])
    assert shilu_import(ledger_file, path, capsys)[0] == 0
    assert main(["--db", str(ledger_file), "member", "event", "甲一", "流动外出", "--date",
                 "2025-06-01", "--place", "广东省深圳市", "--cause", "务工"]) == 0
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and "标为流动党员" not in out


@pytest.mark.parametrize("standing", ["停止党籍", "出党", "死亡"])
def test_a_member_whose_standing_ended_is_refused(ledger_file, tmp_path, capsys, standing):
    path = write_xlsx(tmp_path / "导出.xlsx", [
        NATIONAL, national_row(1, "甲一", "男", ID_A, "2005-07-01", "2006-07-01"),
        national_row(2, "乙二", "女", ID_B, "2010-07-01", "2011-07-01", standing=standing)])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 1 and f"第 3 行 [党籍状态] {standing}：党籍状态为“{standing}”，不是在册党员" in out
    assert people(ledger_file) == {}


def test_headers_broken_over_lines_and_spaced(store, tmp_path):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["序\n号", "姓  名", "性\u3000别", "公民身份\n证号码", "加入党组织\n日期", "转为正式\r\n党员日期",
         "是否流动\n党员", "工作\n岗位", "现居\n住地"],
        [1, "甲一", "男", ID_A, "2005-07-01", "2006-07-01", "否", "网格员", "幸福路1号"]]))
    assert plan.ok and plan.notes() == ["以下列未导入：是否流动党员"]
    assert plan.sheet.headers["id_number"] == "公民身份证号码"
    member = plan.adds[0].member
    assert (member.id_number, member.joined_on, member.confirmed_on, member.position,
            member.address) == (ID_A, "2005-07-01", "2006-07-01", "网格员", "幸福路1号")


def test_a_two_row_header_with_groups_above(store, tmp_path):
    """基本信息 / 党籍信息 merged over the labels: the labels' row is the header."""
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["序号", "基本信息", None, None, "党籍信息", None, "联系方式"],
        [None, "姓名", "性别", "公民身份号码", "入党时间", "转正时间", "手机"], ROW_A, ROW_B],
        merges=["A1:A2", "B1:D1", "E1:F1"]))
    assert [(a.row, a.member.joined_on, a.member.phone) for a in plan.adds] == [
        (3, "2005-07-01", "13800000001"), (4, "2010-07-01", "13800000002")]


# --- one person, one member: merged rows and rosters without IDs imported again ----------------

def test_a_person_over_two_rows_with_the_name_merged_down_is_refused(ledger_file, tmp_path, capsys):
    path = write_xlsx(tmp_path / "花名册.xlsx", [
        ["序号", "姓名", "入党日期", "住址"], [1, "甲一", "2005-07-01", "幸福路"],
        [None, None, None, "1号"], [2, "乙二", "2010-07-01", "和平路2号"]],
        merges=["A2:A3", "B2:B3", "C2:C3"])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 1 and "第 3 行 [姓名] 甲一：姓名单元格与上一行合并，一人占了两行以上" in out
    assert people(ledger_file) == {}


def test_a_branch_merged_down_is_still_everyones(store, tmp_path):
    from desktop_app.core import orgs
    root = orgs.create(store, "SQ", "某社区党委", "党委")
    orgs.create(store, "SQ-01", "第一党支部", "党支部", root)
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["姓名", "入党日期", "所在党支部"], ["甲一", "2005-07-01", "第一党支部"],
        ["乙二", "2010-07-01", None]], merges=["C2:C3"]))
    assert plan.ok and [a.branch for a in plan.adds] == ["第一党支部", "第一党支部"]


def test_a_roster_without_ids_imported_twice_adds_nobody_twice(ledger_file, tmp_path, capsys):
    path = write_xlsx(tmp_path / "花名册.xlsx", [["姓名", "入党日期", "转正日期"],
                                                ["甲一", "2005-07-01", "2006-07-01"]])
    assert shilu_import(ledger_file, path, capsys)[0] == 0
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and "新增 0 名" in out and "1 名无变化" in out
    with_birth = write_xlsx(tmp_path / "补充.xlsx", [
        ["姓名", "身份证号", "入党日期"], ["甲一", ID_A, "2005-07-01"]])
    code, out = shilu_import(ledger_file, with_birth, capsys)
    assert code == 0 and "更新 1 名" in out
    assert [(p["id_number"], p["birth_date"]) for p in people(ledger_file).values()] == [
        (ID_A, "1980-01-01")]


def test_a_namesake_with_another_join_date_is_added_and_said_so(ledger_file, tmp_path, capsys):
    first = write_xlsx(tmp_path / "一.xlsx", [["姓名", "入党日期"], ["张伟", "2005-07-01"]])
    second = write_xlsx(tmp_path / "二.xlsx", [["姓名", "入党日期"], ["张伟", "2015-07-01"]])
    shilu_import(ledger_file, first, capsys)
    code, out = shilu_import(ledger_file, second, capsys)
    assert code == 0 and "新增 1 名" in out
    assert "第 2 行 [姓名] 张伟：账本中已有同名党员（入党日期 2005-07-01），入党日期不同，按另一人新增" in out


def test_the_same_row_twice_without_id_or_birth_date_is_refused(ledger_file, tmp_path, capsys):
    path = write_xlsx(tmp_path / "花名册.xlsx", [["姓名", "入党日期"], ["甲一", "2005-07-01"],
                                                ["乙二", "2010-07-01"], ["甲一", "2005-07-01"]])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 1 and "第 4 行 [姓名] 甲一：与第 2 行姓名和入党日期都相同，又都没有身份证号，无法区分" in out


# --- sheets: hidden in Excel, several rosters --------------------------------------------------

def test_a_roster_on_a_hidden_sheet_is_named_and_taken_only_when_asked_for(ledger_file, tmp_path,
                                                                          capsys):
    book = Workbook()
    book.active.title = "花名册"
    for row in (HEAD, ROW_A):
        book.active.append(row)
    old = book.create_sheet("旧名册")
    for row in (HEAD, ROW_B):
        old.append(row)
    old.sheet_state = "hidden"
    lists = book.create_sheet("字典")
    lists.append(["性别", "民族", "学历"])
    lists.sheet_state = "veryHidden"
    path = tmp_path / "名册.xlsx"
    book.save(path)
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and "以下工作表也像花名册，未导入：旧名册（隐藏的工作表）" in out
    code, out = shilu_import(ledger_file, path, capsys, "--sheet", "旧名册")
    assert code == 0 and "新增 1 名" in out
    assert sorted(people(ledger_file)) == ["乙二", "甲一"]


@pytest.mark.parametrize("labels", [
    ["★姓名", "居民身份证号码", "入党年月日", "成为正式党员日期", "手机号码/固定电话", "所属党支部",
     "单位及职务", "家庭住址/现居住地"],
    ["党员姓名（必填）", "身份证号码/护照号", "入党时间\n（年月日）", "转正时间\n（预备党员不填）",
     "联系方式(手机)", "所属党组织", "所在单位", "现居住地址"],
])
def test_more_header_labels_real_sheets_use(store, tmp_path, labels):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        labels, ["甲一", ID_A, "2005-07-01", "2006-07-01", "13800000001", "第一党支部", "某公司",
                 "幸福路1号"]]))
    assert plan.ok and not plan.sheet.ignored, [str(e) for e in plan.errors]
    member = plan.adds[0].member
    assert (member.id_number, member.joined_on, member.confirmed_on, member.phone,
            member.workplace, member.address, plan.adds[0].branch) == (
        ID_A, "2005-07-01", "2006-07-01", "13800000001", "某公司", "幸福路1号", "第一党支部")


@pytest.mark.parametrize("top, bottom", [
    # labels left unmerged above, dates grouped under 党籍信息
    (["序号", "姓名", "性别", "身份证号", "党籍信息", None, "联系电话"],
     [None, None, None, None, "入党时间", "转正时间", None]),
    # one label split over two rows
    (["序号", "姓名", "性别", "身份证号", "入党", "转正", "联系"],
     [None, None, None, None, "时间", "时间", "电话"]),
])
def test_a_two_row_header_without_merged_cells(ledger_file, tmp_path, capsys, top, bottom):
    path = write_xlsx(tmp_path / "花名册.xlsx", [top, bottom, ROW_A, ROW_B])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 0 and "新增 2 名" in out
    assert [(p["joined_on"], p["confirmed_on"], p["phone"]) for p in people(ledger_file).values()] == [
        ("2005-07-01", "2006-07-01", "13800000001"), ("2010-07-01", "2011-07-01", "13800000002")]


def test_header_labels_with_ooxml_escapes_and_phones_as_written(store, tmp_path):
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", [
        ["姓名_x000D_", "入党日期_x000A_(必填)", "联系电话"],
        ["甲一", "2005-07-01", "+86 138 0000 0001"], ["乙二", "2006-07-01", "(0573)82000000"],
        ["丙三", "2007-07-01", "+8613800000003"], ["丁四", "2008-07-01", "13800000004、13900000004"]]))
    assert [(a.member.name, a.member.phone) for a in plan.adds] == [
        ("甲一", "138 0000 0001"), ("乙二", "0573-82000000"), ("丙三", "13800000003"),
        ("丁四", "13800000004、13900000004")]
    assert plan.errors == []


def test_rows_formatted_far_below_the_table_are_not_too_many(ledger_file, tmp_path, capsys):
    """Ctrl+End lands on row 100000: a row height set there, a space typed at row 70000."""
    book = Workbook()
    for row in (HEAD, ROW_A, ROW_B):
        book.active.append(row)
    book.active.row_dimensions[100000].height = 20
    book.active.cell(70000, 3).value = " "
    book.save(tmp_path / "花名册.xlsx")
    csv = tmp_path / "花名册.csv"
    csv.write_text("\n".join([",".join(map(str, HEAD)), ",".join(map(str, ROW_A))]
                             + [",,,,,,"] * 70000), encoding="utf-8")
    for path, added in ((tmp_path / "花名册.xlsx", 2), (csv, 0)):
        code, out = shilu_import(ledger_file, path, capsys)
        assert code == 0 and "超过" not in out and f"新增 {added} 名" in out


def test_a_person_far_below_the_limit_is_refused_by_size(store, tmp_path):
    book = Workbook()
    for row in (HEAD, ROW_A):
        book.active.append(row)
    book.active.cell(70000, 2).value = "丙三"
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(RosterFileError, match="超过 60000 行"):
        read_sheet(tmp_path / "r.xlsx")


@pytest.mark.parametrize("category", ["入党积极分子", "发展对象", "入党申请人"])
def test_people_who_are_not_yet_members_are_refused(ledger_file, tmp_path, capsys, category):
    path = write_xlsx(tmp_path / "花名册.xlsx", [
        ["姓名", "身份证号", "入党日期", "人员类别"], ["甲一", ID_A, "2005-07-01", category]])
    code, out = shilu_import(ledger_file, path, capsys)
    assert code == 1 and f"第 2 行 [人员类别] {category}：人员类别为“{category}”，还不是党员" in out


def test_a_missing_file_or_a_folder_is_named_in_chinese(ledger_file, tmp_path, capsys):
    for path, words in ((tmp_path / "没有.xlsx", "文件不存在"), (tmp_path, "这是一个文件夹")):
        code, out = shilu_import(ledger_file, path, capsys)
        assert code == 2 and f"无法打开文件 {path.name}：{words}" in out


def test_a_stray_nul_in_a_csv_is_dropped_and_a_binary_file_is_not_a_csv(store, tmp_path):
    path = tmp_path / "名册.csv"
    path.write_bytes(f"姓名,身份证号,入党日期\n甲一,{ID_A}\x00,2005-07-01\n".encode("utf-8"))
    assert [a.member.id_number for a in plan_of(store, path).adds] == [ID_A]
    path.write_bytes(b"\x00" * 2000 + "姓名,入党日期".encode())
    with pytest.raises(RosterFileError, match="名册.csv 不是 Excel 表格"):
        read_sheet(path)
