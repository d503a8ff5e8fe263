"""The roster as a Qt model over core.members.roster, filtered and sorted in place.

The roster page asks three questions at once: which branch (its 党小组 included), which status,
and a search box that matches a name substring, the pinyin initials (`zs` → 张三, `zy` → 曾洋:
surnames read as surnames) or the start of the full pinyin (`zhangs` → 张三).

Each row's search keys (lower-case name, initials, full pinyin) are computed once, when the rows are
loaded. A filter change is one loop over them and a reset of the view: no reload from the ledger,
and none of the per-row calls from C++ into Python a QSortFilterProxyModel's filterAcceptsRow
would make (3,000 per keystroke at 3,000 members, the most of a filter's time when measured with
bench/bench_gui.py). Sorting is Python's sort (one key per row) for the same reason. Cells are
made when painted, so only the visible ones cost anything.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
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
    """`self._rows` are the rows shown (filtered, in order); `self._all` everyone loaded."""

    COLUMNS = COLUMNS

    def __init__(self, rows: list[RosterRow] | None = None, parent=None):
        super().__init__(parent)
        self._all: list[RosterRow] = []
        self._keys: dict[int, tuple[str, str, str]] = {}
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self._org_ids: set[int] | None = None
        self._status: str | None = None
        self._text = ""
        self.set_rows(rows or [])

    def set_rows(self, rows: list[RosterRow]) -> None:
        self._all = self._sorted(rows, *self._sort)
        self._keys = {r.id: pinyin_keys.search_keys(r.name) for r in self._all}
        self._refilter()

    def put_row(self, row: RosterRow) -> None:
        """One member's line changed or was added (after an edit): no reload of the others."""
        others = [r for r in self._all if r.id != row.id]
        self._all = self._sorted([*others, row], *self._sort)
        self._keys[row.id] = pinyin_keys.search_keys(row.name)
        self._refilter()

    def total(self) -> int:
        """Everyone loaded, whatever the filter shows."""
        return len(self._all)

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def set_org_ids(self, org_ids: set[int] | None) -> None:
        """Only members whose organisation is one of these (None: everyone)."""
        self._org_ids = org_ids
        self._refilter()

    def set_status(self, status: str | None) -> None:
        self._status = status
        self._refilter()

    def set_text(self, text: str) -> None:
        self._text = text.strip().lower()
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = self._shown(self._all)
        self.endResetModel()

    def _shown(self, rows: list[RosterRow]) -> list[RosterRow]:
        org_ids, status, text, keys = self._org_ids, self._status, self._text, self._keys
        shown = []
        for row in rows:
            if org_ids is not None and row.org_id not in org_ids:
                continue
            if status and row.status != status:
                continue
            if text:
                name, initials, full = keys[row.id]
                if not (text in name or initials.startswith(text) or full.startswith(text)):
                    continue
            shown.append(row)
        return shown

    def data(self, index, role=_DISPLAY):
        if role == _DISPLAY:
            return _cells(self._rows[index.row()])[index.column()]
        if role == _FOREGROUND:
            return _LEFT_GREY if self._rows[index.row()].status != "在册" else None
        if role == _ID:
            return self._rows[index.row()].id
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Names sort by full pinyin (陈… together), surnames read as surnames; the rest as shown.
        The selection stays on the same members."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._all = self._sorted(self._all, column, order)
        self._rows = self._shown(self._all)
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
