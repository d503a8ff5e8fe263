"""One roster row read into a Member: cells as Excel leaves them (numbers, dates, text typed
every way) turned into the ledger's values, each problem named by field and reason in Chinese.
A person must be plausible: 入党 at 18 or older (党章第一条), 转正 one to two years after 入党
(党章第七条: 预备期一年, 延长不超过一年), no date after today, birth date and sex as the ID says.
Matching the row against the ledger is `plan`'s job.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from desktop_app.core import members, phones
from desktop_app.core.dates import DateFormatError, parse_date, today
from desktop_app.core.idcard import IdNumberError, birth_date_of, check_digit, normalise_id_number
from desktop_app.core.members import DATE_FIELDS, Member
from desktop_app.core.roster.cells import PLACEHOLDER_STARTS, is_placeholder
from desktop_app.core.roster.names import BadName, normalise_name

TEXT_FIELDS = ("name", "gender", "ethnicity", "education", "phone", "address", "workplace",
               "position", "notes")
MULTILINE_FIELDS = ("address", "notes")
# Earlier than these is a typing mistake (the Party was founded on 1921-07-01).
_EARLIEST = {"birth_date": "1900-01-01", "joined_on": "1921-07-01", "confirmed_on": "1921-07-01"}
_MONTH_ONLY = re.compile(r"^\d{4}\s*[-./年]\s*\d{1,2}\s*月?$")
_ID15 = re.compile(r"^\d{15}$")
_DASHED_ID = re.compile(r"\d+(-\d+)+[0-9Xx]?")
# 一 typed for a dash (the IME's "yi") in a date, phone or ID cell, where it cannot be anything else.
_DASH_LIKE = re.compile(r"^一+$")
_NUMBER_FIELDS = (*DATE_FIELDS, "phone", "id_number")
# Date text as systems and typists leave it: a midnight time from a CSV export, 号 for 日,
# the IME's 。 for a dot, a dot at the end.
_MIDNIGHT = re.compile(r"[ T]0{1,2}:00(:00(\.0+)?)?$")
_ZERO_DATE = re.compile(r"^0{4}[-./]?00[-./]?00$")
_YEAR_MONTH = re.compile(r"^(19\d\d|20\d\d)(0[1-9]|1[0-2])$")
# Dashes that Word and web pages put for a typed hyphen (‐ ‑ ‒ – — ―, minus sign): in a date, "-".
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def read_row(cells: dict, on_date: str, fail, warn,
             latest: str | None = None) -> tuple[Member, str | None, str | None]:
    """The member, branch and 党小组 a row describes; `fail(field, reason)` for every problem,
    `warn(field, reason)` for what is changed or left out. No date may be after `latest`
    (default: the later of `on_date` and today; a plan works it out once for all its rows)."""
    if latest is None:
        latest = max(on_date, today())   # the import date may lie in the past; facts may be newer
    cells = _meant(cells)
    values: dict[str, object] = {f: text_value(cells.get(f), f in MULTILINE_FIELDS)
                                 for f in TEXT_FIELDS}
    name = values["name"]
    if name and is_placeholder(name) and any(c.isalpha() for c in name):     # 无, 不详, NULL
        fail("name", f"“{name}”表示没有内容，不是姓名")
    else:
        try:
            values["name"] = normalise_name(name)
        except BadName as exc:
            fail("name", str(exc))
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
    if values["phone"]:
        values["phone"] = _phone(values["phone"])
        if phones.problem(values["phone"]):
            fail("phone", phones.HINT)
    for f in DATE_FIELDS:
        try:
            values[f] = date_value(cells.get(f))
        except DateFormatError as exc:
            fail(f, str(exc))
            values[f] = None
            continue
        if values[f] and values[f] > latest:
            fail(f, f"日期在今天（{latest}）之后")
            values[f] = None     # checked no further
        elif values[f] and values[f] < _EARLIEST[f]:
            fail(f, f"日期早于 {_EARLIEST[f][:4]} 年，请核对")
            values[f] = None
    values["id_number"] = _id_number(cells.get("id_number"), fail, warn)
    _check_id_against(values, _is_month_only(cells.get("birth_date")), fail)
    _check_party_dates(values, fail, warn)
    member = Member(**{f: values.get(f) for f in members.PERSON_FIELDS})
    _category(member, cells.get("category"), on_date, fail, warn)
    branch = text_value(cells.get("branch"))
    group = text_value(cells.get("group"))
    return member, branch, group


def _meant(cells: dict) -> dict:
    """The cells with "nothing" as None: placeholders (无, —) except in the name, where 无 is an
    error, and 一 typed for a dash in a date, phone or ID cell. Most cells start with a character
    no placeholder starts with, and are passed without a regex."""
    return {f: None if isinstance(v, str) and f != "name" and (
                v[:1] in PLACEHOLDER_STARTS and is_placeholder(v)
                or v[:1] == "一" and f in _NUMBER_FIELDS and _DASH_LIKE.match(v)) else v
            for f, v in cells.items()}


def _phone(text: str) -> str:
    """The usual 13800000000 as it is; anything else in the normal spelling (`phones.normal`)."""
    return text if text.isdigit() else phones.normal(text)


def _id_number(raw, fail, warn) -> str | None:
    """18 digits; an old 15-digit number becomes 18 (insert 19, add the check digit), with a warning."""
    if raw is None or "*" in str(raw):
        return None
    if isinstance(raw, float) and raw.is_integer() and 10**14 <= raw < 10**15:
        raw = int(raw)     # 15 digits survive Excel's number cells whole
    text = str(raw).strip().replace(" ", "")
    if "-" in text and _DASHED_ID.fullmatch(text):     # 110105-19800101-0016
        raw = text = text.replace("-", "")
    if _ID15.match(text):
        first17 = text[:6] + "19" + text[6:]
        upgraded = first17 + check_digit(first17)
        try:
            number = normalise_id_number(upgraded)
        except IdNumberError as exc:
            fail("id_number", f"15 位旧身份证号：{exc}")
            return None
        warn("id_number", f"15 位旧身份证号，已按国家标准转换为 18 位：{number}")
        return number
    try:
        return normalise_id_number(raw)
    except IdNumberError as exc:
        fail("id_number", str(exc))
        return None


def _is_month_only(raw) -> bool:
    """'1962.03', '1962年3月', '196203', the number 1962.03, or a date cell on the 1st (Excel
    turns a typed 1962/3 or 1962-03 into 1962-03-01): a 出生年月 without the day."""
    if isinstance(raw, float) and not raw.is_integer() and 1900 <= raw < 2100:
        return True
    if isinstance(raw, datetime):
        return raw.day == 1
    return isinstance(raw, (str, int)) and bool(_MONTH_ONLY.match(str(raw))
                                                 or _YEAR_MONTH.match(str(raw)))


def _check_id_against(values: dict, month_only: bool, fail) -> None:
    """The ID number carries birth date and sex: fill them when blank, flag them when they differ
    (a 出生年月 without the day agrees when year and month do, and takes the ID's day)."""
    number = values["id_number"]
    if not number:
        return
    born = birth_date_of(number)
    given = values["birth_date"]
    if given is None or (month_only and given[:7] == born[:7]):
        values["birth_date"] = born
    elif given != born:
        fail("birth_date", f"出生日期 {given} 与身份证号 {number} 中的出生日期 {born} 不一致，"
                           f"请核对哪一项填错了")
    sex = "男" if int(number[16]) % 2 else "女"
    if values["gender"] is None:
        values["gender"] = sex
    elif values["gender"] in ("男", "女") and values["gender"] != sex:
        fail("gender", f"与身份证号（第 17 位表示{sex}）不一致")


def _years_after(day: str, years: int) -> str:
    """'2000-02-29', 1 → '2001-02-28' (`day` is an ISO date, as `parse_date` gives)."""
    year = int(day[:4]) + years
    if day[5:] == "02-29" and not calendar.isleap(year):
        return f"{year:04d}-02-28"
    return f"{year:04d}{day[4:]}"


def _check_party_dates(values: dict, fail, warn) -> None:
    born, joined, confirmed = values["birth_date"], values["joined_on"], values["confirmed_on"]
    if born and joined and joined < _years_after(born, 18):
        fail("joined_on", f"入党时未满 18 周岁（出生 {born}，入党 {joined}）；党章规定年满十八岁才能入党")
    if not joined:
        return
    if confirmed and confirmed <= joined:
        fail("confirmed_on", f"转正日期 {confirmed} 不在入党日期 {joined} 之后")
    elif confirmed and confirmed > _years_after(joined, 2):
        fail("confirmed_on", f"转正日期 {confirmed} 距入党日期 {joined} 超过两年"
                             f"（预备期一年，延长也不超过一年）")
    elif confirmed and confirmed < _years_after(joined, 1):
        warn("confirmed_on", f"预备期不足一年（入党 {joined}，转正 {confirmed}），请核对")


_YES = ("是", "Y", "YES", "√", "✓", "✔", "1", "TRUE")
# 党籍状态 values that end membership (党章第九条, 第三十九、四十条; and death): not 在册.
_ENDED = ("停止", "出党", "开除", "除名", "退党", "死亡", "去世", "已故", "转出")


def notices(cells: dict, already_mobile: bool, fail, warn) -> None:
    """What the 是否流动党员, 是否失联党员 and 党籍状态 columns say about a row, which the ledger
    cannot take from a roster: 流动 needs a 流动外出 event (date, place, reason), 失联 a
    decision, and a 党籍 that has ended is no 在册 member."""
    if _yes(cells.get("mobile")) and not already_mobile:
        warn("mobile", "标为流动党员，但花名册没有外出日期和去向，未登记流动外出；"
                       "请导入后在该党员的“变动”中登记“流动外出”")
    if _yes(cells.get("lost")):
        warn("lost", "标为失联党员：失联情况未导入，请按规定查找联系、作出处置后登记")
    standing = text_value(cells.get("standing"))
    if standing and any(word in standing for word in _ENDED):
        fail("standing", f"党籍状态为“{standing}”，不是在册党员，不能导入为在册党员；请删去该行，"
                         f"或在软件中为已在册的该党员登记相应变动")
    elif standing and standing not in ("正常", "在册"):
        warn("standing", f"党籍状态“{standing}”未导入，请核对")


def _yes(value) -> bool:
    return value is True or (value is not None and str(value).strip().upper() in _YES)


def overdue_probation(member: Member, on_date: str) -> bool:
    """入党 more than two years before `on_date` and still no 转正日期 (预备期 is at most two)."""
    return bool(member.joined_on and not member.confirmed_on
                and _years_after(member.joined_on, 2) < on_date)


# People a branch keeps on lists beside its roster, who are not (yet) members.
_NOT_MEMBERS = ("积极分子", "发展对象", "申请人", "申请入党", "群众", "非党员", "团员")


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
    elif any(word in text for word in _NOT_MEMBERS):
        fail("category", f"人员类别为“{text}”，还不是党员，不能导入党员花名册；请删去该行")
    else:
        warn("category", "不是“正式党员/预备党员”之分，该列未导入")


def text_value(value, multiline: bool = False) -> str | None:
    if isinstance(value, str):      # most cells, first
        text = value.strip()
        if not multiline and "\n" in text:
            text = re.sub(r"\s*\n\s*", " ", text)
        return text or None
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (date, datetime)):
        return parse_date(value)
    text = str(value).strip()
    if not multiline and "\n" in text:
        text = re.sub(r"\s*\n\s*", " ", text)
    return text or None


def date_value(value) -> str | None:
    """parse_date, plus what Excel does to dates typed into a number cell: 20010701 stays a
    number, and 2001.07 becomes the number 2001.07 (2001.10 becomes 2001.1: month unknown);
    and text as exports and typists leave it: '2001-07-01 00:00:00', '2001年7月1号',
    '2001。7。1', '200107' (year and month). An all-zero date ('0000-00-00', '0000-00-00
    00:00:00', as web systems export "no date") is empty."""
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-" \
            and (value[:4] + value[5:7] + value[8:]).isdigit():
        if value == "0000-00-00":
            return None
        return parse_date(value)      # 2001-07-01, as most sheets hold it: nothing to undo
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
    if isinstance(value, int) and _YEAR_MONTH.match(str(value)):
        value = str(value)
    if isinstance(value, str):
        text = _MIDNIGHT.sub("", value.strip().translate(_DASHES))
        text = text.replace("号", "日").replace("。", ".").rstrip(".")
        if _ZERO_DATE.match(text):
            return None
        month = _YEAR_MONTH.match(text)
        value = f"{month[1]}.{month[2]}" if month else text
    return parse_date(value)
