"""The roster as a Qt model: `RosterModel` over core.members.roster, `RosterFilter` on top of it.

The filter answers the roster page's three questions at once: which branch (its 党小组 included),
which status, and a search box that matches a name substring, the pinyin initials (`zs` → 张三,
`zy` → 曾洋: surnames read as surnames) or the start of the full pinyin (`zhangs` → 张三).

Sorting happens in the source model with Python's sort (one key per row) rather than in the proxy,
whose comparisons would call back into Python thousands of times per click; the proxy only filters.
The cells are computed once per reload, so painting does no work per cell.
"""
from __future__ import annotations

from PySide6.QtCore import (QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt)
from PySide6.QtGui import QColor
from desktop_app.core import pinyin_keys
from desktop_app.core.members import RosterRow
from desktop_app.ui.rows_model import RowsModel

COLUMNS = ("姓名", "性别", "出生日期", "入党日期", "类别", "所在组织", "状态", "流动", "联系电话")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ID = int(ID_ROLE)
_LEFT_GREY = QColor("#888888")


def _cells(row: RosterRow) -> tuple[str, ...]:
    values = (row.name, row.gender, row.birth_date, row.joined_on, row.category, row.org_name,
              row.status, "流动" if row.is_mobile else "", row.phone)
    return tuple(v or "" for v in values)


class RosterModel(RowsModel):
    COLUMNS = COLUMNS

    def __init__(self, rows: list[RosterRow] | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[RosterRow] = []
        self._cells: list[tuple[str, ...]] = []
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self.set_rows(rows or [])

    def set_rows(self, rows: list[RosterRow]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows, *self._sort)
        self._cells = [_cells(r) for r in self._rows]
        self.endResetModel()

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def data(self, index, role=_DISPLAY):
        if role == _DISPLAY:
            return self._cells[index.row()][index.column()]
        if role == _FOREGROUND:
            return _LEFT_GREY if self._rows[index.row()].status != "在册" else None
        if role == _ID:
            return self._rows[index.row()].id
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Names sort by full pinyin (陈… together), surnames read as surnames; the rest as shown."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._rows = self._sorted(self._rows, column, order)
        self._cells = [_cells(r) for r in self._rows]
        position = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(position[i], old.column()) for i, old in zip(ids, before)])
        self.layoutChanged.emit()

    @staticmethod
    def _sorted(rows: list[RosterRow], column: int, order) -> list[RosterRow]:
        def by_name(r: RosterRow):
            return pinyin_keys.sort_key(r.name)
        if column == 0:
            key = by_name
        else:
            def key(r: RosterRow):
                return _cells(r)[column], by_name(r)
        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)


class RosterFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._org_ids: set[int] | None = None
        self._status: str | None = None
        self._text = ""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def set_org_ids(self, org_ids: set[int] | None) -> None:
        """Only members whose organisation is one of these (None: everyone)."""
        self.beginFilterChange()
        self._org_ids = org_ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row = self.sourceModel().row_at(source_row)
        if self._org_ids is not None and row.org_id not in self._org_ids:
            return False
        if self._status and row.status != self._status:
            return False
        if self._text:
            return (self._text in row.name.lower()
                    or pinyin_keys.initials(row.name).startswith(self._text)
                    or pinyin_keys.full(row.name).startswith(self._text))
        return True
