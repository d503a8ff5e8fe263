"""联系电话 as people write them: a mobile, a landline with its area code, an extension after 转,
and often two numbers in one cell (手机、座机). Kept as written, in one normal spelling, so
nothing typed is lost and the roster still refuses what is not a number at all."""
from __future__ import annotations

import re

# Between two numbers: 、 (the normal form), / ／ ， , ； ; or the word 或.
_SEPARATOR = re.compile(r"\s*(?:[/／，,；;、]|或)\s*")
# An extension: 转 (normal), 分机, ext, ext., x — after the number, with or without a space.
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x)\s*(?=\d+$)", re.IGNORECASE)
_COUNTRY_CODE = re.compile(r"^\+?86[ -]+(?=1\d)|^\+86(?=1\d{10}$)")
_AREA_CODE = re.compile(r"^\((0\d{2,3})\)\s*")
_ONE_NUMBER = re.compile(r"\d[\d -]*\d(?:转\d+)?")
# A whole number with no space in it: a mobile, a landline with its area code, a local landline.
_WHOLE_NUMBER = re.compile(r"1\d{10}|0\d{2,3}-\d{7,8}(?:转\d+)?|\d{7,8}(?:转\d+)?")
HINT = "联系电话只能包含数字、“-”和分机号“转”（如 0573-82000000转8012），两个号码用“、”隔开"


def normal(text: str) -> str:
    """One or more numbers in normal spelling: '+86 138 0000 0001' → '138 0000 0001';
    '(0573)82000000 分机 12' → '0573-82000000转12'; '13800000001/0573-82000000' →
    '13800000001、0573-82000000', and so is '13800000001 0573-82000000'. Text that is not a
    number comes back for `problem` to name."""
    parts = [_EXTENSION.sub("转", _AREA_CODE.sub(r"\1-", _COUNTRY_CODE.sub("", part)))
             for part in _SEPARATOR.split(text.strip()) if part]
    return "、".join(number for part in parts for number in _spaced(part))


def _spaced(part: str) -> list[str]:
    """Two numbers kept apart by spaces only ('13800000001 0573-82000000') are two numbers; a
    number written in groups ('138 0000 0001', '0573 82000000') is one."""
    words = part.split()
    if len(words) > 1 and all(_WHOLE_NUMBER.fullmatch(word) for word in words):
        return words
    return [part]


def problem(phone: str) -> str | None:
    """None when `phone` (normal spelling) is one or more numbers joined by 、; else HINT."""
    if all(_ONE_NUMBER.fullmatch(part) for part in phone.split("、")):
        return None
    return HINT
