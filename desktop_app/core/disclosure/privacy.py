"""What may not appear on a public board (公开栏) or a disclosure text.

- ID numbers (身份证号, 18 or 15 digits): never.
- Mobile numbers (手机号, 11 digits from 13–19, with or without +86): only on items whose profile
  entry publishes contacts (Jiaxing's items 2 and 9: 干部联系方式, 网格图); never elsewhere.
- Office landlines (区号 + 号码, e.g. 0573-8200000): allowed, since a 办事指南 needs its 咨询电话
  and an office number is not personal data.

Numbers are found after normalising the text the way a person might hide them: any Unicode
decimal digit (full-width ３３０１…) counts as its ASCII digit, and digit groups joined by spaces,
hyphens or dots are read as one number ("330102 19900101 1234", "138-1234-5678"). Checked when
text is saved and again on every board before it is printed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop_app.core.store import StoreError

# Separators a number may be broken up with: spaces (incl. full-width, no-break), hyphens and
# dashes, dots (incl. full-width and middle dots).
SEPARATORS = " \t\u00a0\u3000-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d.\u00b7\u2027\u30fb\uff0e"
GROUP = re.compile(r"[0-9]+(?:[Xx](?![A-Za-z]))?|(?<![A-Za-z])[Xx](?![A-Za-z])")
RUN = re.compile(rf"[0-9]+(?:[Xx](?![A-Za-z]))?(?:[{re.escape(SEPARATORS)}]+(?:{GROUP.pattern}))*")
# An ID is recognised by its shape and a birth date that could be real (month 01–12, day 01–31),
# not by its check digit, so a mistyped or altered last digit is still caught.
ID_NUMBER = re.compile(r"[0-9]{6}(?:18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"
                       r"[0-9]{3}[0-9Xx]"
                       r"|[0-9]{6}[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}")
MOBILE = re.compile(r"(?:86)?1[3-9][0-9]{9}")
LONGEST = 20            # no number we look for is longer (86 + 11 digits; 18-digit ID)


@dataclass(frozen=True)
class Found:
    kind: str           # "id" | "mobile"
    text: str           # as written in the original text, for the message


def normalised(text: str) -> str:
    """`text` with every decimal digit as ASCII and Ｘ as X; same length, same positions."""
    out = []
    for ch in text:
        if ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        elif ch in "Ｘｘ":
            out.append("X")
        else:
            out.append(ch)
    return "".join(out)


def numbers(text: str) -> list[Found]:
    """ID and mobile numbers in `text`, however spaced, dashed, dotted or full-width; where two
    readings overlap ("+86 138 …" and "138 …") only the longer one is named."""
    text = text or ""
    plain = normalised(text)
    spans: list[tuple[int, int, str]] = []
    for run in RUN.finditer(plain):
        groups = list(GROUP.finditer(run.group()))
        for first in range(len(groups)):
            digits = ""
            for last in range(first, len(groups)):
                digits += groups[last].group()
                if len(digits) > LONGEST:
                    break
                kind = _kind(digits)
                if kind:
                    spans.append((run.start() + groups[first].start(),
                                  run.start() + groups[last].end(), kind))
    found: list[Found] = []
    reach = -1
    for start, end, kind in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if end > reach:
            found.append(Found(kind, text[start:end]))
            reach = end
    return found


def _kind(digits: str) -> str | None:
    if "X" in digits.upper()[:-1]:
        return None
    if ID_NUMBER.fullmatch(digits):
        return "id"
    if MOBILE.fullmatch(digits.rstrip("Xx")):
        return "mobile"
    return None


def problems(text: str, contacts_allowed: bool) -> list[str]:
    """What in `text` may not be posted, in words: empty when it is fine."""
    words = []
    for number in numbers(text):
        if number.kind == "id":
            words.append(f"身份证号“{number.text}”")
        elif not contacts_allowed:
            words.append(f"手机号码“{number.text}”")
    return list(dict.fromkeys(words))


def check(texts, contacts_allowed: bool, where: str) -> None:
    """Refuse, naming what and where, if any of `texts` carries what may not be posted."""
    for text in texts:
        found = problems(text, contacts_allowed)
        if found:
            rule = "公开栏不得出现身份证号" + ("" if contacts_allowed else "，本事项也不公开个人手机号码"
                                                                  "（办公电话可以公开）")
            raise StoreError(f"{where}含有{'、'.join(found)}：{rule}，请删去后再保存或打印")
