"""Open the record a dashboard line or a finding is about: a member in the member dialog, a meeting
in the meeting editor, a plan entry or a finding (whose evidence links open further records) in a
read-only view."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.core.meetings import records
from desktop_app.core.rules.findings import Finding
from desktop_app.ui import record_views
from desktop_app.ui.context import AppContext
from desktop_app.ui.record_dialog import RecordDialog


class RecordOpener(QObject):
    """`open(("meeting", 12))`. `changed` fires when an opened dialog saved something."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget):
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.last: QDialog | None = None    # the most recently opened dialog

    def open(self, target: tuple[str, Any] | None) -> QDialog | None:
        if target is None:
            return None
        kind, value = target
        store = self.ctx.store
        # The editors are imported on first use: the 首页 that holds this opener is the first
        # page shown, and the meeting editor with its attendance grid is a large import.
        if kind == "member":
            from desktop_app.ui.member_dialog import MemberDialog
            dialog = MemberDialog(self.ctx, value, self.parent_widget)
            dialog.saved.connect(lambda _: self.changed.emit())
        elif kind == "meeting":
            from desktop_app.ui.meeting_editor import MeetingEditor
            dialog = MeetingEditor(self.ctx, records.get(store, value), self.parent_widget)
            dialog.saved.connect(lambda _: self.changed.emit())
        elif kind == "plan":
            dialog = RecordDialog(record_views.plan_view(store, value), self._link,
                                  self.parent_widget)
        elif kind == "finding":
            dialog = RecordDialog(record_views.finding_view(store, value), self._link,
                                  self.parent_widget)
        else:
            raise ValueError(f"unknown record kind {kind!r}")
        self.last = dialog
        dialog.open()
        return dialog

    def open_finding(self, finding: Finding) -> QDialog | None:
        """The one record behind a finding when there is exactly one, else the finding with its
        evidence as links."""
        records = [("meeting", m) for m in finding.meeting_ids] + \
            [("member", m) for m in finding.member_ids]
        if len(records) == 1 and not finding.record_ids:
            return self.open(records[0])
        return self.open(("finding", finding))

    def _link(self, kind: str, record_id: int) -> None:
        self.open((kind, record_id))
