"""Printable disclosure boards for the 公开栏: an A4 portrait sheet or an A3 landscape poster.

A red banner names the board (党务公开 / 居务公开 / 财务公开) over the item's title; under it the
organisation, the period and the date of posting; then the board's text and tables, scaled up so
they read from a step away. The footer says which personal data the board shows in public — the
boards' data is checked for ID and mobile numbers when built and again here, as it is printed.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

from desktop_app.core.disclosure.boards import Board, Cards, Grid, Text, checked
from desktop_app.core.exports import pdf
from desktop_app.core.exports.wording import chinese_date

# paper → (landscape, text scale, columns, name size in pt). A3 is a poster read from a few steps
# away: table and body text (10.5–11 pt) × 2.3 ≥ 24 pt, names 36 pt, text in two columns (tables
# and cards across the whole width), under a masthead repeated on every sheet.
POSTER_SCALE = 2.3
PAPERS = {"A4": (False, 1.15, 1, 16), "A3": (True, POSTER_SCALE, 2, 36)}
CARD_WIDTH = 48 * mm        # at scale 1: three cards across A4, five across A3 landscape
PHOTO = (22 * mm, 30 * mm)  # a portrait photo box, about 1 寸 enlarged


def write_pdf(board: Board, target: str | Path, paper: str = "A4") -> Path:
    """The board as a PDF; its text is checked once more for ID and mobile numbers first."""
    checked(board)
    landscape, scale, columns, name_size = PAPERS[paper]
    info = pdf.DocumentInfo(title=f"{board.org_name}{board.title}", org_name=board.org_name,
                            personal_data=board.personal_data, printed_on=board.posted_on,
                            landscape=landscape, paper=paper, public=True, date_label="公开日期")
    if any(not isinstance(block, Text) for block in board.blocks):
        columns = 1         # tables and cards need the sheet's width for 36 pt names
    width = info.frame_width
    head = [pdf.banner(f"{board.item.board}公开", board.title, width, min(scale, 1.6)),
            Spacer(1, 2 * mm), _masthead(board, width, pdf.styles(min(scale, 1.6)))]
    return pdf.build_pdf(target, info,
                         story(board, pdf.column_width(info, columns), scale, name_size),
                         masthead=head, columns=columns)


def story(board: Board, width: float, scale: float, name_size: float = 16) -> list:
    """The board's blocks in a column `width` wide; names (cards, 姓名 columns) at `name_size`."""
    st = pdf.styles(scale)
    flow: list = []
    for block in board.blocks:
        part: list = []
        if block.heading:
            part.append(pdf.para(block.heading, st.heading))
        if isinstance(block, Text):
            part += [pdf.para(p, st.body) for p in block.paragraphs]
        elif isinstance(block, Cards):
            part.append(_cards(block, width, scale, st, name_size))
        else:
            part.append(_grid(block, width, scale, name_size))
        if block.heading and isinstance(block, Grid):
            # A long table starts under its heading on this page and continues (header repeated)
            # on the next, rather than leaving this page empty: a new page only when fewer than
            # a few rows would fit here.
            flow += [CondPageBreak(45 * mm * scale),
                     pdf.para(block.heading, ParagraphStyle("grid_heading", parent=st.heading,
                                                            keepWithNext=0)), part[1]]
        else:
            flow.append(KeepTogether(part[:2]) if block.heading else part[0])
            flow += part[2:] if block.heading else part[1:]
        flow.append(Spacer(1, 3 * mm * scale))
    if board.note:
        flow.append(pdf.para(board.note, st.small))
    return flow


def _masthead(board: Board, width: float, st: pdf.Styles) -> Table:
    """Organisation and period on the left, the date of posting on the right, over a red rule."""
    right = ParagraphStyle("posted", parent=st.cell, alignment=TA_RIGHT)
    left = board.org_name + (f"　{board.period_label}" if board.period_label else "")
    result = Table([[pdf.para(left, st.heading),
                     pdf.para(f"公开日期：{chinese_date(board.posted_on)}", right)]],
                   colWidths=[width * 0.62, width * 0.38])
    result.setStyle(TableStyle([
        pdf.plain_font(), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, pdf.BANNER_FILL)]))
    return result


def _grid(grid: Grid, width: float, scale: float, name_size: float) -> Table:
    total = sum(grid.weights)
    widths = [width * w / total for w in grid.weights]
    extra = [("BACKGROUND", (0, -1), (-1, -1), pdf.HEADER_FILL)] if grid.total_row else []
    rows: list[list] = [list(row) for row in grid.rows]
    if "姓名" in grid.header:
        column = grid.header.index("姓名")
        name = ParagraphStyle("grid_name", parent=pdf.styles(scale).cell_center,
                              fontSize=name_size, leading=name_size * 1.25)
        for row in rows:
            row[column] = pdf.para(row[column], name)
    if grid.group_first and scale < POSTER_SCALE:
        # On a poster a merged month could outgrow a column and could not be split.
        extra += _merge_first_column(rows)
    return pdf.table([list(grid.header), *rows], widths,
                     center_cols=grid.centred, scale=scale, extra_style=extra)


def _merge_first_column(rows: list[list[str]]) -> list[tuple]:
    """SPAN commands for runs of one value in column 0 (blanking the repeats, header is row 0)."""
    spans, start = [], 0
    for n in range(1, len(rows) + 1):
        if n == len(rows) or rows[n][0] != rows[start][0]:
            if n - start > 1:
                spans.append(("SPAN", (0, start + 1), (0, n)))
                for repeat in rows[start + 1:n]:
                    repeat[0] = ""
            start = n
    return spans


def _cards(block: Cards, width: float, scale: float, st: pdf.Styles,
           name_size: float) -> Table:
    """People side by side, each a framed card: a photo box, the name large, then the lines."""
    across = max(1, int(width // (CARD_WIDTH * scale)))
    card_width = width / across
    name_style = ParagraphStyle("card_name", parent=st.heading, alignment=TA_CENTER,
                                spaceBefore=0, spaceAfter=0, fontSize=name_size,
                                leading=name_size * 1.3)
    line_style = ParagraphStyle("card_line", parent=st.cell, alignment=TA_CENTER)
    hint = ParagraphStyle("photo_hint", parent=st.small, alignment=TA_CENTER,
                          textColor=colors.grey)
    cards = []
    for name, *lines in block.people:
        photo = Table([[pdf.para("照片", hint)]], colWidths=[PHOTO[0] * scale],
                      rowHeights=[PHOTO[1] * scale])
        photo.setStyle(TableStyle([pdf.plain_font(), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("BOX", (0, 0), (-1, -1), pdf.INNER_LINE, colors.grey)]))
        rows = [[photo], [pdf.para(name, name_style)], *([pdf.para(t, line_style)] for t in lines)]
        card = Table(rows, colWidths=[card_width - 6 * mm])
        card.setStyle(TableStyle([
            pdf.plain_font(), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("BOX", (0, 0), (-1, -1), pdf.OUTER_LINE, pdf.BANNER_FILL),
            ("TOPPADDING", (0, 0), (-1, 0), 4 * mm * scale),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm * scale)]))
        cards.append(card)
    cards += [""] * (-len(cards) % across)
    grid = Table([cards[i:i + across] for i in range(0, len(cards), across)],
                 colWidths=[card_width] * across)
    grid.setStyle(TableStyle([pdf.plain_font(), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm * scale)]))
    return grid
