"""Chinese line breaking with 行首禁则 and 行尾禁则 (GB/T 15834 punctuation, as on printed forms).

reportlab's CJK wrapping (wordWrap="CJK") knows only a few closing marks — a line may start with
，；：？！》” — and never keeps an opening mark off a line's end. `Paragraph` here breaks the
same way reportlab does (fill the line, break before the character that overflows) and then
moves the break back while the next line would start with a closing mark or this one would end
with an opening mark, carrying the preceding character down with it (推入). Lines stay inside the
column; a line is at most a few characters short.
"""
from __future__ import annotations

from unicodedata import category

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import paragraph as rl
from reportlab.rl_config import _FUZZ

CANNOT_START = ("，。、；：？！…‥—～·）》〉」』】〕〗］｝”’％‰℃"
                ",.;:?!)]}%'\"")
CANNOT_END = "（《〈「『【〔〖［｛“‘([{￥$"


def break_index(chars: list[str], start: int, overflow: int) -> int:
    """Where the line that began at `start` ends, given that chars[overflow] does not fit."""
    i = overflow
    if ord(chars[i][:1] or " ") < 0x3000 and category(chars[i][:1] or " ")[0] in "LN":
        # inside a Latin word or number: break after the last space or CJK character
        for j in range(i - 1, (start + i) // 2, -1):
            if category(chars[j][:1] or " ") == "Zs" or ord(chars[j][:1] or " ") >= 0x3000:
                i = j + 1
                break
    while i > start + 1 and (chars[i] in CANNOT_START or chars[i - 1] in CANNOT_END):
        i -= 1
    return i


# (font, size) → character → width: a book breaks some 900 paragraphs of the same few thousand
# characters, most of them several times.
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def split_frags(frags, max_widths, calc_bounds, encoding="utf8"):
    """reportlab's cjkFragSplit with break_index deciding every break; measured once per character
    and grouped by fragment per line (a line's words are its runs of one fragment)."""
    chars, owners, widths = [], [], []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        pieces = list(text) if text else [text]
        if hasattr(frag, "cbDefn"):
            widths += [getattr(frag.cbDefn, "width", 0)] * len(pieces)
        else:
            known = _WIDTHS.setdefault((frag.fontName, frag.fontSize), {})
            for p in pieces:
                if p not in known:
                    known[p] = stringWidth(p, frag.fontName, frag.fontSize)
            widths += [known[p] for p in pieces]
        chars += pieces
        owners += [frag] * len(pieces)
    lines, start, used = [], 0, 0.0
    max_width = max_widths[0]
    i = 0
    while i < len(chars):
        used += widths[i]
        forced = hasattr(owners[i], "lineBreak")
        if forced or (used > max_width + _FUZZ and used > 0):
            # at least one character a line, however narrow the column
            end = i + 1 if forced else max(break_index(chars, start, i), start + 1)
            lines.append(_line(chars, owners, widths, start, end, max_width, forced,
                               calc_bounds))
            max_width = max_widths[min(len(lines), len(max_widths) - 1)]
            start, used, i = end, 0.0, end
            continue
        i += 1
    if start < len(chars):
        lines.append(_line(chars, owners, widths, start, len(chars), max_width, False,
                           calc_bounds))
    return rl.ParaLines(kind=1, lines=lines)


def _line(chars, owners, widths, start, end, max_width, forced, calc_bounds) -> rl.FragLine:
    """One laid-out line, as reportlab's makeCJKParaLine makes it."""
    words, size, ascent, descent = [], 0, 0, 0
    j = start
    while j < end:
        frag, k = owners[j], j + 1
        while k < end and owners[k] is frag:
            k += 1
        font_size = frag.fontSize
        image = getattr(frag, "cbDefn", None)
        if calc_bounds and getattr(image, "width", 0):
            low, high = rl.imgVRange(rl.imgNormV(image.height, font_size), image.valign,
                                     font_size)
        else:
            high, low = getAscentDescent(frag.fontName, font_size)
        size, ascent, descent = max(size, font_size), max(ascent, high), min(descent, low)
        word = frag.clone()
        word.text = "".join(chars[j:k])
        words.append(word)
        j = k
    taken = sum(widths[start:end])
    return rl.FragLine(kind=1, extraSpace=max_width - taken, wordCount=1, words=words,
                       fontSize=size, ascent=ascent, descent=descent, maxWidth=max_width,
                       currentWidth=taken, lineBreak=forced)


class Paragraph(rl.Paragraph):
    """A paragraph whose CJK lines obey 行首禁则/行尾禁则 (other wrap modes as reportlab's)."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        if not self.frags:
            return super().breakLinesCJK(maxWidths)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return split_frags(self.frags, maxWidths, auto not in ("", "off"))
