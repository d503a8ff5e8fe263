"""The bar at the top of an editor opened on a record in a sealed period (已封存): it says so and
holds the 更正原因 that saving needs, so a correction is made in the dialog, not refused."""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.core.store import Store


class CorrectionBar(QFrame):
    """Hidden until `follow(dates)` finds one of the record's dates (old or new) in a sealed
    period; then `reason()` must be filled before saving."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("correctionBar")
        self.setStyleSheet("#correctionBar { background: #fff4e5; border: 1px solid #f0b85a; "
                           "border-radius: 4px; }")
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("更正原因（必填，记入审计日志），如：补录漏记的请假人员")
        layout.addWidget(self.label)
        layout.addWidget(self.reason_edit)
        self.hide()

    def follow(self, *dates: str | None) -> None:
        sealed = self.store.sealed_through()
        inside = bool(sealed) and any(d and d <= sealed for d in dates)
        if inside:
            self.label.setText(f"本记录属于已封存期间（{sealed} 及以前的记录已报送上级）。"
                               f"修改将作为更正保存，原记录保留在审计日志中，须填写更正原因。")
        self.setVisible(inside)

    @property
    def needed(self) -> bool:
        return not self.isHidden()

    def reason(self) -> str | None:
        """The reason typed, or None when the record is not sealed."""
        return self.reason_edit.text().strip() or None if self.needed else None

    def missing(self) -> list[str]:
        """The problem to show when saving a sealed record without a reason."""
        if self.needed and not self.reason():
            self.reason_edit.setFocus()
            return ["已封存的记录只能更正：请在对话框顶部填写更正原因"]
        return []
