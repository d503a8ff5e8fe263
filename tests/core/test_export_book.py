"""The yearly 《工作实录》 PDF from the demo ledger: cover, contents that point at the right pages,
every section, the records themselves, no ID numbers or phones, embedded fonts only."""
import gc
import re
import shutil

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from desktop_app.core import orgs
from desktop_app.core.dues.disclosure import yuan
from desktop_app.core.dues.ledger import quarter_summary
from desktop_app.core.exports import book, book_sections, pdf
from desktop_app.core.exports.pdf_index import Heading, page_ref_table
from desktop_app.core.exports.wording import chinese_date
from desktop_app.core.meetings import kinds, records
from desktop_app.core.store import open_store
from export_helpers import flat, pdf_fonts, pdf_pages, pdf_text

ID_NUMBER = re.compile(r"\d{17}[\dXx]")
PHONE = re.compile(r"1[3-9]\d{9}")


@pytest.fixture(scope="module")
def demo_book(demo_template, tmp_path_factory):
    """The 2025 book of 第一党支部, built once for the module (layout takes a few seconds)."""
    folder = tmp_path_factory.mktemp("book")
    shutil.copy(demo_template, folder / "ledger.sqlite")
    store = open_store(folder / "ledger.sqlite", actor="测试书记")
    branch = orgs.by_code(store, "DEMO-01").id
    calls = []
    target = book.write_book(store, branch, 2025, folder / "book.pdf",
                             progress=lambda *call: calls.append(call), printed_on="2026-01-15")
    yield store, branch, target, calls
    store.close()


def test_cover_names_the_branch_year_and_secretary(demo_book):
    store, branch, target, _ = demo_book
    cover = flat(pdf_text(target, 1))
    secretary = store.query_one("SELECT m.name FROM roles r JOIN members m ON m.id = r.member_id "
                                "WHERE r.org_id = ? AND r.role = '书记'", [branch])["name"]
    assert "2025年度" in cover and book.COVER_TITLE in cover
    assert "党组织名称示范社区党委第一党支部" in cover
    assert f"党组织书记{secretary}" in cover
    assert "打印日期2026年1月15日" in cover
    assert "第1页" not in cover     # the cover carries no page furniture


def test_contents_page_numbers_point_at_the_sections(demo_book):
    _, _, target, _ = demo_book
    contents = pdf_text(target, 2, "-layout")
    entries = dict(re.findall(r"^\s*(\S+?) [\s.]+ (\d+)\s*$", contents, flags=re.M))
    assert list(entries) == list(book.SECTION_TITLES)
    pages = [int(entries[title]) for title in book.SECTION_TITLES]
    assert pages == sorted(pages) and pages[0] == 3 and pages[-1] == pdf_pages(target)
    for title, page in zip(book.SECTION_TITLES, pages):
        on_page = pdf_text(target, page).splitlines()
        assert title in [line.strip() for line in on_page], (title, page)


def test_every_held_meeting_is_printed_as_its_record(demo_book):
    store, branch, target, _ = demo_book
    text = flat(pdf_text(target))
    held = [m for m in records.find(store, "2025-01-01", "2025-12-31", branch)
            if m.status == records.HELD and m.kind != kinds.HEART_TALK]
    assert held
    assert text.count("缺席人员传达情况") == len(held)
    congress = next(m for m in held if m.kind == kinds.BRANCH_MEETING)
    assert f"会议名称{congress.title}" in text
    assert f"时间{chinese_date(congress.held_on)}" in text
    assert congress.minutes.split("\n")[0].replace(" ", "") in text


def test_book_carries_no_id_numbers_or_phones(demo_book):
    store, branch, target, _ = demo_book
    raw = pdf_text(target)
    assert not ID_NUMBER.search(flat(raw)) and not PHONE.search(flat(raw))
    people = store.query("SELECT name, id_number, phone FROM members")
    assert any(p["name"] in raw for p in people)
    assert not any(p["id_number"] and p["id_number"] in flat(raw) for p in people)
    assert "不含身份证号" in flat(raw) or "无身份证号和电话" in flat(raw)
    assert "本文件含个人信息" in flat(pdf_text(target, 3))


def test_fonts_are_embedded(demo_book):
    fonts = pdf_fonts(demo_book[2])
    assert fonts and all(f["emb"] == "yes" and f["type"] == "TrueType" for f in fonts)


def test_progress_runs_to_the_end(demo_book):
    calls = demo_book[3]
    done = [d for d, total, _ in calls]
    assert calls[-1] == (100, 100, "已完成") and done == sorted(done)
    assert {"正在读取会议记录", "正在排版"} <= {text for *_, text in calls}


def test_cancelling_leaves_no_file(demo_store, tmp_path):
    branch = orgs.by_code(demo_store, "DEMO-01").id
    collecting = []

    def cancel(done, total, text):
        collecting.append(gc.isenabled())
        if text == "正在排版":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        book.write_book(demo_store, branch, 2024, tmp_path / "b.pdf", progress=cancel)
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*part")) == []
    # The cycle collector rests while the book is made, and runs again however it ends.
    assert collecting and not any(collecting) and gc.isenabled()


def test_page_reference_table_gives_the_pages_records_start_on(tmp_path):
    st = pdf.styles()
    story = [page_ref_table(["名称"], [["甲"], ["乙"]], ["a", "b"], [60 * mm, 20 * mm])]
    for name, anchor in (("甲", "a"), ("乙", "b")):
        story += [PageBreak(), Heading(f"记录{name}", st.title, level=0, anchor=anchor),
                  PageBreak(), pdf.para("续页", st.body)]
    target = pdf.build_pdf(tmp_path / "refs.pdf", pdf.DocumentInfo("测试", "测试支部"), story)
    first = flat(pdf_text(target, 1))
    assert "甲2" in first and "乙4" in first
    assert "记录乙" in flat(pdf_text(target, 4))


def test_dues_section_sums_the_quarters(demo_store):
    branch = orgs.by_code(demo_store, "DEMO-01").id
    table = book_sections.dues(demo_store, branch, 2025, 170 * mm)[1]
    cells = [[c.getPlainText() for c in row] for row in table._cellvalues]
    received = "SELECT sum(p.amount_fen) AS fen FROM dues_payments p JOIN dues_receipts r " \
               "ON r.id = p.receipt_id WHERE r.org_id IN (2, 3, 4) AND r.paid_on BETWEEN ? AND ?"
    first = demo_store.query_one(received, ["2025-01-01", "2025-03-31"])["fen"]
    year_total = demo_store.query_one(received, ["2025-01-01", "2025-12-31"])["fen"]
    settled = demo_store.query_one("SELECT * FROM dues_settlements WHERE org_id = ? "
                                   "AND quarter = '2025Q1'", [branch])
    assert cells[1][0] == "第一季度" and cells[1][4] == yuan(first)
    assert cells[1][5] == f"{chinese_date(settled['settled_on'])}上交{yuan(settled['total_fen'])}元"
    assert cells[-1][0] == "全年" and cells[-1][4] == yuan(year_total)
    assert "没有党费" in book_sections.dues(demo_store, branch, 2020, 170 * mm)[0].getPlainText()


def test_no_page_of_the_book_holds_only_a_signature_block(demo_book):
    """Each page that carries 主持人（签字）/谈话人（签字） also carries some of its record."""
    _, _, target, _ = demo_book
    for page in range(3, pdf_pages(target) + 1):
        lines = [ln.strip() for ln in pdf_text(target, page).splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith(("示范社区党委第一党支部", "第 ", "本文件",
                                                         "主持人（签字）", "记录人（签字）",
                                                         "谈话人（签字）", "谈话对象（签字）"))
                and "工作实录" not in ln]
        if any("（签字）" in ln for ln in lines):
            assert len(body) >= 2, (page, lines)


def test_dues_page_right_aligns_amounts_and_explains_paid_against_received(demo_book):
    store, branch, target, _ = demo_book
    text = flat(pdf_text(target))
    differs = []
    for q in range(1, 5):
        summary = quarter_summary(store, branch, f"2025Q{q}")
        paid = sum(v for line in summary.lines for v in line.paid.values())
        if paid != summary.collected_fen:
            differs.append(f"第{'一二三四'[q - 1]}季度实交{yuan(paid)}元、本季收款"
                           f"{yuan(summary.collected_fen)}元")
    assert ("二者不同是补交或预交所致" in text) == bool(differs)
    assert all(d in text for d in differs)
    assert "制表人：" in text and "审核人：" in text


def test_a_finding_longer_than_a_page_continues_on_the_next(demo_store, tmp_path):
    """A 党委 of thousands names hundreds of members in one finding: the row is split, not refused."""
    from desktop_app.core.rules.findings import Finding
    branch = orgs.by_code(demo_store, "DEMO-01").id
    names = "、".join(f"党员{n:04d}（2025-03-16 支部党员大会 未传达）" for n in range(200))
    found = [Finding("r1", "缺席人员及时传达", "逾期", "《条例》第十条", names, branch),
             Finding("r2", "按期召开支部党员大会", "达标", "《条例》第九条", "已召开4次。", branch)]
    story = book_sections.findings(demo_store, branch, found, "测试档案", 170 * mm)
    target = pdf.build_pdf(tmp_path / "f.pdf", pdf.DocumentInfo("体检", "测试支部"), story)
    text = flat(pdf_text(target))
    assert pdf_pages(target) >= 3 and "党员0000" in text and "党员0199" in text
    assert "按期召开支部党员大会" in text
