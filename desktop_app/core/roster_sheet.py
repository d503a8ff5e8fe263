"""Reading a roster (花名册) spreadsheet as secretaries already keep it.

Real rosters put a title above the header, name columns in several ways and in any order, and
add columns of their own. `read_sheet` finds the header row by its column names, keeps only the
columns it understands, and hands back raw cell values: `roster_rows` interprets them and
`roster_import` judges them against the ledger.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from desktop_app.core.errors import WordedError

# Field → the column names real rosters use for it (after `normalise_header`).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名",),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "出生时间"),
    "education": ("学历", "文化程度", "最高学历"),
    "joined_on": ("入党时间", "入党日期", "入党年月"),
    "confirmed_on": ("转正时间", "转正日期", "转正年月"),
    "category": ("人员类别", "党员类型", "党员类别"),
    "branch": ("所在党支部", "党支部", "所在支部", "支部", "所在党组织"),
    "group": ("党小组", "所在党小组"),
    "phone": ("联系电话", "手机号码", "手机", "手机号", "电话", "联系方式"),
    "id_number": ("身份证号", "公民身份号码", "身份证号码", "身份证"),
    "address": ("住址", "家庭住址", "现住址", "居住地址"),
    "workplace": ("工作单位", "单位", "工作单位及职务"),
    "position": ("职务",),
    "notes": ("备注",),
}
# The header each field gets in the template and the export (first synonym, except where the
# roster form calls it otherwise).
HEADERS: dict[str, str] = {f: names[0] for f, names in COLUMNS.items()} | {
    "joined_on": "入党日期", "confirmed_on": "转正日期"}
_BY_NAME = {name: f for f, names in COLUMNS.items() for name in names}
HEADER_SEARCH_ROWS = 20
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An .xlsx with an opening password is an OLE2 container holding this stream (MS-OFFCRYPTO).
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")


class RosterFileError(WordedError):
    """The file cannot be read as a roster; the message (Chinese) names the file and the problem."""


@dataclass(frozen=True)
class SheetRow:
    number: int                 # the row number as Excel shows it
    cells: dict[str, object]    # field → raw value (None when empty)


@dataclass
class RosterSheet:
    path: Path
    sheet_name: str | None
    header_row: int
    headers: dict[str, str]     # field → the header text as written in the file
    ignored: list[str] = field(default_factory=list)   # header texts not understood
    rows: list[SheetRow] = field(default_factory=list)


def normalise_header(text) -> str:
    """'* 出生日期（年月日）' → '出生日期': width, spaces, required-marks and notes in brackets."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = re.sub(r"\s+", "", text).strip("*")
    return re.sub(r"\(.*?\)$", "", text)


def field_of(header) -> str | None:
    return _BY_NAME.get(normalise_header(header))


def read_sheet(path) -> RosterSheet:
    """Read an .xlsx, .xls or .csv roster; raise RosterFileError saying what is wrong."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise RosterFileError(f"无法打开文件 {path.name}：{exc.strerror or exc}") from exc
    if head.startswith(b"PK"):
        tables = _xlsx_tables(path)
    elif head.startswith(_OLE2):
        tables = _xls_tables(path)
    elif path.suffix.lower() in (".csv", ".txt"):
        tables = [(None, _csv_rows(path))]
    else:
        raise RosterFileError(
            f"{path.name} 不是 Excel 表格（.xlsx、.xls）或 CSV 文件，或者文件已损坏。")
    return _find_roster(path, tables)


def _find_roster(path: Path, tables) -> RosterSheet:
    """The first table (active sheet first) whose header row has a 姓名 column."""
    headless = True
    for name, rows in tables:
        found = _header(rows)
        if found is None:
            continue
        headless = False
        index, mapping, ignored = found
        if "name" not in mapping:
            continue
        sheet = RosterSheet(path, name, index + 1, {f: str(rows[index][c]).strip()
                                                     for f, c in mapping.items()}, ignored)
        for number, values in enumerate(rows[index + 1:], start=index + 2):
            cells = {f: _clean(values[c]) if c < len(values) else None
                     for f, c in mapping.items()}
            if all(v is None for v in cells.values()):
                continue
            if field_of(cells["name"]) == "name":     # the header repeated on a printed page
                continue
            sheet.rows.append(SheetRow(number, cells))
        return sheet
    if headless:
        raise RosterFileError(
            f"{path.name}：在前 {HEADER_SEARCH_ROWS} 行中找不到表头（应有“姓名”“性别”“身份证号”"
            f"“入党日期”等列名）。")
    raise RosterFileError(f"{path.name}：表头中没有“姓名”列，无法确定每行是哪一名党员。")


def _header(rows):
    """(row index, field → column index, ignored header texts) of the best header row, or None."""
    best = None
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping: dict[str, int] = {}
        for column, value in enumerate(values):
            f = field_of(value)
            if f and f not in mapping:
                mapping[f] = column
        if (len(mapping) >= 2 or "name" in mapping) and (best is None or len(mapping) > len(best[1])):
            ignored = [str(v).strip() for c, v in enumerate(values)
                       if v not in (None, "") and c not in mapping.values()]
            best = (index, mapping, ignored)
    return best


def _clean(value):
    """Text is width-normalised and stripped; empty becomes None; numbers and dates stay raw."""
    if isinstance(value, str):
        value = unicodedata.normalize("NFKC", value).strip()
        return value or None
    return value


def _xlsx_tables(path: Path):
    import openpyxl
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, AttributeError) as exc:
        raise RosterFileError(
            f"{path.name} 无法作为 Excel 文件打开，文件可能已损坏（{type(exc).__name__}）。") from exc
    except Exception as exc:    # openpyxl raises many kinds on a damaged package
        raise RosterFileError(f"{path.name} 无法作为 Excel 文件打开，文件可能已损坏。") from exc
    try:
        sheets = [book.active] + [ws for ws in book.worksheets if ws is not book.active]
        tables = []
        for ws in sheets:
            if ws is None or not hasattr(ws, "iter_rows"):
                continue
            ws.reset_dimensions()   # some tools write wrong dimensions; read what is there
            tables.append((ws.title, [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]))
        return tables
    except Exception as exc:
        raise RosterFileError(f"{path.name} 的内容无法读取，文件可能已损坏。") from exc
    finally:
        book.close()


def _xls_tables(path: Path):
    import xlrd
    try:
        book = xlrd.open_workbook(path, on_demand=True)
    except Exception as exc:
        if "encrypt" in str(exc).lower() or _ENCRYPTED_OOXML in path.read_bytes():
            raise RosterFileError(
                f"{path.name} 设置了打开密码。请在 Excel 中去掉密码（或另存为不加密的 .xlsx）后再导入。"
            ) from exc
        raise RosterFileError(
            f"{path.name} 无法打开：它可能设置了打开密码，或者已损坏。请在 Excel/WPS 中打开后"
            f"另存为 .xlsx 再导入。") from exc
    try:
        tables = []
        for sheet in book.sheets():
            rows = [[_xls_value(sheet.cell(r, c), book.datemode) for c in range(sheet.ncols)]
                    for r in range(sheet.nrows)]
            tables.append((sheet.name, rows))
        return tables
    except Exception as exc:
        raise RosterFileError(f"{path.name} 的内容无法读取，文件可能已损坏。") from exc
    finally:
        book.release_resources()


def _xls_value(cell, datemode):
    import xlrd
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value


def _csv_rows(path: Path) -> list[list]:
    """CSV saved by Excel in China is often GBK; WPS and newer Excel write UTF-8 with a BOM."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterFileError(f"{path.name} 的文字编码无法识别（应为 UTF-8 或 GBK）。")
    if "\x00" in text:
        raise RosterFileError(f"{path.name} 不是文本格式的 CSV 文件。")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise RosterFileError(f"{path.name} 的 CSV 格式有误：{exc}") from exc


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
