"""Roster import against real-looking files (tests/fixtures/rosters, made by make_fixtures.py)."""
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop_app.cli.main import main
from desktop_app.core import members, orgs
from desktop_app.core.members import Member
from desktop_app.core.roster.apply import ImportRefused, apply_import
from desktop_app.core.roster.export import write_template
from desktop_app.core.roster.plan import plan_import
from desktop_app.core.roster.sheet import RosterFileError, read_sheet
from desktop_app.core.store import audit, open_store

ROSTERS = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"
ON = "2025-03-31"


@pytest.fixture
def ledger(store):
    """A 党委 with one existing 党支部 (第一党支部) and its 第一党小组."""
    root = orgs.create(store, "SQ", "示范社区党委", "党委")
    branch = orgs.create(store, "SQ-01", "第一党支部", "党支部", root)
    orgs.create(store, "SQ-01-01", "第一党小组", "党小组", branch)
    return store


def counts(store) -> dict:
    return {t: store.query_one(f"SELECT count(*) AS n FROM {t}")["n"]
            for t in ("members", "memberships", "organisations", "audit_log")}


def write_xlsx(path, rows) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def errors_by_row(plan) -> dict:
    found: dict = {}
    for e in plan.errors:
        found.setdefault(e.row, []).append(e)
    return found


def test_header_on_row_three_with_title_shuffled_columns_and_extras():
    sheet = read_sheet(ROSTERS / "roster_title_row3.xlsx")
    assert sheet.header_row == 3
    assert sheet.headers["id_number"] == "身份证号码" and sheet.headers["birth_date"] == "出生年月"
    assert sheet.ignored == ["籍贯"]    # 序号 is a row counter, not a column left out
    assert [r.number for r in sheet.rows][:5] == [4, 5, 6, 7, 8]


def test_clean_roster_imports_every_date_format_and_creates_missing_orgs(ledger):
    sheet = read_sheet(ROSTERS / "roster_title_row3.xlsx")
    plan = plan_import(ledger, sheet, ON)
    assert plan.ok, [str(e) for e in plan.errors]
    assert [(s.number, s.reason) for s in plan.skipped] == [
        (9, "空行"), (10, "表格下方的合计、签名或说明，不是党员，未导入")]
    assert sorted(plan.new_orgs) == ["第一党支部 › 第二党小组", "第二党支部"]
    summary = apply_import(ledger, plan, ON)
    assert (summary.added, summary.updated, summary.orgs_created) == (5, 0, 2)
    people = {m["name"]: m for m in ledger.query("SELECT * FROM members")}
    assert people["王建国"]["joined_on"] == "2001-07-01"
    assert people["王建国"]["confirmed_on"] == "2002-07-01"          # 2002/7/1
    assert people["李秀英"]["birth_date"] == "1972-08-15"            # 1972.08.15
    assert people["李秀英"]["joined_on"] == "1995-07-01"             # 1995.07
    assert people["李秀英"]["confirmed_on"] == "1996-07-01"          # 1996年7月1日
    assert people["张伟"]["birth_date"] == "1990-02-28"              # a date cell
    assert people["张伟"]["confirmed_on"] == "2016-06-30"            # Excel serial 42551
    assert people["张伟"]["phone"] == "13800003333"                  # a number cell, as text
    assert people["阿依古丽·买买提"]["ethnicity"] == "维吾尔族"
    assert people["陈晓东"]["birth_date"] == "1995-11-30"            # read from the ID number
    assert people["陈晓东"]["confirmed_on"] is None
    assert members.get(ledger, people["陈晓东"]["id"]).category_on(ON) == "预备党员"
    second = orgs.find_by_name(ledger, "第二党支部")
    assert second.parent_id == orgs.root(ledger).id and second.code == "SQ-02"
    group = orgs.find_by_name(ledger, "第二党小组")
    assert group.parent_id == orgs.find_by_name(ledger, "第一党支部").id
    assert members.current_org_id(ledger, people["李秀英"]["id"], ON) == group.id
    assert audit.verify(ledger.conn).ok


def test_damaged_roster_lists_each_error_and_writes_nothing(ledger):
    before = counts(ledger)
    plan = plan_import(ledger, read_sheet(ROSTERS / "roster_broken.xlsx"), ON)
    rows = errors_by_row(plan)
    assert "存成了数字" in rows[4][0].reason and rows[4][0].column == "身份证号码"
    assert rows[4][0].value == "3.30402200012016e+17"
    assert "校验位" in rows[5][0].reason
    assert 6 not in rows and rows[7][0].reason == "第 6 行和第 7 行的身份证号相同，同一个人只能有一行"
    assert rows[8][0].column == "入党时间" and "不存在的日期" in rows[8][0].reason
    assert "1 月还是 10 月" in rows[9][0].reason
    assert str(rows[5][0]) == ("第 5 行 [身份证号码] 330402198001011237："
                               "身份证号校验位不对，请核对是否输错")
    with pytest.raises(ImportRefused):
        apply_import(ledger, plan, ON)
    assert counts(ledger) == before


def test_update_of_existing_member_by_id_and_by_name_and_birth(ledger):
    branch = orgs.find_by_name(ledger, "第一党支部").id
    old = members.add(ledger, Member("王建国", id_number="330402198001011236", phone="13000000000",
                                     joined_on="2001-07-01", confirmed_on="2002-07-01"), branch)
    other = members.add(ledger, Member("李秀英", birth_date="1972-08-15", joined_on="1995-07-01"),
                        branch)
    plan = plan_import(ledger, read_sheet(ROSTERS / "roster_title_row3.xlsx"), ON)
    updates = {u.name: u for u in plan.updates}
    assert updates["王建国"].member_id == old
    assert updates["王建国"].changes["phone"] == ("13000000000", "13800001111")
    assert updates["王建国"].changes["org"] == ("第一党支部", "第一党支部 › 第一党小组")
    assert updates["李秀英"].member_id == other
    assert updates["李秀英"].changes["id_number"] == (None, "340702197208152021")
    assert "joined_on" not in updates["李秀英"].changes
    summary = apply_import(ledger, plan, ON)
    assert (summary.added, summary.updated) == (3, 2)
    assert ledger.query_one("SELECT count(*) AS n FROM members")["n"] == 5
    assert members.get(ledger, old).phone == "13800001111"
    group = orgs.find_by_name(ledger, "第一党小组").id
    assert members.current_org_id(ledger, old, ON) == group
    assert members.current_org_id(ledger, old, "2025-03-30") == branch
    again = plan_import(ledger, read_sheet(ROSTERS / "roster_title_row3.xlsx"), ON)
    assert (again.adds, again.updates, again.unchanged) == ([], [], 5)


def test_all_or_nothing_when_the_ledger_changes_between_preview_and_apply(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ("姓名", "身份证号", "入党日期"),
        ("甲", "330402198001011236", "2001-07-01"),
        ("乙", "340702197208152021", "1995-07-01")])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert plan.ok and len(plan.adds) == 2
    branch = orgs.find_by_name(ledger, "第一党支部").id
    members.add(ledger, Member("丙", id_number="340702197208152021", joined_on="1995-07-01"), branch)
    before = counts(ledger)
    with pytest.raises(ImportRefused):
        apply_import(ledger, plan, ON)
    assert counts(ledger) == before
    assert audit.verify(ledger.conn).ok


@pytest.mark.parametrize("cells, column, reason", [
    (("张三", "男", "2099-01-01"), "入党日期", "在今天"),
    (("张三", "男", "1920-01-01"), "入党日期", "早于 1921 年"),
    (("张三", "男", 2001), "入党日期", "只有年份"),
    (("张三", "未知", "2001-07-01"), "性别", "男"),
    (("张三1", "男", "2001-07-01"), "姓名", "只能包含"),
    ((None, "男", "2001-07-01"), "姓名", "姓名不能为空"),
    (("张三", "男", None), "入党日期", "新增党员须填写入党日期"),
])
def test_row_errors_name_the_column(ledger, tmp_path, cells, column, reason):
    path = write_xlsx(tmp_path / "r.xlsx", [("姓名", "性别", "入党日期"), cells])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert [(e.row, e.column) for e in plan.errors] == [(2, column)]
    assert reason in plan.errors[0].reason


def test_number_dates_excel_made(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ("姓名", "入党日期", "出生日期", "转正日期"),
        ("张三", 2001.07, 19800101, datetime(2002, 7, 1)),
        ("李四", 2001.5, 29000, None)])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert plan.ok, [str(e) for e in plan.errors]
    got = [(a.member.joined_on, a.member.birth_date, a.member.confirmed_on) for a in plan.adds]
    assert got == [("2001-07-01", "1980-01-01", "2002-07-01"), ("2001-05-01", "1979-05-25", None)]


def test_categories_against_dates(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ("姓名", "入党日期", "转正日期", "人员类别"),
        ("甲", "2024-01-01", "2025-01-01", "预备党员"),
        ("乙", "2001-01-01", None, "正式党员"),
        ("丙", "2024-06-01", None, "预备党员"),
        ("丁", "2001-01-01", "2002-01-01", "在职党员")])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "人员类别"), (3, "人员类别")]
    assert [w.row for w in plan.warnings] == [5]


def test_id_contradicting_birth_date_and_gender(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ("姓名", "性别", "出生日期", "身份证号", "入党日期"),
        ("甲", "女", "1980-01-02", "330402198001011236", "2001-07-01")])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert sorted(e.column for e in plan.errors) == ["出生日期", "性别"]


def test_needs_branch_when_there_are_several(ledger, tmp_path):
    orgs.create(ledger, "SQ-02", "第二党支部", "党支部", orgs.root(ledger).id)
    path = write_xlsx(tmp_path / "r.xlsx", [("姓名", "入党日期"), ("甲", "2001-07-01")])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert [e.reason for e in plan.errors] == ["请填写所在党支部（本组织下有多个党支部）"]


def test_duplicate_person_without_id_in_the_sheet(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ("姓名", "出生日期", "入党日期"),
        ("甲", "1980-01-01", "2001-07-01"), ("甲", "1980-01-01", "2003-07-01")])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert [e.row for e in plan.errors] == [3]
    assert plan.errors[0].reason.startswith("与第 2 行姓名和出生日期都相同")


def test_gbk_csv(ledger):
    sheet = read_sheet(ROSTERS / "roster_gbk.csv")
    plan = plan_import(ledger, sheet, ON)
    assert plan.ok and [a.member.name for a in plan.adds] == ["王建国", "李秀英"]
    assert plan.adds[1].member.joined_on == "1995-07-01"


def test_utf8_csv_with_bom_and_tabs(ledger, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("\ufeff姓名\t入党日期\t身份证号\n甲\t2001/7/1\t330402198001011236\n",
                    encoding="utf-8")
    plan = plan_import(ledger, read_sheet(path), ON)
    assert plan.ok and plan.adds[0].member.id_number == "330402198001011236"


def test_old_xls_is_read(ledger):
    sheet = read_sheet(ROSTERS / "roster_old.xls")
    assert sheet.header_row == 3
    plan = plan_import(ledger, sheet, ON)
    assert plan.ok, [str(e) for e in plan.errors]
    assert plan.adds[0].member.birth_date == "1980-01-01"
    assert plan.adds[0].member.phone == "13800001111"


@pytest.mark.parametrize("name, content, expected", [
    ("random_bytes.xlsx", None, "不是 Excel 表格"),
    ("ole.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "或者已损坏"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
     + "EncryptionInfo".encode("utf-16-le") + bytes(100), "设置了打开密码。"),
    ("zip.xlsx", b"PK\x03\x04" + bytes(100), "不是完整的 Excel 文件"),
    ("notes.txt", "这是一份说明\n没有表格".encode(), "找不到表头"),
    ("missing.xlsx", b"", "无法打开文件"),
])
def test_unreadable_files_say_what_is_wrong(tmp_path, name, content, expected):
    path = ROSTERS / name if content is None else tmp_path / name
    if content:
        path.write_bytes(content)
    with pytest.raises(RosterFileError) as caught:
        read_sheet(path)
    assert expected in str(caught.value) and name in str(caught.value)


def test_header_without_name_column(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [("标题",), ("性别", "身份证号", "入党日期")])
    with pytest.raises(RosterFileError, match="没有“姓名”列"):
        read_sheet(path)


def test_template_reads_back_and_skips_its_example(ledger, tmp_path):
    path = write_template(tmp_path / "模板.xlsx")
    sheet = read_sheet(path)
    assert sheet.sheet_name == "花名册" and sheet.header_row == 2
    plan = plan_import(ledger, sheet, ON)
    assert plan.ok and plan.adds == [] and "示例" in plan.skipped[0].reason
    assert plan.skipped[0].number == 3
    from openpyxl import load_workbook
    book = load_workbook(path)
    assert book.sheetnames == ["花名册", "说明"]
    ws = book["花名册"]
    id_column = [c.column for c in ws[2] if c.value == "身份证号"][0]
    assert ws.cell(10, id_column).number_format == "@"
    assert ws.cell(3, 1).font.color.rgb == "FF808080"
    assert not list(tmp_path.glob(".*.part"))


def test_cli_import_dry_run_errors_and_success(tmp_path, capsys):
    db = tmp_path / "l.sqlite"
    s = open_store(db)
    orgs.create(s, "SQ", "示范社区党委", "党委")
    s.close()
    assert main(["--db", str(db), "roster", "import", str(ROSTERS / "roster_broken.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "第 5 行 [身份证号码] 330402198001011237：身份证号校验位不对" in err
    assert "未导入任何数据" in err
    good = str(ROSTERS / "roster_title_row3.xlsx")
    assert main(["--db", str(db), "roster", "import", good, "--date", ON, "--dry-run"]) == 0
    assert "将新增 5 名" in capsys.readouterr().out
    s = open_store(db)
    assert counts(s)["members"] == 0
    s.close()
    assert main(["--db", str(db), "roster", "import", good, "--date", ON]) == 0
    assert "新增 5 名" in capsys.readouterr().out
    assert main(["--db", str(db), "roster", "import", str(ROSTERS / "random_bytes.xlsx")]) == 2
    assert "random_bytes.xlsx" in capsys.readouterr().err
    assert main(["--db", str(db), "roster", "template", str(tmp_path / "t.xlsx")]) == 0
    assert (tmp_path / "t.xlsx").exists()


def test_cli_help_for_each_command(capsys):
    for command in (["roster"], ["roster", "import"], ["roster", "export"], ["roster", "template"]):
        with pytest.raises(SystemExit) as done:
            main([*command, "--help"])
        assert done.value.code == 0
        assert "用法：shilu" in capsys.readouterr().out


def test_names_padded_for_alignment_are_joined(ledger, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ("姓名", "入党日期"), ("张  三", "2001-07-01"), ("王　五", "2001-07-01"),
        ("Li   Lei", "2001-07-01")])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert [a.member.name for a in plan.adds] == ["张三", "王五", "Li Lei"]


def test_member_who_left_is_updated_but_not_moved(ledger, tmp_path):
    branch = orgs.find_by_name(ledger, "第一党支部").id
    gone = members.add(ledger, Member("甲", id_number="330402198001011236",
                                      joined_on="2001-07-01", confirmed_on="2002-07-01"), branch)
    members.record_event(ledger, gone, "转出", "2024-05-01")
    path = write_xlsx(tmp_path / "r.xlsx", [
        ("姓名", "身份证号", "所在党支部", "联系电话"),
        ("甲", "330402198001011236", "第二党支部", "13900000000")])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert plan.ok and plan.new_orgs == []
    assert set(plan.updates[0].changes) == {"phone"}   # no "org" (sex, birth came from the ID)
    assert "转出" in plan.warnings[0].reason and plan.warnings[0].column == "所在党支部"


def test_update_with_an_unknown_group_is_an_error(ledger, tmp_path):
    orgs.create(ledger, "SQ-02", "第二党支部", "党支部", orgs.root(ledger).id)
    branch = orgs.find_by_name(ledger, "第一党支部").id
    members.add(ledger, Member("甲", id_number="330402198001011236", joined_on="2001-07-01",
                               confirmed_on="2002-07-01"), branch)
    path = write_xlsx(tmp_path / "r.xlsx", [
        ("姓名", "身份证号", "党小组"), ("甲", "330402198001011236", "不存在的小组")])
    plan = plan_import(ledger, read_sheet(path), ON)
    assert [(e.row, e.column, e.reason) for e in plan.errors] == [
        (2, "党小组", "找不到该党小组，请填写所在党支部")]
    assert plan.updates == []


def test_cli_import_into_a_ledger_without_an_organisation(tmp_path, capsys):
    db = tmp_path / "empty.sqlite"
    assert main(["--db", str(db), "--create", "roster", "import", str(ROSTERS / "roster_gbk.csv")]) == 1
    assert "还没有党组织" in capsys.readouterr().err
