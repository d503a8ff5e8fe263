"""The attendance sheet of the meeting editor: every 应到 member on a row, one click per status.

The secretary clicks 全部出席 and then the exceptions (a click on a row's 请假 or 缺席 cell). The
status shows as text in its own column and as a tint, never by colour alone. Leave reasons and the
传达 of each absentee are kept on the row; 实到 and the rate are counted here, never typed.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app.core.meetings import kinds
from desktop_app.core.meetings.attendance import FollowUp, Mark, Summary
from desktop_app.ui.rows_model import RowsModel

COLUMNS = ("姓名", "出席", "请假", "缺席", "请假原因", "批准人", "传达")
STATUS_COLUMNS = {1: kinds.PRESENT, 2: kinds.ON_LEAVE, 3: kinds.ABSENT}
TINTS = {kinds.PRESENT: "#e3f2e1", kinds.ON_LEAVE: "#fff3d6", kinds.ABSENT: "#fde2e0"}


@dataclass
class SheetRow:
    member_id: int
    name: str
    status: str | None = None
    leave_reason: str = ""
    approved_by: str = ""
    briefed: FollowUp | None = None          # 传达 already in the ledger (read-only here)
    method: str = ""                         # a new 传达 typed in this editor
    briefed_on: str = ""
    briefed_by: str = ""
    away_reason: str = ""                    # 流动外出 on the meeting's date: excused by default

    @property
    def needs_briefing(self) -> bool:
        return self.status in (kinds.ON_LEAVE, kinds.ABSENT)

    def briefing_text(self) -> str:
        if not self.needs_briefing:
            return ""
        if self.briefed:
            return f"{self.briefed.method} {self.briefed.on_date} {self.briefed.by_whom}"
        if self.method:
            return f"{self.method} {self.briefed_on} {self.briefed_by}（待保存）"
        return "未传达"


class AttendanceModel(RowsModel):
    COLUMNS = COLUMNS

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[SheetRow] = []

    def set_expected(self, people: list[tuple[int, str]], marks: dict[int, Mark] | None = None,
                     briefed: dict[int, FollowUp] | None = None) -> None:
        """List the 应到 members; marks already on screen (or given) are kept for those still
        expected, so changing the date or organisation only adds or drops people."""
        kept = {r.member_id: r for r in self._rows}
        rows = []
        for member_id, name in people:
            row = kept.get(member_id) or SheetRow(member_id, name)
            mark = (marks or {}).get(member_id)
            if mark is not None:
                row.status = mark.status
                row.leave_reason = mark.leave_reason or ""
                row.approved_by = mark.approved_by or ""
            if briefed and member_id in briefed:
                row.briefed = briefed[member_id]
            rows.append(row)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        self.changed.emit()

    def row_at(self, row: int) -> SheetRow:
        return self._rows[row]

    def row_of(self, member_id: int) -> int:
        return next(i for i, r in enumerate(self._rows) if r.member_id == member_id)

    def set_status(self, row: int, status: str) -> None:
        self._rows[row].status = status
        self._row_changed(row)

    def set_away(self, reasons: dict[int, str]) -> None:
        """Members away (流动党员) on the date: an unmarked one becomes 请假 with the reason."""
        for i, row in enumerate(self._rows):
            row.away_reason = reasons.get(row.member_id, "")
            if row.away_reason and row.status is None:
                row.status, row.leave_reason = kinds.ON_LEAVE, row.away_reason
                self._row_changed(i)

    def all_present(self) -> None:
        """Everyone 出席, except members away, who stay excused (they can still be marked 出席)."""
        for row in self._rows:
            if row.away_reason:
                row.status, row.leave_reason = kinds.ON_LEAVE, row.leave_reason or row.away_reason
            else:
                row.status = kinds.PRESENT
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        self.changed.emit()

    def update_row(self, row: int, **values) -> None:
        for name, value in values.items():
            setattr(self._rows[row], name, value)
        self._row_changed(row)

    def marks(self) -> list[Mark]:
        return [Mark(r.member_id, r.status, r.leave_reason or None, r.approved_by or None)
                for r in self._rows if r.status]

    def unmarked_names(self) -> list[str]:
        return [r.name for r in self._rows if not r.status]

    def new_briefings(self) -> list[tuple[int, FollowUp]]:
        """传达 typed for absentees not briefed before (a method chosen means one was meant)."""
        return [(r.member_id, FollowUp(r.method, r.briefed_on, r.briefed_by))
                for r in self._rows if r.needs_briefing and not r.briefed and r.method]

    def summary(self, guests: int) -> Summary:
        statuses = [r.status for r in self._rows]
        return Summary(len(statuses), statuses.count(kinds.PRESENT), statuses.count(kinds.ON_LEAVE),
                       statuses.count(kinds.ABSENT), statuses.count(None), guests)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.changed.emit()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        status = STATUS_COLUMNS.get(column)
        if role == Qt.ItemDataRole.DisplayRole:
            if status:
                return f"✔ {status}" if row.status == status else ""
            return (row.name, None, None, None, row.leave_reason, row.approved_by,
                    row.briefing_text())[column]
        if role == Qt.ItemDataRole.BackgroundRole and row.status:
            if status is None or row.status == status:
                return QBrush(QColor(TINTS[row.status]))
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and row.needs_briefing \
                and not row.briefed:
            return QBrush(QColor("#b71c1c"))
        if role == Qt.ItemDataRole.TextAlignmentRole and status:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole and status:
            return f"点击标记 {row.name} 为{status}"
        return None
