"""Start the GUI: open the ledger, make the demo or run the first-run wizard, show the window."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core import orgs
from desktop_app.core.instance_lock import InstanceLock
from desktop_app.core.store import StoreError, open_store
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.worker import Worker, describe_error

log = logging.getLogger(__name__)

DEMO_SIZE = {"members": 120, "years": 3}
# Fonts with good Simplified Chinese coverage, best first, per platform.
CJK_FONTS = {
    "win32": ("Microsoft YaHei", "Microsoft YaHei UI", "SimHei", "SimSun"),
    "linux": ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Droid Sans Fallback"),
    "darwin": ("PingFang SC", "Heiti SC"),
}
DEFAULT_ACTOR = "书记"
LOCK_REFRESH_MS = 30 * 60 * 1000


def apply_cjk_font(app: QApplication, platform: str = sys.platform) -> str | None:
    """Put the first installed CJK font in front of the default family; return its name."""
    available = set(QFontDatabase.families())
    wanted = [f for f in CJK_FONTS.get(platform, ()) if f in available]
    if not wanted:
        return None
    font = app.font()
    font.setFamilies([*wanted, *font.families()])
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    return wanted[0]


def install_chinese_translation(app: QApplication) -> None:
    """Qt's own buttons and dialogs (确定, 取消, file dialogs) in Simplified Chinese."""
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def report_unexpected(exc_type, exc, tb) -> None:
    """`sys.excepthook` while the window is open: an action that fails says so in Chinese (the
    traceback goes to the log); the ledger keeps nothing of it, since every write is a transaction."""
    log.error("unexpected error in the GUI", exc_info=(exc_type, exc, tb))
    QMessageBox.warning(QApplication.activeWindow(), "操作未完成", describe_error(exc))


class Launcher(QObject):
    """From an open ledger to a shown main window: demo generation or first-run wizard first."""

    window_shown = Signal(object)
    gave_up = Signal(int)

    def __init__(self, ctx: AppContext, demo: bool):
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.window: MainWindow | None = None

    def start(self) -> None:
        store = self.ctx.store
        if orgs.root(store) is not None:
            self._show_window()
        elif self.demo:
            # Imported here: the generator and its data are only needed for an empty demo ledger.
            from desktop_app.core.demo import DemoSpec, generate
            spec = DemoSpec(**DEMO_SIZE)
            self.ctx.worker.run(None, "正在生成演示账本", lambda progress: generate(store, spec),
                                lambda _: self._show_window(), cancellable=False,
                                on_failed=self._demo_failed)
        else:
            self._run_wizard()

    def _run_wizard(self) -> None:
        from desktop_app.ui.wizard import FirstRunWizard
        self.wizard = FirstRunWizard(self.ctx)
        self.wizard.accepted.connect(self._show_window)
        self.wizard.rejected.connect(lambda: self.gave_up.emit(0))
        self.wizard.open()

    def _demo_failed(self, message: str) -> None:
        QMessageBox.critical(None, "演示账本生成失败", message)
        self.gave_up.emit(1)

    def _show_window(self) -> None:
        self.window = MainWindow(self.ctx)
        self.window.show()
        self.window_shown.emit(self.window)


def run_gui(db_path: Path, demo: bool) -> int:
    """Open the ledger at `db_path` in the main window; with `demo`, fill an empty one first."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Shilu")
    app.setApplicationDisplayName("工作实录")
    install_chinese_translation(app)
    apply_cjk_font(app)
    lock = InstanceLock(db_path)
    try:
        lock.acquire()
        store = open_store(db_path, actor=DEFAULT_ACTOR)
    except (StoreError, OSError) as exc:
        lock.release()
        message = str(exc) if isinstance(exc, StoreError) else \
            f"无法在 {db_path.parent} 打开或建立账本：{exc.strerror or exc}"
        QMessageBox.critical(None, "无法打开账本", message)
        return 2
    store.actor = store.setting("secretary_name") or DEFAULT_ACTOR
    refresher = QTimer(app)
    refresher.timeout.connect(lock.refresh)
    refresher.start(LOCK_REFRESH_MS)
    worker = Worker()
    launcher = Launcher(AppContext(store, worker), demo)
    launcher.gave_up.connect(app.exit)
    launcher.start()
    sys.excepthook = report_unexpected
    try:
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
        worker.wait_idle()
        store.close()
        lock.release()
