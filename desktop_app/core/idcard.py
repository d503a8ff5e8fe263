"""Resident ID numbers (公民身份号码, GB 11643-1999): format and check digit."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from operator import mul

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$", re.ASCII)    # not other scripts' digits (٣, ३)


class IdNumberError(ValueError):
    pass


def check_digit(first17: str) -> str:
    return _CHECK[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def normalise_id_number(value) -> str | None:
    """Return the 18-character ID in upper case, or raise with a reason in Chinese.

    A float means Excel has already rounded the number (it keeps 15 significant digits), so the
    real number is lost: that is an error, never silently accepted. Full-width digits typed with a
    Chinese input method (３３０…, Ｘ) are read as the ASCII ones (NFKC)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        raise IdNumberError("身份证号被 Excel 存成了数字，末几位可能已丢失；请把该列设为“文本”后重新录入")
    text = unicodedata.normalize("NFKC", str(value)).strip().upper().replace(" ", "")
    if "E+" in text:
        raise IdNumberError("身份证号被 Excel 显示成科学计数法，号码已丢失；请把该列设为“文本”后重新录入")
    if not _SHAPE.match(text):
        raise IdNumberError("身份证号应为 18 位（前 17 位数字，最后一位数字或 X）")
    try:
        date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise IdNumberError("身份证号中的出生日期不存在") from None
    if check_digit(text[:17]) != text[17]:
        raise IdNumberError("身份证号校验位不对，请核对是否输错")
    return text


def birth_date_of(id_number: str) -> str:
    return f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}"


def sex_of(id_number: str) -> str:
    """The 17th digit is odd for men, even for women (GB 11643-1999 顺序码)."""
    return "男" if int(id_number[16]) % 2 else "女"


def mask(id_number: str | None) -> str:
    """For screens and exports that need to show which person, not the number."""
    if not id_number:
        return ""
    return id_number[:3] + "*" * 11 + id_number[-4:]
