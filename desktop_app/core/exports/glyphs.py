"""Every character printed must exist in the font that prints it: reportlab silently drops a
glyph the font lacks, so 刘䶮 would print as 刘 — a form with a different name on it.

Before layout each string is split into runs by font: the style's own font where it has the
glyph, else the first fallback that has it (花园明朝 HanaMinA/B on Linux, SimSun-ExtB on Windows,
see resources/fonts.toml). A character no installed font has stops the export with the text it
belongs to, so the secretary knows whose name cannot be printed.
"""
from __future__ import annotations

import functools

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.core.errors import WordedError
from desktop_app.core.exports import fonts
from desktop_app.core.exports.fonts import cjk_fonts


class GlyphMissingError(WordedError):
    """A character of a name or text is in none of the installed fonts."""


@functools.cache
def _charmap(font_name: str) -> dict[int, int]:
    """Code point → glyph of `font_name` (empty for a fallback file that is unusable)."""
    return pdfmetrics.getFont(font_name).face.charToGlyph if fonts.loaded(font_name) else {}


def has_glyph(font_name: str, char: str) -> bool:
    return ord(char) in _charmap(font_name)


def escape(text: str) -> str:
    """`&`, `<` and `>` as paragraph markup entities (xml.sax.saxutils' escape, whose import
    pulls in urllib and http)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def font_for(char: str, font_name: str) -> str | None:
    """The font to print `char` in: `font_name` itself, else the first fallback that has it."""
    if char < " " or has_glyph(font_name, char):
        return font_name
    found = cjk_fonts()
    for other in (found.body, found.title, *found.fallbacks):
        if has_glyph(other, char):
            return other
    return None


def check_names(names) -> None:
    """Before layout: stop, naming the person, if any name cannot be printed whole."""
    for name in names:
        if name:
            runs(name, cjk_fonts().body, f"党员“{name}”的姓名")


def runs(text: str, font_name: str, what: str | None = None) -> list[tuple[str, str]]:
    """`text` as (font, piece) runs; raises GlyphMissingError naming the text (or `what`) and
    the character."""
    codes = set(map(ord, text))
    known = _charmap(font_name).keys()
    if known >= codes or known >= {c for c in codes if c >= 32}:
        return [(font_name, text)] if text else []
    out: list[tuple[str, str]] = []
    for char in text:
        font = font_for(char, font_name)
        if font is None:
            raise GlyphMissingError(
                f"无法打印{what or f'“{text}”'}：已安装的字体中都没有“{char}”（U+{ord(char):04X}）"
                "这个字。为免打印出缺字的姓名或文字，本次导出已停止。请安装含扩展汉字的字体"
                "（Windows：SimSun-ExtB；Linux：fonts-hanazono 花园明朝）后重试。")
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def markup(text: str, font_name: str) -> str:
    """`text` as escaped paragraph markup, pieces the style's font lacks in a <font> tag."""
    parts = []
    for font, piece in runs(text, font_name):
        piece = escape(piece).replace("\n", "<br/>")
        parts.append(piece if font == font_name else f'<font name="{font}">{piece}</font>')
    return "".join(parts)


def width(text: str, font_name: str, size: float) -> float:
    return sum(stringWidth(piece, font, size) for font, piece in runs(text, font_name))


def draw(canvas, x: float, y: float, text: str, font_name: str, size: float,
         align: str = "left") -> None:
    """Draw one line on a canvas (page headers, footers) with the same fallbacks."""
    line = runs(text, font_name)
    if align != "left":
        x -= sum(stringWidth(piece, font, size) for font, piece in line) / (
            2 if align == "centre" else 1)
    show(canvas, x, y, line, size)


def show(canvas, x: float, y: float, line: list[tuple[str, str]], size: float,
         color: Color | None = None) -> None:
    """Draw `line`, (font, piece) runs, on the baseline at (x, y), each run where the previous
    one ends, in `color` (None: the canvas's current fill colour).

    Writes the text operators `canvas.drawString` would, one text object for the whole line:
    a 140-page book draws some 7,000 table cells, and a text object, a font switch and a saved
    graphics state each was a fifth of its time. The fonts are TrueType (fonts.py)."""
    doc, code = canvas._doc, []
    # Per document: (font, piece, size) → its text operators and width. A piece's glyph codes,
    # once assigned in the document's font subsets, never change; names, dates, "出席" recur.
    shown = getattr(doc, "_shilu_shown", None)
    if shown is None:
        shown = doc._shilu_shown = {}
    for font_name, piece in line:
        key = (font_name, piece, size)
        known = shown.get(key)
        if known is None:
            font = pdfmetrics.getFont(font_name)
            known = shown[key] = (
                " ".join(f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf "
                         f"({canvas._escape(chunk)}) Tj"
                         for subset, chunk in font.splitString(piece, doc)),
                stringWidth(piece, font_name, size))
        code.append(f"1 0 0 1 {fp_str(x, y)} Tm {known[0]}")
        x += known[1]
    if not code:
        return
    text = f"BT {' '.join(code)} ET"
    canvas._code.append(text if color is None else f"q {_fill(color)} {text} Q")


@functools.cache
def _fill(color: Color) -> str:
    """The PDF operator setting the fill colour to `color`, as RGB (the forms use no other)."""
    return f"{fp_str(color.red, color.green, color.blue)} rg"
