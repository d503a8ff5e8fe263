"""The roster as a Qt model over core.members.roster_lines, filtered and sorted in place.

The roster page asks three questions at once: which branch (its 党小组 included), which status,
and a search box that matches a name substring, the pinyin initials (`zs` → 张三, `zy` → 曾洋:
surnames read as surnames) or the start of the full pinyin (`zhangs` → 张三).

Each row's search keys (lower-case name, initials, full pinyin) are computed once per name and
kept (pinyin_keys caches them). A filter change is one pass over the lines and a reset of the
view: no reload from the ledger, and none of the per-row calls from C++ into Python a
QSortFilterProxyModel's filterAcceptsRow would make (3,000 per keystroke at 3,000 members, the
most of a filter's time when measured with bench/bench_gui.py). Sorting is Python's sort (one key
per row) for the same reason. The lines are kept as read (core.members.RosterLine): a reload does
no work per member in Python, and a cell (the category on the day, the organisation's name, 流动)
is made when painted, so only the visible ones cost anything.
"""
from __future__ import annotations

from operator import itemgetter

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop_app.core import pinyin_keys
from desktop_app.core.members import RosterLine, RosterRow, as_row, category_of
from desktop_app.ui.rows_model import RowsModel

COLUMNS = ("姓名", "性别", "出生日期", "入党日期", "类别", "所在组织", "状态", "流动", "联系电话")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ID = int(ID_ROLE)
_LEFT_GREY = QColor("#888888")
_ID_AT, _NAME, _STATUS, _ORG, _JOINED, _CONFIRMED, _IS_MOBILE = (
    RosterLine._fields.index(f) for f in ("id", "name", "status", "org_id", "joined_on",
                                          "confirmed_on", "is_mobile"))
# Columns shown as read, by where they sit in a line; the others are worked out in `_cell`.
_PLAIN = {COLUMNS.index(title): RosterLine._fields.index(field) for title, field in (
    ("姓名", "name"), ("性别", "gender"), ("出生日期", "birth_date"), ("入党日期", "joined_on"),
    ("状态", "status"), ("联系电话", "phone"))}
_CATEGORY, _ORG_NAME, _MOBILE = (COLUMNS.index(t) for t in ("类别", "所在组织", "流动"))


class RosterModel(RowsModel):
    """`self._rows` are the lines shown (filtered, in order), `self._all` every line loaded, as
    plain tuples in RosterLine's order; `_on_date` is the day whose category is shown and
    `_names` names the organisations."""

    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[tuple] = []
        self._keys: dict[int, tuple[str, str, str]] = {}
        self._names: dict[int, str] = {}
        self._on_date = ""
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self._org_ids: set[int] | None = None
        self._status: str | None = None
        self._text = ""

    def set_lines(self, lines: list[tuple], org_names: dict[int, str], on_date: str) -> None:
        self._names, self._on_date = org_names, on_date
        self._all = self._sorted(lines, *self._sort)
        names = list(map(itemgetter(_NAME), lines))
        self._keys = dict(zip(map(itemgetter(_ID_AT), lines),
                              map(pinyin_keys.search_keys, names)))
        self._refilter()

    def put_line(self, line: tuple) -> None:
        """One member's line changed or was added (after an edit): no reload of the others."""
        others = [r for r in self._all if r[_ID_AT] != line[_ID_AT]]
        self._all = self._sorted([*others, line], *self._sort)
        self._keys[line[_ID_AT]] = pinyin_keys.search_keys(line[_NAME])
        self._refilter()

    def total(self) -> int:
        """Everyone loaded, whatever the filter shows."""
        return len(self._all)

    def row_at(self, row: int) -> RosterRow:
        return as_row(self._rows[row], self._names, self._on_date)

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

    def _shown(self, rows: list[tuple]) -> list[tuple]:
        """One comprehension per filter set: the common case (在册, no text) stays in C."""
        org_ids, status, text, keys = self._org_ids, self._status, self._text, self._keys
        if org_ids is not None:
            rows = [r for r in rows if r[_ORG] in org_ids]
        if status:
            rows = [r for r in rows if r[_STATUS] == status]
        if text:
            rows = [r for r in rows if text in keys[r[_ID_AT]][0]
                    or keys[r[_ID_AT]][1].startswith(text) or keys[r[_ID_AT]][2].startswith(text)]
        return list(rows)

    def _cell(self, line: tuple, column: int) -> str:
        if column in _PLAIN:
            return line[_PLAIN[column]] or ""
        if column == _CATEGORY:
            return category_of(line[_JOINED], line[_CONFIRMED], self._on_date) or "—"
        if column == _ORG_NAME:
            return self._names.get(line[_ORG]) or ""
        return "流动" if line[_IS_MOBILE] else ""

    def data(self, index, role=_DISPLAY):
        if role == _DISPLAY:
            return self._cell(self._rows[index.row()], index.column())
        if role == _FOREGROUND:
            return _LEFT_GREY if self._rows[index.row()][_STATUS] != "在册" else None
        if role == _ID:
            return self._rows[index.row()][_ID_AT]
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Names sort by full pinyin (陈… together), surnames read as surnames; the rest as shown.
        The selection stays on the same members."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()][_ID_AT] for i in before]
        self._all = self._sorted(self._all, column, order)
        self._rows = self._shown(self._all)
        position = {r[_ID_AT]: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(position[i], old.column()) for i, old in zip(ids, before)])
        self.layoutChanged.emit()

    def _sorted(self, rows: list[tuple], column: int, order) -> list[tuple]:
        """By the column, then (whichever way the column goes) by name in pinyin order."""
        descending = order == Qt.SortOrder.DescendingOrder
        by_name = list(map(pinyin_keys.sort_key, map(itemgetter(_NAME), rows)))
        order_ = sorted(range(len(rows)), key=by_name.__getitem__, reverse=descending and column == 0)
        if column != 0:     # a stable sort keeps the names' order among equal cells
            cells = [self._cell(r, column) for r in rows]
            order_.sort(key=cells.__getitem__, reverse=descending)
        return [rows[i] for i in order_]
