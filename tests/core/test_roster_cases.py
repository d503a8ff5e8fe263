"""The real-shaped rosters of ../shared/cases/roster/ (copied to tests/fixtures/rosters/ under
the same names): each gives the result the cases README states, through the real import path
(read_sheet → plan_import → apply_import) and, for several, through `shilu roster import`."""
from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli.main import main
from desktop_app.core import members, orgs
from desktop_app.core.members import Member
from desktop_app.core.roster.apply import apply_import
from desktop_app.core.roster.plan import plan_import
from desktop_app.core.roster.sheet import read_sheet
from desktop_app.core.store import open_store

ROSTERS = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"
ON = "2025-07-01"
DOT = "\u00b7"


@pytest.fixture
def ledger(store):
    """An organisation that exists: a 党委 with one 党支部."""
    root = orgs.create(store, "SQ", "某社区党委", "党委")
    orgs.create(store, "SQ-01", "第一党支部", "党支部", root)
    return store


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "ledger.sqlite"
    store = open_store(path)
    root = orgs.create(store, "SQ", "某社区党委", "党委")
    orgs.create(store, "SQ-01", "第一党支部", "党支部", root)
    store.close()
    return path


def snapshot(path: Path) -> bytes:
    """The ledger file and its write-ahead log, byte for byte."""
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def imported(store, name: str) -> dict[str, dict]:
    plan = plan_import(store, read_sheet(ROSTERS / name), ON)
    assert plan.ok, [str(e) for e in plan.errors]
    apply_import(store, plan, ON)
    return {m["name"]: m for m in store.query("SELECT * FROM members")}


def cli(ledger_file, *args) -> int:
    return main(["--db", str(ledger_file), "roster", *args])


def test_summary_and_signature_rows_are_skipped_and_listed(ledger):
    plan = plan_import(ledger, read_sheet(ROSTERS / "summary-and-signature-rows.xlsx"), ON)
    assert plan.ok and [a.member.name for a in plan.adds] == ["周示一", "吴示二", "郑示三"]
    assert [(s.number, s.reason) for s in plan.skipped] == [
        (6, "空行"),
        (7, "表格下方的合计、签名或说明，不是党员，未导入"),
        (8, "表格下方的合计、签名或说明，不是党员，未导入"),
        (9, "表格下方的合计、签名或说明，不是党员，未导入")]
    apply_import(ledger, plan, ON)
    people = {m["name"]: m for m in ledger.query("SELECT * FROM members")}
    assert len(people) == 3
    # 出生年月 1962.03 agrees with the ID's 1962-03-15 and takes its day
    assert people["周示一"]["birth_date"] == "1962-03-15"
    assert people["周示一"]["phone"] == "13900000001"              # header 联系方式
    assert people["郑示三"]["joined_on"] == "2024-12-01" and people["郑示三"]["confirmed_on"] is None


def test_summary_rows_through_the_cli(ledger_file, capsys):
    assert cli(ledger_file, "import", str(ROSTERS / "summary-and-signature-rows.xlsx"),
               "--date", ON) == 0
    out = capsys.readouterr().out
    assert "跳过：第 7 行 合计 3人 其中男2人：表格下方的合计、签名或说明" in out
    assert "跳过：第 9 行" in out and "新增 3 名" in out


def test_national_system_export_with_dashes(ledger):
    sheet = read_sheet(ROSTERS / "placeholder-dash.xlsx")
    assert {"是否流动党员", "是否失联党员", "学位", "党龄", "党龄校正值"} <= set(sheet.ignored)
    people = imported(ledger, "placeholder-dash.xlsx")
    assert sorted(people) == ["李样例", "王测试"]
    assert people["李样例"]["joined_on"] == "2025-05-10" and people["李样例"]["confirmed_on"] is None
    assert people["王测试"]["address"] == "某市某区测试路1号"          # 现居住地
    assert people["王测试"]["position"] == "企业管理人员"                # 工作岗位


def test_national_system_export_says_which_columns_it_left_out(ledger_file, capsys):
    assert cli(ledger_file, "import", str(ROSTERS / "placeholder-dash.xlsx"), "--dry-run") == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "以下列未导入：" in x)
    assert "是否流动党员" in line and "是否失联党员" in line and "新社会阶层类型" in line
    assert "检查通过（未写入）：将新增 2 名" in out


def test_collection_form_placeholders_mean_empty(ledger):
    people = imported(ledger, "placeholders-wu-and-dash.xlsx")
    assert sorted(people) == ["何无电", "马预备"]
    assert people["何无电"]["phone"] is None and people["何无电"]["notes"] is None
    assert people["马预备"]["confirmed_on"] is None and people["马预备"]["notes"] is None
    assert people["马预备"]["phone"] == "13800000022"


def test_id_and_address_synonyms_and_the_contradiction_named(ledger):
    sheet = read_sheet(ROSTERS / "headers-id-and-address-synonyms.xlsx")
    assert sheet.headers["id_number"] == "公民身份证号码" and sheet.headers["address"] == "现居住地"
    plan = plan_import(ledger, sheet, ON)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "出生日期")]
    assert "1977-07-08" in plan.errors[0].reason and "110105197707076792" in plan.errors[0].reason
    assert "1977-07-07" in plan.errors[0].reason


def test_refused_file_leaves_the_ledger_byte_identical(ledger_file, capsys):
    before = snapshot(ledger_file)
    assert cli(ledger_file, "import", str(ROSTERS / "headers-id-and-address-synonyms.xlsx")) == 1
    assert "第 2 行 [出生日期]" in capsys.readouterr().err
    assert snapshot(ledger_file) == before


def test_join_date_synonyms(ledger):
    people = imported(ledger, "headers-join-date-synonyms.xlsx")
    assert list(people) == ["曾纪实"]
    assert (people["曾纪实"]["joined_on"], people["曾纪实"]["confirmed_on"]) == ("2015-06-26",
                                                                              "2016-06-26")


def test_control_characters_removed_and_the_export_still_opens(ledger_file, tmp_path, capsys):
    assert cli(ledger_file, "import", str(ROSTERS / "control-characters.csv")) == 0
    store = open_store(ledger_file)
    person = store.query_one("SELECT * FROM members")
    store.close()
    assert person["name"] == "吴控制"
    assert person["address"] == "某区控制路5号\n2单元"                # vertical tab → line break
    assert person["notes"] == "随迁照护"                          # bell removed
    out = tmp_path / "花名册.xlsx"
    assert cli(ledger_file, "export", str(out), "--with-sensitive") == 0
    sheet = openpyxl.load_workbook(out)["花名册"]
    assert sheet.cell(4, 2).value == "吴控制"
    assert sheet.cell(4, 14).value == "某区控制路5号\n2单元"


@pytest.mark.parametrize("name", ["web-page-saved-as.xls", "xml-spreadsheet-2003.xls"])
def test_web_page_and_xml_spreadsheet_saved_as_xls_are_read(ledger, name):
    people = imported(ledger, name)
    assert list(people) == ["郑网页"]
    assert people["郑网页"]["id_number"] == "110105196602148951"
    assert (people["郑网页"]["joined_on"], people["郑网页"]["confirmed_on"]) == ("1990-07-01",
                                                                              "1991-07-01")


def test_web_page_saved_as_xls_through_the_cli(ledger_file, capsys):
    assert cli(ledger_file, "import", str(ROSTERS / "web-page-saved-as.xls")) == 0
    assert "新增 1 名" in capsys.readouterr().out


def test_unicode_text_utf16(ledger):
    people = imported(ledger, "unicode-text-utf16.txt")
    assert list(people) == ["冯统一"]
    assert people["冯统一"]["id_number"] == "110105198808088308"
    assert people["冯统一"]["joined_on"] == "2012-07-01"


def test_five_middle_dots_become_one(ledger):
    people = imported(ledger, "middle-dots.xlsx")
    assert list(people) == [f"阿依古丽{DOT}买买提"]      # one name, five people
    assert ledger.query_one("SELECT count(*) AS n FROM members")["n"] == 5


def test_matching_an_existing_member_uses_the_normal_name(ledger):
    """A member typed earlier with a bullet is the same person as the row written with U+00B7."""
    branch = orgs.by_code(ledger, "SQ-01").id
    members.add(ledger, Member("阿依古丽\u2022买买提", birth_date="1990-04-10",
                               joined_on="2018-07-01"), branch)
    plan = plan_import(ledger, read_sheet(ROSTERS / "middle-dots.xlsx"), ON)
    assert plan.ok and len(plan.adds) == 4
    assert [(u.row, u.changes["id_number"]) for u in plan.updates] == [
        (2, (None, "11010519900410512X"))]


def test_rare_name_characters(ledger):
    people = imported(ledger, "rare-name-characters.xlsx")
    assert sorted(people) == sorted(["刘䶮", "张\U0002CB5A", "陈\U0002020C"])


def test_text_guards_are_stripped(ledger):
    people = imported(ledger, "text-guards.csv")
    assert {n: (p["id_number"], p["phone"]) for n, p in people.items()} == {
        "钱撇号": ("11010519721212705X", "13800000012"),
        "孙制表": ("110105198505059489", "13800000013"),
        "李公式": ("110105199009099558", "13800000014")}
