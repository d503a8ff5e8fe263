"""The column labels real rosters use, from the national information system (全国党员管理信息系统)
export, the paper 采集表 typed into Excel, and secretaries' own sheets.

A label is compared after `normalise_header`; the first synonym of a field wins when a sheet has
two columns for it (职务 before 工作岗位).
"""
from __future__ import annotations

import re

from desktop_app.core.roster.cells import clean_text

# Field → the column labels real rosters use for it, most specific first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "党员姓名"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "出生时间"),
    "education": ("学历", "文化程度", "最高学历", "全日制学历"),
    "joined_on": ("入党时间", "入党日期", "入党年月", "加入党组织日期", "加入中国共产党日期",
                  "入党时间(预备)", "入党年月日"),
    "confirmed_on": ("转正时间", "转正日期", "转正年月", "转为正式党员日期", "转正时间(正式)",
                     "成为正式党员日期"),
    "category": ("人员类别", "党员类型", "党员类别", "党员身份"),
    "branch": ("所在党支部", "党支部", "所在支部", "支部", "所在党组织", "党组织名称",
               "所在党组织名称", "所属党支部", "所属支部", "所属党组织", "党组织"),
    "group": ("党小组", "所在党小组"),
    "phone": ("联系电话", "手机号码", "手机", "手机号", "电话", "联系方式", "移动电话",
              "电话号码"),
    "id_number": ("身份证号", "公民身份号码", "身份证号码", "身份证", "公民身份证号码",
                  "公民身份证号", "身份证件号码", "证件号码", "居民身份证号码"),
    "address": ("住址", "家庭住址", "现住址", "居住地址", "现居住地", "现居住地址", "家庭地址",
                "居住地", "通讯地址", "联系地址"),
    "workplace": ("工作单位", "单位", "工作单位及职务", "现工作单位", "现工作单位及职务", "单位及职务",
                  "所在单位"),
    "position": ("职务", "现任职务", "工作岗位"),
    "notes": ("备注",),
    # Read to tell the secretary about the row, never stored: the ledger records 流动 by a
    # 流动外出 event (date, place, reason), and a member whose 党籍 ended is not 在册.
    "mobile": ("是否流动党员", "流动党员", "是否为流动党员"),
    "lost": ("是否失联党员", "失联党员", "是否为失联党员"),
    "standing": ("党籍状态", "党籍"),
}
NOTICED = ("mobile", "lost", "standing")
# Row counters: read past without listing them as columns left out.
COUNTERS = frozenset({"序号", "编号", "序", "No.", "NO.", "no."})
# The header each field gets in the template and the export.
HEADERS: dict[str, str] = {f: names[0] for f, names in COLUMNS.items() if f not in NOTICED} | {
    "joined_on": "入党日期", "confirmed_on": "转正日期"}
_RANK = {name: (f, rank) for f, names in COLUMNS.items() for rank, name in enumerate(names)}


def normalise_header(text) -> str:
    """'* 出生日期（年月日）' → '出生日期': width, spaces, required-marks and notes in brackets;
    of labels offering two ('手机号码/固定电话', '职务/岗位') the first one known."""
    text = clean_text(str(text)) if text is not None else None     # _x000D_, controls, NFKC
    if text is None:
        return ""
    text = re.sub(r"\s+", "", text).strip("*★☆※")
    if text in _RANK:
        return text
    text = re.sub(r"\(.*?\)$", "", text)
    if "/" in text and text not in _RANK:
        return next((part for part in text.split("/") if part in _RANK), text)
    return text


def label(header) -> str:
    """A header as the messages name it: '公民身份\n证号码' → '公民身份证号码'."""
    header = clean_text(str(header)) or ""
    return re.sub(r"\s+", "", str(header)) if re.search(r"[^\x00-\x7f]", str(header)) else \
        " ".join(str(header).split())


def field_of(header) -> str | None:
    found = _RANK.get(normalise_header(header))
    return found[0] if found else None


def map_header(values: list) -> tuple[dict[str, int], list[str]]:
    """(field → column index, labels of the columns not stored) for one candidate header row;
    the NOTICED columns are in both."""
    best: dict[str, tuple[int, int]] = {}
    for column, value in enumerate(values):
        found = _RANK.get(normalise_header(value))
        if found and (found[0] not in best or found[1] < best[found[0]][1]):
            best[found[0]] = (column, found[1])
    mapping = {f: column for f, (column, _) in best.items()}
    taken = {column for f, column in mapping.items() if f not in NOTICED}
    ignored = [label(v) for c, v in enumerate(values)
               if c not in taken and v not in (None, "") and str(v).strip()
               and normalise_header(v) not in COUNTERS]
    return mapping, ignored
