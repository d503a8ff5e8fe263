"""A read-only view of one record (a plan entry, a finding) as formatted text.

Links in the text (`meeting:12`, `member:3`) are handed to `on_link`, so a finding's evidence
opens the records behind it.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.ui.forms import load_form
from desktop_app.ui.record_views import RecordView


class RecordDialog(QDialog):
    def __init__(self, view: RecordView, on_link: Callable[[str, int], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.form = load_form("record_dialog", self)
        self.setWindowTitle(view.window_title)
        self.form.titleLabel.setText(view.title)
        self.form.subtitleLabel.setText(view.subtitle)
        self.form.subtitleLabel.setVisible(bool(view.subtitle))
        self.form.body.setHtml(view.html)
        self.form.hintLabel.setText(view.hint)
        self.form.hintLabel.setVisible(bool(view.hint))
        self.form.buttonBox.rejected.connect(self.reject)
        self._on_link = on_link
        self.form.body.anchorClicked.connect(self.follow)

    def follow(self, url: QUrl) -> None:
        """`meeting:12` → on_link("meeting", 12)."""
        kind, _, number = url.toString().partition(":")
        if self._on_link and number.isdigit():
            self._on_link(kind, int(number))
