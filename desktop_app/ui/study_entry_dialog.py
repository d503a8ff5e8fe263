"""登记学习 and 修改学习记录: one training or course and every member who attended it (a 街道
training for twenty members is one entry). Members are picked from those on the roster on the
entry's date; an entry in a sealed period is changed as a correction with a reason."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from desktop_app.core import members
from desktop_app.core.dates import DateFormatError, parse_date
from desktop_app.core.study import entries
from desktop_app.core.study.entries import SOURCES, StudyEntry
from desktop_app.core.store import StoreError
from desktop_app.ui.context import AppContext
from desktop_app.ui.correction_bar import CorrectionBar
from desktop_app.ui.forms import load_form
from desktop_app.ui.unsaved import GuardedDialog

ID_ROLE = Qt.ItemDataRole.UserRole


class StudyEntryDialog(GuardedDialog):
    saved = Signal(int)

    def __init__(self, ctx: AppContext, org_id: int, parent: QWidget | None = None,
                 entry: StudyEntry | None = None):
        super().__init__(parent)
        self.ctx, self.org_id, self.entry = ctx, org_id, entry
        self.form = load_form("study_entry_dialog", self)
        self.correction = CorrectionBar(ctx.store, self)
        self.layout().insertWidget(0, self.correction)
        self.wire_save_cancel(self.form.buttonBox)
        self.form.sourceEdit.addItems(SOURCES)
        self.form.dateEdit.setText(entry.held_on if entry else ctx.today())
        if entry:
            self.setWindowTitle("修改学习记录")
            self.form.hoursEdit.setText(f"{entry.hours:g}")
            self.form.titleEdit.setText(entry.title)
            self.form.organiserEdit.setText(entry.organiser or "")
            self.form.sourceEdit.setCurrentText(entry.source or "")
        self.form.dateEdit.editingFinished.connect(self._date_typed)
        self._follow_seal()
        self.form.filterEdit.textChanged.connect(self._filter)
        self.form.allButton.clicked.connect(lambda: self._check_all(True))
        self.form.noneButton.clicked.connect(lambda: self._check_all(False))
        self.form.memberList.itemChanged.connect(self._count)
        self.fill_members()
        self.remember_saved_state()

    def fill_members(self) -> None:
        """The members on the roster on the typed date; ticks survive a change of date."""
        try:
            on_date = parse_date(self.form.dateEdit.text()) or self.ctx.today()
        except DateFormatError:
            return
        ticked = set(self.checked_ids()) or set(self.entry.member_ids if self.entry else ())
        view = self.form.memberList
        view.blockSignals(True)
        view.clear()
        for member in members.expected_on(self.ctx.store, self.org_id, on_date):
            item = QListWidgetItem(member.name)
            item.setData(ID_ROLE, member.id)
            item.setData(Qt.ItemDataRole.ToolTipRole, members.initials(member.name))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if member.id in ticked
                               else Qt.CheckState.Unchecked)
            view.addItem(item)
        view.blockSignals(False)
        self._filter(self.form.filterEdit.text())
        self._count()

    def _date_typed(self) -> None:
        """A closed dialog's field losing focus is not the secretary typing a date."""
        if self.isVisible():
            self.fill_members()
            self._follow_seal()

    def _follow_seal(self) -> None:
        try:
            typed = parse_date(self.form.dateEdit.text())
        except DateFormatError:
            typed = None
        self.correction.follow(typed, self.entry.held_on if self.entry else None)

    def _items(self) -> list[QListWidgetItem]:
        view = self.form.memberList
        return [view.item(i) for i in range(view.count())]

    def checked_ids(self) -> list[int]:
        return [i.data(ID_ROLE) for i in self._items() if i.checkState() == Qt.CheckState.Checked]

    def tick(self, names: list[str]) -> None:
        for item in self._items():
            if item.text() in names:
                item.setCheckState(Qt.CheckState.Checked)

    def _filter(self, text: str) -> None:
        text = text.strip().lower()
        for item in self._items():
            item.setHidden(bool(text) and text not in item.text()
                           and not item.data(Qt.ItemDataRole.ToolTipRole).startswith(text))

    def _check_all(self, on: bool) -> None:
        """全选 ticks the members shown (after filtering); 全不选 clears them."""
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for item in self._items():
            if not item.isHidden():
                item.setCheckState(state)

    def _count(self, *_) -> None:
        self.form.pickedLabel.setText(f"已选 {len(self.checked_ids())} 人")

    def save(self) -> None:
        form = self.form
        entry = StudyEntry(form.dateEdit.text(), form.hoursEdit.text().strip() or None,
                           form.titleEdit.text(), self.checked_ids(),
                           form.organiserEdit.text(), form.sourceEdit.currentText(),
                           self.entry.id if self.entry else None)
        missing = self.correction.missing()
        if missing:
            self._show_error(missing[0])
            return
        try:
            if entry.id is None:
                entries.add(self.ctx.store, entry, reason=self.correction.reason())
            else:
                entries.update(self.ctx.store, entry, reason=self.correction.reason())
        except StoreError as exc:
            self._show_error(str(exc))
            return
        self.saved.emit(entry.id)
        self.accept()

    def _show_error(self, text: str) -> None:
        self.form.formError.setText(text)
        self.form.formError.setVisible(True)
