"""The shared .xlsx kit: a ruled sheet with a title row, a frozen header with an autofilter, column
widths, row heights for wrapped text, real date cells, and print setup (A4 landscape, one page
wide, header repeated, footer with the organisation and page numbers), so every workbook the app
writes prints like the paper 台账 — in Excel, WPS and LibreOffice alike (LibreOffice does not grow
a row for wrapped text by itself, so the heights are set here)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.core.durable import write_atomically
from desktop_app.core.exports import cell_text

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="FFEBEBEB")
FIRST_DATA_ROW = 3      # row 1: title, row 2: header
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_FORMAT = "yyyy-mm-dd"
LINE_HEIGHT = 14.5      # points per line of 10.5 pt text


def new_workbook() -> Workbook:
    """A workbook with the cell styles registered once (a per-cell style would bloat the file)."""
    book = Workbook()
    book.remove(book.active)
    # Cells without a style of ours (the 说明 sheet, blank cells) in 宋体, not Calibri.
    book._named_styles["Normal"].font = Font(name="宋体", size=10.5)
    body = NamedStyle("台账正文", font=Font(name="宋体", size=10.5), border=_BORDER,
                      alignment=Alignment(vertical="center", wrap_text=True))
    centre = NamedStyle("台账居中", font=Font(name="宋体", size=10.5), border=_BORDER,
                        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    head = NamedStyle("台账表头", font=Font(name="黑体", size=10.5), border=_BORDER, fill=HEADER_FILL,
                      alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    for style in (body, centre, head):
        book.add_named_style(style)
    return book


def ruled_sheet(book: Workbook, name: str, title: str, headers: list[str], widths: list[float],
                rows: list[list], *, org_name: str, printed_on: str,
                centre_cols: tuple[int, ...] = (), formats: dict[int, str] | None = None,
                freeze_cols: int = 0) -> Worksheet:
    """A sheet: merged title in row 1, header in row 2, `rows` below; columns are 0-based in
    `centre_cols` and `formats` (number formats such as "0%")."""
    sheet = book.create_sheet(name)
    formats = formats or {}
    cell_text.put(sheet, 1, 1, title).font = Font(name="黑体", size=14)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(headers), 1))
    sheet.row_dimensions[1].height = 26
    for col, (header, width) in enumerate(zip(headers, widths), 1):
        cell_text.put(sheet, 2, col, header).style = "台账表头"
        sheet.column_dimensions[get_column_letter(col)].width = width
    for r, row in enumerate(rows, FIRST_DATA_ROW):
        for c, value in enumerate(row):
            if isinstance(value, str) and ISO_DATE.fullmatch(value):
                value = date.fromisoformat(value)
            cell = cell_text.put(sheet, r, c + 1, value)
            cell.style = "台账居中" if c in centre_cols else "台账正文"
            if c in formats:
                cell.number_format = formats[c]
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
        sheet.row_dimensions[r].height = row_height(row, widths)
    sheet.row_dimensions[2].height = row_height(headers, widths)
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, freeze_cols + 1)
    if rows:
        sheet.auto_filter.ref = (f"A2:{get_column_letter(len(headers))}"
                                 f"{FIRST_DATA_ROW + len(rows) - 1}")
    print_setup(sheet, org_name, printed_on)
    sheet.print_title_rows = "2:2"
    return sheet


def row_height(values, widths) -> float:
    """Points for a row whose cells wrap at their column widths: a CJK character takes two width
    units, other characters one; each line break starts a line."""
    lines = 1
    for value, width in zip(values, widths):
        if not isinstance(value, str):
            continue
        per_line = max(int(width) - 1, 1)
        lines = max(lines, sum(max(1, -(-_units(part) // per_line))
                               for part in value.split("\n")))
    return LINE_HEIGHT * lines + 4


def _units(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def print_setup(sheet: Worksheet, org_name: str, printed_on: str) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.8)
    sheet.oddFooter.left.text = org_name
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.oddFooter.right.text = f"打印日期：{printed_on}"


def save(book: Workbook, target: str | Path) -> Path:
    target = Path(target)
    with write_atomically(target) as temp:
        book.save(temp)
    return target
