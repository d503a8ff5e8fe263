"""Meeting records as a Qt table: date, kind, title, organisation, 应到/实到/出席率 (derived by the
meetings core, never stored), status; sortable through `MeetingsSort`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt

from desktop_app.core import orgs
from desktop_app.core.meetings import attendance, records
from desktop_app.core.meetings.records import Meeting
from desktop_app.core.store import Store
from desktop_app.ui.rows_model import RowsModel

COLUMNS = ("日期", "类型", "标题", "组织", "应到", "实到", "出席率", "状态")
SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NUMERIC = {4, 5, 6}


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: str
    kind: str
    title: str
    org_name: str
    expected: int
    present: int | None       # None for a meeting not held yet
    rate: float | None
    rate_text: str
    status: str


def rows_for(store: Store, meetings: list[Meeting],
             progress: Callable[[int, int, str], None] | None = None) -> list[MeetingRow]:
    """One row per record; `progress` (the worker's) hears every 50 rows, as counting 应到 takes
    a roster query per record (a year of a 300-member ledger: about a second)."""
    names = {o.id: o.name for o in orgs.all_orgs(store)}
    rows = []
    for i, m in enumerate(meetings):
        if progress and i % 50 == 0:
            progress(i, len(meetings), f"正在统计出席情况（{i}/{len(meetings)}）")
        counts = attendance.summary(store, m.id)
        held = m.status == records.HELD
        status = f"已删除：{m.deleted_reason}" if m.is_deleted else m.status
        kind = f"{m.kind}（{m.day_kind}）" if m.day_kind else m.kind
        rows.append(MeetingRow(m.id, m.held_on, kind, m.title, names.get(m.org_id, ""),
                               counts.expected, counts.present if held else None,
                               counts.rate if held else None,
                               counts.rate_text if held else "—", status))
    return rows


class MeetingsModel(RowsModel):
    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[MeetingRow] = []

    def set_rows(self, rows: list[MeetingRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> MeetingRow:
        return self._rows[row]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.held_on, row.kind, row.title, row.org_name, str(row.expected),
                    "—" if row.present is None else str(row.present), row.rate_text,
                    row.status)[column]
        if role == SORT_ROLE:
            if column in NUMERIC:
                value = (row.expected, row.present, row.rate)[column - 4]
                return -1 if value is None else value
            return self.data(index)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 7):
            return row.title if column == 2 else row.status
        return None


class MeetingsSort(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
