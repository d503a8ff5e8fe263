"""设置: this PC's preferences; today the 字号, applied as soon as it is chosen."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop_app.ui import font_size, preferences
from desktop_app.ui.forms import load_form


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = load_form("settings_dialog", self)
        combo = self.form.fontSizeCombo
        combo.addItems(list(preferences.FONT_SIZES))
        combo.setCurrentText(preferences.get(preferences.FONT_SIZE))
        combo.currentTextChanged.connect(self.choose_font_size)
        self.form.buttons.rejected.connect(self.reject)

    def choose_font_size(self, choice: str) -> None:
        font_size.apply(QApplication.instance(), choice)
        self.adjustSize()
