"""The roster as a Qt model: `RosterModel` over core.members.roster, `RosterFilter` on top of it.

The filter answers the roster page's three questions at once: which branch (its 党小组 included),
which status, and a search box that matches a name substring, the pinyin initials (`zs` → 张三) or
the start of the full pinyin (`zhangs` → 张三).
"""
from __future__ import annotations

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt)

from pypinyin import lazy_pinyin

from desktop_app.core.members import RosterRow

COLUMNS = ("姓名", "性别", "出生日期", "入党日期", "类别", "所在组织", "状态", "流动", "联系电话")
SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _cell(row: RosterRow, column: int) -> str:
    values = (row.name, row.gender, row.birth_date, row.joined_on, row.category, row.org_name,
              row.status, "流动" if row.is_mobile else "", row.phone)
    return values[column] or ""


class RosterModel(QAbstractTableModel):
    def __init__(self, rows: list[RosterRow] | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[RosterRow] = []
        self._pinyin: list[str] = []
        self.set_rows(rows or [])

    def set_rows(self, rows: list[RosterRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._pinyin = ["".join(lazy_pinyin(r.name)).lower() for r in rows]
        self.endResetModel()

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def pinyin_at(self, row: int) -> str:
        return self._pinyin[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(row, index.column())
        if role == SORT_ROLE:
            # Names sort by pinyin, as a secretary reads a roster; everything else as shown.
            return f"{row.name_initials}\t{row.name}" if index.column() == 0 else _cell(row, index.column())
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.status != "在册":
            return Qt.GlobalColor.darkGray
        return None


class RosterFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._org_ids: set[int] | None = None
        self._status: str | None = None
        self._text = ""

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
        model = self.sourceModel()
        row = model.row_at(source_row)
        if self._org_ids is not None and row.org_id not in self._org_ids:
            return False
        if self._status and row.status != self._status:
            return False
        if self._text:
            return (self._text in row.name.lower() or row.name_initials.startswith(self._text)
                    or model.pinyin_at(source_row).startswith(self._text))
        return True
