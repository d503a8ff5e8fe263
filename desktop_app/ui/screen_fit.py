"""Windows that fit the screen: 1366×768 at 100 %, 125 % and 150 % scaling (issue #14).

At 150 % a 1366×768 screen is 911×512 logical pixels, less the taskbar: about 470 px of height.
So every dialog's body and every main-window page sits in a `FitScrollArea` (it asks for its
content's natural size but can shrink to a few lines and scroll), the dialog's 保存/取消 stay
outside the scroll area, and windows open no larger than the screen's free area.
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# What a window frame (title bar and borders) takes beyond the client area, in logical px.
FRAME = QSize(16, 40)


def free_area(widget: QWidget) -> QSize:
    """The screen's free client area (logical px) for a window showing `widget`."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() - FRAME


class FitScrollArea(QScrollArea):
    """A borderless scroll area that asks for its content's whole size, bounded by the screen,
    and may shrink to a few lines (then it scrolls)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setWidget(content)

    def sizeHint(self) -> QSize:
        content = self.widget().sizeHint() + QSize(self.verticalScrollBar().sizeHint().width(), 0)
        return content.boundedTo(free_area(self))

    def minimumSizeHint(self) -> QSize:
        lines = self.fontMetrics().height() * 6
        width = self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(min(width, free_area(self).width() * 3 // 4), lines)


def resize_within(window: QWidget, width: int, height: int) -> None:
    """Resize to the wanted size, or to the screen's free area if smaller."""
    free = free_area(window)
    window.resize(min(width, free.width()), min(height, free.height()))
