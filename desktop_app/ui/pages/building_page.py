"""The page shown for a section whose page is not written yet: it says so, and offers nothing."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.ui.forms import load_form


class BuildingPage(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = load_form("building_page", self)
        self.form.titleLabel.setText(title)
        self.form.messageLabel.setText(f"“{title}”页面正在建设中，暂不可用。")
