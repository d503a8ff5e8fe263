"""The shared part of Shilu's tables: models over rows held in a Python list with fixed column
titles, and column widths given in Chinese characters.

Each page's model subclasses it, sets `COLUMNS` and keeps its rows in `self._rows`; it writes
only `data()` (and `flags`/`setData` where cells are editable).
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView


class RowsModel(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None


def size_columns(table: QTableView, columns: tuple[str, ...], widths: dict[str, int]) -> None:
    """Column widths in Chinese characters (`widths` by title); other columns share the rest.
    Rows get the font's height plus a little air, so Chinese text is never clipped."""
    metrics = table.fontMetrics()
    table.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
    header = table.horizontalHeader()
    char = metrics.horizontalAdvance("中")
    for column, title in enumerate(columns):
        if title in widths:
            header.resizeSection(column, widths[title] * char + 16)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
