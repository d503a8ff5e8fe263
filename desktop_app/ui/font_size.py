"""字号 (标准 / 大 / 特大): one choice that resizes every window's text at once.

Widgets follow the application font unless a style sheet pins a size, so the main window's rail,
which has its own look, is sized here from the same base.
"""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop_app.ui import preferences


def apply(app: QApplication, choice: str | None = None) -> str:
    """Set the application font to the chosen 字号 and remember it, or, when `choice` is None,
    to the saved one (nothing written: start-up does this); return the choice applied. Unknown
    choices fall back to 标准."""
    chosen = choice
    if choice is None:
        choice = preferences.get(preferences.FONT_SIZE)
    if choice not in preferences.FONT_SIZES:
        choice = "标准"
    font = app.font()
    font.setPointSizeF(preferences.FONT_SIZES[choice])
    app.setFont(font)
    if chosen is not None:
        preferences.put(preferences.FONT_SIZE, choice)
    return choice
