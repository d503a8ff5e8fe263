"""One month of the year calendar: the planned days with what became of them, the meetings held,
and what is missing. Every state is written out (已开展 / 待开展 / 未开展) as well as tinted.

`entry_states` reads the core's verdict (`calendar.year_view`'s `missing`) rather than judging
again, so the calendar, the plan table and the checks agree.
"""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout

from desktop_app.core.meetings import kinds
from desktop_app.core.meetings.calendar import Month
from desktop_app.core.meetings.plan import PlanEntry
from desktop_app.ui.plan_model import DUE, HELD, MISSED, PASSED, STATE_TINTS

ENTRY_ROLE = Qt.ItemDataRole.UserRole


def missing_text(entry: PlanEntry) -> str:
    """How `calendar.year_view` words a planned day that was not carried out."""
    month, day = int(entry.planned_on[5:7]), int(entry.planned_on[8:])
    return f"{month}月{day}日{entry.day_kind}未开展"


def entry_states(months: list[Month], today: str) -> dict[int, str]:
    states = {}
    for view in months:
        for entry in view.planned:
            if entry.meeting_id:
                states[entry.id] = HELD
            elif entry.planned_on >= today:
                states[entry.id] = DUE
            elif missing_text(entry) in view.missing:
                states[entry.id] = MISSED
            elif entry.day_kind == kinds.POLITICAL_BIRTHDAY:
                states[entry.id] = PASSED
            else:
                states[entry.id] = HELD
    return states


class MonthPanel(QGroupBox):
    """A small panel for one month; clicking a planned day emits it."""

    entry_clicked = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        self.list.itemClicked.connect(self._clicked)

    def show_month(self, view: Month, states: dict[int, str]) -> None:
        self.list.clear()
        days = [e for e in view.planned if e.day_kind != kinds.POLITICAL_BIRTHDAY]
        birthdays = [e for e in view.planned if e.day_kind == kinds.POLITICAL_BIRTHDAY]
        for entry in days:
            state = states.get(entry.id, "")
            self._add(f"{int(entry.planned_on[8:])}日 {entry.day_kind} · {state}", state, entry,
                      entry.theme)
        if birthdays:
            self._add(f"政治生日 {len(birthdays)} 人", "", None,
                      "、".join(e.theme or "" for e in birthdays))
        counted = Counter(m.kind for m in view.held)
        if counted:
            self._add("已召开：" + "，".join(f"{k}{n}" for k, n in counted.items()), "", None)
        planned_gaps = {missing_text(e) for e in days}
        for gap in view.missing:
            if gap not in planned_gaps:
                self._add(f"缺：{gap}", MISSED, None)
        missed = sum(states.get(e.id) == MISSED for e in days) + \
            len([g for g in view.missing if g not in planned_gaps])
        held = sum(states.get(e.id) == HELD for e in days)
        title = f"{view.month}月　计划 {len(days)}　已开展 {held}"
        self.setTitle(title + (f"　缺 {missed}" if missed else ""))
        self.setStyleSheet("QGroupBox { font-weight: bold; color: #b71c1c; }" if missed else
                           "QGroupBox { font-weight: bold; }")

    def _add(self, text: str, state: str, entry: PlanEntry | None, tip: str | None = None) -> None:
        item = QListWidgetItem(text)
        if state:
            item.setBackground(QBrush(QColor(STATE_TINTS[state])))
        if state == MISSED:
            item.setForeground(QBrush(QColor("#b71c1c")))
        elif entry is None:
            item.setForeground(QBrush(QColor("#555")))
        item.setData(ENTRY_ROLE, entry)
        item.setToolTip(tip or text)
        self.list.addItem(item)

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _clicked(self, item: QListWidgetItem) -> None:
        entry = item.data(ENTRY_ROLE)
        if entry is not None:
            self.entry_clicked.emit(entry)
