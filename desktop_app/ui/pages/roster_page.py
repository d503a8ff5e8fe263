"""花名册: the roster table with search (name or pinyin initials), branch and status filters.
Filters work on the rows loaded (roster_model); the ledger is read again only when it changed."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from desktop_app.core import members, orgs
from desktop_app.core.members import STATUSES
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.ledger_state import ledger_state
from desktop_app.ui.member_dialog import MemberDialog
from desktop_app.ui.roster_model import COLUMNS, ID_ROLE, RosterModel
from desktop_app.ui.rows_model import size_columns

ALL = "全部"
# Column widths in characters of the table font; 所在组织 takes what is left.
WIDTHS = {"姓名": 6, "性别": 3, "出生日期": 7, "入党日期": 7, "类别": 6, "状态": 4, "流动": 3,
          "联系电话": 9}


class RosterPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("roster_page", self)
        self.model = RosterModel(parent=self)
        self.loaded_state = None
        table = self.form.table
        table.setModel(self.model)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        size_columns(self.form.table, COLUMNS, WIDTHS)
        self.member_dialog: MemberDialog | None = None
        self.import_dialog = None

        self.form.statusCombo.addItem(ALL, None)
        for status in STATUSES:
            self.form.statusCombo.addItem(status, status)
        self.form.statusCombo.setCurrentText("在册")
        self.model.set_status("在册")

        self.form.searchEdit.textChanged.connect(self._search)
        self.form.branchCombo.currentIndexChanged.connect(self._branch_chosen)
        self.form.statusCombo.currentIndexChanged.connect(self._status_chosen)
        table.doubleClicked.connect(self._open_row)
        self.form.addButton.clicked.connect(lambda: self.open_member(None))
        self.form.importButton.clicked.connect(self.open_import)
        self.refresh()

    def refresh(self) -> None:
        """After an edit, an import, or when the section is shown: reload if the ledger or the
        day changed meanwhile."""
        if (ledger_state(self.ctx.store), self.ctx.today()) != self.loaded_state:
            self.reload()

    def reload(self) -> None:
        """Read the roster and the organisations from the ledger again."""
        today = self.ctx.today()
        self.loaded_state = (ledger_state(self.ctx.store), today)
        every = orgs.all_orgs(self.ctx.store)
        self._fill_branches(every)
        self.model.set_lines(members.roster_lines(self.ctx.store, today),
                             {org.id: org.name for org in every}, today)
        self._update_count()

    def _fill_branches(self, every: list[orgs.Organisation]) -> None:
        combo = self.form.branchCombo
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("全部组织", None)
        for org in every:
            if org.parent_id is not None:
                combo.addItem(("　" if org.kind == "党小组" else "") + org.name, org.id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def _search(self, text: str) -> None:
        self.model.set_text(text)
        self._update_count()

    def _branch_chosen(self) -> None:
        org_id = self.form.branchCombo.currentData()
        subtree = None if org_id is None else set(orgs.subtree_ids(self.ctx.store, org_id))
        self.model.set_org_ids(subtree)
        self._update_count()

    def _status_chosen(self) -> None:
        self.model.set_status(self.form.statusCombo.currentData())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        self.form.countLabel.setText(f"显示 {shown} 人 / 共 {total} 人")

    def shown_names(self) -> list[str]:
        """The names in the table as the user sees them, top to bottom."""
        return [self.model.index(r, 0).data() for r in range(self.model.rowCount())]

    def _open_row(self, index: QModelIndex) -> None:
        self.open_member(index.siblingAtColumn(0).data(ID_ROLE))

    def open_member(self, member_id: int | None) -> MemberDialog:
        self.member_dialog = MemberDialog(self.ctx, member_id, self)
        self.member_dialog.saved.connect(self._member_saved)
        self.member_dialog.open()
        return self.member_dialog

    def _member_saved(self, member_id: int) -> None:
        """Only that member's line is read again (the dialog is modal: nothing else changed
        meanwhile); on a new day, everything."""
        state = ledger_state(self.ctx.store)
        if self.loaded_state is None or self.loaded_state[1] != self.ctx.today():
            self.reload()
            return
        for line in members.roster_lines(self.ctx.store, self.ctx.today(), member_id):
            self.model.put_line(line)
        self.loaded_state = (state, self.ctx.today())
        self._update_count()

    def open_import(self):
        # Imported here: openpyxl and the import rules are not needed until someone imports.
        from desktop_app.ui.roster_import_dialog import RosterImportDialog
        self.import_dialog = RosterImportDialog(self.ctx, self)
        self.import_dialog.imported.connect(self.refresh)
        self.import_dialog.open()
        return self.import_dialog
