"""More files of the kinds issue 10 names, made the way a hostile tester would make them: each
kind of roster fault in spellings and positions the cases in ../shared/cases/roster/ do not show.
Every file is built here (tmp_path) and goes through `shilu roster import` on a ledger started
empty with `org add`, or through the planner; each either imports with the values worked out by
hand below or is refused with row-numbered Chinese reasons, leaving the ledger byte-identical."""
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop_app.cli.main import main
from desktop_app.core.idcard import check_digit
from desktop_app.core.roster.plan import plan_import
from desktop_app.core.roster.sheet import read_sheet
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
