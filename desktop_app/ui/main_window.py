"""The main window: a navigation rail of sections and a stack of pages, each built on first visit."""
from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop_app.core import orgs
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.pages import PAGES, load_factory
from desktop_app.ui.pages.building_page import BuildingPage


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        central = QWidget(self)
        self.form = load_form("main_window", central)
        self.setCentralWidget(central)
        self._pages: dict[int, QWidget] = {}
        for title, _ in PAGES:
            self.form.rail.addItem(title)
        self.form.rail.currentRowChanged.connect(self.show_section)
        self.update_title()
        self.resize(1200, 760)
        self.form.rail.setCurrentRow(0)

    def update_title(self) -> None:
        """Title and rail caption follow the top organisation's name (it may be renamed)."""
        top = orgs.root(self.ctx.store)
        name = top.name if top else "未设置组织"
        self.setWindowTitle(f"工作实录 — {name}")
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
        if row < 0:
            return
        page = self._pages.get(row)
        if page is None:
            title, ref = PAGES[row]
            page = load_factory(ref)(self.ctx) if ref else BuildingPage(title)
            self._pages[row] = page
            self.form.stack.addWidget(page)
        elif hasattr(page, "refresh"):
            page.refresh()
        self.form.stack.setCurrentWidget(page)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Let a running task finish its transaction before the ledger closes."""
        self.ctx.worker.wait_idle()
        super().closeEvent(event)
