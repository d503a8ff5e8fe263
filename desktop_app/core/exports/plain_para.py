"""A paragraph of plain text that skips the line breaker when it fits on one line.

Most paragraphs in a printed form are short table cells (a name, a date, "12 人"): a full
reportlab paragraph parses markup and breaks lines character by character on every wrap, which
made layout the bulk of a 150-page book. `PlainPara` measures the text once; while it fits the
width it is one line, drawn exactly where `cjk_lines.Paragraph` would draw it (baseline one font
size below the top of a line `leading` high, aligned by the style, fallback fonts per run). When it
does not fit, the real paragraph breaks the lines (built from the runs, without parsing markup)
and they are drawn the same way, each `leading` below the last; a text with line breaks is
parsed and drawn by the real paragraph.
"""
from __future__ import annotations

import functools
import weakref

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import textTransformFrags
from reportlab.rl_config import _FUZZ

from desktop_app.core.exports import cjk_lines, glyphs


class PlainPara(Flowable):
    """`text` (not markup) in `style`; raises GlyphMissingError at once for a character no font has."""

    def __init__(self, text: str | None, style: ParagraphStyle):
        super().__init__()
        self.text, self.style = text or "", style
        # The paragraph parser turns any run of white space (　 included) into one space, but
        # keeps no-break spaces; a newline breaks the line.
        simple = "\n" not in self.text and "\xa0" not in self.text
        self._para: cjk_lines.Paragraph | None = None
        self._line, self._line_width = (_measure(" ".join(self.text.split()), style.fontName,
                                                 style.fontSize) if simple else (None, 0))
        if not simple:
            self.paragraph()
        self._wrapped = False       # the last wrap needed the real paragraph
        self._wrapped_at: float | None = None   # the width the real paragraph was broken for

    def paragraph(self) -> cjk_lines.Paragraph:
        """The real paragraph, built on first need."""
        if self._para is None:
            if self._line:
                frags = [_frag(self.style, font).clone(text=piece) for font, piece in self._line]
                textTransformFrags(frags, self.style)
                self._para = cjk_lines.Paragraph(None, self.style, frags=frags)
            else:
                self._para = cjk_lines.Paragraph(glyphs.markup(self.text, self.style.fontName),
                                                 self.style)
        return self._para

    def _room(self, width: float) -> float:
        st = self.style
        return width - st.leftIndent - st.firstLineIndent - st.rightIndent

    def wrap(self, avail_width, avail_height):
        fits = (self._line is not None and avail_width >= _FUZZ
                and self._line_width <= self._room(avail_width) + _FUZZ)
        self._wrapped = not fits
        if fits:
            self.width, self.height = avail_width, self.style.leading if self._line else 0
        else:   # reportlab reads .height after a wrap too (a table splitting a row)
            para = self.paragraph()
            # A table wraps each cell again to place it: the lines stay as broken for that width.
            if avail_width != self._wrapped_at or not hasattr(para, "blPara"):
                para.wrap(avail_width, avail_height)
                self._wrapped_at = avail_width
            self.width, self.height = para.width, para.height
        return self.width, self.height

    # A table asks each cell for these on every wrap and draw: straight from the style (the
    # reportlab defaults look for the attribute on the flowable first), and no canvas to set.
    def wrapOn(self, canv, avail_width, avail_height):
        return self.wrap(avail_width, avail_height)

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        return self.paragraph().split(avail_width, avail_height) if self._wrapped else []

    def drawOn(self, canvas, x, y, _sW=0):
        x = self._hAlignAdjust(x, _sW)
        st = self.style
        if not self._wrapped:
            lines = [(self._room(self.width) - self._line_width, self._line)]
        elif self._plain_lines():
            lines = [(line.extraSpace, [(w.fontName, w.text) for w in line.words])
                     for line in self.paragraph().blPara.lines]
        else:
            self.paragraph().drawOn(canvas, x, y, _sW)
            return
        top = y + self.height - st.fontSize
        for n, (spare, runs) in enumerate(lines):
            left = x + st.leftIndent + (st.firstLineIndent if n == 0 else 0)
            if st.alignment == TA_CENTER:
                left += spare / 2
            elif st.alignment == TA_RIGHT:
                left += spare
            glyphs.show(canvas, left, top - n * st.leading, runs, st.fontSize, st.textColor)

    def _plain_lines(self) -> bool:
        """Whether the wrapped lines can be drawn as runs: frags of our own, an alignment that
        only shifts a line, and no line overfull (reportlab would stretch its spaces)."""
        st, para = self.style, self.paragraph()
        return (self._line is not None and st.alignment in (TA_LEFT, TA_CENTER, TA_RIGHT)
                and not (st.backColor or st.borderWidth or st.endDots or para.bulletText)
                and para.blPara.kind == 1 and not getattr(para, "_offsets", None)
                and all(line.extraSpace > -1e-8 for line in para.blPara.lines))

    def minWidth(self):
        return self.paragraph().minWidth()

    def getPlainText(self, identify=None) -> str:
        return self.paragraph().getPlainText(identify)


@functools.lru_cache(maxsize=4096)
def _measure(text: str, font_name: str, size: float) -> tuple[tuple[tuple[str, str], ...], float]:
    """`text` as (font, piece) runs and its width: names, dates and "出席" recur in every table."""
    line = tuple(glyphs.runs(text, font_name))
    return line, sum(stringWidth(piece, font, size) for font, piece in line)


_FRAGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _frag(style: ParagraphStyle, font_name: str):
    """The fragment the paragraph parser makes for a run of text in `font_name` (the style's
    own or a fallback's), parsed once per style and font: copies of it carry each run."""
    made = _FRAGS.setdefault(style, {})
    if font_name not in made:
        markup = "x" if font_name == style.fontName else f'<font name="{font_name}">x</font>'
        made[font_name] = cjk_lines.Paragraph(markup, style).frags[0]
    return made[font_name]
