"""The one way to build a Designer form: `forms/<name>.ui` loaded at run time with QUiLoader.

Loading at run time (rather than compiling with pyside6-uic) keeps the .ui files the single source:
no generated modules to regenerate or forget. Children are reachable as attributes named by their
objectName (`form.saveButton`), which QUiLoader sets on the loaded widget. A window's form sits in
a scroll area with its button box below it (see screen_fit).
"""
from __future__ import annotations

from functools import cache

from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QDialogButtonBox, QVBoxLayout, QWidget

from desktop_app.core import paths
from desktop_app.ui.screen_fit import FitScrollArea


class FormError(RuntimeError):
    """A form file is missing or unreadable: a packaging fault, not a user error."""


@cache
def _loader() -> QUiLoader:
    """One loader for the whole run: building one scans for Designer plugins each time."""
    return QUiLoader()


def load_form(name: str, parent: QWidget) -> QWidget:
    """Load `forms/<name>.ui` into `parent`'s layout (made if missing); return the form widget."""
    path = paths.forms_dir() / f"{name}.ui"
    if not path.is_file():
        raise FormError(f"界面文件缺失：{path}")
    form = _loader().load(str(path), parent)
    if form is None:
        raise FormError(f"界面文件无法读取：{path}")
    layout = parent.layout()
    if layout is None:
        layout = QVBoxLayout(parent)
        if not parent.isWindow():   # dialogs keep the style's margins; pages fill their slot
            layout.setContentsMargins(0, 0, 0, 0)
    if parent.isWindow():
        # A dialog's body scrolls on a small or scaled screen; its buttons stay in view.
        layout.addWidget(FitScrollArea(form, parent))
        buttons = form.findChild(QDialogButtonBox)
        if buttons is not None:
            layout.addWidget(buttons)
    else:
        layout.addWidget(form)
    if parent.isWindow() and form.windowTitle():
        parent.setWindowTitle(form.windowTitle())
    return form
