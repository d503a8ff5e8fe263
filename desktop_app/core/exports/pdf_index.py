"""Cross-references for long documents such as the yearly book: headings that feed the PDF outline
and the running header; the contents page; and ruled tables whose last column is the page each
listed record starts on.

The layout runs once (`pdf.build_pdf`): a page number only fills the room kept for it, so the
numbers are drawn after layout, when every heading's page is known — the contents page and the
lists cannot change length with them (one contents line per section, one row per record).
"""
from __future__ import annotations

import itertools

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus.tableofcontents import TableOfContents, drawPageNumbers

from desktop_app.core.exports import glyphs, pdf
from desktop_app.core.exports.fonts import cjk_fonts
from desktop_app.core.exports.plain_para import PlainPara

_anchors = itertools.count(1)


class Heading(PlainPara):
    """A heading the layout reports: level 0 starts a section (named in the running header),
    level 1 a record inside it (in the PDF outline and in the section's own list)."""

    def __init__(self, text: str, style: ParagraphStyle, level: int = 0,
                 anchor: str | None = None):
        super().__init__(text, style)
        self.plain_text = text
        self.level = level
        self.anchor = anchor or f"h{next(_anchors)}"


class Contents(TableOfContents):
    """The contents page: section titles (each a `Heading`'s text and anchor, known before
    layout), dot leaders and page numbers, in the CJK fonts. The dots and numbers are drawn when
    layout is over."""

    def __init__(self, entries: list[Heading]):
        super().__init__(dotsMinLevel=0)
        fonts = cjk_fonts()
        self.levelStyles = [
            ParagraphStyle("toc0", fontName=fonts.body, fontSize=13, leading=22,
                           leftIndent=6 * mm, rightIndent=14 * mm, firstLineIndent=0,
                           spaceBefore=2 * mm),
        ]
        self.tableStyle = [pdf.plain_font(), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
        self._lastEntries = [(0, glyphs.markup(h.plain_text, fonts.body), 0, h.anchor)
                             for h in entries]

    def isIndexing(self):
        return 0

    def wrap(self, avail_width, avail_height):
        size = super().wrap(avail_width, avail_height)
        style = self.getLevelStyle(0)

        def entry_end(canvas, kind, label):
            anchor = label.split(",", 2)[2].strip("'\"")
            at = dict(canvas._curr_tx_info)

            def dots_and_page(later) -> None:
                later._curr_tx_info = at
                drawPageNumbers(later, style, [(later.anchor_pages.get(anchor, ""), None)],
                                avail_width, avail_height, " . ")

            canvas.draw_later(dots_and_page)
            # A form cannot carry a link: the page does, over the dots and the number.
            canvas.linkRect("", anchor, (at["cur_x"], at["cur_y"], avail_width,
                                         at["cur_y"] + style.leading), relative=1)

        self.canv.setNamedCB("drawTOCEntryEnd", entry_end)
        return size


class PageNumber(Flowable):
    """A table cell showing the page of `anchor`'s heading, one line in `style`."""

    def __init__(self, anchor: str, style: ParagraphStyle):
        super().__init__()
        self.anchor, self.style = anchor, style

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.style.leading
        return self.width, self.height

    def draw(self):
        width, height = self.width, self.height

        def number(later) -> None:
            text = PlainPara(str(later.anchor_pages.get(self.anchor, "")), self.style)
            text.wrapOn(later, width, height)
            text.drawOn(later, 0, 0)

        self.canv.draw_later(number)


def page_ref_table(header: list[str], rows: list[list], anchors: list[str],
                   col_widths: list[float], **table_options):
    """A ruled table (`pdf.table`) listing records, with a last column "页码" giving the page on
    which each record's `Heading` (by anchor) is placed; the page column is centred."""
    page_col = len(header)
    centred = tuple(table_options.pop("center_cols", ())) + (page_col,)
    style = pdf.styles().cell_center
    cells = [[*row, PageNumber(anchor, style)] for row, anchor in zip(rows, anchors)]
    return pdf.table([[*header, "页码"], *cells], col_widths, center_cols=centred,
                     **table_options)
