"""Finding the roster in a file, and the rows in it that are people.

Real rosters put a title above the header, name columns in many ways and add their own; under
the table come a 合计 row, signatures (制表人、审核人、填报日期) and 注 lines; printed rosters
repeat the header on every page, and the import template has an example row. `read_sheet` finds
the header by its labels, keeps the rows that describe people as cleaned raw cells, and lists
every other row as skipped with its number: `rows` interprets the cells, `plan` judges them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from desktop_app.core.roster.cells import clean_text, is_placeholder
from desktop_app.core.roster.columns import (COUNTERS, field_of, label, map_header,
                                               normalise_header)
from desktop_app.core.roster.formats import RosterFileError, Table, read_tables
from desktop_app.core.roster.names import BadName, normalise_name

HEADER_SEARCH_ROWS = 20
# The template's example row, marked at the start of its name or 序号 cell or in brackets
# (示例：张三, 张三（示例）, 例, 范例); a name such as 李样例 is a person.
_EXAMPLE = re.compile(r"^(填写|参考)?(示例|样例|范例)|^例([:0-9]|$)|\((示例|样例|范例|例)\)")
# The first filled cell of a row under the table that is not a person (spaces and brackets
# removed): totals, also as 本页小计 or 以上共2人, signatures, notes.
_FOOTER = re.compile(r"^(本页|本表|以上|全部|其中|全)?:?(合计|小计|总计|共计|累计|统计|汇总|总人数|人数|"
                     r"共\d+[人名]|制表|审核|审批|复核|填报|填表|报表|报送|负责人|经办人|签字|签名|盖章|"
                     r"单位盖章|附注|附件|附表|附:|注$|注[:0-9一１]|说明|备注$|备注:|第\d+页)")
# A signature or count cell anywhere in a row whose name cell holds no name: 制表人：…,
# 填报日期：…, 党组织书记（签字）：, 男 1人.
_SIGNATURE = re.compile(r"^((制表|填表|填报|报表|统计|审核|审批|复核|经办|负责|联系)人|"
                        r"(填报|填表|制表|报送|报表|统计|打印|导出)(日期|时间)|单位(盖章|名称)|"
                        r"填报单位|.{0,12}(签字|签名|签章|盖章))(:|$)|^\D{0,8}:?\d+[人名]$")


class SheetChoiceNeeded(RosterFileError):
    """More than one sheet holds a roster: the caller asks which (`choices`, in file order)."""

    def __init__(self, message: str, choices: list[str]):
        super().__init__(message)
        self.choices = choices


@dataclass(frozen=True)
class SheetRow:
    number: int                 # the row number as Excel shows it
    cells: dict[str, object]    # field → cleaned raw value (None when empty)
    hidden: bool = False        # hidden in Excel: imported, and said so
    continued: bool = False     # its name cell is merged with the row above: one person, two rows


@dataclass(frozen=True)
class SkippedRow:
    number: int
    text: str                   # what the row says, shortened
    reason: str

    def __str__(self) -> str:
        text = f" {self.text}" if self.text else ""
        return f"第 {self.number} 行{text}：{self.reason}"


@dataclass
class RosterSheet:
    path: Path
    sheet_name: str | None
    header_row: int
    headers: dict[str, str]     # field → the header text as written in the file
    ignored: list[str] = field(default_factory=list)   # header texts of columns not imported
    rows: list[SheetRow] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    other_sheets: list[str] = field(default_factory=list)   # rosters left in other sheets


def read_sheet(path, sheet: str | None = None) -> RosterSheet:
    """Read a roster file; `sheet` (name or 1-based number) picks a sheet when several hold one.
    Raises RosterFileError (SheetChoiceNeeded when it must ask) saying what is wrong."""
    path = Path(path)
    tables = read_tables(path)
    found = [(table, header) for table in tables if (header := _header(table.rows))]
    # Sheets hidden in Excel come last: taken when named, or when no visible sheet has a roster.
    rosters = sorted(((table, header) for table, header in found if "name" in header[1]),
                     key=lambda pair: pair[0].hidden_sheet)
    if not found:
        raise RosterFileError(
            f"{path.name}：在前 {HEADER_SEARCH_ROWS} 行中找不到表头（应有“姓名”“性别”“身份证号”"
            f"“入党日期”等列名）。")
    if not rosters:
        raise RosterFileError(f"{path.name}：表头中没有“姓名”列，无法确定每行是哪一名党员。")
    names = [table.name or f"表 {n}" for n, (table, _) in enumerate(rosters, 1)]
    shown = [n for n, (table, _) in zip(names, rosters) if not table.hidden_sheet] or names
    if sheet is not None:
        chosen = _choose(path, names, str(sheet).strip())
    elif len(shown) == 1:
        chosen = 0
    else:
        raise SheetChoiceNeeded(
            f"{path.name} 中有 {len(shown)} 张工作表都像花名册：{'、'.join(shown)}。"
            f"请指定要导入哪一张（命令行用 --sheet 表名）；其余的可以再分别导入。", shown)
    table, (index, mapping, ignored, labels) = rosters[chosen]
    table.rows[index] = labels
    others = [n + ("（隐藏的工作表）" if t.hidden_sheet else "")
              for i, (n, (t, _)) in enumerate(zip(names, rosters)) if i != chosen]
    result = RosterSheet(path, table.name, index + 1,
                         {f: label(table.rows[index][c]) for f, c in mapping.items()},
                         ignored, other_sheets=others)
    _read_rows(result, table, index, mapping)
    return result


def _choose(path: Path, names: list[str], wanted: str) -> int:
    """By name, or by its number in the list of roster sheets (1 = the first)."""
    if wanted in names:
        return names.index(wanted)
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return int(wanted) - 1
    raise RosterFileError(f"{path.name} 中没有名为“{wanted}”的花名册工作表；"
                          f"有花名册的工作表：{'、'.join(names)}。")


def _header(rows: list[list]):
    """(row index, field → column, labels not taken, the labels) of the best header row, or
    None. A header may take two rows: labels under a group label (基本信息 over 姓名, 性别),
    or split in two (入党 over 时间)."""
    best = None
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        for labels in (values, _two_rows(rows[index - 1], values) if index else None):
            if labels is None:
                continue
            mapping, ignored = map_header(labels)
            if (len(mapping) >= 2 or "name" in mapping) and (
                    best is None or len(mapping) > len(best[1])):
                best = (index, mapping, ignored, labels)
    return best


def _two_rows(above: list, below: list) -> list:
    """Each column's label from the row below, else the two joined (入党 + 时间), else above."""
    labels = []
    for n in range(max(len(above), len(below))):
        high = above[n] if n < len(above) else None
        low = below[n] if n < len(below) else None
        if high is None or field_of(low):
            labels.append(low)
        elif low is not None and field_of(f"{high}{low}"):
            labels.append(f"{high}{low}")
        else:
            labels.append(high if low is None else low)
    return labels


def _read_rows(sheet: RosterSheet, table: Table, index: int, mapping: dict[str, int]) -> None:
    blanks: list[int] = []
    name_column = mapping.get("name")
    counters = {c for c, v in enumerate(table.rows[index]) if normalise_header(v) in COUNTERS}
    # Short texts repeat down a column (男, 汉族, 第一党支部, 无, 2001-07-01): each is cleaned once.
    short: dict[str, str | None] = {}
    for offset in range(index + 1, len(table.rows)):
        values, table.rows[offset] = table.rows[offset], None    # let each raw row go once read
        number = offset + 1
        cleaned = [(short[v] if v in short else _clean_short(v, short)) if isinstance(v, str)
                   else v for v in values]
        filled = _filled(cleaned, counters)
        if not filled:
            blanks.append(number)
            continue
        sheet.skipped.extend(SkippedRow(n, "", "空行") for n in blanks)
        blanks = []
        reason = _not_a_person(cleaned, filled, name_column)
        if reason:
            sheet.skipped.append(SkippedRow(number, _shorten([v for v in cleaned if v is not None]),
                                            reason))
            continue
        cells = {f: cleaned[c] if c < len(cleaned) else None for f, c in mapping.items()}
        sheet.rows.append(SheetRow(number, cells, offset in table.hidden,
                                   (offset, name_column) in table.filled))


def _clean_short(text: str, short: dict) -> str | None:
    """`clean_text`, remembered in `short` for a text of up to ten characters."""
    cleaned = clean_text(text)
    if len(text) <= 10:
        short[text] = cleaned
    return cleaned


def _filled(cleaned: list, counters: set[int]) -> list:
    """The first two cells that hold something: enough to tell an empty row (a number in the 序号
    column alone, or 无 and — in every cell, since the 采集表 forbids blanks) and a row of one
    cell."""
    filled = []
    for c, v in enumerate(cleaned):
        if v is not None and not is_placeholder(v) and not (c in counters and str(v).isdigit()):
            filled.append(v)
            if len(filled) == 2:
                break
    return filled


_BRACKETS = re.compile(r"[\s()\[\]【】]+")


def _bare(value) -> str:
    """A cell's text without spaces and brackets, for matching labels: '单位（盖章）：' → '单位盖章:'."""
    return _BRACKETS.sub("", cell_text(value))


def _not_a_person(cleaned: list, filled: list, name_column) -> str | None:
    """Why a row that holds something is no person (`filled`: its first two filled cells)."""
    present = [v for v in cleaned if v is not None]
    first = present[0]
    name = cleaned[name_column] if name_column < len(cleaned) else None
    # A 序号 number (or a placeholder) before it hides no footer: 3 | 合计 is a total row as
    # much as 合计 alone, when 合计 is the name cell's or the name cell is empty (3 | 统计局党支部 |
    # 张三 is a person).
    lead = filled[0]
    footer = _FOOTER.match(_bare(first)) or (name in (None, lead) and _FOOTER.match(_bare(lead)))
    if footer or (not _could_be_name(name) and any(
            isinstance(v, str) and _SIGNATURE.match(_bare(v)) for v in present)):
        return "表格下方的合计、签名或说明，不是党员，未导入"
    # The name column's own label (姓名, 党员姓名) holds 名 once cleaned (NFKC has made ㊔ 名),
    # unless an OOXML escape still hides it: other names skip the label lookup.
    if (isinstance(name, str) and ("名" in name or "_x" in name) and field_of(name) == "name") or (
            name is None and len(map_header(cleaned)[0]) >= 3):
        return "重复的表头（分页打印时每页重复的表头），未导入"
    if any(isinstance(v, str) and _EXAMPLE.search(v) for v in (name, first)):
        return "模板中的示例行，未导入"
    if name is None and len(filled) == 1:
        return "没有姓名、只有一项内容，视为表外说明，未导入"
    return None


def _could_be_name(value) -> bool:
    try:
        return isinstance(value, str) and bool(normalise_name(value))
    except BadName:
        return False


def _shorten(filled: list) -> str:
    text = " ".join(cell_text(v) for v in filled[:3])
    return text if len(text) <= 30 else text[:29] + "…"


def cell_text(value) -> str:
    """A raw cell as the secretary would read it in the error list."""
    if value is None:
        return "（空）"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)
