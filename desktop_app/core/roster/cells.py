"""One cell as people type it, made into the value they meant.

Text arrives with OOXML escapes (`_x000D_`), control characters pasted from Word, full-width
characters, and guards that keep Excel from turning an ID into a number (a leading `'`, a
trailing tab, `="…"`). The paper 采集表 forbids blank cells, so "nothing" is written as 无, —, /.
"""
from __future__ import annotations

import re
import unicodedata

_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# C0/C1 controls except tab and line feed, and invisible format characters (soft hyphen and
# zero-width space from web pages, word joiner, invisible operators, byte-order mark).
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"
                        r"\xad\u200b-\u200f\u2060-\u2064\ufeff]")
_FORMULA_GUARD = re.compile(r'^=\s*"(.*)"$', re.S)
_QUOTES = "'‘’\"“”`"
# A number kept as text by quotes around it: "110105…", “138…”, '138…'.
_QUOTED_NUMBER = re.compile(f"^[{_QUOTES}]*([0-9Xx -]+?)[{_QUOTES}]*$")
# Written instead of leaving a cell blank: dashes, slashes, dots and words for "none", also in
# brackets or with a full stop: （无）, 无。, 不详.
_NOTHING_MARKS = "-—–―─‐~～/\\∕、.…"
_NOTHING_WORDS = ("无", "無", "暂无", "空", "空白", "没有", "无此项", "不详", "未填", "N/A", "NA", "null",
                  "NULL", "None")
_PLACEHOLDER = re.compile(rf"^[(\[]?(?:[{re.escape(_NOTHING_MARKS)}]+|"
                          rf"{'|'.join(map(re.escape, _NOTHING_WORDS))})[)\]]?[。.]?$")
# What a placeholder can start with: a cell starting otherwise (most cells) needs no regex.
PLACEHOLDER_STARTS = frozenset("([ " + _NOTHING_MARKS + "".join(w[0] for w in _NOTHING_WORDS))


def clean_text(text: str) -> str | None:
    """Decoded, width-normalised (NFKC), controls removed (vertical tab etc. → line break),
    guards stripped, each line trimmed; '' → None. Never raises."""
    if not text.isprintable() or "_x" in text:     # the common cell skips the scans
        text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        text = _LINE_BREAKS.sub("\n", text)
        text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKC", text).strip()
    if text[:1] in ("=", "'", "‘", "’"):
        guarded = _FORMULA_GUARD.match(text)
        if guarded:
            text = guarded.group(1).strip()
        if text[:1] in ("'", "‘", "’"):
            text = text[1:].strip()
    if text[:1] in _QUOTES or text[-1:] in _QUOTES:
        quoted = _QUOTED_NUMBER.match(text)
        if quoted:
            text = quoted.group(1).strip()
    if "\n" in text:
        text = "\n".join(line.strip() for line in text.split("\n"))
    return text or None


def clean_cell(value):
    """Text cleaned as above; numbers, dates and booleans stay as the sheet holds them."""
    if isinstance(value, str):
        return clean_text(value)
    return value


def is_placeholder(value) -> bool:
    """True for cells that mean "nothing": -, —, ——, /, …, 无, （无）, 暂无, 空, 不详 (after NFKC:
    －→-, ／→/)."""
    return (isinstance(value, str) and value[:1] in PLACEHOLDER_STARTS and len(value) <= 8
            and bool(_PLACEHOLDER.match(value.replace(" ", ""))))
