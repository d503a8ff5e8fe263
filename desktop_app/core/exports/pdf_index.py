"""Cross-references for long documents such as the yearly book: headings that feed the contents
page, the PDF outline and the running header; the contents page itself; and ruled tables whose
last column is the page each listed record starts on.

Page numbers are known only after layout, so a story holding these is laid out twice (or more,
until the numbers settle); `pdf.build_pdf` does that on its own.
"""
from __future__ import annotations

import itertools

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from desktop_app.core.exports import cjk_lines, glyphs, pdf
from desktop_app.core.exports.fonts import cjk_fonts

_anchors = itertools.count(1)


class Heading(cjk_lines.Paragraph):
    """A heading the layout reports: level 0 starts a section (listed on the contents page and
    named in the running header), level 1 a record inside it (in the PDF outline and in the
    section's own list)."""

    def __init__(self, text: str, style: ParagraphStyle, level: int = 0,
                 anchor: str | None = None, in_contents: bool | None = None):
        super().__init__(glyphs.markup(text, style.fontName), style)
        self.plain_text = text
        self.level = level
        self.anchor = anchor or f"h{next(_anchors)}"
        self.in_contents = level == 0 if in_contents is None else in_contents


def contents() -> TableOfContents:
    """The contents page: section titles, dot leaders and page numbers, in the CJK fonts."""
    fonts = cjk_fonts()
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [
        ParagraphStyle("toc0", fontName=fonts.body, fontSize=13, leading=22, leftIndent=6 * mm,
                       rightIndent=14 * mm, firstLineIndent=0, spaceBefore=2 * mm),
        ParagraphStyle("toc1", fontName=fonts.body, fontSize=11, leading=18, leftIndent=14 * mm,
                       rightIndent=14 * mm, firstLineIndent=0),
    ]
    toc.tableStyle = [pdf.plain_font(), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    return toc


class PageRefTable(IndexingFlowable):
    """A ruled table (`pdf.table`) listing records, with a last column "页码" giving the page on
    which each record's `Heading` (by anchor) was placed in the previous layout pass."""

    def __init__(self, header: list[str], rows: list[list], anchors: list[str],
                 col_widths: list[float], **table_options):
        super().__init__()
        self._header, self._rows, self._anchors = header, rows, anchors
        self._widths, self._options = col_widths, table_options
        self._wanted = set(anchors)
        self._pages: dict[str, int] = {}
        self._last: dict[str, int] = {}
        self._table = None

    def beforeBuild(self) -> None:
        self._last, self._pages = self._pages, {}

    def isSatisfied(self) -> bool:
        return self._pages == self._last

    def notify(self, kind: str, stuff) -> None:
        if kind == "PageRef" and stuff[0] in self._wanted:
            self._pages.setdefault(stuff[0], stuff[1])

    def _build(self):
        rows = [[*self._header, "页码"]]
        rows += [[*row, str(self._last.get(anchor, ""))]
                 for row, anchor in zip(self._rows, self._anchors)]
        self._table = pdf.table(rows, self._widths, **self._options)
        return self._table

    def wrap(self, avail_width, avail_height):
        return self._build().wrap(avail_width, avail_height)

    def split(self, avail_width, avail_height):
        return self._build().split(avail_width, avail_height)

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)
