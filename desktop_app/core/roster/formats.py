"""Turning a roster file into tables of raw cells, whatever the file really is.

The file's first bytes decide, not its name: web systems save an HTML table or an Excel 2003
XML spreadsheet as ".xls", Excel saves "Unicode 文本" as UTF-16 with tabs, CSV comes in GBK or
UTF-8 with commas of either width. Every file is size-checked first and every library failure
becomes a RosterFileError naming the file, so nothing from a hostile file reaches the user as a
traceback.

A table is `Table(name, rows, hidden)`: rows are lists of raw cell values (None when empty);
`hidden` holds the 0-based indexes of rows hidden in Excel. A range merged down several rows
gives its value to every row it covers (a 所在党支部 merged over its members); a range merged
across keeps its value in its first cell (a title, or a section line, stays one cell).
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from desktop_app.core.errors import WordedError

MAX_FILE_BYTES = 30 * 1024 * 1024          # a 50,000-person roster is a few MB
MAX_UNPACKED_BYTES = 300 * 1024 * 1024     # all parts of an .xlsx once unzipped (zip bombs)
MAX_ROWS = 60_000
HEADER_ALLOWANCE = 100      # title, header and footer rows around the people
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An .xlsx with an opening password is an OLE2 container holding this stream (MS-OFFCRYPTO).
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
_STRICT_OOXML = b"purl.oclc.org/ooxml/spreadsheetml"
# The BOF record that opens an Excel 2.x, 3.0 or 4.0 sheet (BIFF2–4, not in an OLE2 container).
_OLD_BIFF = (b"\x09\x00\x04\x00", b"\x09\x02\x06\x00", b"\x09\x04\x06\x00")
# Stream names in an OLE2 container that say what the file is, when it is no Excel 97–2003 file.
_OLE2_KINDS = (("Book\0".encode("utf-16-le"), "Excel 5.0/95 的旧格式工作簿"),
               ("WordDocument".encode("utf-16-le"), "Word 文档（.doc）"),
               ("PowerPoint Document".encode("utf-16-le"), "PowerPoint 演示文稿"))
SAVE_AS = "请在 Excel 或 WPS 中打开它，“另存为”“Excel 工作簿 (*.xlsx)”后再导入。"


# Why a file cannot be opened, in words (the system's own are English on many PCs).
_OPEN_FAILURES = ((FileNotFoundError, "文件不存在（可能已被移动或改名）"),
                  (IsADirectoryError, "这是一个文件夹，请选择其中的花名册文件"),
                  (PermissionError, "没有读取权限，或文件正被其他程序（如 Excel）独占打开"))


class RosterFileError(WordedError):
    """The file cannot be read as a roster; the message (Chinese) names the file and the problem."""


@dataclass
class Table:
    name: str | None
    rows: list[list]
    hidden: set[int] = field(default_factory=set)
    filled: set[tuple[int, int]] = field(default_factory=set)   # (row, column) filled from above
    hidden_sheet: bool = False      # a sheet hidden in Excel: taken only when named or alone


def read_tables(path: Path) -> list[Table]:
    """Every table in the file, in the order a person sees them (active sheet first)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        why = next((words for kind, words in _OPEN_FAILURES if isinstance(exc, kind)),
                   exc.strerror or str(exc))
        raise RosterFileError(f"无法打开文件 {path.name}：{why}") from exc
    if size > MAX_FILE_BYTES:
        raise RosterFileError(f"{path.name} 有 {size / 1048576:.0f} MB，超过花名册文件的上限 "
                              f"{MAX_FILE_BYTES // 1048576} MB，不像是一份花名册，未读取。")
    if size == 0:
        raise RosterFileError(f"{path.name} 是空文件。")
    if head.startswith(b"PK"):
        tables = _xlsx_tables(path)
    elif head[:4] in _OLD_BIFF:
        raise RosterFileError(f"{path.name} 是 Excel 2.x–4.0 的旧格式工作表（1995 年以前的 .xls），"
                              f"本软件读不了这种格式。{SAVE_AS}")
    elif head.startswith(_OLE2):
        tables = _xls_tables(path)
    else:
        tables = _text_tables(path)
    for table in tables:
        while table.rows and not any(v is not None and str(v).strip() for v in table.rows[-1]):
            table.rows.pop()        # empty rows left formatted far below the table
        if len(table.rows) > MAX_ROWS + HEADER_ALLOWANCE:
            raise RosterFileError(f"{path.name} 的“{table.name or '表格'}”有 {len(table.rows)} 行，"
                                  f"超过上限 {MAX_ROWS} 行，请分成几个文件导入。")
    return tables


# --- Excel 2007+ ---------------------------------------------------------------------------

def _xlsx_tables(path: Path) -> list[Table]:
    try:
        with zipfile.ZipFile(path) as package:
            unpacked = sum(i.file_size for i in package.infolist())
            names = package.namelist()
            parts = [n for n in names if n in ("[Content_Types].xml", "xl/workbook.xml")]
            strict = unpacked <= MAX_UNPACKED_BYTES and any(
                _STRICT_OOXML in package.open(n).read(4096) for n in parts)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, ValueError,
            NotImplementedError, EOFError, zlib.error) as exc:
        raise RosterFileError(f"{path.name} 不是完整的 Excel 文件（无法解压），可能已损坏或只下载了"
                              f"一部分。{SAVE_AS}") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise RosterFileError(f"{path.name} 解压后超过 {MAX_UNPACKED_BYTES // 1048576} MB，"
                              f"不像是一份花名册，未读取。")
    if strict:
        raise RosterFileError(f"{path.name} 是“Strict Open XML 电子表格”格式，本软件读不了这种格式。"
                              f"{SAVE_AS}")
    if "xl/workbook.xml" not in names and "xl/workbook.bin" in names:
        raise RosterFileError(f"{path.name} 是 Excel 二进制工作簿（.xlsb）。{SAVE_AS}")
    if "xl/workbook.xml" not in names:
        raise RosterFileError(f"{path.name} 是压缩包或其他 Office 文件，不是 Excel 表格。")
    from desktop_app.core.roster.xlsx_reader import TooManyRows, read_workbook
    try:
        sheets = read_workbook(path, MAX_ROWS + HEADER_ALLOWANCE)
    except TooManyRows as exc:
        raise RosterFileError(f"{path.name} 有一张工作表超过 {MAX_ROWS} 行，请分成几个文件导入。") from exc
    except Exception as exc:    # a damaged package fails in many ways (zip, XML, indexes)
        raise RosterFileError(f"{path.name} 无法作为 Excel 文件打开，文件内容已损坏"
                              f"（{type(exc).__name__}）。{SAVE_AS}") from exc
    tables = []
    for name, rows, hidden, merged, hidden_sheet in sheets:
        table = Table(name, rows, hidden, hidden_sheet=hidden_sheet)
        for first_row, column, last_row, _ in merged:
            _fill_down(table, first_row, last_row, column)
        tables.append(table)
    return tables


def _fill_down(table: Table, first: int, last: int, column: int) -> None:
    """A range merged down: every row it covers gets the value of its top cell (and is noted in
    `table.filled`: a name merged down is one person over several rows)."""
    rows = table.rows
    if first >= len(rows) or column >= len(rows[first]):
        return
    value = rows[first][column]
    for index in range(first + 1, min(last, len(rows) - 1) + 1):
        row = rows[index]
        row.extend([None] * (column + 1 - len(row)))
        row[column] = value
        table.filled.add((index, column))


# --- Excel 97–2003 ---------------------------------------------------------------------------

def _xls_tables(path: Path) -> list[Table]:
    import xlrd
    data = path.read_bytes()
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=io.StringIO())    # xlrd warns on stdout otherwise
    except Exception as exc:
        if "encrypt" in str(exc).lower() or _ENCRYPTED_OOXML in data:
            raise RosterFileError(
                f"{path.name} 设置了打开密码。请在 Excel 中去掉密码（或另存为不加密的 .xlsx）后再导入。"
            ) from exc
        kind = next((kind for marker, kind in _OLE2_KINDS if marker in data), None)
        if kind:
            raise RosterFileError(f"{path.name} 是{kind}，不是本软件能读的 Excel 表格。{SAVE_AS}") from exc
        raise RosterFileError(
            f"{path.name} 无法作为 Excel 97-2003 文件打开：它可能设置了打开密码，或者已损坏"
            f"（{type(exc).__name__}）。{SAVE_AS}") from exc
    try:
        tables = []
        for sheet in book.sheets():
            rows = [[_xls_value(sheet.cell(r, c), book.datemode) for c in range(sheet.ncols)]
                    for r in range(sheet.nrows)]
            table = Table(sheet.name, rows,
                          {r for r, info in sheet.rowinfo_map.items() if info.hidden},
                          hidden_sheet=sheet.visibility != 0)
            for top, bottom, left, _right in sheet.merged_cells:
                _fill_down(table, top, bottom - 1, left)
            tables.append(table)
        return tables
    except Exception as exc:
        raise RosterFileError(f"{path.name} 的内容无法读取，文件可能已损坏"
                              f"（{type(exc).__name__}）。{SAVE_AS}") from exc
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


# --- text: CSV, "Unicode 文本", HTML and XML saved as .xls -------------------------------------

def _decode(path: Path, data: bytes) -> str:
    """UTF-16 with a BOM (Excel "Unicode 文本"), UTF-8 with or without BOM, else GB18030 (GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif _utf16_without_bom(data):
        encodings = (_utf16_without_bom(data),)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(f"{path.name} 既不是 Excel 表格，也不是能识别的文本"
                          f"（应为 UTF-8、GBK 或 Unicode 文本）。{SAVE_AS}")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'-be' when the zero bytes of tabs, line ends and digits fall on one side of
    each byte pair (a character such as 一, U+4E00, puts a few on the other), as in UTF-16 text
    saved without its BOM; else None."""
    head = data[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if len(data) % 2 or max(odd, even) < 4 or min(odd, even) * 8 > max(odd, even):
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def _text_tables(path: Path) -> list[Table]:
    text = _decode(path, path.read_bytes())
    start = text.lstrip()[:2048].lower()
    if start.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in text[:8192]:
        return _xml2003_tables(path, text)
    if start.startswith("<") and re.search(r"<(html|table|!doctype html)", start):
        return _html_tables(path, text)
    if text.count("\x00") > 1 + len(text) // 100:    # a binary file; a stray NUL is dropped
        raise RosterFileError(f"{path.name} 不是 Excel 表格（.xlsx、.xls）或 CSV 文件，"
                              f"或者文件已损坏。{SAVE_AS}")
    return [Table(None, _csv_rows(path, text.replace("\x00", "")))]


def _csv_rows(path: Path, text: str) -> list[list]:
    """Split on the separator the header line uses most: tab, comma, full-width comma or ;."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    first = max(lines[:5], key=lambda line: max(line.count(d) for d in "\t,，;"), default="")
    delimiter = max("\t,，;", key=first.count) if first else ","
    try:
        return [[cell or None for cell in row]
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise RosterFileError(f"{path.name} 的 CSV 格式有误：{exc}") from exc


class _HtmlTables(HTMLParser):
    """Cells of every <table>: the text of each <td>/<th>. colspan leaves empty cells after it;
    rowspan gives its value to the rows below, as a range merged down does in Excel."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list]] = []
        self.row: list | None = None
        self.cell: list[str] | None = None
        self.colspan = self.rowspan = 1
        self.spans: dict[int, list] = {}     # column → [rows still to fill, value]

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
            self.spans = {}
        elif tag == "tr" and self.tables:
            self._end_row()
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self._end_cell()
            self.cell = []
            named = dict(attrs)
            self.colspan, self.rowspan = (_span(named.get("colspan")), _span(named.get("rowspan")))
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def _fill_spans(self, to_the_end: bool = False):
        """Put the values of cells spanning down from above into this row, at its end."""
        row = self.row
        while len(row) in self.spans or (to_the_end and self.spans and len(row) < max(self.spans)):
            span = self.spans.get(len(row))
            row.append(span[1] if span else None)
            if span:
                span[0] -= 1
                if span[0] <= 0:
                    del self.spans[len(row) - 1]

    def _end_cell(self):
        if self.cell is not None and self.row is not None:
            self._fill_spans()
            text = re.sub(r"[ \t\r\n]+", " ", "".join(self.cell)).strip() or None
            if self.rowspan > 1:
                self.spans[len(self.row)] = [self.rowspan - 1, text]
            self.row.extend([text] + [None] * (self.colspan - 1))
        self.cell = None

    def _end_row(self):
        self._end_cell()
        if self.row is not None and self.tables:
            self._fill_spans(to_the_end=True)
            self.tables[-1].append(self.row)
        self.row = None


def _span(text) -> int:
    return min(int(text), 1000) if text and text.strip().isdigit() and int(text) > 0 else 1


def _html_tables(path: Path, text: str) -> list[Table]:
    parser = _HtmlTables()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:
        raise RosterFileError(f"{path.name} 是网页（HTML）另存成的表格，但内容无法读取。{SAVE_AS}") from exc
    tables = [Table(f"网页表格 {n}", rows) for n, rows in enumerate(parser.tables, 1) if rows]
    if not tables:
        raise RosterFileError(f"{path.name} 是一个网页文件（HTML），里面没有表格。{SAVE_AS}")
    return tables


_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _xml2003_tables(path: Path, text: str) -> list[Table]:
    """Excel 2003 XML: Worksheet/Table/Row/Cell/Data; ss:Index skips to a column, MergeDown
    spans rows. Documents with a DTD are refused (entity expansion)."""
    if re.search(r"<!(DOCTYPE|ENTITY)", text[:65536], re.I):
        raise RosterFileError(f"{path.name} 含有不安全的 XML 声明，未读取。{SAVE_AS}")
    try:
        # The text is decoded already: its declaration (encoding="gb2312") no longer holds.
        root = ElementTree.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text).encode("utf-8"))
        tables = []
        for sheet in root.iter(f"{_SS}Worksheet"):
            rows: list[list] = []
            hidden: set[int] = set()
            merges = []
            for row in sheet.iter(f"{_SS}Row"):
                index = int(row.get(f"{_SS}Index", len(rows) + 1)) - 1
                if not 0 <= index <= MAX_ROWS:
                    raise ValueError(f"行号 {index + 1} 超出范围")
                while len(rows) < index:
                    rows.append([])
                if row.get(f"{_SS}Hidden") == "1":
                    hidden.add(index)
                values: list = []
                for cell in row.iter(f"{_SS}Cell"):
                    column = int(cell.get(f"{_SS}Index", len(values) + 1)) - 1
                    if not len(values) <= column <= 1000:
                        raise ValueError(f"列号 {column + 1} 超出范围")
                    values.extend([None] * (column - len(values)))
                    values.append(_xml2003_value(cell.find(f"{_SS}Data")))
                    down = min(int(cell.get(f"{_SS}MergeDown", 0)), MAX_ROWS)
                    if down:
                        merges.append((index, index + down, column))
                    values.extend([None] * min(int(cell.get(f"{_SS}MergeAcross", 0)), 1000))
                rows.append(values)
            table = Table(sheet.get(f"{_SS}Name"), rows, hidden)
            for first, last, column in merges:
                _fill_down(table, first, last, column)
            tables.append(table)
    except (ElementTree.ParseError, ValueError) as exc:
        raise RosterFileError(f"{path.name} 是 Excel 2003 XML 表格，但内容已损坏"
                              f"（{exc}）。{SAVE_AS}") from exc
    if not tables:
        raise RosterFileError(f"{path.name} 是 Excel 2003 XML 表格，但里面没有工作表。")
    return tables


def _xml2003_value(data):
    if data is None:
        return None
    text = "".join(data.itertext())
    kind = data.get(f"{_SS}Type")
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(text[:19])
        except ValueError:
            return text
    return text or None
