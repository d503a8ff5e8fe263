"""Import study entries from a spreadsheet (.xlsx): one row per member per training, as the
街道 or the 网上党校 hands them out. Rows of the same training (date, name, hours, organiser,
kind) become one entry. Any error names its row, and then nothing is imported.

Columns (header within the first 10 rows, any order): 姓名; 身份证号 (only to tell apart two
members of the same name); 日期; 学时; 培训名称 / 课程名称 / 学习内容; 主办单位 (optional);
类别 (optional: 街道培训, 网上党校, 学习强国 …).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.core import members
from desktop_app.core.dates import DateFormatError, parse_date
from desktop_app.core.errors import WordedError
from desktop_app.core.study import entries
from desktop_app.core.study.entries import SOURCES, StudyEntry
from desktop_app.core.store import Store

MAX_BYTES = 20 * 1024 * 1024
HEADER_ROWS = 10
COLUMNS = {
    "name": ("姓名",),
    "id_number": ("身份证号", "公民身份号码", "身份证号码"),
    "held_on": ("日期", "学习日期", "培训日期", "时间"),
    "hours": ("学时", "学时数", "时长"),
    "title": ("培训名称", "课程名称", "学习内容", "名称", "课程"),
    "organiser": ("主办单位", "组织单位", "主办方", "举办单位"),
    "source": ("类别", "学习类别", "方式"),
}
REQUIRED = ("name", "held_on", "hours", "title")
_BY_HEADER = {h: f for f, names in COLUMNS.items() for h in names}


class StudyFileError(WordedError):
    """The file cannot be read, or some rows are wrong; the message names the file and rows."""


@dataclass(frozen=True)
class ImportPlan:
    entries: list[StudyEntry]
    rows: int


def read(store: Store, path: str | Path) -> ImportPlan:
    """Read and check every row; raise StudyFileError listing each bad row."""
    path = Path(path)
    rows = _rows(path)
    header_at, columns = _header(rows, path)
    grouped: dict[tuple, StudyEntry] = {}
    errors, count = [], 0
    for number, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        cells = {f: _text(row[i]) if i < len(row) else None for f, i in columns.items()}
        if not any(cells.values()):
            continue
        count += 1
        problems, entry_key, member_id = _row(store, cells)
        if problems:
            errors.append(f"第 {number} 行：{'；'.join(problems)}")
            continue
        entry = grouped.setdefault(entry_key, StudyEntry(*entry_key[:3], [], *entry_key[3:]))
        if member_id in entry.member_ids:
            errors.append(f"第 {number} 行：{cells['name']} 在同一培训中出现了两次")
        else:
            entry.member_ids.append(member_id)
    if errors:
        raise StudyFileError(f"{path.name} 中有 {len(errors)} 处错误，未导入任何学时：\n"
                             + "\n".join(errors))
    if not count:
        raise StudyFileError(f"{path.name} 的表头下面没有数据")
    return ImportPlan(list(grouped.values()), count)


def apply(store: Store, plan: ImportPlan) -> int:
    """Save every entry of a checked plan in one transaction; the number of entries."""
    with store.transaction():
        for entry in plan.entries:
            entries.add(store, entry)
    return len(plan.entries)


def _row(store: Store, cells: dict) -> tuple[list[str], tuple, int | None]:
    problems = []
    try:
        held_on = parse_date(cells["held_on"])
        if not held_on:
            problems.append("缺少日期")
    except DateFormatError as exc:
        held_on = None
        problems.append(f"日期：{exc}")
    hours = None
    try:
        hours = float(cells["hours"]) if cells["hours"] else None
        if hours is None:
            problems.append("缺少学时")
        elif not 0 < hours <= entries.MAX_HOURS:
            problems.append(f"学时 {hours:g} 应大于 0 且不超过 {entries.MAX_HOURS}")
    except ValueError:
        problems.append(f"学时“{cells['hours']}”应是一个数字")
    if not cells["title"]:
        problems.append("缺少培训或课程名称")
    source = cells.get("source")
    if source and source not in SOURCES:
        problems.append(f"类别“{source}”应为 {'、'.join(SOURCES)} 之一")
    member_id = _member(store, cells, held_on, problems)
    key = (held_on, hours, cells["title"], cells.get("organiser"), source)
    return problems, key, member_id


def _member(store: Store, cells: dict, held_on: str | None, problems: list[str]) -> int | None:
    name = cells["name"]
    if not name:
        problems.append("缺少姓名")
        return None
    rows = store.query("SELECT id, id_number FROM members WHERE name = ?", [name])
    if cells.get("id_number"):
        rows = [r for r in rows if (r["id_number"] or "") == cells["id_number"].upper()]
    if not rows:
        problems.append(f"花名册中没有{'身份证号相符的' if cells.get('id_number') else ''}党员“{name}”")
        return None
    if len(rows) > 1:
        problems.append(f"花名册中有 {len(rows)} 名党员叫“{name}”，请填写身份证号以区分")
        return None
    member_id = rows[0]["id"]
    if held_on and members.current_org_id(store, member_id, held_on) is None:
        problems.append(f"{name} 在 {held_on} 不在册")
    return member_id


def _rows(path: Path) -> list[tuple]:
    if not path.is_file():
        raise StudyFileError(f"找不到文件：{path}")
    if path.stat().st_size > MAX_BYTES:
        raise StudyFileError(f"{path.name} 超过 20 MB，不像是学时登记表")
    if path.suffix.lower() != ".xlsx":
        raise StudyFileError(f"{path.name} 不是 .xlsx 文件：请在 Excel/WPS 中“另存为” .xlsx 后再导入")
    import openpyxl
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:   # openpyxl raises many kinds for a damaged file
        raise StudyFileError(f"{path.name} 无法作为 .xlsx 读取（{type(exc).__name__}）："
                             f"请用 Excel/WPS 打开后重新保存") from None
    try:
        return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _header(rows: list[tuple], path: Path) -> tuple[int, dict[str, int]]:
    for at, row in enumerate(rows[:HEADER_ROWS]):
        columns = {}
        for i, cell in enumerate(row):
            field = _BY_HEADER.get((_text(cell) or "").replace(" ", ""))
            if field and field not in columns:
                columns[field] = i
        if all(f in columns for f in REQUIRED):
            return at, columns
    need = "、".join(COLUMNS[f][0] for f in REQUIRED)
    raise StudyFileError(f"{path.name} 的前 {HEADER_ROWS} 行中找不到表头：须有 {need} 这几列")


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return parse_date(value)
    return str(value).strip() or None
