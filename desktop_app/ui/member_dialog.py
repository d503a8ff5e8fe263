"""Edit one member (or add a new one): every personal field, checked by core.members.validate,
and for a saved member the organisation, 党小组, status and history with 登记变动.

Each problem is shown in red under its own field; nothing is saved until there are none. Sex and
birth date fill in as a valid ID number is typed. A new member without 转正日期 who joined more
than a year ago is asked about rather than silently saved as 预备党员.
"""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QHeaderView, QInputDialog, QMessageBox,
                               QPlainTextEdit, QTableWidgetItem, QWidget)

from desktop_app.core import member_events, members, orgs
from desktop_app.core.dates import DateFormatError, parse_date
from desktop_app.core.idcard import IdNumberError, birth_date_of, normalise_id_number, sex_of
from desktop_app.core.member_event_undo import latest_event, withdraw_latest
from desktop_app.core.members import PERSON_FIELDS, Member
from desktop_app.core.store import StoreError
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.unsaved import GuardedDialog

# Members are placed in a 党支部 or one of its 党小组 (a lone 党委/党总支 ledger: anywhere).
MEMBER_ORG_KINDS = ("党支部", "党小组")


class MemberDialog(GuardedDialog):
    saved = Signal(int)

    def __init__(self, ctx: AppContext, member_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("member_dialog", self)
        self.member = members.get(ctx.store, member_id) if member_id else Member(name="")
        self.wire_save_cancel(self.form.buttonBox)
        self._fill_orgs()
        self._load(self.member)
        self.event_dialog = None
        self._filled_from_id: dict[str, str] = {}
        self.form.id_numberEdit.textChanged.connect(self._id_typed)
        self.form.eventButton.clicked.connect(self.open_event)
        self.form.undoEventButton.clicked.connect(self.undo_event)
        header = self.form.historyTable.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._show_history()
        self.setWindowTitle(f"党员信息 — {self.member.name}" if member_id else "新增党员")
        self.remember_saved_state()

    @classmethod
    def ask_probation(cls, parent: QWidget, question: str) -> bool:
        """True when the secretary confirms the member is still 预备党员 (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, "仍为预备党员？", question,
                          QMessageBox.StandardButton.NoButton, parent)
        keep = box.addButton("确为预备党员", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("返回填写转正日期", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is keep

    def _id_typed(self, text: str) -> None:
        """Fill 性别 and 出生日期 from a valid ID number, unless the user typed them already."""
        try:
            number = normalise_id_number(text)
        except IdNumberError:
            return
        if number is None:
            return
        for field, value in (("birth_date", birth_date_of(number)), ("gender", sex_of(number))):
            widget = self.edit(field)
            current = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            if current.strip() and current != self._filled_from_id.get(field):
                continue
            if isinstance(widget, QComboBox):
                widget.setCurrentText(value)
            else:
                widget.setText(value)
            self._filled_from_id[field] = value

    def _show_history(self) -> None:
        """Organisation, 党小组, status and the dated history of a saved member."""
        box = self.form.historyBox
        box.setVisible(self.member.id is not None)
        if self.member.id is None:
            return
        store, today = self.ctx.store, self.ctx.today()
        member = members.get(store, self.member.id)
        org_id = members.current_org_id(store, member.id, today)
        place = "—"
        if org_id is not None:
            org = orgs.get(store, org_id)
            if org.kind == "党小组" and org.parent_id:
                place = f"{orgs.get(store, org.parent_id).name}　党小组：{org.name}"
            else:
                place = f"{org.name}　党小组：未分组"
        status = member.status + ("（流动党员）" if member.is_mobile else "")
        self.form.placementLabel.setText(
            f"所在组织：{place}\n状态：{status}　　类别：{member.category_on(today) or '—'}")
        lines = [(h.on_date, h.text) for h in member_events.history(store, member.id)]
        lines += [(a.held_on, f"在{a.org_name}参加{a.kind}" + (f"，{a.study_hours:g} 学时"
                                                          if a.study_hours else "")
                   + (f"：{a.content}" if a.content else ""))
                  for a in member_events.away_life(store, member.id)]
        table = self.form.historyTable
        table.setRowCount(0)
        for on_date, text in sorted(lines, key=lambda line: line[0])[::-1]:   # newest first
            row = table.rowCount()
            table.insertRow(row)
            table.setItem(row, 0, QTableWidgetItem(on_date))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.resizeRowsToContents()
        self.form.undoEventButton.setEnabled(latest_event(store, member.id) is not None)

    def open_event(self):
        # Imported here: the event dialog is needed only when an event is recorded.
        from desktop_app.ui.member_event_dialog import MemberEventDialog
        self.event_dialog = MemberEventDialog(self.ctx, self.member.id, self)
        self.event_dialog.saved.connect(self._event_saved)
        self.event_dialog.open()
        return self.event_dialog

    def undo_event(self) -> None:
        """Take back the latest event (typed in error) after asking for the reason."""
        event = latest_event(self.ctx.store, self.member.id)
        if event is None:
            return
        reason, ok = QInputDialog.getText(
            self, "撤销最近变动", f"撤销 {event['on_date']} 的“{event['kind']}”，恢复到变动前的状态。"
            f"\n撤销原因（记入审计日志）：")
        if not ok or not reason.strip():
            return
        try:
            withdraw_latest(self.ctx.store, self.member.id, reason)
        except StoreError as exc:
            QMessageBox.warning(self, "撤销最近变动", str(exc))
            return
        self._event_saved()

    def _event_saved(self) -> None:
        fresh = members.get(self.ctx.store, self.member.id)
        self.member.status, self.member.is_mobile = fresh.status, fresh.is_mobile
        self.member.confirmed_on = fresh.confirmed_on
        self.edit("confirmed_on").setText(fresh.confirmed_on or "")
        self._show_history()
        self.saved.emit(self.member.id)

    def edit(self, field: str) -> QWidget:
        return getattr(self.form, f"{field}Edit")

    def _fill_orgs(self) -> None:
        """The organisation chooser is for new members only; moving someone is a dated event."""
        is_new = self.member.id is None
        for name in ("org", "since", "transfer"):
            getattr(self.form, f"{name}Label").setVisible(is_new)
            getattr(self.form, f"{name}Edit").setVisible(is_new)
        if not is_new:
            return
        every = orgs.all_orgs(self.ctx.store)
        choices = [o for o in every if o.kind in MEMBER_ORG_KINDS] or every
        for org in choices:
            self.form.orgEdit.addItem(("　" if org.kind == "党小组" else "") + org.name, org.id)

    def _load(self, member: Member) -> None:
        for field in PERSON_FIELDS:
            value = getattr(member, field) or ""
            widget = self.edit(field)
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            elif isinstance(widget, QComboBox):
                widget.setCurrentText(value)
            else:
                widget.setText(value)

    def _read(self) -> Member:
        values = {}
        for field in PERSON_FIELDS:
            widget = self.edit(field)
            if isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText()
            elif isinstance(widget, QComboBox):
                text = widget.currentText()
            else:
                text = widget.text()
            values[field] = text.strip() or None
        member = Member(name=values.pop("name") or "", **values)
        member.id = self.member.id
        member.status = self.member.status
        member.is_mobile = self.member.is_mobile
        return member

    def show_problems(self, problems: list[tuple[str, str]], general: str = "") -> None:
        by_field: dict[str, list[str]] = {}
        for field, reason in problems:
            by_field.setdefault(field, []).append(reason)
        for field in (*PERSON_FIELDS, "since"):
            label = getattr(self.form, f"{field}Error")
            label.setText("；".join(by_field.get(field, [])))
            label.setVisible(field in by_field)
        self.form.formError.setText(general)
        self.form.formError.setVisible(bool(general))

    def save(self) -> None:
        member = self._read()
        problems = members.validate(member)
        flagged = {f for f, _ in problems}
        if member.id is None and not member.joined_on and "joined_on" not in flagged:
            problems.append(("joined_on", "新增党员须填写入党日期"))
        since = self.form.sinceEdit.text().strip() or None
        try:
            since = parse_date(since)
        except DateFormatError as exc:
            problems.append(("since", str(exc)))
        if since and member.joined_on and since < member.joined_on:
            problems.append(("since", "加入本组织的日期不能早于入党日期"))
        org_id = self.form.orgEdit.currentData()
        missing_org = member.id is None and org_id is None
        self.show_problems(problems, "请先在“首次设置”中建立党组织" if missing_org else "")
        if problems or missing_org:
            return
        question = members.probation_question(member, self.ctx.today())
        if member.id is None and question and not self.ask_probation(self, question):
            self.edit("confirmed_on").setFocus()
            return
        try:
            if member.id is None:
                members.add(self.ctx.store, member, org_id, since=since,
                            transfer_from=self.form.transferEdit.text().strip() or None)
            else:
                members.save(self.ctx.store, member)
        except sqlite3.IntegrityError:
            # The only unique personal field is the ID number.
            self.show_problems([("id_number", "该身份证号已登记在花名册中另一名党员名下")])
            return
        except StoreError as exc:
            self.show_problems([], str(exc))
            return
        self.member = member
        self.saved.emit(member.id)
        self.accept()
