"""Ask for the signing key's passphrase: once to open the key, twice (and long enough) to make one.

The passphrase goes straight to the core's key functions and is never kept or stored by the UI.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from desktop_app.core.bundle.keys import MIN_PASSPHRASE
from desktop_app.ui.forms import load_form


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None, message: str, confirm: bool):
        super().__init__(parent)
        self.confirm = confirm
        self.form = load_form("passphrase_dialog", self)
        self.form.messageLabel.setText(message)
        self.form.confirmLabel.setVisible(confirm)
        self.form.confirmEdit.setVisible(confirm)
        buttons = self.form.buttonBox
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)

    def passphrase(self) -> str:
        return self.form.passphraseEdit.text()

    def problem(self) -> str | None:
        """Why the typed passphrase cannot be used, or None."""
        text = self.passphrase()
        if not text:
            return "请输入口令。"
        if self.confirm and len(text) < MIN_PASSPHRASE:
            return f"口令太短：至少 {MIN_PASSPHRASE} 个字符。"
        if self.confirm and self.form.confirmEdit.text() != text:
            return "两次输入的口令不一致，请重新输入。"
        return None

    def _accept_if_valid(self) -> None:
        problem = self.problem()
        if problem:
            self.form.errorLabel.setText(problem)
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, *, confirm: bool = False) -> str | None:
        """The passphrase typed, or None when cancelled (tests patch this)."""
        dialog = cls(parent, message, confirm)
        try:
            return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.form.passphraseEdit.clear()
            dialog.form.confirmEdit.clear()
            dialog.deleteLater()
