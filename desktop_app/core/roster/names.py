"""Names as people type them: padded with spaces, written with any of five "middle dots", and
with characters from every CJK ideograph block (䶮 Ext A, 𠈌 Ext B, 𬭚 Ext E …).

One normal form, so that a roster row and a ledger member with the same name compare equal.
The ranges are listed here rather than taken from `str.isalpha`, whose Unicode tables lag
behind the blocks in use (Python 3.11 knows Unicode 14, without Ext H).
"""
from __future__ import annotations

import re
import unicodedata

MIDDLE_DOT = "\u00b7"
# U+2022 bullet, U+FF0E full-width full stop (NFKC makes it '.'), U+2027 hyphenation point,
# U+30FB katakana middle dot, and the half-width form U+FF65.
_DOTS = re.compile(r"(?:\s*[\u00b7\u2022\uff0e.\u2027\u30fb\uff65\u0387\u22c5\u2219])+\s*")
CJK_RANGES = (
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),       # Ext A, URO, compatibility
    (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),  # Ext B, C, D
    (0x2B820, 0x2CEAF), (0x2CEB0, 0x2EBEF), (0x2EBF0, 0x2EE5F),  # Ext E, F, I
    (0x2F800, 0x2FA1F), (0x30000, 0x3134F), (0x31350, 0x323AF),  # compat. supplement, G, H
)
MAX_LENGTH = 30


class BadName(ValueError):
    """The text cannot be a person's name; the message says why, in Chinese."""


def is_cjk(char: str) -> bool:
    if "\u4e00" <= char <= "\u9fff":     # the common case, before the range walk
        return True
    code = ord(char)
    return code >= 0x3400 and any(low <= code <= high for low, high in CJK_RANGES)


def is_letter(char: str) -> bool:
    return is_cjk(char) or char.isalpha()


def normalise_name(text: str | None) -> str:
    """'张  三' → '张三'; 'Li  Lei' → 'Li Lei'; '阿依古丽•买买提', '阿依古丽・・买买提' →
    '阿依古丽·买买提'; '·阿依古丽' → '阿依古丽'.
    Raises BadName for an empty name, one without a letter, or one with digits or punctuation."""
    if text is None or not text.strip():
        raise BadName("姓名不能为空")
    name = unicodedata.normalize("NFKC", text).strip()
    if name.isalpha() and len(name) <= MAX_LENGTH:      # 张三, Li: letters only, nothing to do
        return name
    if not name.isalpha():                      # dots, spaces or worse: the slow path
        name = _DOTS.sub(MIDDLE_DOT, name)      # a run of dots is one; none at either end
        name = name.strip(MIDDLE_DOT) if any(c != MIDDLE_DOT for c in name) else name
    kinds = [is_cjk(c) for c in name]
    if any(kinds):
        name = "".join(name.split())
        kinds = [is_cjk(c) for c in name]
    elif not name.isalpha():
        name = " ".join(name.split())
        kinds = [False] * len(name)
    letters = [k or c.isalpha() for c, k in zip(name, kinds)]
    if not any(letters):
        raise BadName("姓名中没有文字（只有符号或数字），不是姓名")
    if not all(ok or c in (MIDDLE_DOT, " ", "-") for c, ok in zip(name, letters)):
        raise BadName("姓名只能包含汉字、字母和“·”，不能有数字或标点")
    if len(name) > MAX_LENGTH:
        raise BadName(f"姓名超过 {MAX_LENGTH} 个字")
    return name


def same_name(text: str | None) -> str | None:
    """The form used to compare names (a ledger name that is not a valid name compares as is)."""
    try:
        return normalise_name(text)
    except BadName:
        return text
