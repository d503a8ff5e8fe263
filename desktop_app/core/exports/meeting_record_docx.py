"""The 会议记录 as .docx, to edit in WPS/Word: the same lines as the PDF (`header_rows`,
`sections`, `briefing_rows` of meeting_record_export), in 宋体/黑体 on A4. Imported only when a
.docx is written, so printing never loads python-docx."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop_app.core.durable import write_atomically
from desktop_app.core.exports.meeting_record_export import (BODY_FONT, BRIEFING_HEADERS,
                                                            PERSONAL_DATA, TITLE_FONT,
                                                            MeetingRecord, briefing_rows,
                                                            header_rows, sections)


def write_docx(record: MeetingRecord, target: str | Path, printed_on: str | None = None) -> Path:
    doc = Document()
    _a4(doc)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, record.document_title, TITLE_FONT, 16)

    grid = doc.add_table(rows=0, cols=4)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in header_rows(record):
        cells = grid.add_row().cells
        if len(row) == 1:
            cells[1].merge(cells[3])
            pairs = [(cells[0], cells[1], row[0])]
        else:
            pairs = [(cells[0], cells[1], row[0]), (cells[2], cells[3], row[1])]
        for label_cell, value_cell, (label, value) in pairs:
            _cell_text(label_cell, label, TITLE_FONT, shade=True)
            _cell_text(value_cell, value, BODY_FONT)
    for column, width in zip(grid.columns, (Mm(22), Mm(52), Mm(22), Mm(74))):
        for cell in column.cells:
            cell.width = width

    for heading, text in sections(record):
        _run(doc.add_paragraph(), heading, TITLE_FONT, 12)
        for line in text.splitlines():
            if line.strip():
                paragraph = doc.add_paragraph()
                paragraph.paragraph_format.first_line_indent = Pt(21)
                _run(paragraph, line, BODY_FONT)
    _run(doc.add_paragraph(), "缺席人员传达情况", TITLE_FONT, 12)
    briefings = briefing_rows(record)
    if briefings:
        table = doc.add_table(rows=1, cols=len(BRIEFING_HEADERS))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, BRIEFING_HEADERS):
            _cell_text(cell, header, TITLE_FONT, shade=True)
        for values in briefings:
            for cell, value in zip(table.add_row().cells, values):
                _cell_text(cell, value, BODY_FONT)
    else:
        _run(doc.add_paragraph(), "无", BODY_FONT)
    doc.add_paragraph()
    _run(doc.add_paragraph(), "主持人（签字）：＿＿＿＿＿＿　　　　记录人（签字）：＿＿＿＿＿＿", BODY_FONT)

    footer = doc.sections[0].footer.paragraphs[0]
    _run(footer, f"{record.org_name}　打印日期：{printed_on or date.today().isoformat()}　"
                 f"本文件含个人信息（{PERSONAL_DATA}），仅供党务工作使用，请妥善保管。", BODY_FONT, 8)
    doc.core_properties.title = record.document_title
    doc.core_properties.author = record.org_name
    target = Path(target)
    with write_atomically(target) as temp:
        doc.save(str(temp))
    return target


def _a4(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(22)


def _run(paragraph, text: str, font: str, size: float = 10.5):
    run = paragraph.add_run(text)
    run.font.name, run.font.size = font, Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _cell_text(cell, text: str, font: str, shade: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if shade:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:fill"), "EBEBEB")
        cell._tc.get_or_add_tcPr().append(fill)
    _run(paragraph, text, font)
