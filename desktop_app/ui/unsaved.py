"""Editors that never throw typing away: Esc, 取消, the window's close box all ask first.

`GuardedDialog` is the base of every editing dialog. After loading, the dialog calls
`remember_saved_state()`; leaving it with a form that differs asks 保存 / 不保存 / 取消. The form's
state is read generically from its input widgets (texts, choices, ticks, table cells), so a new
field is guarded without extra code; an editor with state outside widgets adds it in
`extra_state()`.
"""
from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDateEdit, QDialog,
                               QDialogButtonBox, QLineEdit, QListWidget, QMessageBox,
                               QPlainTextEdit, QTableWidget, QTextEdit, QWidget)


# Line edits that narrow a list rather than hold content (by objectName ending).
SEARCH_BOXES = ("filterEdit", "searchEdit")


class Answer(Enum):
    SAVE = "保存"
    DISCARD = "不保存"
    CANCEL = "取消"


def ask_unsaved(parent: QWidget) -> Answer:
    """保存 / 不保存 / 取消, in Chinese; Esc or closing the question means 取消."""
    box = QMessageBox(QMessageBox.Icon.Question, "尚未保存", "刚才填写的内容还没有保存。\n要保存吗？",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.button(QMessageBox.StandardButton.Save).setText(Answer.SAVE.value)
    box.button(QMessageBox.StandardButton.Discard).setText(Answer.DISCARD.value)
    box.button(QMessageBox.StandardButton.Cancel).setText(Answer.CANCEL.value)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    chosen = box.exec()
    return {QMessageBox.StandardButton.Save: Answer.SAVE,
            QMessageBox.StandardButton.Discard: Answer.DISCARD}.get(
        QMessageBox.StandardButton(chosen), Answer.CANCEL)


def widget_state(root: QWidget) -> list:
    """What the user can change in `root`'s input widgets, as comparable values."""
    state = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            if not isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)) \
                    and not widget.objectName().endswith(SEARCH_BOXES):
                state.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            state.append(widget.toPlainText())
        elif isinstance(widget, QTextEdit):
            state.append(widget.toPlainText())
        elif isinstance(widget, QDateEdit):
            state.append(widget.date().toString(Qt.DateFormat.ISODate))
        elif isinstance(widget, QAbstractSpinBox):
            state.append(widget.text())
        elif isinstance(widget, QComboBox):
            state.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append(widget.isChecked())
        elif isinstance(widget, QTableWidget):
            state.append([(item.text(), item.checkState()) if (item := widget.item(r, c)) else None
                          for r in range(widget.rowCount()) for c in range(widget.columnCount())])
        elif isinstance(widget, QListWidget):
            state.append([(widget.item(r).text(), widget.item(r).checkState())
                          for r in range(widget.count())])
    return state


class GuardedDialog(QDialog):
    """A QDialog whose reject() (Esc, 取消, close box) asks before dropping unsaved changes.
    Subclasses have `self.form` and a `save()` that accept()s on success."""

    _saved_state = None

    def wire_save_cancel(self, buttons: QDialogButtonBox) -> None:
        """保存 saves, 取消 asks first (reject); both worded in Chinese whatever Qt's language."""
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    def form_state(self) -> list:
        return [widget_state(self.form), self.extra_state()]

    def extra_state(self):
        return None

    def remember_saved_state(self) -> None:
        self._saved_state = self.form_state()

    def has_unsaved_changes(self) -> bool:
        return self._saved_state is not None and self.form_state() != self._saved_state

    def reject(self) -> None:
        if self.has_unsaved_changes():
            answer = ask_unsaved(self)
            if answer is Answer.SAVE:
                self.save()
                return
            if answer is Answer.CANCEL:
                return
        self.discarded()
        super().reject()

    def discarded(self) -> None:
        """Hook: the dialog is closing without saving (drafts are dropped here)."""

