"""The year's Excel 台账: sheets, values that match the ledger, masking, and the CLI."""
import re
from collections import Counter
from datetime import datetime

import pytest
from openpyxl import load_workbook

from desktop_app.cli.main import main
from desktop_app.core import members, orgs
from desktop_app.core.dues import ledger
from desktop_app.core.exports import ledger_xlsx
from desktop_app.core.meetings import kinds, records
from desktop_app.core.rules import engine
from export_helpers import flat, held_meeting, pdf_text


@pytest.fixture
def recorded(demo_store, tmp_path):
    """The 2025 台账 of 第一党支部 after recording a meeting with one on leave and one absent."""
    meeting_id, expected = held_meeting(demo_store)
    branch = orgs.by_code(demo_store, "DEMO-01").id
    target = ledger_xlsx.write_ledger(demo_store, branch, 2025, tmp_path / "台账.xlsx",
                                      printed_on="2026-01-15")
    return demo_store, branch, meeting_id, expected, load_workbook(target)


def _rows(sheet):
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]


def test_sheets_and_the_personal_data_statement(recorded):
    *_, book = recorded
    assert book.sheetnames == list(ledger_xlsx.SHEETS)
    guide = {row[0].value: row[1].value for row in book["说明"].iter_rows()}
    assert guide["个人信息"] == ledger_xlsx.personal_data(False)
    assert "隐去部分数字的身份证号" in guide["个人信息"]
    meetings = book["三会一课台账"]
    assert meetings.freeze_panes == "A3" and meetings.print_title_rows == "$2:$2"
    assert meetings.page_setup.orientation == "landscape" and meetings.oddFooter.center.text
    assert book["出勤明细"].freeze_panes == "C3"


def test_meeting_register_matches_the_ledger(recorded):
    store, branch, meeting_id, expected, book = recorded
    held = [m for m in records.find(store, "2025-01-01", "2025-12-31", branch)
            if m.status == records.HELD]
    rows = _rows(book["三会一课台账"])
    assert len(rows) == sum(m.kind not in (kinds.THEME_DAY, kinds.HEART_TALK) for m in held)
    assert len(_rows(book["主题党日"])) == sum(m.kind == kinds.THEME_DAY for m in held)
    assert len(_rows(book["谈心谈话"])) == sum(m.kind == kinds.HEART_TALK for m in held)
    row = next(r for r in rows if r[1] == datetime(2025, 3, 5) and r[2] == kinds.BRANCH_MEETING)
    # 应到 18: the branch's roster on 2025-03-05 (seed 7; one member had left by then), of whom
    # one on leave and one absent (held_meeting): 16 present, 16/18 = 88.9 %.
    assert row[6:10] == [18, 16, 1, 1]
    assert row[10] == pytest.approx(16 / 18)
    assert book["三会一课台账"].cell(rows.index(row) + 3, 11).number_format == "0%"
    # The demo's first 支委会 (its three committee members, all present) and first 党小组会
    # (13 members of 第1党小组, two on leave), counted from the seed-7 ledger by hand.
    for title, on, org, counts in (("2025年1月支委会", 10, "第一党支部", [3, 3, 0, 0]),
                                   ("2025年1月党小组会", 19, "第一党支部第1党小组", [13, 11, 2, 0])):
        line = next(r for r in rows if r[3] == title and r[1] == datetime(2025, 1, on))
        assert line[4] == org and line[6:10] == counts


def test_attendance_marks_per_member(recorded):
    store, branch, meeting_id, expected, book = recorded
    sheet = book["出勤明细"]
    header = [c.value for c in sheet[2]]
    col = header.index(f"3/5\n{kinds.BRANCH_MEETING}")
    marks = {row[1]: row[col] for row in _rows(sheet)}
    assert marks[expected[0].name] == "假"
    assert marks[expected[1].name] == "×"
    assert marks[expected[2].name] == "√"
    totals = {row[1]: row[-3:] for row in _rows(sheet)}
    row = next(r for r in _rows(sheet) if r[1] == expected[1].name)
    assert totals[expected[1].name][2] == row[2:-3].count("×")


def test_roster_is_masked_unless_asked(recorded, tmp_path):
    store, branch, _, _, book = recorded
    rows = _rows(book["花名册"])
    people = {m.name: m for m in (members.get(store, r["id"]) for r in
                                  store.query("SELECT id FROM members"))}
    first = rows[0]
    assert re.fullmatch(r"\d{3}\*{11}[\dX]{4}", first[7])
    assert first[7] != people[first[1]].id_number and "****" in first[8]
    full = ledger_xlsx.write_ledger(store, branch, 2025, tmp_path / "full.xlsx",
                                    with_sensitive=True)
    full_rows = _rows(load_workbook(full)["花名册"])
    assert full_rows[0][7] == people[full_rows[0][1]].id_number
    assert "完整的身份证号" in load_workbook(full)["说明"]["B3"].value


def test_study_hours_and_findings_of_the_demo_year(recorded):
    """Literal results for the seed-7 demo branch in 2025 (21 rules of jiaxing-2016): the 支委会
    missed March and November; nobody is short of 学时 (the lowest has 39 h against 32 h)."""
    *_, book = recorded
    checks = _rows(book["体检"])
    assert len(checks) == 21
    assert Counter(r[2] for r in checks) == {"达标": 15, "缺失": 5, "逾期": 1}
    committee = next(r for r in checks if r[1] == "支委会每月至少1次")
    assert committee[2] == "缺失" and "2025年3月 0/1次；2025年11月 0/1次" in committee[3]
    rows = _rows(book["学习时长"])
    assert len(rows) == 19 and {r[5] for r in rows} == {"达到"}
    assert Counter(r[4] for r in rows) == {32: 16, 16.5: 1, 56: 1, 30: 1}
    assert all(r[3] >= r[4] for r in rows)


def test_dues_sheet_lists_months_paid(demo_store, tmp_path):
    branch = orgs.by_code(demo_store, "DEMO-01").id
    paid = demo_store.query_one(
        "SELECT m.name, p.month, p.amount_fen FROM dues_payments p JOIN members m "
        "ON m.id = p.member_id JOIN dues_receipts r ON r.id = p.receipt_id "
        "WHERE r.org_id = ? AND p.month = '2025-03' ORDER BY p.id LIMIT 1", [branch])
    newcomer = members.Member("新党员", gender="女", joined_on="2025-10-01")
    members.add(demo_store, newcomer, branch)
    standard = engine.profile_for(demo_store, branch).dues_standard
    ledger.set_base(demo_store, standard, newcomer.id, 2025, "在职", 400000)
    book = load_workbook(ledger_xlsx.write_ledger(demo_store, branch, 2025, tmp_path / "d.xlsx"))
    rows = {r[1]: r for r in _rows(book["党费"])}
    assert rows[paid["name"]][4] == pytest.approx(paid["amount_fen"] / 100)
    assert rows["新党员"][2:14] == ["—"] * 9 + ["未交"] * 3 and rows["新党员"][14] == 0


def test_export_commands(demo_store, tmp_path, capsys):
    db = str(tmp_path / "ledger.sqlite")
    assert main(["--db", db, "export", "ledger", "--org", "DEMO-02", "--year", "2024",
                 "-o", str(tmp_path / "l.xlsx")]) == 0
    assert load_workbook(tmp_path / "l.xlsx")["三会一课台账"]["A1"].value.startswith("示范社区党委第二党支部")
    assert main(["--db", db, "export", "book", "--org", "DEMO-02", "--year", "2024",
                 "-o", str(tmp_path / "b.xlsx")]) == 2
    assert "扩展名应为 .pdf" in capsys.readouterr().err
    assert main(["--db", db, "export", "book", "--org", "NOPE", "--year", "2024",
                 "-o", str(tmp_path / "b.pdf")]) == 1
    assert "找不到代码为 NOPE 的组织" in capsys.readouterr().err
    # A year before any record (quick to lay out) still makes a complete book.
    assert main(["--db", db, "export", "book", "--org", "DEMO-02", "--year", "2020",
                 "-o", str(tmp_path / "b.pdf")]) == 0
    text = flat(pdf_text(tmp_path / "b.pdf"))
    assert "示范社区党委第二党支部" in text and "本年度没有此类记录" in text


def test_every_sheet_prints_like_a_paper_ledger(recorded):
    """Print setup on every sheet, header row repeated and filtered, dates as dates, heights for
    wrapped text, 宋体 not Calibri, rule titles not ids, the wide 出勤明细 on A3 with names
    repeated."""
    store, branch, _, _, book = recorded
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页", sheet.title
        if sheet.title != "说明":
            assert sheet.print_title_rows == "$2:$2" and sheet.auto_filter.ref.startswith("A2:")
    meetings = book["三会一课台账"]
    assert meetings.cell(3, 2).is_date and meetings.cell(3, 2).number_format == "yyyy-mm-dd"
    assert book["花名册"].cell(3, 4).is_date
    guide = book["说明"]
    assert guide.row_dimensions[3].height >= 2 * 14.5          # the privacy notice wraps
    assert all(cell.font.name != "Calibri" for row in guide.iter_rows() for cell in row)
    wide = book["出勤明细"]
    assert int(wide.page_setup.paperSize) == 8 and wide.print_title_cols == "$A:$B"      # A3
    checks = book["体检"]
    assert [c.value for c in checks[2]] == ["序号", "要求", "结果", "情况", "依据"]
    ids = {"jx-11-committee", "jx-26-study-hours", "dz-9-dues-arrears", "jx-11-briefing"}
    assert not ids & {c.value for row in checks.iter_rows() for c in row}
    tall = max(checks.row_dimensions[r].height for r in range(3, checks.max_row + 1))
    assert tall > 2 * 14.5                                     # long 情况 text wraps
