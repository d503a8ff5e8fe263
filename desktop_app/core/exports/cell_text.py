"""Every text cell an xlsx export writes goes through here, so no export can crash on old data
or hand a reader a live formula.

openpyxl refuses control characters (IllegalCharacterError), which pasted Word text and old
imports carry; and it stores any string starting with "=" as a formula. `put` and `append`
clean the text (vertical tab and form feed become line breaks, other controls go, at most
32,767 characters as Excel allows) and write text starting with = + - @ as text with Excel's
quote prefix, so it stays text when edited (OWASP "CSV injection", for xlsx).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:       # types only: importing openpyxl costs a PDF-only caller half a second
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

EXCEL_MAX_CHARS = 32_767
_BREAKS = re.compile(r"[\v\f]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@")


def clean(value):
    """A string fit for a cell; any other value unchanged."""
    if not isinstance(value, str):
        return value
    text = _CONTROLS.sub("", _BREAKS.sub("\n", value))
    return text[:EXCEL_MAX_CHARS]


def guard(cell: Cell) -> Cell:
    """Text that Excel would read as a formula is kept as text."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put(sheet: Worksheet, row: int, column: int, value) -> Cell:
    """sheet.cell(row, column, value), with the text cleaned and guarded."""
    cell = sheet.cell(row, column)
    cell.value = clean(value)
    return guard(cell)


def append(sheet: Worksheet, values) -> None:
    """sheet.append(values), with the text cleaned and guarded."""
    sheet.append([clean(v) for v in values])
    for cell in sheet[sheet.max_row]:
        guard(cell)
