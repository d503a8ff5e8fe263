"""行首禁则/行尾禁则: no printed line starts with a closing mark (，。、；：？！）》”’…) or ends with an
opening one (（《“‘), read back from the PDF with pdftotext — cases/print/
minutes-wrapping-at-commas.txt and punctuation-dense text in records, boards and cells."""
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from desktop_app.core.exports import cjk_lines, meeting_record_export, pdf
from desktop_app.core.exports.meeting_record_export import MeetingRecord
from export_helpers import flat, pdf_text

FIXTURE = Path(__file__).parent.parent / "fixtures" / "minutes-wrapping-at-commas.txt"
CLOSING = "，。、；：？！）》〉」』】”’…"
OPENING = "（《〈「『【“‘"
DENSE = ("他说：“好！”随后（会后）又问：“《党章》学了吗？”答：“学了。”"
         "——这是第一条；第二条，“三会一课”（含党课）要落实……") * 12


def printed_lines(path: Path) -> list[str]:
    return [line.strip() for line in pdf_text(path, mode="-layout").splitlines() if line.strip()]


def record_with(minutes: str) -> MeetingRecord:
    return MeetingRecord("示范社区党委第一党支部", "支部党员大会", "支部党员大会", "2025-03-05",
                         host="王建国", recorder="李明", present=["王建国", "李明"],
                         minutes=minutes)


@pytest.mark.parametrize("text", [FIXTURE.read_text(encoding="utf-8").strip(), DENSE],
                         ids=["case-file", "dense"])
def test_no_record_line_starts_or_ends_with_forbidden_punctuation(text, tmp_path):
    path = meeting_record_export.write_pdf(record_with(text), tmp_path / "r.pdf", "2025-03-06")
    lines = printed_lines(path)
    assert text.replace("\n", "") in flat(pdf_text(path))          # nothing lost
    assert not [ln for ln in lines if ln[0] in CLOSING]
    assert not [ln for ln in lines if ln[-1] in OPENING]


def test_narrow_table_cells_obey_the_same_rules(tmp_path):
    rows = [["序号", "内容"]] + [[str(n), "记录" + DENSE[n * 7:n * 7 + 60]] for n in range(20)]
    info = pdf.DocumentInfo(title="测试", org_name="示范社区党委", printed_on="2025-03-06")
    path = pdf.build_pdf(tmp_path / "t.pdf", info, [pdf.table(rows, [15 * mm, 37 * mm])])
    lines = printed_lines(path)
    assert not [ln for ln in lines if ln.split()[-1][0] in CLOSING]


def test_break_index_pushes_the_previous_character_down():
    chars = list("甲乙丙，丁")
    assert cjk_lines.break_index(chars, 0, 3) == 2       # "甲乙" / "丙，丁"
    chars = list("甲乙“丙丁")
    assert cjk_lines.break_index(chars, 0, 3) == 2       # "甲乙" / "“丙丁"
    chars = list("甲乙丙。”丁")
    assert cjk_lines.break_index(chars, 0, 4) == 2       # "甲乙" / "丙。”丁"
