"""The main window: a navigation rail of sections and a stack of pages, each built on first visit.

Start-up shows the window before the ledger is open (the check of a ten-year ledger takes a
second): `MainWindow()` is the rail and the form's quiet 正在打开账本… page; `attach(ctx)` then
builds the section in view. Tests and the demo pass the context at once: `MainWindow(ctx)`.
Nothing here touches the core or Qt's `Qt` namespace (93 enums, 50 ms to build) before `attach`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop_app.ui import preferences
from desktop_app.ui.forms import load_form
from desktop_app.ui.pages import PAGES, load_factory
from desktop_app.ui.screen_fit import FitScrollArea, resize_within

if TYPE_CHECKING:
    from desktop_app.ui.context import AppContext


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext | None = None):
        super().__init__()
        self.ctx: AppContext | None = None
        central = QWidget(self)
        self.form = load_form("main_window", central)
        self.setCentralWidget(central)
        self._scroll_pages()
        self._pages: dict[int, QWidget] = {}
        for title, _ in PAGES:
            self.form.rail.addItem(title)
        self.form.rail.currentRowChanged.connect(self.show_section)
        self.form.settingsButton.clicked.connect(self.open_settings)
        self.settings_dialog = None
        self._size_rail()
        resize_within(self, 1200, 760)
        self.form.rail.setCurrentRow(0)
        if ctx is not None:
            self.attach(ctx)

    def attach(self, ctx: AppContext) -> None:
        """The ledger is open: name it and build the section the rail points at."""
        self.ctx = ctx
        self.update_title()
        self.form.stack.removeWidget(self.form.openingPage)
        self.form.openingPage.deleteLater()
        self.show_section(self.form.rail.currentRow())

    def _scroll_pages(self) -> None:
        """Pages scroll rather than push the window past a small or scaled screen (1366×768 at
        150 % leaves about 470 logical px of height)."""
        stack, layout = self.form.stack, self.form.mainLayout
        index = layout.indexOf(stack)
        layout.removeWidget(stack)
        layout.insertWidget(index, FitScrollArea(stack, self.form), 1)

    def show_sized(self) -> None:
        """Show where the user left the window; the first time, maximised on a small screen
        (1366×768 and its scaled forms), 1200×760 otherwise."""
        if not self.restoreGeometry(preferences.get(preferences.WINDOW_GEOMETRY)):
            screen = QGuiApplication.primaryScreen().availableGeometry()
            if screen.width() < 1400 or screen.height() < 860:
                self.showMaximized()
                return
        self.show()

    def open_settings(self):
        from desktop_app.ui.settings_dialog import SettingsDialog
        self.settings_dialog = SettingsDialog(self)
        self.settings_dialog.open()
        return self.settings_dialog

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._size_rail()
        super().changeEvent(event)

    def _size_rail(self) -> None:
        """The rail's own type sizes follow the 字号: titles a little larger than the text,
        and the rail as wide as its longest title needs."""
        base = self.font()
        for widget, scale in ((self.form.appLabel, 1.6), (self.form.orgLabel, 0.9),
                              (self.form.rail, 1.25)):
            font = widget.font()
            font.setPointSizeF(base.pointSizeF() * scale)
            widget.setFont(font)
        longest = max((len(title) for title, _ in PAGES), default=4)
        width = self.form.rail.fontMetrics().horizontalAdvance("中") * (longest + 1) + 48
        self.form.railFrame.setFixedWidth(max(168, width))

    def update_title(self) -> None:
        """Title and rail caption follow the top organisation's name (it may be renamed). Qt adds
        the application's display name (工作实录) to the title bar itself, so it is not repeated."""
        from desktop_app.core import orgs   # after the window is shown: the core loads meanwhile
        top = orgs.root(self.ctx.store)
        name = top.name if top else "未设置组织"
        self.setWindowTitle(name)
        self.form.orgLabel.setText(name)
        if self.ctx.store.path:
            self.statusBar().showMessage(f"账本：{self.ctx.store.path}　操作人：{self.ctx.store.actor}")

    def section_titles(self) -> list[str]:
        return [title for title, _ in PAGES]

    def select_section(self, title: str) -> QWidget:
        """Switch to the section called `title` and return its page."""
        self.form.rail.setCurrentRow(self.section_titles().index(title))
        return self.form.stack.currentWidget()

    def show_section(self, row: int) -> None:
        if row < 0 or self.ctx is None:    # before the ledger is open the rail only marks a place
            return
        page = self._pages.get(row)
        if page is None:
            title, ref = PAGES[row]
            if ref:
                page = load_factory(ref)(self.ctx)
            else:       # a section still being built says so
                page = load_factory("building_page:BuildingPage")(title)
            self._pages[row] = page
            self.form.stack.addWidget(page)
        elif hasattr(page, "refresh"):
            page.refresh()
        self.form.stack.setCurrentWidget(page)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Let a running task finish its transaction before the ledger closes; remember where
        the window was."""
        if self.ctx is not None:
            self.ctx.worker.wait_idle()
        preferences.put(preferences.WINDOW_GEOMETRY, self.saveGeometry())
        super().closeEvent(event)
