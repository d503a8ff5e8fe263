"""GUI figures on the benchmark ledger (300 members, 10 years): cold start to the main window shown,
side by side with a bare PySide6 window in the same run (target ratio ≤ 1.5), and roster filter
latency (target < 50 ms). Run by hand: `python bench/bench_gui.py` (offscreen unless a display)."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.ledger import bench_ledger  # noqa: E402

# A fresh interpreter each time: "cold" includes importing Qt and the app.
SHOW_APP = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from desktop_app.ui import app as shilu
def quit_when_shown():
    if any(type(w).__name__ == "MainWindow" and w.isVisible() for w in app.topLevelWidgets()):
        print(time.time(), flush=True)   # the moment the window is shown
        app.quit()
    else:
        QTimer.singleShot(1, quit_when_shown)
QTimer.singleShot(0, quit_when_shown)
shilu.run_gui(Path(sys.argv[1]), demo=False)
"""


def timed(args: list[str]) -> float:
    """Seconds from starting the process to its window being shown (the child prints the
    moment); work the app then finishes in the background before exiting is not counted."""
    started = time.time()
    shown = subprocess.run([sys.executable, *args], check=True, cwd=ROOT, capture_output=True,
                           text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    return float(shown.split()[-1]) - started


def cold_start(ledger: Path, runs: int = 5) -> tuple[float, float, float]:
    """Alternate bare and app runs (A B A B …) so machine drift hits both; median of each and
    of the pairwise ratios."""
    timed([str(ROOT / "bench" / "bare_window.py")]), timed(["-c", SHOW_APP, str(ledger)])  # warm
    pairs = [(timed([str(ROOT / "bench" / "bare_window.py")]), timed(["-c", SHOW_APP, str(ledger)]))
             for _ in range(runs)]
    return (statistics.median(b for b, _ in pairs), statistics.median(a for _, a in pairs),
            statistics.median(a / b for b, a in pairs))


def filter_latency(ledger: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.store import open_store
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.pages.roster_page import RosterPage
    from desktop_app.ui.worker import Worker

    app = QApplication.instance() or QApplication([])
    store = open_store(ledger, actor="bench")
    page = RosterPage(AppContext(store, Worker()))
    page.resize(1100, 700)
    page.show()
    app.processEvents()
    figures = {}

    def settle() -> None:
        """Deliver the change and paint the table synchronously, so paint time is counted."""
        app.processEvents()
        page.form.table.viewport().repaint()

    for label, text in (("search 'z'", "z"), ("search 'zs'", "zs"), ("search name", "王"),
                        ("search pinyin", "wang"), ("clear", "")):
        started = time.perf_counter()
        page.form.searchEdit.setText(text)
        settle()
        figures[label] = (time.perf_counter() - started) * 1000
    combo = page.form.branchCombo
    started = time.perf_counter()
    combo.setCurrentIndex(1)
    settle()
    figures["branch filter"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    page.refresh()
    settle()
    figures["reload roster"] = (time.perf_counter() - started) * 1000
    figures["rows"] = page.model.rowCount()
    store.close()
    return figures


def main() -> None:
    ledger = bench_ledger()
    bare, shown, ratio = cold_start(ledger)
    print(f"cold start, bare PySide6 window : {bare:.2f} s (median of 5)")
    print(f"cold start, Shilu main window   : {shown:.2f} s  "
          f"ratio {ratio:.2f} (median of pairwise ratios; target ≤ 1.5)")
    figures = filter_latency(ledger)
    rows = figures.pop("rows")
    for label, ms in figures.items():
        print(f"roster {label:<14}: {ms:6.1f} ms over {rows} rows (target < 50 ms)")


if __name__ == "__main__":
    main()
