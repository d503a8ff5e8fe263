"""Edit one member (or add a new one): every personal field, checked by core.members.validate.

Each problem is shown in red under its own field; nothing is saved until there are none.
"""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QPlainTextEdit, QWidget

from desktop_app.core import members, orgs
from desktop_app.core.members import PERSON_FIELDS, Member
from desktop_app.core.store import StoreError
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form

# Members are placed in a 党支部 or one of its 党小组 (a lone 党委/党总支 ledger: anywhere).
MEMBER_ORG_KINDS = ("党支部", "党小组")


class MemberDialog(QDialog):
    saved = Signal(int)

    def __init__(self, ctx: AppContext, member_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("member_dialog", self)
        self.member = members.get(ctx.store, member_id) if member_id else Member(name="")
        buttons = self.form.buttonBox
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self._fill_orgs()
        self._load(self.member)
        self.setWindowTitle(f"党员信息 — {self.member.name}" if member_id else "新增党员")

    def edit(self, field: str) -> QWidget:
        return getattr(self.form, f"{field}Edit")

    def _fill_orgs(self) -> None:
        """The organisation chooser is for new members only; moving someone is a dated event."""
        is_new = self.member.id is None
        self.form.orgLabel.setVisible(is_new)
        self.form.orgEdit.setVisible(is_new)
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
        for field in PERSON_FIELDS:
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
        org_id = self.form.orgEdit.currentData()
        missing_org = member.id is None and org_id is None
        self.show_problems(problems, "请先在“首次设置”中建立党组织" if missing_org else "")
        if problems or missing_org:
            return
        try:
            if member.id is None:
                members.add(self.ctx.store, member, org_id)
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
