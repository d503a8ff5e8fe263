"""Reading the cell values of an .xlsx straight from its XML parts, for rosters.

openpyxl builds an object per cell; a 20,000-person roster has 400,000 cells and took most of
the import's time and memory. A roster needs only values, which sheets there are, which rows
are hidden and which ranges are merged, so this reads exactly that in one streaming pass per
sheet (expat, with xml.etree iterparse for the small parts). Dates are recognised as Excel
does, by the cell's number format (openpyxl's `is_date_format` and built-in format table).
openpyxl itself takes a quarter of a second to import: it is imported only for a workbook with
its own number formats or with date cells (a sheet of text, as many exports are, needs none).

Raises ValueError, KeyError, zipfile/XML errors on a damaged package; `formats` turns them into
a RosterFileError naming the file.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from datetime import datetime
from xml.etree.ElementTree import iterparse
from xml.parsers import expat

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Built-in number formats that are dates in Chinese-locale Excel and WPS (ECMA-376 18.8.30).
_LOCALE_DATES = set(range(27, 37)) | set(range(50, 59))
# The built-in formats that openpyxl's `is_date_format` calls dates (its BUILTIN_FORMATS 14–22,
# 45–47), and its epochs: tests/core/test_roster_xlsx_reader.py keeps them equal to openpyxl's.
BUILTIN_DATES = frozenset(range(14, 23)) | {45, 46, 47}
WINDOWS_1900, MAC_1904 = datetime(1899, 12, 30), datetime(1904, 1, 1)
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
MAX_COLUMNS = 1000


class TooManyRows(ValueError):
    """The sheet goes on past `max_rows` (a roster is not that long; a crafted file may be)."""


def _parts(package: zipfile.ZipFile, name: str):
    """Elements of one XML part, streamed; a part with a DTD is refused (entity expansion)."""
    with package.open(name) as head:
        if b"<!DOCTYPE" in head.read(2048).upper():
            raise ValueError(f"{name} 含有 DTD")
    return iterparse(package.open(name), events=("end",))


def read_workbook(path, max_rows: int) -> list[tuple[str, list[list], set[int], list[tuple], bool]]:
    """[(sheet name, rows, hidden row indexes, merged ranges as 0-based (r1, c1, r2, c2),
    whether the sheet is hidden)], the active sheet first. Raises TooManyRows past `max_rows` rows in a sheet."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        sheets, active, epoch = _workbook(package)
        targets = _relationships(package)
        strings = _shared_strings(package) if "xl/sharedStrings.xml" in names else []
        dates = _date_styles(package) if "xl/styles.xml" in names else set()
        order = [active] + [n for n in range(len(sheets)) if n != active] if sheets else []
        result = []
        for index in order:
            name, rel, hidden = sheets[index]
            target = targets.get(rel)
            if target is None or target not in names:
                continue
            result.append((name, *_sheet(package, target, strings, dates, epoch, max_rows), hidden))
        return result


def _workbook(package):
    sheets, active, epoch = [], 0, WINDOWS_1900
    for _, element in _parts(package, "xl/workbook.xml"):
        if element.tag == f"{MAIN}sheet":
            sheets.append((element.get("name") or "", element.get(_REL),
                           element.get("state") in ("hidden", "veryHidden")))
        elif element.tag == f"{MAIN}workbookView":
            active = int(element.get("activeTab") or 0)
        elif element.tag == f"{MAIN}workbookPr" and element.get("date1904") in ("1", "true"):
            epoch = MAC_1904
    return sheets, active if 0 <= active < len(sheets) else 0, epoch


def _relationships(package) -> dict[str, str]:
    targets = {}
    for _, element in _parts(package, "xl/_rels/workbook.xml.rels"):
        if element.tag == _PKG_REL:
            target = element.get("Target") or ""
            targets[element.get("Id")] = (target.lstrip("/") if target.startswith("/")
                                          else posixpath.normpath(f"xl/{target}"))
    return targets


def _text(element) -> str:
    """The text of a string item: its <t>, or the <t> of each rich-text run <r>; phonetic
    guides (<rPh>) are left out."""
    parts = []
    for child in element:
        if child.tag == f"{MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{MAIN}r":
            parts.append(child.findtext(f"{MAIN}t") or "")
    return "".join(parts)


def _shared_strings(package) -> list[str]:
    strings = []
    for _, element in _parts(package, "xl/sharedStrings.xml"):
        if element.tag == f"{MAIN}si":
            strings.append(_text(element))
            element.clear()
    return strings


def _date_styles(package) -> set[int]:
    """Indexes of the cell styles (cellXfs) whose number format is a date."""
    custom: dict[int, str] = {}
    styles: list[int] = []
    in_cell_xfs = False
    for event, element in iterparse(package.open("xl/styles.xml"), events=("start", "end")):
        if element.tag == f"{MAIN}cellXfs":
            in_cell_xfs = event == "start"
        elif event == "end" and element.tag == f"{MAIN}numFmt":
            custom[int(element.get("numFmtId"))] = element.get("formatCode") or ""
        elif event == "end" and element.tag == f"{MAIN}xf" and in_cell_xfs:
            styles.append(int(element.get("numFmtId") or 0))
    dates = set()
    for index, fmt in enumerate(styles):
        if fmt in _LOCALE_DATES or (_is_date_format(custom[fmt]) if fmt in custom
                                    else fmt in BUILTIN_DATES):
            dates.add(index)
    return dates


def _is_date_format(code: str) -> bool:
    if not code:
        return False
    from openpyxl.styles.numbers import is_date_format
    return is_date_format(code)


def _column(ref: str | None, default: int) -> int:
    """'AB12' → 27 (0-based); no reference: the next column."""
    if not ref:
        return default
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n - 1 if n else default


def _sheet(package, target, strings, dates, epoch, max_rows):
    """One pass of expat over the sheet part (about twice as fast as building elements)."""
    with package.open(target) as head:
        if b"<!DOCTYPE" in head.read(2048).upper():
            raise ValueError(f"{target} 含有 DTD")
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    reader = _SheetReader(parser, strings, dates, epoch, max_rows)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    with package.open(target) as stream:
        _parse(parser, stream)
    return reader.rows, reader.hidden, reader.merged


# A cell's inline string with nothing else in it, <is><t>text</t></is>, is handed to expat as
# the <v>text</v> it comes to: two elements fewer for the handlers to see in every such cell
# (streaming exporters, openpyxl's write-only mode and POI's SXSSF, write every text cell so).
# Only in a piece where every <is><t> and every </t></is> belongs to such a string, and not
# once a phonetic guide (<rPh>) has opened: the handlers leave its <t> out.
_PLAIN_INLINE = re.compile(rb"<is><t>[^<]*+</t></is>")
_CHUNK = 1 << 20


def _parse(parser, stream) -> None:
    """Feed the part to expat a megabyte at a time, each piece cut after a cell's end tag so
    that no inline string is split between two pieces."""
    tail, plain = b"", True
    while chunk := stream.read(_CHUNK):
        data = tail + chunk
        cut = data.rfind(b"</c>") + 4     # 3 when there is none: the piece waits for more
        if cut < 4:
            tail = data
            continue
        piece, tail = data[:cut], data[cut:]
        plain = plain and b"rPh" not in piece
        parser.Parse(_plain_inline(piece) if plain else piece, False)
    parser.Parse(tail, True)


def _plain_inline(piece: bytes) -> bytes:
    found = _PLAIN_INLINE.subn(b"", piece)[1]
    if found and found == piece.count(b"<is><t>") == piece.count(b"</t></is>"):
        return piece.replace(b"<is><t>", b"<v>").replace(b"</t></is>", b"</v>")
    return piece


class _SheetReader:
    """expat handlers: rows of values, hidden rows, merged ranges. Tags may carry a prefix.
    A 20,000-row sheet calls them about two million times, so they look up rather than compute:
    a tag's local name (`_TAGS`) and a reference's column (`_COLUMNS`) are worked out once; and
    a value's text goes straight into the cell's list of parts (the character handler is the
    list's own `append` while inside <v> or <t>, and no handler elsewhere)."""

    def __init__(self, parser, strings, dates, epoch, max_rows):
        self.parser = parser
        self.strings, self.dates, self.epoch, self.max_rows = strings, dates, epoch, max_rows
        self.rows: list[list] = []
        self.hidden: set[int] = set()
        self.merged: list[tuple[int, int, int, int]] = []
        self.row: list | None = None
        self.column = 0
        self.kind = "n"
        self.style: str | None = None
        self.parts: list[str] = []
        self.phonetic = False
        self.beyond: int | None = None    # a row past max_rows: an error only if it holds text

    def start(self, name, attrs):
        tag = _TAGS.get(name) or _tag(name)
        if tag == "c":
            row = self.row
            if row is None:
                return
            ref = attrs.get("r")
            column = _COLUMNS.get(ref.rstrip(_DIGITS)) if ref else None
            if column is None:
                column = _column(ref, len(row))
                if column >= MAX_COLUMNS:
                    raise ValueError(f"列数超过 {MAX_COLUMNS}")
            self.column = column
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s")
            self.parts = []
        elif tag == "v" or (tag == "t" and not self.phonetic):
            self.parser.CharacterDataHandler = self.parts.append
        elif tag == "rPh":
            self.phonetic = True
        elif tag == "row":
            index = int(attrs.get("r") or len(self.rows) + 1) - 1
            if index < len(self.rows):
                raise ValueError(f"第 {index + 1} 行重复或顺序错乱")
            if index >= self.max_rows:     # often a row formatted far below the table
                self.row, self.beyond = [], index
                return
            self.rows.extend([] for _ in range(index - len(self.rows)))
            if attrs.get("hidden") in ("1", "true"):
                self.hidden.add(index)
            self.row = []
            self.rows.append(self.row)
        elif tag == "mergeCell":
            first, _, last = (attrs.get("ref") or "").partition(":")
            a, b = _REF.fullmatch(first), _REF.fullmatch(last or first)
            if a and b:
                self.merged.append((int(a[2]) - 1, _column(a[1], 0), int(b[2]) - 1,
                                    _column(b[1], 0)))

    def end(self, name):
        tag = _TAGS.get(name) or _tag(name)
        if tag == "c":
            row = self.row
            if row is None:
                return
            parts, kind = self.parts, self.kind
            if not parts:
                value = None
            elif kind == "inlineStr" or kind == "s":      # text, the common cell, inline
                value = "".join(parts) if kind == "inlineStr" else self.strings[int("".join(parts))]
            else:
                value = self._value("".join(parts))
            column = self.column
            if column > len(row):
                row.extend([None] * (column - len(row)))
            if column == len(row):
                row.append(value)
            else:
                row[column] = value
        elif tag == "v" or tag == "t":
            self.parser.CharacterDataHandler = None
        elif tag == "rPh":
            self.phonetic = False
        elif tag == "row":
            if self.beyond is not None and any(v is not None and str(v).strip() for v in self.row):
                raise TooManyRows(self.beyond)
            self.row = self.beyond = None

    def _value(self, raw: str):
        """A cell that is not a shared or inline string."""
        kind = self.kind
        if kind == "str":
            return raw
        if kind == "e":
            return None
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return datetime.fromisoformat(raw.rstrip("Z"))
        number = float(raw) if "." in raw or "e" in raw or "E" in raw else int(raw)
        if int(self.style or 0) in self.dates:
            from openpyxl.utils.datetime import from_excel
            try:
                return from_excel(number, self.epoch)
            except (OverflowError, ValueError, TypeError):
                return number
        return number


_TAGS: dict[str, str] = {}        # element name as expat gives it ('x:c') → local name ('c')
_DIGITS = "0123456789"


def column_letters(n: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA'."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_COLUMNS = {column_letters(n): n for n in range(MAX_COLUMNS)}   # 'A' → 0 … within the limit


def _tag(name: str) -> str:
    tag = _TAGS[name] = name.rpartition(":")[2]
    return tag
