"""cases/print/name-ext-a.xlsx: a member named 刘䶮 (䶮 is in CJK Extension A, which the main
font lacks). Every PDF prints the name whole, from a fallback font; with no font holding the
glyph the export names the text and stops, and writes nothing."""
import dataclasses
from pathlib import Path

import pytest

from desktop_app.core import orgs
from desktop_app.core.disclosure import boards, commitments, items
from desktop_app.core.exports import board_pdf, book, glyphs, meeting_record_export, signin_sheet
from desktop_app.core.exports.fonts import cjk_fonts
from desktop_app.core.exports.glyphs import GlyphMissingError
from desktop_app.core.meetings import kinds, records
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.roster.apply import apply_import
from desktop_app.core.roster.plan import plan_import
from desktop_app.core.roster.sheet import read_sheet
from export_helpers import flat, pdf_fonts, pdf_text

FIXTURE = Path(__file__).parent.parent / "fixtures" / "name-ext-a.xlsx"
NAME = "刘䶮"


@pytest.fixture
def ledger(store):
    """An empty ledger, one 党委 with one 党支部, the roster imported from the case file, and a
    branch meeting 刘䶮 hosted and recorded."""
    root = orgs.create(store, "C", "和平社区党委", "党委", rule_profile="jiaxing-2016")
    branch = orgs.create(store, "C-1", "第一党支部", "党支部", root)
    plan = plan_import(store, read_sheet(FIXTURE), "2025-01-01")
    assert apply_import(store, plan, "2025-01-01").added == 1
    member_id = store.query_one("SELECT id FROM members WHERE name = ?", [NAME])["id"]
    orgs.assign_role(store, branch, member_id, "书记", "2025-01-01")
    orgs.assign_role(store, root, member_id, "书记", "2025-01-01")
    meeting = records.new(store, branch, kinds.BRANCH_MEETING, "2025-03-05")
    meeting.host_id = meeting.recorder_id = member_id
    meeting.topic = f"{NAME}同志领学党章"
    meeting.minutes = f"{NAME}领学党章总纲。"
    meeting_id = records.save(store, meeting, [Mark(member_id)])
    return store, root, branch, member_id, meeting_id


def test_the_fallback_font_is_the_one_that_has_the_glyph():
    fonts = cjk_fonts()
    assert not glyphs.has_glyph(fonts.body, "䶮")       # why the case exists
    assert glyphs.font_for("䶮", fonts.body) in fonts.fallbacks
    assert glyphs.runs(NAME, fonts.body) == [(fonts.body, "刘"),
                                             (glyphs.font_for("䶮", fonts.body), "䶮")]


def test_the_name_prints_whole_on_every_pdf(ledger, tmp_path):
    store, root, branch, member_id, meeting_id = ledger
    made = [
        signin_sheet.write_pdf(signin_sheet.for_meeting(store, meeting_id), tmp_path / "s.pdf"),
        meeting_record_export.write_pdf(meeting_record_export.for_meeting(store, meeting_id),
                                        tmp_path / "r.pdf"),
        book.write_book(store, branch, 2025, tmp_path / "book.pdf", printed_on="2025-12-31"),
    ]
    commitments.replace(store, root, 2025, ["组织党员志愿服务"], {member_id: "带头服务群众"},
                        "2025-02-01", items.find(store, root, 7))
    for ref in (2, 7):
        item = items.find(store, root, ref)
        board = boards.build(store, root, item, boards.period_for(item, None, 2025), "2025-06-01")
        for paper in ("A4", "A3"):
            made.append(board_pdf.write_pdf(board, tmp_path / f"b{ref}{paper}.pdf", paper))
    for path in made:
        text = flat(pdf_text(path))
        assert NAME in text, path.name
        assert "刘" + "同志" not in text and "刘领学" not in text
        assert all(f["emb"] == "yes" for f in pdf_fonts(path))


def test_with_no_font_for_the_glyph_the_export_names_it_and_stops(ledger, tmp_path,
                                                                  monkeypatch):
    store, *_, meeting_id = ledger
    without = dataclasses.replace(cjk_fonts(), fallbacks=())
    monkeypatch.setattr(glyphs, "cjk_fonts", lambda: without)
    target = tmp_path / "s.pdf"
    with pytest.raises(GlyphMissingError, match=f"无法打印党员“{NAME}”的姓名.*“䶮”（U\\+4DAE）"):
        signin_sheet.write_pdf(signin_sheet.for_meeting(store, meeting_id), target)
    assert not target.exists()
    record = meeting_record_export.for_meeting(store, meeting_id)
    with pytest.raises(GlyphMissingError, match=f"党员“{NAME}”的姓名"):
        meeting_record_export.write_pdf(record, tmp_path / "r.pdf")
