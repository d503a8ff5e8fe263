"""The year's activity-day plan as an editable table: theme and place are typed in place and saved
through `core.meetings.plan.edit` (audited); the 开展情况 column comes from the year calendar."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app.core.exports.wording import WEEKDAYS
from desktop_app.core.meetings import plan
from desktop_app.core.meetings.plan import PlanEntry
from desktop_app.core.store import Store, StoreError
from desktop_app.ui.rows_model import RowsModel

COLUMNS = ("日期", "星期", "类别", "主题", "地点", "开展情况")
EDITABLE = {3: "theme", 4: "place"}
HELD, DUE, MISSED, PASSED = "已开展", "待开展", "未开展", "已过"
STATE_TINTS = {HELD: "#e3f2e1", DUE: "#eef3fb", MISSED: "#fde2e0", PASSED: "#f2f2f2"}


class PlanModel(RowsModel):
    COLUMNS = COLUMNS

    failed = Signal(str)

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self._rows: list[PlanEntry] = []
        self._states: dict[int, str] = {}

    def set_entries(self, entries: list[PlanEntry], states: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows, self._states = entries, states
        self.endResetModel()

    def entry_at(self, row: int) -> PlanEntry:
        return self._rows[row]

    def state_of(self, entry: PlanEntry) -> str:
        return self._states.get(entry.id, "")

    def flags(self, index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            weekday = "周" + WEEKDAYS[date.fromisoformat(entry.planned_on).weekday()]
            return (entry.planned_on, weekday, entry.day_kind, entry.theme or "",
                    entry.place or "", self.state_of(entry))[column]
        if role == Qt.ItemDataRole.BackgroundRole and column == 5 and self.state_of(entry):
            return QBrush(QColor(STATE_TINTS[self.state_of(entry)]))
        if role == Qt.ItemDataRole.ToolTipRole and column in EDITABLE:
            return "双击修改"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        entry = self._rows[index.row()]
        try:
            self._rows[index.row()] = plan.edit(self.store, entry.id,
                                                   **{EDITABLE[index.column()]: str(value)})
        except StoreError as exc:
            self.failed.emit(f"{entry.planned_on} {entry.day_kind}：{exc}")
            return False
        self.dataChanged.emit(index, index)
        return True
