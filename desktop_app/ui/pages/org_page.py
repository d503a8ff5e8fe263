"""组织与班子: the organisation tree; each organisation's name, code, 启用日期 and rule profile over
time; its 班子 and 党小组长 with their terms. Every change goes through `core/orgs.py` and
`core/committee.py`, so the page and `shilu org …` keep the same rules."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QTreeWidgetItem, QWidget

from desktop_app.core import committee, members, orgs
from desktop_app.core.rules.engine import DEFAULT_PROFILE
from desktop_app.core.store import StoreError
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.wizard import profile_choices

ID_ROLE = Qt.ItemDataRole.UserRole
COMMITTEE_ROLES = tuple(r for r in committee.ROLES if r != "党小组长")
UNSET = QDate(2000, 1, 1)     # the 启用日期 field's "未设" (no ledger starts before it)
ERROR_STYLE = "color: #c62828; background: #fdecea; padding: 6px;"
DONE_STYLE = "color: #1b5e20; background: #e8f5e9; padding: 6px;"


def _iso(edit) -> str:
    return edit.date().toString("yyyy-MM-dd")


def _qdate(iso: str) -> QDate:
    return QDate.fromString(iso, "yyyy-MM-dd")


class OrgPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._shown_start: str | None = None
        self.form = f = load_form("org_page", self)
        self.titles = dict(profile_choices())
        for profile_id, title in self.titles.items():
            f.profileCombo.addItem(title, profile_id)
        f.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        f.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        f.termsTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        f.termsTable.verticalHeader().hide()
        f.termsTable.setSelectionBehavior(f.termsTable.SelectionBehavior.SelectRows)
        f.termsTable.setEditTriggers(f.termsTable.EditTrigger.NoEditTriggers)
        today = _qdate(ctx.today())
        f.startEdit.setMinimumDate(UNSET)
        f.startEdit.setSpecialValueText("未设")
        for edit in (f.profileFromEdit, f.appointFromEdit, f.endOnEdit):
            edit.setDate(today)
        f.tree.currentItemChanged.connect(lambda *_: self.show_org())
        f.saveOrgButton.clicked.connect(self.save_org)
        f.changeProfileButton.clicked.connect(self.change_profile)
        f.appointButton.clicked.connect(self.appoint)
        f.endButton.clicked.connect(self.end_term)
        f.historyCheck.toggled.connect(lambda _: self._show_terms())
        f.appointFromEdit.dateChanged.connect(lambda _: self._fill_members())
        f.childNameEdit.textChanged.connect(self._child_kind_from_name)
        f.addChildButton.clicked.connect(self.add_child)
        self.refresh()

    # ---- showing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the tree, keeping the chosen organisation (the top one at first)."""
        chosen = self.org_id()
        tree = self.form.tree
        tree.blockSignals(True)
        tree.clear()
        items = {}
        for org in orgs.all_orgs(self.ctx.store):
            parent = items.get(org.parent_id)
            item = QTreeWidgetItem([org.name, org.code])
            item.setData(0, ID_ROLE, org.id)
            (parent.addChild(item) if parent else tree.addTopLevelItem(item))
            items[org.id] = item
        tree.expandAll()
        tree.blockSignals(False)
        current = items.get(chosen) or (tree.topLevelItem(0) if tree.topLevelItemCount() else None)
        if current:
            tree.setCurrentItem(current)
        self.show_org()

    def org_id(self) -> int | None:
        item = self.form.tree.currentItem()
        return item.data(0, ID_ROLE) if item else None

    def select_org(self, org_id: int) -> None:
        found = self.form.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        self.form.tree.setCurrentItem(next(i for i in found if i.data(0, ID_ROLE) == org_id))

    def show_org(self) -> None:
        f, org_id = self.form, self.org_id()
        for box in (f.orgBox, f.profileBox, f.rolesBox):
            box.setEnabled(org_id is not None)
        self._fill_child_kinds()
        if org_id is None:
            return
        store = self.ctx.store
        org = orgs.get(store, org_id)
        f.nameEdit.setText(org.name)
        f.codeEdit.setText(org.code)
        f.kindLabel.setText(org.kind)
        start = orgs.records_from(store, org_id)
        f.startEdit.setDate(_qdate(start) if start else f.startEdit.minimumDate())
        self._shown_start = _iso(f.startEdit)   # saved as its own only when the user changes it
        f.startHint.setText("此日以前的事项不作体检结论" if org.records_from else
                            "沿用上级组织的启用日期" if start else "未设：全部记录都作体检")
        self._show_profile(org_id)
        self._show_terms()

    def _title(self, profile_id: str | None) -> str:
        return self.titles.get(profile_id or DEFAULT_PROFILE, "（档案文件缺失）")

    def _show_profile(self, org_id: int) -> None:
        f, store = self.form, self.ctx.store
        now = orgs.profile_of(store, org_id, self.ctx.today())
        f.profileNowLabel.setText(self._title(now) + ("" if now else "（默认）"))
        history = orgs.profile_history(store, org_id)
        f.profileHistoryLabel.setText("；".join(
            f"{'自 ' + on + ' 起' if on else '起始'}：{self._title(p)}" for on, p in history)
            or "沿用上级组织的规则档案")
        f.profileCombo.setCurrentIndex(max(f.profileCombo.findData(now or DEFAULT_PROFILE), 0))

    def _show_terms(self) -> None:
        f, org_id, store = self.form, self.org_id(), self.ctx.store
        if org_id is None:
            return
        org = orgs.get(store, org_id)
        on = None if f.historyCheck.isChecked() else self.ctx.today()
        found = committee.terms(store, org_id, on)
        table = f.termsTable
        table.setRowCount(len(found))
        for row, term in enumerate(found):
            for col, text in enumerate((term.role, term.name, term.start_on, term.end_on or "—")):
                cell = QTableWidgetItem(text)
                cell.setData(ID_ROLE, term.id)
                table.setItem(row, col, cell)
        leaderless = org.kind == "党支部" and not committee.has_committee(store, org_id,
                                                                        self.ctx.today())
        f.committeeLabel.setText("尚未录入班子成员：支委会的应到人数、班子成员的学时要求都取自这里。"
                                 if leaderless else f"{org.name}现任 {len(committee.terms(store, org_id, self.ctx.today()))} 人")
        f.committeeLabel.setStyleSheet("color: #c62828;" if leaderless else "color: #666;")
        f.roleCombo.clear()
        f.roleCombo.addItems(["党小组长"] if org.kind == "党小组" else list(COMMITTEE_ROLES))
        self._fill_members()

    def _fill_members(self) -> None:
        """Members of the organisation on the appointment date: only they may be appointed."""
        f, org_id = self.form, self.org_id()
        f.memberCombo.clear()
        if org_id is None:
            return
        for member in members.expected_on(self.ctx.store, org_id, _iso(f.appointFromEdit)):
            f.memberCombo.addItem(member.name, member.id)

    def _fill_child_kinds(self) -> None:
        f, org_id = self.form, self.org_id()
        kind = orgs.get(self.ctx.store, org_id).kind if org_id else None
        below = orgs.KINDS[orgs.KINDS.index(kind) + 1:] if kind else orgs.KINDS[:3]
        f.childKindCombo.clear()
        f.childKindCombo.addItems(list(below))
        if "党支部" in below:
            f.childKindCombo.setCurrentText("党支部")      # what a 党委 or 党总支 mostly sets up
        f.childBox.setEnabled(bool(below))
        f.childBox.setTitle(f"在“{orgs.get(self.ctx.store, org_id).name}”下新建组织" if org_id
                            else "新建组织")
        self._child_kind_from_name(f.childNameEdit.text())

    def _child_kind_from_name(self, name: str) -> None:
        kind = orgs.kind_from_name(name)
        if kind and self.form.childKindCombo.findText(kind) >= 0:
            self.form.childKindCombo.setCurrentText(kind)

    # ---- changing --------------------------------------------------------------------------
    def _do(self, action, done: str) -> bool:
        """Run a change; show its result, or the refusal in Chinese with nothing changed."""
        try:
            action()
        except StoreError as exc:
            self._say(str(exc), ERROR_STYLE)
            return False
        self._say(done, DONE_STYLE)
        return True

    def _say(self, text: str, style: str) -> None:
        label = self.form.messageLabel
        label.setText(text)
        label.setStyleSheet(style)
        label.show()

    def save_org(self) -> None:
        f, org_id, store = self.form, self.org_id(), self.ctx.store
        start = _iso(f.startEdit)
        moved = start if start != self._shown_start and f.startEdit.date() != UNSET else None
        if self._do(lambda: orgs.edit(store, org_id, name=f.nameEdit.text(), code=f.codeEdit.text(),
                                      records_from=moved), "组织信息已保存"):
            self.refresh()

    def change_profile(self) -> None:
        f, org_id = self.form, self.org_id()
        profile_id, from_on = f.profileCombo.currentData(), _iso(f.profileFromEdit)
        if self._do(lambda: orgs.set_profile(self.ctx.store, org_id, profile_id, from_on),
                    f"自 {from_on} 起按“{self._title(profile_id)}”体检；此前的期间不受影响"):
            self._show_profile(org_id)

    def _reason(self) -> str | None:
        return self.form.reasonEdit.text().strip() or None

    def appoint(self) -> None:
        f, org_id = self.form, self.org_id()
        member_id, role, on = f.memberCombo.currentData(), f.roleCombo.currentText(), \
            _iso(f.appointFromEdit)
        if member_id is None:
            self._say(f"{on} 本组织还没有党员可以任命：请先导入花名册或调整任职日期", ERROR_STYLE)
            return
        if self._do(lambda: committee.appoint(self.ctx.store, org_id, member_id, role, on,
                                              reason=self._reason()),
                    f"{f.memberCombo.currentText()} 自 {on} 起任{role}"):
            self._show_terms()

    def end_term(self) -> None:
        f = self.form
        cell = f.termsTable.item(f.termsTable.currentRow(), 0)
        if cell is None:
            self._say("请先在表中选中要离任的任职", ERROR_STYLE)
            return
        on = _iso(f.endOnEdit)
        if self._do(lambda: committee.end(self.ctx.store, cell.data(ID_ROLE), on,
                                          reason=self._reason()), f"任职至 {on} 结束"):
            self._show_terms()

    def add_child(self) -> None:
        f, parent_id = self.form, self.org_id()
        name, kind, code = f.childNameEdit.text(), f.childKindCombo.currentText(), f.childCodeEdit.text()
        created = []
        if self._do(lambda: created.append(orgs.create(self.ctx.store, code, name, kind, parent_id)),
                    f"已建立{kind}“{name.strip()}”"):
            f.childNameEdit.clear()
            f.childCodeEdit.clear()
            self.refresh()
            self.select_org(created[0])
