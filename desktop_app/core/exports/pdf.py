"""The shared PDF kit: styles, ruled tables with CJK line breaking, and an A4 document builder.

Every printed form (sign-in sheets, plans, records, boards, the yearly book) is built here so
they share one look: 黑体 titles, 宋体 body, page numbers "第 x 页 共 y 页", and a footer with the
organisation, the printed date and — when the document carries any — a personal-data note.
Posters for the public board (公开栏) use the same parts on A3 as well, scaled up, under a
coloured banner, and their footer says what personal data is shown in public.
"""
from __future__ import annotations

import functools
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, SimpleDocTemplate, Table,
                                TableStyle)

from desktop_app.core.durable import write_atomically
from desktop_app.core.exports import glyphs
from desktop_app.core.exports.fonts import cjk_fonts
from desktop_app.core.exports.plain_para import PlainPara

MARGIN = 20 * mm
BOTTOM_MARGIN = 27 * mm     # room under the text for the footer rule and its two lines
FOOTER_RULE_Y = 20 * mm
HEADER_FILL = colors.Color(0.92, 0.92, 0.92)
OUTER_LINE = 1.0
INNER_LINE = 0.5
BANNER_FILL = colors.Color(0.72, 0.07, 0.07)     # 党建红, still a solid dark grey in black and white
PAPERS = {"A4": A4, "A3": A3}
COLUMN_GAP = 10 * mm


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    section: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    head_cell: ParagraphStyle


@functools.cache
def styles(scale: float = 1.0) -> Styles:
    """The house styles; `scale` enlarges every size for posters read from a few steps away.
    Made once per scale (a book asks some 300 times); never change them, derive a style."""
    fonts = cjk_fonts()

    def style(name, font, size, leading, align=TA_LEFT, **extra) -> ParagraphStyle:
        extra = {k: v * scale if isinstance(v, (int, float)) else v for k, v in extra.items()}
        return ParagraphStyle(name, fontName=font, fontSize=size * scale, leading=leading * scale,
                              alignment=align, wordWrap="CJK", **extra)

    return Styles(
        cover_title=style("cover_title", fonts.title, 40, 56, TA_CENTER),
        section=style("section", fonts.title, 16, 24, TA_CENTER, spaceAfter=5 * mm,
                      keepWithNext=1),
        title=style("title", fonts.title, 18, 26, TA_CENTER, spaceAfter=4 * mm),
        subtitle=style("subtitle", fonts.body, 12, 18, TA_CENTER, spaceAfter=3 * mm),
        heading=style("heading", fonts.title, 12, 18, spaceBefore=3 * mm, spaceAfter=1.5 * mm,
                      keepWithNext=1),
        body=style("body", fonts.body, 11, 18, firstLineIndent=22),
        small=style("small", fonts.body, 9, 13),
        cell=style("cell", fonts.body, 10.5, 15),
        cell_center=style("cell_center", fonts.body, 10.5, 15, TA_CENTER),
        head_cell=style("head_cell", fonts.title, 10.5, 15, TA_CENTER),
    )


def para(text: str | None, style: ParagraphStyle) -> PlainPara:
    """A paragraph of plain text (not markup): `<`, `&` stay literal, newlines break lines;
    characters the style's font lacks come from a fallback font (exports/glyphs.py)."""
    return PlainPara(text, style)


def signatures(width: float) -> Table:
    """制表人/审核人/日期 under a financial table, to be signed by hand."""
    return line_of(["制表人：＿＿＿＿＿＿", "审核人：＿＿＿＿＿＿", "日期：＿＿＿＿年＿＿月＿＿日"], width)


def line_of(texts: list[str], width: float, style: ParagraphStyle | None = None) -> Table:
    """Several short texts spread evenly across one unruled line (e.g. 应到/实到/请假/缺席)."""
    style = style or styles().cell
    result = Table([[para(t, style) for t in texts]], colWidths=[width / len(texts)] * len(texts))
    result.setStyle(TableStyle([plain_font(), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return result


def plain_font() -> tuple:
    """A table command naming the CJK font: reportlab otherwise sets Helvetica for every cell,
    which would put an unembedded font reference into the PDF."""
    return ("FONTNAME", (0, 0), (-1, -1), cjk_fonts().body)


def table(rows: list[list], col_widths: list[float], *, header_rows: int = 1,
          row_heights: list[float] | float | None = None, center_cols: tuple[int, ...] = (),
          label_cols: tuple[int, ...] = (), right_cols: tuple[int, ...] = (),
          split_in_row: bool = False,
          extra_style: list | None = None, scale: float = 1.0) -> Table:
    """A ruled table that wraps Chinese text in its cells and repeats its header on each page.

    Strings become paragraphs (header rows and `label_cols` in 黑体, centred; `right_cols` —
    amounts — right-aligned); other flowables pass through. `split_in_row` lets a very tall row continue on the next page; `scale` enlarges
    the text and padding for posters.
    """
    st = styles(scale)
    right = ParagraphStyle("cell_right", parent=st.cell, alignment=TA_RIGHT)
    cells = []
    for r, row in enumerate(rows):
        out = []
        for c, value in enumerate(row):
            if isinstance(value, str) or value is None:
                cell_style = (st.head_cell if r < header_rows or c in label_cols
                              else right if c in right_cols
                              else st.cell_center if c in center_cols else st.cell)
                value = para(value, cell_style)
            out.append(value)
        cells.append(out)
    if isinstance(row_heights, (int, float)):
        row_heights = [None] * header_rows + [row_heights] * (len(rows) - header_rows)
    result = Table(cells, colWidths=col_widths, rowHeights=row_heights, repeatRows=header_rows,
                   splitInRow=int(split_in_row))
    commands = [
        plain_font(),
        ("BOX", (0, 0), (-1, -1), OUTER_LINE, colors.black),
        ("INNERGRID", (0, 0), (-1, -1), INNER_LINE, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * scale),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 * scale),
        ("TOPPADDING", (0, 0), (-1, -1), 3 * scale),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * scale),
    ]
    if header_rows:
        commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
                     ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), OUTER_LINE,
                      colors.black)]
    result.setStyle(TableStyle(commands + (extra_style or [])))
    return result


def banner(label: str, title: str, width: float, scale: float = 1.0) -> Table:
    """The head of a public-board poster: a red band with the board's name (党务公开) over the
    item's title in large white 黑体."""
    fonts = cjk_fonts()
    small = ParagraphStyle("banner_label", fontName=fonts.title, fontSize=13 * scale,
                           leading=18 * scale, alignment=TA_CENTER, textColor=colors.white)
    # One line if the title fits at no less than 18 pt (scaled); a CJK glyph is 1 em wide.
    size = max(18 * scale, min(26 * scale, (width - 12 * mm) / max(len(title), 1)))
    big = ParagraphStyle("banner_title", fontName=fonts.title, fontSize=size,
                         leading=size * 1.3, alignment=TA_CENTER, textColor=colors.white,
                         wordWrap="CJK")
    result = Table([[para(label, small)], [para(title, big)]], colWidths=[width])
    result.setStyle(TableStyle([
        plain_font(),
        ("BACKGROUND", (0, 0), (-1, -1), BANNER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.white),
        ("TOPPADDING", (0, 0), (-1, -1), 4 * scale),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8 * scale),
        ("TOPPADDING", (0, -1), (-1, -1), 6 * scale),
    ]))
    return result


@dataclass(frozen=True)
class DocumentInfo:
    """What the footer says. `personal_data` names the personal data carried (None: none).

    A `public` document is posted on a board: its footer gives the posting date (`printed_on`
    under `date_label`) and says which personal data it shows in public, not "keep safe".
    A `cover` document keeps page 1 free of header and footer (a ruled frame instead); later
    pages carry the title and the current section (see `pdf_index.Heading`) in their header."""
    title: str
    org_name: str
    personal_data: str | None = None
    printed_on: str = field(default_factory=lambda: date.today().isoformat())
    landscape: bool = False
    paper: str = "A4"
    public: bool = False
    date_label: str = "打印日期"
    cover: bool = False

    @property
    def page_size(self):
        size = PAPERS[self.paper]
        return landscape(size) if self.landscape else size

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - 2 * MARGIN


def _numbered_canvas(info: DocumentInfo):
    """A canvas that holds pages back until the end, so each footer can say "共 y 页" and page
    references (`draw_later`) can name the page a heading was placed on: the layout runs once."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.running_section: str | None = None
            self.anchor_pages: dict[str, int] = {}
            self._later: list[tuple[int, Callable[[Canvas], None]]] = []   # on this page

        def draw_later(self, draw: Callable[[Canvas], None]) -> None:
            """Leave `draw(canvas)` for when layout is over and `anchor_pages` holds every
            heading's page; it draws here, in the current coordinates: its operators take this
            place in the page, in a graphics state of their own, so the text stays in reading
            order (not a PDF form each: a book has some 130 references, 60 KB of form objects)."""
            self._later.append((len(self._code), draw))
            self._code.append("")

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._later = []
            self._startPage()

        def save(self):
            for state in self._pages:
                self.__dict__.update(state)
                for place, draw in self._later:
                    page, self._code = self._code, []
                    draw(self)
                    drawn = "\n".join(self._code)
                    page[place], self._code = f"q\n{drawn}\nQ", page
                if info.cover and self._pageNumber == 1:
                    _draw_cover_frame(self, info)
                else:
                    _draw_page_furniture(self, info, self._pageNumber, len(self._pages))
                super().showPage()
            super().save()

    return NumberedCanvas


def _draw_cover_frame(canvas: Canvas, info: DocumentInfo) -> None:
    """A double rule round the cover, as on a bound handbook."""
    width, height = info.page_size
    canvas.saveState()
    canvas.setLineWidth(2.2)
    canvas.rect(14 * mm, 14 * mm, width - 28 * mm, height - 28 * mm)
    canvas.setLineWidth(0.6)
    canvas.rect(16.5 * mm, 16.5 * mm, width - 33 * mm, height - 33 * mm)
    canvas.restoreState()


def _draw_page_furniture(canvas: Canvas, info: DocumentInfo, page: int, pages: int) -> None:
    fonts = cjk_fonts()
    width, height = info.page_size
    left, right = MARGIN, width - MARGIN
    canvas.saveState()
    section = getattr(canvas, "running_section", None)
    if section:
        header_y = height - MARGIN + 6 * mm
        glyphs.draw(canvas, left, header_y, info.title, fonts.body, 9)
        glyphs.draw(canvas, right, header_y, section, fonts.body, 9, "right")
        canvas.setLineWidth(INNER_LINE)
        canvas.line(left, header_y - 2 * mm, right, header_y - 2 * mm)
    elif page > 1:
        glyphs.draw(canvas, left, height - MARGIN + 6 * mm, f"{info.title}（续）", fonts.body, 9)
    rule_y = FOOTER_RULE_Y
    canvas.setLineWidth(INNER_LINE)
    canvas.line(left, rule_y, right, rule_y)
    text_y = rule_y - 4.5 * mm
    glyphs.draw(canvas, left, text_y, info.org_name, fonts.body, 9)
    glyphs.draw(canvas, width / 2, text_y, f"第 {page} 页  共 {pages} 页", fonts.body, 9, "centre")
    glyphs.draw(canvas, right, text_y, f"{info.date_label}：{info.printed_on}", fonts.body, 9,
                "right")
    if info.public:
        shown = f"本栏公开的个人信息仅限{info.personal_data}" if info.personal_data else "本栏不含个人信息"
        note = f"{shown}；不公开身份证号等其他个人信息。如有疑问请向党组织反映。"
    elif info.personal_data:
        # Records, sign-in sheets and the book are 台账 kept for inspection, not thrown away.
        note = (f"本文件含个人信息（{info.personal_data}），为党组织工作台账，仅供党务工作使用，"
                f"请妥善保管、存档备查，切勿公开张贴或外传。")
    else:
        note = None
    if note:
        glyphs.draw(canvas, left, text_y - 4.5 * mm, note, fonts.body,
                    _fitting_size(note, fonts.body, right - left, 8, 6))
    canvas.restoreState()


@functools.lru_cache(maxsize=32)
def _fitting_size(text: str, font: str, width: float, size: float, smallest: float) -> float:
    """The largest size ≤ `size` (down to `smallest`) at which `text` fits in `width`."""
    while size > smallest and glyphs.width(text, font, size) > width:
        size -= 0.25
    return size


Progress = Callable[[int, int], None]


class _Frame(Frame):
    """A frame reportlab can copy cheaply: it deep-copies the page's frame for every trial
    wrap of a KeepTogether (some 400 in a book), and a frame's fields are numbers and strings
    but for a list or two."""

    def __deepcopy__(self, memo):
        twin = self.__class__.__new__(self.__class__)
        twin.__dict__ = {k: deepcopy(v, memo) if isinstance(v, (list, dict)) else v
                         for k, v in self.__dict__.items()}
        return twin


class _Document(SimpleDocTemplate):
    """Reports each placed heading (see `pdf_index.Heading`): PDF outline, running header, and its
    page to the canvas for page references; and reports layout progress."""

    def __init__(self, *args, progress: Progress | None = None, columns: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self._progress = progress
        self._columns = columns
        self._size, self._shown = 1, 0
        if progress:
            self.setProgressCallBack(self._on_progress)

    def _on_progress(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self._size = max(value, 1)
        elif kind == "PROGRESS":
            self._shown = max(self._shown, min(value, self._size))
            self._progress(self._shown, self._size)

    def build(self, flowables, onFirstPage=None, onLaterPages=None, canvasmaker=Canvas):
        """As SimpleDocTemplate's, but with `columns` frames side by side on every page."""
        self._calc()
        width = (self.width - COLUMN_GAP * (self._columns - 1)) / self._columns
        frames = [_Frame(self.leftMargin + n * (width + COLUMN_GAP), self.bottomMargin, width,
                        self.height, id=f"column{n}") for n in range(self._columns)]
        self.pageTemplates = []
        self.addPageTemplates([
            PageTemplate("First", frames, onPage=onFirstPage or _nothing, pagesize=self.pagesize),
            PageTemplate("Later", frames, onPage=onLaterPages or _nothing,
                         pagesize=self.pagesize)])
        BaseDocTemplate.build(self, flowables, canvasmaker=canvasmaker)

    def afterFlowable(self, flowable) -> None:
        anchor = getattr(flowable, "anchor", None)
        if anchor is None:
            return
        self.canv.bookmarkPage(anchor)
        self.canv.addOutlineEntry(flowable.plain_text, anchor, level=flowable.level,
                                  closed=flowable.level > 0)
        if flowable.level == 0:
            self.canv.running_section = flowable.plain_text
        self.canv.anchor_pages.setdefault(anchor, self.canv.getPageNumber())


def build_pdf(target: str | Path, info: DocumentInfo, story: list,
              progress: Progress | None = None, *, masthead: list | None = None,
              columns: int = 1) -> Path:
    """Lay out `story` on the page (A4 unless `info.paper` says A3) and write it to `target`
    atomically (nothing half-written).

    The layout runs once: page references (`pdf_index`) are drawn when it is over.
    `masthead` flowables are drawn at the top of every page (a poster's banner), the story flows
    below them in `columns` columns of `column_width(info, columns)`.
    `progress(done, total)` is called as flowables are placed; raising from it cancels the build."""
    target = Path(target)
    top = MARGIN
    if masthead:
        top += sum(f.wrap(info.frame_width, info.page_size[1])[1] for f in masthead) + 4 * mm
    with write_atomically(target) as temp:
        doc = _Document(
            str(temp), pagesize=info.page_size, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=top, bottomMargin=BOTTOM_MARGIN,
            title=info.title, author=info.org_name, creator="工作实录 Shilu", invariant=False,
            initialFontName=cjk_fonts().body, progress=progress, columns=columns)
        on_page = _masthead_drawer(masthead, info) if masthead else None
        doc.build(story, on_page, on_page, canvasmaker=_numbered_canvas(info))
    return target


def column_width(info: DocumentInfo, columns: int) -> float:
    return (info.frame_width - COLUMN_GAP * (columns - 1)) / columns


def _masthead_drawer(masthead: list, info: DocumentInfo):
    def draw(canvas, doc) -> None:
        y = info.page_size[1] - MARGIN
        for flowable in masthead:
            _, height = flowable.wrap(info.frame_width, info.page_size[1])
            flowable.drawOn(canvas, MARGIN, y - height)
            y -= height
    return draw


def _nothing(canvas, doc) -> None:
    pass
