"""登记变动: one dated event in a member's history (转入 … 在职党员报到, 调整组织, and 组织生活 at
the receiving organisation while away). The form shows only the fields the chosen kind needs;
core.members / core.member_events check it and every refusal is shown in the dialog."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core import member_events, members, orgs
from desktop_app.core.member_events import AWAY_LIFE_KINDS
from desktop_app.core.store import StoreError
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.unsaved import GuardedDialog

MOVE, AWAY_LIFE = "调整组织", "流入地组织生活"
FIELDS = ("org", "counterpart", "place", "reason", "contact", "reported", "meeting", "lifeKind",
          "hours", "notes")
# kind → (field, label) in form order; fields not named are hidden.
SHOWN: dict[str, tuple[tuple[str, str], ...]] = {
    "转入": (("org", "转入到："), ("counterpart", "原所在党组织："), ("notes", "备注：")),
    "转出": (("counterpart", "转往党组织："), ("reason", "原因："), ("notes", "备注：")),
    "去世": (("notes", "备注："),),
    "停止党籍": (("reason", "原因："), ("notes", "备注：")),
    "出党": (("reason", "原因："), ("notes", "备注：")),
    "转正": (("meeting", "讨论通过的会议："), ("notes", "备注：")),
    "流动外出": (("place", "外出地点："), ("reason", "外出理由："), ("contact", "联系方式："),
             ("counterpart", "流入地党组织："), ("reported", "报告日期："), ("notes", "备注：")),
    "流动返回": (("notes", "备注："),),
    "在职党员报到": (("place", "报到社区："), ("counterpart", "工作单位党组织："), ("notes", "备注：")),
    MOVE: (("org", "调整到："),),
    AWAY_LIFE: (("counterpart", "流入地党组织："), ("lifeKind", "组织生活类型："),
                ("hours", "学时："), ("notes", "内容：")),
}
HINTS = {
    "转出": "日期为最后在册的一天：当天的会议仍计应到，次日起不再计入。",
    "去世": "日期为最后在册的一天。",
    "转入": "自转入之日起计入应到。",
    "转正": "预备期为一年。请选择讨论其转正的支部党员大会（须先登记该会议）。",
    "流动外出": "外出期间，本支部会议自动记为请假（流动外出），无需逐次登记。",
    MOVE: "自该日起属于新的党支部或党小组，前一天仍属原组织。",
    AWAY_LIFE: "在流入地参加的组织生活；规则档案允许时计为参加组织生活，学时计入年度学时。",
}


class MemberEventDialog(GuardedDialog):
    saved = Signal()

    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.member = members.get(ctx.store, member_id)
        self.form = load_form("member_event_dialog", self)
        self.setWindowTitle(f"登记变动 — {self.member.name}")
        self.wire_save_cancel(self.form.buttonBox)
        self.form.dateEdit.setText(ctx.today())
        for kind in self.kinds():
            self.form.kindEdit.addItem(kind)
        for org in orgs.all_orgs(ctx.store):
            if org.kind in ("党支部", "党小组"):
                self.form.orgEdit.addItem(("　" if org.kind == "党小组" else "") + org.name, org.id)
        self.form.lifeKindEdit.addItems(AWAY_LIFE_KINDS)
        self._fill_meetings()
        self.form.kindEdit.currentTextChanged.connect(self._kind_chosen)
        self._kind_chosen(self.form.kindEdit.currentText())
        self.remember_saved_state()

    def kinds(self) -> list[str]:
        """The events that make sense for this member now."""
        if self.member.status != "在册":
            return ["转入"]
        found = ["转出", MOVE, "流动返回" if self.member.is_mobile else "流动外出"]
        if self.member.is_mobile:
            found.append(AWAY_LIFE)
        if not self.member.confirmed_on:
            found.append("转正")
        return found + ["在职党员报到", "去世", "停止党籍", "出党"]

    def _fill_meetings(self) -> None:
        combo = self.form.meetingEdit
        combo.addItem("（未登记会议）", None)
        for row in self.ctx.store.query(
                "SELECT m.id, m.held_on, m.title, o.name FROM meetings m "
                "JOIN organisations o ON o.id = m.org_id WHERE m.kind = '支部党员大会' "
                "AND m.deleted_at IS NULL AND m.status = '已召开' AND m.held_on > ? "
                "ORDER BY m.held_on DESC", [self.member.joined_on or ""]):
            combo.addItem(f"{row['held_on']} {row['title']}（{row['name']}）", row["id"])
        if combo.count() > 1:
            combo.setCurrentIndex(1)

    def _kind_chosen(self, kind: str) -> None:
        shown = dict(SHOWN.get(kind, ()))
        layout = self.form.fieldsLayout
        for field in FIELDS:
            layout.setRowVisible(getattr(self.form, f"{field}Edit"), field in shown)
            if field in shown:
                getattr(self.form, f"{field}Label").setText(shown[field])
        self.form.hintLabel.setText(HINTS.get(kind, ""))
        self.form.hintLabel.setVisible(kind in HINTS)
        self.form.formError.setVisible(False)
        self.adjustSize()

    def choose(self, kind: str) -> None:
        self.form.kindEdit.setCurrentText(kind)

    def _text(self, field: str) -> str | None:
        return getattr(self.form, f"{field}Edit").text().strip() or None

    def save(self) -> None:
        kind = self.form.kindEdit.currentText()
        store, member_id, on_date = self.ctx.store, self.member.id, self._text("date")
        try:
            if kind == MOVE:
                members.move(store, member_id, self.form.orgEdit.currentData(), on_date or "")
            elif kind == AWAY_LIFE:
                member_events.add_away_life(
                    store, member_id, on_date, self._text("counterpart") or "",
                    self.form.lifeKindEdit.currentText(), self._hours(), self._text("notes"))
            else:
                members.record_event(
                    store, member_id, kind, on_date, place=self._text("place"),
                    reason=self._text("reason"), contact=self._text("contact"),
                    notes=self._text("notes"), counterpart=self._text("counterpart"),
                    reported_on=self._text("reported"),
                    to_org_id=self.form.orgEdit.currentData() if kind == "转入" else None,
                    meeting_id=self.form.meetingEdit.currentData() if kind == "转正" else None)
        except StoreError as exc:
            self.form.formError.setText(str(exc))
            self.form.formError.setVisible(True)
            return
        self.saved.emit()
        self.accept()

    def _hours(self) -> float:
        text = self._text("hours") or "0"
        try:
            return float(text)
        except ValueError:
            raise StoreError(f"学时“{text}”应是一个数字，如 2") from None
