"""免评 for one member and half year: the reason and the 党员大会 decision. Choosing the
meeting from the ledger fills in the decision and its date, so the fact is typed once."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core import orgs
from desktop_app.core.meetings.kinds import BRANCH_MEETING
from desktop_app.core.scoring import entries
from desktop_app.core.scoring.pioneer import PioneerError
from desktop_app.core.scoring.sheet import PioneerSheet
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.unsaved import GuardedDialog


class PioneerExemptDialog(GuardedDialog):
    saved = Signal(int)

    def __init__(self, ctx: AppContext, sheet: PioneerSheet, org_id: int, period: str, span,
                 member_id: int, member_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.org_id, self.period, self.member_id = ctx, org_id, period, member_id
        self.form = load_form("pioneer_exempt_dialog", self)
        self.setWindowTitle(f"免评 — {member_name}")
        self.form.memberLabel.setText(member_name)
        age = f"年满{sheet.exempt_age}周岁或" if sheet.exempt_age else ""
        self.form.introLabel.setText(f"{age}因病等确实不能参加考评的党员，经支部党员大会决定可以免评。"
                                     "免评党员不计分，公开时注明决定。")
        self.form.reasonEdit.setPlaceholderText(f"如：{age.removesuffix('或') or '因病'}，行动不便")
        self.wire_save_cancel(self.form.buttonBox)
        combo = self.form.meetingCombo
        combo.addItem("（不关联会议记录）", None)
        held_by = orgs.subtree_ids(ctx.store, org_id)
        for row in ctx.store.query(
                f"SELECT id, held_on, title FROM meetings WHERE kind = ? AND status = '已召开' "
                f"AND deleted_at IS NULL AND org_id IN ({','.join('?' * len(held_by))}) "
                f"AND held_on <= ? ORDER BY held_on DESC",
                [BRANCH_MEETING, *held_by, span.end]):
            combo.addItem(f"{row['held_on']} {row['title']}", (row["id"], row["held_on"]))
        combo.currentIndexChanged.connect(self._meeting_chosen)
        self.form.dateEdit.setText(min(ctx.today(), span.end))
        self.remember_saved_state()

    def _meeting_chosen(self) -> None:
        chosen = self.form.meetingCombo.currentData()
        if chosen:
            held_on = chosen[1]
            self.form.dateEdit.setText(held_on)
            self.form.decisionEdit.setText(
                f"{int(held_on[:4])}年{int(held_on[5:7])}月{int(held_on[8:])}日支部党员大会决定")

    def save(self) -> None:
        chosen = self.form.meetingCombo.currentData()
        try:
            exemption_id = entries.exempt(
                self.ctx.store, self.org_id, self.member_id, self.period,
                self.form.reasonEdit.text(), self.form.decisionEdit.text(),
                self.form.dateEdit.text(), meeting_id=chosen[0] if chosen else None)
        except PioneerError as exc:
            self.form.errorLabel.setText(str(exc))
            self.form.errorLabel.setVisible(True)
            return
        self.saved.emit(exemption_id)
        self.accept()
