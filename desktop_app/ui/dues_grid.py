"""The 党费 page's collection grid: members down, the year's twelve months across.

Like the attendance sheet, the secretary clicks 全部已交 for the month being collected and then
the exceptions; a click on any due, unpaid cell (this month or an earlier one) marks it to be
paid (补交) and a second click takes that back. Nothing is written until the page saves the
marks; states show as text and a tint, never by colour alone.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app.core.dues.collection import OPEN, OPENING, PAID, UNPAID, YearGrid
from desktop_app.core.dues.disclosure import yuan
from desktop_app.ui.rows_model import RowsModel

TO_PAY = "待交"
TINTS = {PAID: "#e3f2e1", TO_PAY: "#d7e9fb", UNPAID: "#fde2e0", OPENING: "#eeeeee"}


class DuesGridModel(RowsModel):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: YearGrid | None = None
        self.pending: set[tuple[int, str]] = set()       # (member id, month) marked to pay
        self.current: str | None = None                  # the month being collected

    def show(self, grid: YearGrid, current: str | None) -> None:
        self.beginResetModel()
        self.grid, self.current = grid, current
        self.COLUMNS = ("姓名", *(f"{int(m[5:7])}月" for m in grid.months))
        self._rows = grid.rows
        self.pending = set()
        self.endResetModel()
        self.changed.emit()

    def payable(self, row: int, month: str) -> bool:
        """Due and not paid: 未交, or not yet collected in a month up to the one being collected."""
        state = self._rows[row].cells[month]
        return state == UNPAID or (state == OPEN and self.current is not None
                                   and month <= self.current)

    def all_paid(self) -> None:
        """全部已交 for the month being collected: every payable cell of that month."""
        if self.current is None:
            return
        for row in range(len(self._rows)):
            if self.payable(row, self.current):
                self.pending.add((self._rows[row].member_id, self.current))
        self._all_changed()

    def toggle(self, row: int, column: int) -> None:
        if column == 0 or self.grid is None:
            return
        month = self.grid.months[column - 1]
        key = (self._rows[row].member_id, month)
        if key in self.pending:
            self.pending.discard(key)
        elif self.payable(row, month):
            self.pending.add(key)
        else:
            return
        index = self.index(row, column)
        self.dataChanged.emit(index, index)
        self.changed.emit()

    def unpaid_this_month(self) -> set[int]:
        """Members due this month (payable) and not marked: the exceptions of the sheet."""
        return {r.member_id for i, r in enumerate(self._rows)
                if self.payable(i, self.current) and (r.member_id, self.current) not in self.pending}

    def extra_months(self) -> dict[int, list[str]]:
        """补交: marked months other than the one being collected, per member."""
        found: dict[int, list[str]] = {}
        for member_id, month in sorted(self.pending):
            if month != self.current:
                found.setdefault(member_id, []).append(month)
        return found

    def state(self, row: int, month: str) -> str:
        if (self._rows[row].member_id, month) in self.pending:
            return TO_PAY
        return self._rows[row].cells[month]

    def _all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))
        self.changed.emit()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        line, column = self._rows[index.row()], index.column()
        if column == 0:
            return line.name if role == Qt.ItemDataRole.DisplayRole else None
        month = self.grid.months[column - 1]
        state = self.state(index.row(), month)
        if role == Qt.ItemDataRole.DisplayRole:
            if state == PAID:
                return f"✔ {yuan(line.paid_fen[month])}"
            return "" if state == OPEN else state
        if role == Qt.ItemDataRole.BackgroundRole:
            if state in TINTS:
                return QBrush(QColor(TINTS[state]))
            if month == self.current:
                return QBrush(QColor("#fffbe6"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole and (state in (UNPAID, TO_PAY)
                                                     or self.payable(index.row(), month)):
            return f"点击把 {line.name} {int(month[5:7])}月 标为" + ("未交" if state == TO_PAY else "已交")
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and section > 0 and self.grid is not None:
            month = self.grid.months[section - 1]
            return f"{int(month[5:7])}月" + ("✓" if month in self.grid.entered else "")
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal \
                and section > 0 and self.grid is not None:
            month = self.grid.months[section - 1]
            entered = self.grid.entered.get(month)
            return f"已于 {entered} 登记收缴" if entered else "尚未登记收缴"
        return super().headerData(section, orientation, role)
