"""三会一课: the meeting records with period, kind and organisation filters and full-text search,
new records from a kind's template or a copy of the last one, the recycle bin, printouts, and the
待办 list of absentees not yet briefed (传达)."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (QHeaderView, QInputDialog, QListWidgetItem, QMenu, QMessageBox,
                               QWidget)

from desktop_app.core import orgs
from desktop_app.core.exports import meeting_record_export, signin_sheet
from desktop_app.core.meetings import attendance, kinds, records, search
from desktop_app.core.meetings.holder import org_for_kind
from desktop_app.core.meetings.records import Meeting
from desktop_app.core.periods import month, quarter, year
from desktop_app.core.store import StoreError
from desktop_app.ui import export_actions, printing
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.meeting_editor import MeetingEditor, new_record_editor
from desktop_app.ui.meetings_model import COLUMNS, ID_ROLE, MeetingsModel, MeetingsSort, rows_for
from desktop_app.ui.worker import Cancelled

YEARS_SHOWN = 10
SEARCH_DELAY_MS = 250
SEARCH_LIMIT = 200      # newest first; more hits than this ask for more words
PERIODS = [("全年", None)] + [(f"第{n}季度", ("Q", n)) for n in "一二三四"] + \
          [(f"{m}月", ("M", m)) for m in range(1, 13)]
# Column widths in characters; 标题 takes what is left.
WIDTHS = {"日期": 7, "类型": 9, "组织": 10, "应到": 3, "实到": 3, "出席率": 4, "状态": 5}


class MeetingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("meetings_page", self)
        f = self.form
        self.model = MeetingsModel(self)
        self.proxy = MeetingsSort(self)
        self.proxy.setSourceModel(self.model)
        f.table.setModel(self.proxy)
        f.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self._size_columns()
        f.splitter.setSizes([460, 170])
        f.splitter.setStretchFactor(0, 1)
        self.editor: MeetingEditor | None = None
        self._generation = self._listed_generation = 0
        self._select_after: int | None = None
        self._fill_filters()
        menu = QMenu(f.newButton)
        for kind in kinds.MEETING_KINDS:
            menu.addAction(kind, lambda k=kind: self.new_meeting(k))
        f.newButton.setMenu(menu)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        f.searchEdit.textChanged.connect(lambda _: self._search_timer.start())
        for combo in (f.yearCombo, f.periodCombo, f.kindCombo):
            combo.currentIndexChanged.connect(lambda _: self.reload())
        f.orgCombo.currentIndexChanged.connect(lambda _: self.refresh())
        f.binButton.toggled.connect(self._bin_toggled)
        f.copyButton.clicked.connect(self.copy_last)
        f.deleteButton.clicked.connect(self.delete_selected)
        f.restoreButton.clicked.connect(self.restore_selected)
        f.signinButton.clicked.connect(self.print_signin)
        f.exportButton.clicked.connect(self.export_record)
        f.table.doubleClicked.connect(self._open_row)
        f.todoList.itemActivated.connect(self._open_todo)
        self._bin_toggled(False)

    def _size_columns(self) -> None:
        header = self.form.table.horizontalHeader()
        char = self.form.table.fontMetrics().horizontalAdvance("中")
        for column, title in enumerate(COLUMNS):
            if title in WIDTHS:
                header.resizeSection(column, WIDTHS[title] * char + 18)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _fill_filters(self) -> None:
        f, this_year = self.form, int(self.ctx.today()[:4])
        for y in range(this_year, this_year - YEARS_SHOWN, -1):
            f.yearCombo.addItem(f"{y}年", y)
        for label, period in PERIODS:
            f.periodCombo.addItem(label, period)
        f.kindCombo.addItem("全部类型", None)
        for kind in kinds.MEETING_KINDS:
            f.kindCombo.addItem(kind, kind)
        f.orgCombo.addItem("全部组织", None)
        for org in orgs.all_orgs(self.ctx.store):
            if org.parent_id is not None:
                f.orgCombo.addItem(("　" if org.kind == "党小组" else "") + org.name, org.id)

    # ---- listing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the records and the 待办 list (after an edit, or when the section is shown)."""
        self.reload()
        self._fill_todo()

    def period(self):
        y, chosen = self.form.yearCombo.currentData(), self.form.periodCombo.currentData()
        if chosen is None:
            return year(y)
        return quarter(y, chosen[1]) if chosen[0] == "Q" else month(y, chosen[1])

    def reload(self) -> None:
        """List the records the filters (or the search words) ask for. Counting 应到 and 实到 runs
        on the worker; a listing overtaken by a newer one is dropped."""
        store, f = self.ctx.store, self.form
        kind, org_id = f.kindCombo.currentData(), f.orgCombo.currentData()
        text = f.searchEdit.text().strip()
        in_bin, period = f.binButton.isChecked(), self.period()
        self._generation += 1
        generation = self._generation

        def task(progress):
            def progress_unless_overtaken(done: int, total: int, text: str) -> None:
                if generation != self._generation:
                    raise Cancelled()
                progress(done, total, text)

            if in_bin:
                found = records.recycle_bin(store)
                caption = f"回收站：{len(found)} 条"
            elif text:
                allowed = set(orgs.subtree_ids(store, org_id)) if org_id else None
                found = [m for m in (records.get(store, h.meeting_id)
                                     for h in search.search(store, text, limit=SEARCH_LIMIT))
                         if (kind is None or m.kind == kind)
                         and (allowed is None or m.org_id in allowed)]
                caption = f"检索“{text}”：找到 {len(found)} 条" + \
                    ("（只列出最近的，可再加检索词）" if len(found) == SEARCH_LIMIT else "")
            else:
                found = records.find(store, period.start, period.end, org_id=org_id, kind=kind)
                caption = f"{period.label}：{len(found)} 条"
            return generation, rows_for(store, found, progress_unless_overtaken), caption

        # A bound method, not a lambda: Qt drops it if the page is closed before the result.
        job = self.ctx.worker.run(self, "读取会议记录", task, self._listed)
        job.failed.connect(partial(self._not_listed, generation))
        job.cancelled.connect(partial(self._not_listed, generation))

    @property
    def listing(self) -> bool:
        """True while a listing is being read."""
        return self._generation != self._listed_generation

    def _not_listed(self, generation: int, *_) -> None:
        """A listing cancelled (by the user, or overtaken by a newer one) or failed."""
        self._listed_generation = max(self._listed_generation, generation)

    def _listed(self, result) -> None:
        generation, rows, caption = result
        self._listed_generation = max(self._listed_generation, generation)
        if generation != self._generation:
            return
        self.model.set_rows(rows)
        self.form.countLabel.setText(caption)
        if self._select_after in self.shown_ids():
            self.select_id(self._select_after)
        self._select_after = None

    def shown_ids(self) -> list[int]:
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def selected_id(self) -> int | None:
        index = self.form.table.selectionModel().currentIndex()
        return index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None

    def select_id(self, meeting_id: int) -> None:
        row = self.shown_ids().index(meeting_id)
        self.form.table.selectRow(row)

    def _fill_todo(self) -> None:
        todo = attendance.open_work(self.ctx.store, self.form.orgCombo.currentData())
        listing = self.form.todoList
        listing.clear()
        for item in reversed(todo):         # newest first: the ones still worth a phone call
            entry = QListWidgetItem(f"{item.held_on}　{item.member_name}（{item.status}）未传达"
                                    f"　—　{item.title}")
            entry.setData(Qt.ItemDataRole.UserRole, (item.meeting_id, item.member_id))
            listing.addItem(entry)
        self.form.todoBox.setTitle(f"待办：请假、缺席人员未传达（{len(todo)}）" if todo
                                   else "待办：无未传达人员")

    def todo_entries(self) -> list[tuple[int, int]]:
        listing = self.form.todoList
        return [listing.item(i).data(Qt.ItemDataRole.UserRole) for i in range(listing.count())]

    def _bin_toggled(self, in_bin: bool) -> None:
        f = self.form
        for widget in (f.newButton, f.copyButton, f.signinButton, f.exportButton, f.deleteButton):
            widget.setVisible(not in_bin)
        f.restoreButton.setVisible(in_bin)
        for widget in (f.searchEdit, f.yearCombo, f.periodCombo, f.kindCombo):
            widget.setEnabled(not in_bin)
        f.binButton.setText("返回列表" if in_bin else "回收站")
        self.refresh()

    # ---- records -------------------------------------------------------------------------
    def _default_org(self, kind: str) -> int | None:
        """The filtered organisation, else the first 党支部, adjusted to what `kind` needs."""
        chosen = self.form.orgCombo.currentData()
        if chosen is None:
            every = orgs.all_orgs(self.ctx.store)
            branches = [o for o in every if o.kind == "党支部"] or every
            if not branches:
                return None
            chosen = branches[0].id
        return org_for_kind(self.ctx.store, chosen, kind)

    def new_meeting(self, kind: str, held_on: str | None = None, day_kind: str | None = None,
                    org_id: int | None = None, topic: str | None = None) -> MeetingEditor | None:
        """An editor for a new record pre-filled from the kind's template."""
        org_id = org_id or self._default_org(kind)
        if org_id is None:
            QMessageBox.information(self, "新建会议记录", "请先在“首次设置”中建立党组织。")
            return None
        return self._show_editor(new_record_editor(self.ctx, self, org_id, kind,
                                                   held_on or self.ctx.today(), day_kind, topic))

    def copy_last(self) -> MeetingEditor | None:
        """One click: the latest record of the selected kind (the selected row's, or the kind
        filter's) becomes today's draft."""
        kind, org_id = self.form.kindCombo.currentData(), None
        selected = self.selected_id()
        if selected is not None:
            chosen = records.get(self.ctx.store, selected)
            kind, org_id = chosen.kind, chosen.org_id
        if kind is None:
            QMessageBox.information(self, "复制上次", "请先在列表中选中一条记录，或在“类型”中选择会议类型。")
            return None
        org_id = org_id or self._default_org(kind)
        last = records.last_of_kind(self.ctx.store, org_id, kind)
        if last is None:
            QMessageBox.information(self, "复制上次", f"还没有{kind}的记录可以复制，请用“新建”。")
            return None
        return self.open_editor(records.copy_from(self.ctx.store, last.id, self.ctx.today()))

    def open_meeting(self, meeting_id: int, member_id: int | None = None) -> MeetingEditor:
        editor = self.open_editor(records.get(self.ctx.store, meeting_id))
        if member_id is not None:
            editor.select_member(member_id)
        return editor

    def open_editor(self, meeting: Meeting) -> MeetingEditor:
        return self._show_editor(MeetingEditor(self.ctx, meeting, self))

    def _show_editor(self, editor: MeetingEditor) -> MeetingEditor:
        self.editor = editor
        self.editor.saved.connect(self._saved)
        self.editor.open()
        return self.editor

    def _saved(self, meeting_id: int) -> None:
        self._select_after = meeting_id
        self.refresh()

    def _open_row(self, index: QModelIndex) -> None:
        if not self.form.binButton.isChecked():
            self.open_meeting(index.siblingAtColumn(0).data(ID_ROLE))

    def _open_todo(self, item: QListWidgetItem) -> None:
        meeting_id, member_id = item.data(Qt.ItemDataRole.UserRole)
        self.open_meeting(meeting_id, member_id)

    def _need_selection(self, action: str) -> int | None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            QMessageBox.information(self, action, "请先在列表中选中一条会议记录。")
        return meeting_id

    def delete_selected(self) -> None:
        meeting_id = self._need_selection("删除会议记录")
        if meeting_id is None:
            return
        title = records.get(self.ctx.store, meeting_id).title
        reason, ok = QInputDialog.getText(
            self, "删除会议记录", f"将“{title}”移入回收站（可以恢复）。\n请填写删除原因：")
        if not ok:
            return
        try:
            records.delete(self.ctx.store, meeting_id, reason)
        except StoreError as exc:
            QMessageBox.warning(self, "未删除", str(exc))
            return
        self.refresh()
        self.form.messageLabel.setText(f"已将“{title}”移入回收站。")

    def restore_selected(self) -> None:
        meeting_id = self._need_selection("恢复会议记录")
        if meeting_id is not None:
            records.restore(self.ctx.store, meeting_id)
            self.refresh()
            self.form.messageLabel.setText(
                f"已恢复“{records.get(self.ctx.store, meeting_id).title}”。")

    # ---- printouts -----------------------------------------------------------------------
    def print_signin(self) -> Path | None:
        meeting_id = self._need_selection("打印签到表")
        if meeting_id is None:
            return None
        store, title = self.ctx.store, records.get(self.ctx.store, meeting_id).title
        printing.print_pdf(
            self.ctx, self, "签到表", f"签到表_{title}",
            lambda target: signin_sheet.write_pdf(signin_sheet.for_meeting(store, meeting_id), target),
            self._exported)

    def export_record(self) -> Path | None:
        meeting_id = self._need_selection("导出会议记录")
        if meeting_id is None:
            return None
        store, title = self.ctx.store, records.get(self.ctx.store, meeting_id).title

        def write(target: Path) -> Path:
            record = meeting_record_export.for_meeting(store, meeting_id)
            writer = meeting_record_export.write_docx if target.suffix.lower() == ".docx" \
                else meeting_record_export.write_pdf
            return writer(record, target)

        return export_actions.export(self.ctx, self, "导出会议记录", f"会议记录_{title}",
                                     (".pdf", ".docx"), write, self._exported)

    def _exported(self, path) -> None:
        export_actions.show_saved(self.form.messageLabel, path)
