"""`shilu upstream`: the workstation on its own, with no ledger opened or created."""
from __future__ import annotations

import sys
from datetime import date

from PySide6.QtWidgets import QApplication

from desktop_app.ui import font_size, qt_chinese
from desktop_app.ui.worker import Worker


def run_workstation() -> int:
    from desktop_app.ui.app import apply_cjk_font, report_unexpected
    from desktop_app.ui.workstation.window import WorkstationWindow
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Shilu")
    app.setApplicationDisplayName("工作实录")
    qt_chinese.install(app)
    apply_cjk_font(app)
    font_size.apply(app)
    worker = Worker()
    window = WorkstationWindow(worker, lambda: date.today().isoformat())
    window.show_sized()
    sys.excepthook = report_unexpected
    try:
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
        worker.wait_idle()
