"""Start the GUI: show the main window first, then open the ledger in it (ui.opening: check it,
offer a backup if it is damaged, make the demo or run the first-run wizard, back up daily).

Only Qt and the window's own modules load before the window is shown; the core follows."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.ui import font_size, qt_chinese
from desktop_app.ui.main_window import MainWindow

# Fonts with good Simplified Chinese coverage, best first, per platform.
CJK_FONTS = {
    "win32": ("Microsoft YaHei", "Microsoft YaHei UI", "SimHei", "SimSun"),
    "linux": ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Droid Sans Fallback"),
    "darwin": ("PingFang SC", "Heiti SC"),
}


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


def report_unexpected(exc_type, exc, tb) -> None:
    """`sys.excepthook` while the window is open: an action that fails says so in Chinese (the
    traceback goes to the log); the ledger keeps nothing of it, since every write is a transaction."""
    import logging

    from desktop_app.ui.worker import describe_error
    logging.getLogger(__name__).error("unexpected error in the GUI", exc_info=(exc_type, exc, tb))
    QMessageBox.warning(QApplication.activeWindow(), "操作未完成", describe_error(exc))


def run_gui(db_path: Path, demo: bool) -> int:
    """Open the ledger at `db_path` in the main window; with `demo`, fill an empty one first.
    Returns the exit code: 2 when the ledger could not be opened or the damaged-ledger dialog
    was left without a restore."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Shilu")
    app.setApplicationDisplayName("工作实录")
    qt_chinese.install(app)
    apply_cjk_font(app)
    font_size.apply(app)
    window = MainWindow()
    window.show_sized()
    running: dict = {}

    def finish(code: int) -> None:
        window.hide()       # nothing opened, nothing to back up: not a close
        app.exit(code)

    def open_ledger() -> None:
        from desktop_app.ui.opening import Opening
        from desktop_app.ui.worker import Worker
        running["worker"] = Worker()
        running["opening"] = Opening(db_path, demo, running["worker"], window, finish, running)
        running["opening"].start()

    QTimer.singleShot(0, open_ledger)
    sys.excepthook = report_unexpected
    try:
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
        if "worker" in running:
            running["worker"].wait_idle()
        if "ctx" in running:
            running["ctx"].store.close()
        if "lock" in running:
            running["lock"].release()
