"""A paragraph of plain text that skips the line breaker when it fits on one line.

Most paragraphs in a printed form are short table cells (a name, a date, "12 人"): a full
reportlab paragraph parses markup and breaks lines character by character on every wrap, which
made layout the bulk of a 150-page book. `PlainPara` measures the text once; while it fits the
width it is one line, drawn exactly where `cjk_lines.Paragraph` would draw it (baseline one font
size below the top of a line `leading` high, aligned by the style, fallback fonts per run). When it
does not fit, or holds line breaks, the real paragraph is built and does the work.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
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
        self._line = glyphs.runs(" ".join(self.text.split()), style.fontName) if simple else None
        self._line_width = sum(stringWidth(piece, font, style.fontSize)
                               for font, piece in self._line or ())
        if not simple:
            self.paragraph()
        self._wrapped = False       # the last wrap needed the real paragraph
        self._wrapped_at: float | None = None   # the width the real paragraph was broken for

    def paragraph(self) -> cjk_lines.Paragraph:
        """The real paragraph, built on first need."""
        if self._para is None:
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

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        return self.paragraph().split(avail_width, avail_height) if self._wrapped else []

    def drawOn(self, canvas, x, y, _sW=0):
        if self._wrapped:
            self.paragraph().drawOn(canvas, x, y, _sW)
            return
        st = self.style
        x = self._hAlignAdjust(x, _sW) + st.leftIndent + st.firstLineIndent
        spare = self._room(self.width) - self._line_width
        if st.alignment == TA_CENTER:
            x += spare / 2
        elif st.alignment == TA_RIGHT:
            x += spare
        glyphs.show(canvas, x, y + self.height - st.fontSize, self._line, st.fontSize,
                    st.textColor)

    def minWidth(self):
        return self.paragraph().minWidth()

    def getPlainText(self, identify=None) -> str:
        return self.paragraph().getPlainText(identify)
