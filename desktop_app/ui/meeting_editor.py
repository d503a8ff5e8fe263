"""The meeting editor: one record of any kind, its attendance sheet, 传达 and attachments.

Everything the secretary types is checked by the meetings core and saved in one transaction
(record, sheet, new 传达, attachments), so a refused save leaves the ledger as it was. Fields that
still hold the kind's template values follow the kind, date and organisation as they change.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QDialogButtonBox, QHeaderView, QMessageBox,
                               QWidget)

from desktop_app.core import members, orgs
from desktop_app.core.meetings import attendance, kinds, records, validation
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.meetings.guests import guests_text, parse_guests
from desktop_app.core.meetings.holder import depth, org_for_kind
from desktop_app.core.meetings.records import Meeting
from desktop_app.core.store import StoreError
from desktop_app.ui.attachment_list import AttachmentList
from desktop_app.ui.attendance_grid import STATUS_COLUMNS, AttendanceModel
from desktop_app.ui import drafts
from desktop_app.ui.context import AppContext
from desktop_app.ui.correction_bar import CorrectionBar
from desktop_app.ui.forms import load_form
from desktop_app.ui.receipt_importer import show_upstream_comments
from desktop_app.ui.requirements_panel import RequirementsPanel
from desktop_app.ui.unsaved import GuardedDialog
from desktop_app.ui.screen_fit import resize_within

NOBODY = "（未填）"
# Typed fields kept as a draft (form widget → draft key), and how long typing pauses before
# the draft is written (ms).
DRAFT_FIELDS = {"titleEdit": "title", "topicEdit": "topic", "placeEdit": "place",
                "agendaEdit": "agenda", "minutesEdit": "minutes", "resolutionsEdit": "resolutions",
                "guestsEdit": "guests"}
DRAFT_DELAY_MS = 1500
NOT_BRIEFED = "（未传达）"
# Sheet columns sized in characters of the table font; 传达 takes what is left.
WIDTHS = (6, 5, 5, 5, 10, 6)


class MeetingEditor(GuardedDialog):
    saved = Signal(int)

    def __init__(self, ctx: AppContext, meeting: Meeting, parent: QWidget | None = None,
                 attachment_root: Path | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.meeting = meeting
        self.form = load_form("meeting_editor", self)
        f = self.form
        self.attachments = AttachmentList(ctx.store, f.attachmentsList, attachment_root)
        self.model = AttendanceModel(self)
        f.attendanceTable.setModel(self.model)
        self._size_sheet()
        f.kindCombo.addItems(kinds.MEETING_KINDS)
        f.dayKindCombo.addItems(kinds.DAY_KINDS)
        f.methodCombo.addItems([NOT_BRIEFED, *kinds.FOLLOWUP_METHODS])
        for org in orgs.all_orgs(ctx.store):
            f.orgCombo.addItem(("　" * depth(ctx.store, org)) + org.name, org.id)
        self.tag_boxes: dict[str, QCheckBox] = {}
        for i, tag in enumerate(dict.fromkeys([*kinds.RULE_TAGS, *meeting.tags])):
            box = QCheckBox(tag, f.tagsBox)
            f.tagsLayout.addWidget(box, i // 4, i % 4)
            self.tag_boxes[tag] = box
        self.requirements = RequirementsPanel(ctx.store, f.tagsBox, f.tagsLayout,
                                              len(self.tag_boxes) // 4 + 1)
        buttons = f.buttonBox
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self._template = self._template_for(meeting.org_id, meeting.kind, meeting.held_on,
                                            meeting.day_kind)
        self.correction = CorrectionBar(ctx.store, self)
        self.layout().insertWidget(0, self.correction)
        self._load(meeting)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        f.kindCombo.currentTextChanged.connect(self._kind_changed)
        f.dayKindCombo.currentTextChanged.connect(lambda _: self._follow_template())
        f.orgCombo.currentIndexChanged.connect(lambda _: self._who_changed())
        f.dateEdit.dateChanged.connect(self._date_changed)
        f.partnerCombo.currentIndexChanged.connect(lambda _: self._recompute_sheet())
        f.guestsEdit.textChanged.connect(self._show_summary)
        f.allPresentButton.clicked.connect(self.model.all_present)
        f.attendanceTable.clicked.connect(self._sheet_clicked)
        f.attendanceTable.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.model.changed.connect(self._show_summary)
        f.leaveReasonEdit.textChanged.connect(lambda t: self._edit_row(leave_reason=t))
        f.approvedByEdit.textChanged.connect(lambda t: self._edit_row(approved_by=t))
        f.methodCombo.currentIndexChanged.connect(self._method_chosen)
        f.briefedOnEdit.textChanged.connect(lambda t: self._edit_row(briefed_on=t))
        f.briefedByEdit.textChanged.connect(lambda t: self._edit_row(briefed_by=t))
        f.addAttachmentButton.clicked.connect(self._add_attachments)
        f.removeAttachmentButton.clicked.connect(self._remove_attachment)
        self.setWindowTitle(f"会议记录 — {meeting.title}" if meeting.id else
                            f"新建会议记录 — {meeting.kind}")
        resize_within(self, 900, 680)
        self._follow_seal()
        self._show_detail()
        self._show_summary()
        for box in (*self.tag_boxes.values(), *self.requirements.boxes.values()):
            box.toggled.connect(lambda _: self._show_requirements())
        for signal in (f.kindCombo.currentTextChanged, f.dayKindCombo.currentTextChanged,
                       f.lecturerEdit.textChanged, f.dateEdit.dateChanged, f.hoursSpin.valueChanged,
                       f.orgCombo.currentIndexChanged):
            signal.connect(lambda *_: self._show_requirements())
        self._show_requirements()
        self.remember_saved_state()
        self.draft_path = drafts.meeting_draft(ctx.store, meeting.id)
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        for name in DRAFT_FIELDS:
            getattr(f, name).textChanged.connect(self._draft_timer.start)
        self._offer_draft()

    # ---- drafts and leaving --------------------------------------------------------------
    def extra_state(self):
        return [self.model.marks(), self.model.new_briefings()]

    def _text_of(self, name: str) -> str:
        widget = getattr(self.form, name)
        return widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()

    def _set_text(self, name: str, text: str) -> None:
        widget = getattr(self.form, name)
        (widget.setPlainText if hasattr(widget, "toPlainText") else widget.setText)(text)

    def keep_draft(self) -> None:
        """Write what is typed (debounced), or drop the draft once the form is back as saved."""
        if self.draft_path is None:
            return
        if not self.has_unsaved_changes():
            drafts.remove(self.draft_path)
            return
        fields = {key: self._text_of(name) for name, key in DRAFT_FIELDS.items()}
        fields.update(kind=self.kind(), org_id=self.org_id(), held_on=self.held_on())
        try:
            drafts.write(self.draft_path, fields)
        except OSError:
            pass   # a full disk must not interrupt typing; the form itself still holds it

    def _offer_draft(self) -> None:
        """Typing left unsaved last time (the app was closed or killed) is offered back."""
        draft = drafts.read(self.draft_path)
        if draft is None:
            return
        fields = draft["fields"]
        if all(fields.get(key, "") == self._text_of(name) for name, key in DRAFT_FIELDS.items()):
            drafts.remove(self.draft_path)
            return
        length = len(fields.get("minutes", ""))
        box = QMessageBox(QMessageBox.Icon.Question, "恢复未保存的内容",
                          f"{draft.get('saved_at', '上次')} 填写的这份会议记录还没有保存"
                          f"（会议内容 {length} 字）。\n要恢复这些内容吗？",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText("恢复")
        box.button(QMessageBox.StandardButton.No).setText("不恢复")
        if QMessageBox.StandardButton(box.exec()) != QMessageBox.StandardButton.Yes:
            drafts.remove(self.draft_path)
            return
        if not self.meeting.id:
            self.form.kindCombo.setCurrentText(fields.get("kind", self.kind()))
            index = self.form.orgCombo.findData(fields.get("org_id"))
            if index >= 0:
                self.form.orgCombo.setCurrentIndex(index)
            held_on = QDate.fromString(fields.get("held_on", ""), "yyyy-MM-dd")
            if held_on.isValid():
                self.form.dateEdit.setDate(held_on)
        for name, key in DRAFT_FIELDS.items():
            if key in fields:
                self._set_text(name, fields[key])

    def discarded(self) -> None:
        self._draft_timer.stop()
        drafts.remove(self.draft_path)

    def _show_requirements(self) -> None:
        """Which requirements the record will count for, as it stands in the form."""
        self._show_kind_fields()
        self.requirements.show(self.read())

    # ---- loading -------------------------------------------------------------------------
    def _load(self, m: Meeting) -> None:
        f = self.form
        for widget in (f.kindCombo, f.orgCombo, f.dateEdit, f.partnerCombo):
            widget.blockSignals(True)
        f.kindCombo.setCurrentText(m.kind)
        f.dayKindCombo.setCurrentText(m.day_kind or kinds.STUDY_DAY)
        f.orgCombo.setCurrentIndex(max(f.orgCombo.findData(m.org_id), 0))
        f.statusCombo.setCurrentText(m.status)
        f.dateEdit.setDate(QDate.fromString(m.held_on, "yyyy-MM-dd"))
        f.startEdit.setText(m.start_time or "")
        f.endEdit.setText(m.end_time or "")
        f.placeEdit.setText(m.place or "")
        f.hoursSpin.setValue(m.study_hours or 0)
        f.lecturerEdit.setText(m.lecturer or "")
        f.topicEdit.setText(m.topic or "")
        f.titleEdit.setText(m.title)
        for tag, box in self.tag_boxes.items():
            box.setChecked(tag in m.tags)
        self.requirements.load(m)
        f.guestsEdit.setPlainText(guests_text(m.guests))
        f.agendaEdit.setPlainText(m.agenda or "")
        f.minutesEdit.setPlainText(m.minutes or "")
        f.resolutionsEdit.setPlainText(m.resolutions or "")
        sheet = {mark.member_id: mark for mark in attendance.marks(self.ctx.store, m.id)} \
            if m.id else {}
        self._fill_people(m.host_id, m.recorder_id, next(iter(sheet), None))
        for widget in (f.kindCombo, f.orgCombo, f.dateEdit, f.partnerCombo):
            widget.blockSignals(False)
        self._show_kind_fields()
        briefed = {i: b for i in sheet if sheet[i].status != kinds.PRESENT
                   and (b := attendance.followup_of(self.ctx.store, m.id, i))}
        self._recompute_sheet(sheet, briefed)
        self.attachments.show(m.id)
        self._attachments_changed()
        show_upstream_comments(f.upstreamLabel, self.ctx.store, m.id)

    def _fill_people(self, host_id, recorder_id, partner_id) -> None:
        """Host, recorder and 谈话对象 are chosen from the branch's members on the date."""
        people = members.expected_on(self.ctx.store, self._branch_id(), self.held_on())
        known = {p.id for p in people}
        extra = [members.get(self.ctx.store, i) for i in (host_id, recorder_id, partner_id)
                 if i and i not in known]
        for combo, chosen in ((self.form.hostCombo, host_id), (self.form.recorderCombo, recorder_id),
                              (self.form.partnerCombo, partner_id)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOBODY, None)
            for person in [*people, *extra]:
                combo.addItem(person.name, person.id)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    # ---- reactions -----------------------------------------------------------------------
    def held_on(self) -> str:
        return self.form.dateEdit.date().toString("yyyy-MM-dd")

    def kind(self) -> str:
        return self.form.kindCombo.currentText()

    def org_id(self) -> int:
        return self.form.orgCombo.currentData()

    def _branch_id(self) -> int:
        org = orgs.get(self.ctx.store, self.org_id())
        return org.parent_id if org.kind == "党小组" and org.parent_id else org.id

    def _kind_changed(self, kind: str) -> None:
        target = org_for_kind(self.ctx.store, self.org_id(), kind)
        if target != self.org_id():
            self.form.orgCombo.blockSignals(True)
            self.form.orgCombo.setCurrentIndex(self.form.orgCombo.findData(target))
            self.form.orgCombo.blockSignals(False)
        self._show_kind_fields()
        self._who_changed()

    def _date_changed(self) -> None:
        self._follow_seal()
        if self.held_on() > self.ctx.today():
            self.form.statusCombo.setCurrentText(records.PLANNED)
        self._who_changed()

    def _who_changed(self) -> None:
        self._fill_people(self.form.hostCombo.currentData(), self.form.recorderCombo.currentData(),
                          self.form.partnerCombo.currentData())
        self._follow_template()
        self._recompute_sheet()

    def _show_kind_fields(self) -> None:
        kind, f = self.kind(), self.form
        for widgets, shown in (((f.dayKindLabel, f.dayKindCombo), kind == kinds.THEME_DAY),
                               ((f.lecturerLabel, f.lecturerEdit), self._has_lesson()),
                               ((f.partnerLabel, f.partnerCombo), kind == kinds.HEART_TALK)):
            for widget in widgets:
                widget.setVisible(shown)

    def _has_lesson(self) -> bool:
        return kinds.PARTY_LESSON in (self.kind(), *self.requirements.chosen(self.kind()))

    def _template_for(self, org_id, kind, held_on, day_kind) -> Meeting:
        return records.new(self.ctx.store, org_id, kind, held_on,
                           day_kind if kind == kinds.THEME_DAY else None)

    def _follow_template(self) -> None:
        """Fields still showing the old template's values take the new template's."""
        old = self._template
        new = self._template_for(self.org_id(), self.kind(), self.held_on(),
                                 self.form.dayKindCombo.currentText())
        f = self.form
        if f.titleEdit.text() == old.title:
            f.titleEdit.setText(new.title)
        if f.agendaEdit.toPlainText() == (old.agenda or ""):
            f.agendaEdit.setPlainText(new.agenda or "")
        if f.hoursSpin.value() == old.study_hours:
            f.hoursSpin.setValue(new.study_hours)
        if {t for t, b in self.tag_boxes.items() if b.isChecked()} == set(old.tags):
            for tag, box in self.tag_boxes.items():
                box.setChecked(tag in new.tags)
        if f.hostCombo.currentData() in (old.host_id, None) and new.host_id:
            f.hostCombo.setCurrentIndex(max(f.hostCombo.findData(new.host_id), 0))
        self._template = new

    def _recompute_sheet(self, sheet=None, briefed=None) -> None:
        """应到 from the roster on the date; marks already made are kept."""
        partner = self.form.partnerCombo.currentData()
        people = attendance.expected_members(self.ctx.store, self.org_id(), self.kind(),
                                             self.held_on(), [partner] if partner else [])
        self.model.set_expected([(p.id, p.name) for p in people], sheet, briefed)
        excused = attendance.excuse_away(self.ctx.store, self.held_on(),
                                         [Mark(p.id, kinds.ABSENT) for p in people])
        self.model.set_away({m.member_id: m.leave_reason for m in excused
                             if m.status == kinds.ON_LEAVE})
        self._show_detail()

    def _show_summary(self) -> None:
        s = self.model.summary(len(parse_guests(self.form.guestsEdit.toPlainText())))
        text = (f"应到 {s.expected} 人　实到 {s.present} 人　请假 {s.on_leave} 人　"
                f"缺席 {s.absent} 人　出席率 {s.rate_text}")
        if s.unmarked:
            text += f"　尚未标记 {s.unmarked} 人"
        if s.guests:
            text += f"　列席 {s.guests} 人"
        self.form.summaryLabel.setText(text)
        self.form.tabs.setTabText(1, f"出席情况（实到 {s.present}/{s.expected}）")

    def _size_sheet(self) -> None:
        table = self.form.attendanceTable
        header = table.horizontalHeader()
        char = table.fontMetrics().horizontalAdvance("中")
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width * char + 16)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(len(WIDTHS), QHeaderView.ResizeMode.Stretch)

    def _add_attachments(self) -> None:
        self.attachments.choose(self)
        self._attachments_changed()

    def _remove_attachment(self) -> None:
        self.attachments.remove_current()
        self._attachments_changed()

    def _attachments_changed(self) -> None:
        count = self.form.attachmentsList.count()
        self.form.tabs.setTabText(3, f"附件（{count}）" if count else "附件")

    def _sheet_clicked(self, index: QModelIndex) -> None:
        status = STATUS_COLUMNS.get(index.column())
        if status:
            self.model.set_status(index.row(), status)
            self._show_detail()

    def select_member(self, member_id: int) -> None:
        """Show the sheet with this member's row selected (opened from the 待办 list)."""
        self.form.tabs.setCurrentWidget(self.form.attendanceTab)
        row = self.model.row_of(member_id)
        self.form.attendanceTable.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def _current_row(self) -> int | None:
        index = self.form.attendanceTable.selectionModel().currentIndex()
        return index.row() if index.isValid() else None

    def _show_detail(self) -> None:
        f, row = self.form, self._current_row()
        person = self.model.row_at(row) if row is not None else None
        f.detailBox.setTitle(f"所选人员：{person.name}（{person.status or '未标记'}）"
                             if person else "所选人员：请在上表中点选一人")
        on_leave = bool(person and person.status == kinds.ON_LEAVE)
        to_brief = bool(person and person.needs_briefing and not person.briefed)
        widgets = (f.leaveReasonEdit, f.approvedByEdit, f.methodCombo, f.briefedOnEdit,
                   f.briefedByEdit)
        for widget in widgets:
            widget.blockSignals(True)
        f.leaveReasonEdit.setText(person.leave_reason if on_leave else "")
        f.approvedByEdit.setText(person.approved_by if on_leave else "")
        done = person.briefed if person else None
        f.methodCombo.setCurrentText(done.method if done else (person.method if person and
                                                               person.method else NOT_BRIEFED))
        f.briefedOnEdit.setText(done.on_date if done else (person.briefed_on if person else ""))
        f.briefedByEdit.setText(done.by_whom if done else (person.briefed_by if person else ""))
        for widget in widgets:
            widget.blockSignals(False)
        for widget in (f.leaveReasonEdit, f.approvedByEdit):
            widget.setEnabled(on_leave)
        for widget in widgets[2:]:
            widget.setEnabled(to_brief)

    def _edit_row(self, **values) -> None:
        row = self._current_row()
        if row is not None:
            self.model.update_row(row, **values)

    def _method_chosen(self) -> None:
        method = self.form.methodCombo.currentText()
        self._edit_row(method="" if method == NOT_BRIEFED else method)

    # ---- saving --------------------------------------------------------------------------
    def read(self) -> Meeting:
        """The record as the form shows it (not yet checked)."""
        f, kind = self.form, self.kind()
        return Meeting(
            org_id=self.org_id(), kind=kind, held_on=self.held_on(), title=f.titleEdit.text(),
            day_kind=f.dayKindCombo.currentText() if kind == kinds.THEME_DAY else None,
            start_time=f.startEdit.text() or None, end_time=f.endEdit.text() or None,
            place=f.placeEdit.text(), host_id=f.hostCombo.currentData(),
            recorder_id=f.recorderCombo.currentData(),
            lecturer=f.lecturerEdit.text() if self._has_lesson() else None,
            topic=f.topicEdit.text(), agenda=f.agendaEdit.toPlainText(),
            minutes=f.minutesEdit.toPlainText(), resolutions=f.resolutionsEdit.toPlainText(),
            study_hours=f.hoursSpin.value(), status=f.statusCombo.currentText(),
            tags=[t for t, b in self.tag_boxes.items() if b.isChecked()],
            also_kinds=self.requirements.chosen(kind),
            guests=parse_guests(f.guestsEdit.toPlainText()),
            copied_from=self.meeting.copied_from, id=self.meeting.id)

    def _follow_seal(self) -> None:
        """The correction bar shows while the record's stored or new date is sealed."""
        self.correction.follow(self.meeting.held_on if self.meeting.id else None, self.held_on())
        self.form.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText(
            "保存更正" if self.correction.needed else "保存")

    def problems_before_saving(self, meeting: Meeting) -> list[str]:
        """What the form itself requires: a held meeting has every 应到 member marked, a sealed
        record its 更正原因."""
        problems = self.correction.missing()
        unmarked = self.model.unmarked_names()
        if meeting.status == records.HELD and unmarked:
            who = "、".join(unmarked[:5]) + (f" 等 {len(unmarked)} 人" if len(unmarked) > 5 else "")
            problems.append(f"出席情况：{who} 还没有标记（可先点“全部出席”，再点出例外人员）")
        return problems

    def confirm_disagreements(self, meeting: Meeting, marks) -> bool:
        """Warn when the record contradicts the ledger (host joined later, recorder absent …);
        the secretary may still save what the paper record says."""
        found = validation.meeting_problems(self.ctx.store, meeting, marks)
        if not found:
            return True
        answer = QMessageBox.warning(
            self, "记录与台账不一致", "这份记录与台账有出入：\n" + "\n".join(f"• {p}" for p in found)
            + "\n\n仍要保存吗？", QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def save(self) -> None:
        store, meeting = self.ctx.store, self.read()
        marks = self.model.marks()
        problems = self.problems_before_saving(meeting)
        if problems:
            self.show_problems(problems + records.validate(store, meeting, marks))
            return
        if not records.validate(store, meeting, marks) and \
                not self.confirm_disagreements(meeting, marks):
            return
        reason = self.correction.reason()
        try:
            with store.transaction():
                records.save(store, meeting, marks if marks or meeting.status == records.HELD
                             else None, reason=reason)
                for member_id, briefing in self.model.new_briefings():
                    attendance.add_followup(store, meeting.id, member_id, briefing, reason=reason)
                self.attachments.write(meeting.id, reason)
        except StoreError as exc:
            self.show_problems(str(exc).split("；"))
            return
        except OSError as exc:
            self.show_problems([f"附件 {exc.filename or ''} 无法读取：{exc.strerror or exc}"])
            return
        self.meeting = meeting
        self._draft_timer.stop()
        drafts.remove(self.draft_path)
        self.show_problems([])
        self.saved.emit(meeting.id)
        self.accept()

    def show_problems(self, problems: list[str]) -> None:
        label = self.form.errorLabel
        label.setText("未保存，请修改：\n" + "\n".join(f"• {p}" for p in problems) if problems else "")
        label.setVisible(bool(problems))


def new_record_editor(ctx: AppContext, parent: QWidget | None, org_id: int, kind: str,
                      held_on: str, day_kind: str | None = None, topic: str | None = None,
                      place: str | None = None) -> MeetingEditor:
    """An editor for a new record pre-filled from the kind's template (agenda, host = 书记, tags,
    study hours, 应到), plus what the caller already knows (a planned day's theme and place)."""
    org_id = org_for_kind(ctx.store, org_id, kind)
    if kind == kinds.THEME_DAY and day_kind is None:
        day_kind = kinds.STUDY_DAY
    meeting = records.new(ctx.store, org_id, kind, held_on, day_kind)
    meeting.topic = topic or meeting.topic
    meeting.place = place or meeting.place
    return MeetingEditor(ctx, meeting, parent)
