"""The installed app checks itself: a small demo ledger, every page shown once, one PDF written.

Run by `shilu selftest` after a build (the Windows CI and the frozen-build test), so a spec that
forgets a form, a resource, a font or a lazily imported module fails there, not on a secretary's PC.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def run(report=print) -> bool:
    """True when every step passed; each step's outcome goes to `report` as one Chinese line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.demo import DemoSpec, generate
    from desktop_app.core.exports import signin_sheet
    from desktop_app.core.store import open_store
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.worker import Worker

    app = QApplication.instance() or QApplication([])
    ok = True
    with tempfile.TemporaryDirectory(prefix="shilu-selftest-") as folder:
        store = open_store(Path(folder) / "selftest.sqlite", actor="自检")
        worker = Worker()
        try:
            generate(store, DemoSpec(members=12, years=1, seed=3))
            report("演示账本：已生成")
            window = MainWindow(AppContext(store, worker))
            window.show()
            for title in window.section_titles():
                page = window.select_section(title)
                app.processEvents()
                shown = not page.grab().isNull()
                ok &= shown
                report(f"页面“{title}”：{'正常' if shown else '无法显示'}")
            worker.wait_idle()
            window.close()
            meeting = store.query_one("SELECT id FROM meetings ORDER BY id LIMIT 1")["id"]
            pdf = signin_sheet.write_pdf(signin_sheet.for_meeting(store, meeting),
                                         Path(folder) / "签到表.pdf")
            printed = pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
            ok &= printed
            report(f"签到表 PDF：{'正常' if printed else '内容不完整'}")
        finally:
            worker.wait_idle()
            store.close()
    return ok
