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
# Where each column's value sits in a RosterRow: a cell is read from the row when painted.
_FIELDS = tuple(RosterRow._fields.index(f) for f in (
    "name", "gender", "birth_date", "joined_on", "category", "org_name", "status", "is_mobile",
    "phone"))
_MOBILE = COLUMNS.index("流动")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ID = int(ID_ROLE)
_LEFT_GREY = QColor("#888888")


def _cell(row: RosterRow, column: int) -> str:
    value = row[_FIELDS[column]]
    if column == _MOBILE:
        return "流动" if value else ""
    return value or ""


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
        self._keys = dict(zip([r.id for r in rows], map(pinyin_keys.search_keys,
                                                        [r.name for r in rows])))
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
        """One comprehension per filter set: the common case (在册, no text) stays in C."""
        org_ids, status, text, keys = self._org_ids, self._status, self._text, self._keys
        if org_ids is not None:
            rows = [r for r in rows if r.org_id in org_ids]
        if status:
            rows = [r for r in rows if r.status == status]
        if text:
            rows = [r for r in rows if text in keys[r.id][0] or keys[r.id][1].startswith(text)
                    or keys[r.id][2].startswith(text)]
        return list(rows)

    def data(self, index, role=_DISPLAY):
        if role == _DISPLAY:
            return _cell(self._rows[index.row()], index.column())
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
        by_name = list(map(pinyin_keys.sort_key, [r.name for r in rows]))
        if column == 0:
            keys = by_name
        else:
            keys = [(_cell(r, column), k) for r, k in zip(rows, by_name)]
        order_ = sorted(range(len(rows)), key=keys.__getitem__,
                        reverse=order == Qt.SortOrder.DescendingOrder)
        return [rows[i] for i in order_]
