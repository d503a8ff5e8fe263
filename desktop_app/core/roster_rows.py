"""One roster row read into a Member: cells as Excel leaves them (numbers, dates, text typed
every way) turned into the ledger's values, each problem named by field and reason in Chinese.
Matching the row against the ledger is `roster_import`'s job.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from desktop_app.core import members
from desktop_app.core.dates import DateFormatError, parse_date, today
from desktop_app.core.idcard import IdNumberError, birth_date_of, normalise_id_number
from desktop_app.core.members import DATE_FIELDS, Member

TEXT_FIELDS = ("name", "gender", "ethnicity", "education", "phone", "address", "workplace",
               "position", "notes")
_NAME = re.compile(r"^[\u3400-\u9fffA-Za-z·•.\- ]{1,30}$")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Earlier than these is a typing mistake (the Party was founded on 1921-07-01).
_EARLIEST = {"birth_date": "1900-01-01", "joined_on": "1921-07-01", "confirmed_on": "1921-07-01"}


def read_row(cells: dict, on_date: str, fail, warn) -> tuple[Member, str | None, str | None]:
    """The member, branch and 党小组 a row describes; `fail(field, reason)` for every problem,
    `warn(field, reason)` for what is left out."""
    latest = max(on_date, today())   # the import date may lie in the past; facts may be newer
    values: dict[str, object] = {}
    for f in TEXT_FIELDS:
        values[f] = text_value(cells.get(f))
    name = values["name"] = _name(values["name"])
    if not name:
        fail("name", "姓名不能为空")
    elif not _NAME.match(name):
        fail("name", "姓名只能包含汉字、字母和“·”，不能有数字或标点")
    gender = values["gender"]
    if gender is not None:
        gender = {"男性": "男", "女性": "女"}.get(gender, gender)
        if gender not in ("男", "女"):
            fail("gender", "性别应为“男”或“女”")
        values["gender"] = gender
    for f in ("phone", "id_number"):
        if "*" in str(cells.get(f) or ""):
            fail(f, "这是隐去了部分数字的号码（来自脱敏导出），不能导入；请留空或填写完整号码")
            values[f] = None
    if values["phone"] and not values["phone"].replace("-", "").replace(" ", "").isdigit():
        fail("phone", "联系电话只能包含数字和“-”")
    for f in DATE_FIELDS:
        try:
            values[f] = date_value(cells.get(f))
        except DateFormatError as exc:
            fail(f, str(exc))
            values[f] = None
            continue
        if values[f] and values[f] > latest:
            fail(f, f"日期在今天（{latest}）之后")
        elif values[f] and values[f] < _EARLIEST[f]:
            fail(f, f"日期早于 {_EARLIEST[f][:4]} 年，请核对")
    try:
        if "*" not in str(cells.get("id_number") or ""):
            values["id_number"] = normalise_id_number(cells.get("id_number"))
    except IdNumberError as exc:
        fail("id_number", str(exc))
        values["id_number"] = None
    _check_id_against(values, fail)
    member = Member(**{f: values.get(f) for f in members.PERSON_FIELDS})
    _category(member, cells.get("category"), on_date, fail, warn)
    branch = text_value(cells.get("branch"))
    group = text_value(cells.get("group"))
    return member, branch, group


def _check_id_against(values: dict, fail) -> None:
    """The ID number carries birth date and sex: fill them when blank, flag them when they differ."""
    number = values["id_number"]
    if not number:
        return
    born = birth_date_of(number)
    if values["birth_date"] is None:
        values["birth_date"] = born
    elif values["birth_date"] != born:
        fail("birth_date", f"与身份证号中的出生日期 {born} 不一致")
    sex = "男" if int(number[16]) % 2 else "女"
    if values["gender"] is None:
        values["gender"] = sex
    elif values["gender"] in ("男", "女") and values["gender"] != sex:
        fail("gender", f"与身份证号（第 17 位表示{sex}）不一致")


def _category(member: Member, raw, on_date: str, fail, warn) -> None:
    """正式/预备 is derived from the 转正日期; the column is checked against it, never stored."""
    text = text_value(raw)
    if text is None:
        return
    if "预备" in text:
        if member.confirmed_on and member.confirmed_on <= on_date:
            fail("category", f"人员类别为预备党员，但已填转正日期 {member.confirmed_on}")
        if not member.joined_on:
            fail("category", "预备党员须填写入党日期")
    elif "正式" in text:
        if member.joined_on and not member.confirmed_on:
            fail("category", "正式党员须填写转正日期（记录预备期结束、党龄起算的日子）")
    else:
        warn("category", "不是“正式党员/预备党员”之分，该列未导入")


def _name(text: str | None) -> str | None:
    """'张  三' (padded to line up with three-character names) → '张三'; 'Li  Lei' → 'Li Lei'."""
    if text is None:
        return None
    if _CJK.search(text):
        return re.sub(r"\s+", "", text)
    return re.sub(r"\s+", " ", text)


def text_value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (date, datetime)):
        return parse_date(value)
    text = str(value).strip()
    return text or None


def date_value(value) -> str | None:
    """parse_date, plus what Excel does to dates typed into a number cell: 20010701 stays a
    number, and 2001.07 becomes the number 2001.07 (2001.10 becomes 2001.1: month unknown)."""
    if isinstance(value, bool):
        raise DateFormatError("不是日期")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and 10_000_000 <= value <= 99_999_999:
        return parse_date(str(value))
    if isinstance(value, (int, float)) and 1900 <= value < 2100:
        year, _, month = repr(value).partition(".")
        if not month:
            raise DateFormatError("只有年份，缺少月份")
        if month == "1":
            raise DateFormatError(f"被 Excel 存成了数字 {value}，分不清是 1 月还是 10 月；"
                                  f"请把该列设为“文本”后重新录入")
        return parse_date(f"{year}.{month}")
    return parse_date(value)
