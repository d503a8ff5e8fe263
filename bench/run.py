"""Start-up and roster-filter figures, run by hand: `python bench/run.py [--runs N]`.

Start-up: the real `python -m desktop_app --db LEDGER` until its main window is shown (the app
quits at once when SHILU_EXIT_WHEN_SHOWN is set), against a bare PySide6 window in the same run,
alternating A B A B so drift hits both. Target: ratio ≤ 1.5.
Roster filter: typing into the roster page's search box on the 300-member, 10-year ledger.
Target: < 50 ms per keystroke.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.ledger import bench_ledger  # noqa: E402


def _timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, cwd=HERE.parent,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def startup(ledger: Path, runs: int) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "SHILU_EXIT_WHEN_SHOWN": "1"}
    app = [sys.executable, "-m", "desktop_app", "--db", str(ledger)]
    bare = [sys.executable, str(HERE / "bare_window.py")]
    _timed(app, env), _timed(bare, env)  # warm the file cache
    pairs = [(_timed(app, env), _timed(bare, env)) for _ in range(runs)]
    app_s = statistics.median(a for a, _ in pairs)
    bare_s = statistics.median(b for _, b in pairs)
    ratio = statistics.median(a / b for a, b in pairs)
    print(f"start-up to main window shown: shilu {app_s * 1000:.0f} ms, bare PySide6 window "
          f"{bare_s * 1000:.0f} ms, ratio {ratio:.2f} (median of {runs}; target ≤ 1.5)")


def roster_filter(ledger: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.store import open_store
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.pages.roster_page import RosterPage
    from desktop_app.ui.worker import Worker

    app = QApplication.instance() or QApplication([])
    store = open_store(ledger, actor="bench")
    page = RosterPage(AppContext(store, Worker()))
    page.show()
    app.processEvents()
    timings = []
    for text in ("w", "wa", "wan", "", "z", "zh", "张", "", "l", "li", "李"):
        started = time.perf_counter()
        page.form.searchEdit.setText(text)
        app.processEvents()
        timings.append(time.perf_counter() - started)
    print(f"roster filter per keystroke: median {statistics.median(timings) * 1000:.1f} ms, "
          f"max {max(timings) * 1000:.1f} ms over {len(timings)} keystrokes "
          f"({page.model().rowCount() if hasattr(page, 'model') else '?'} rows; target < 50 ms)")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ledger = bench_ledger()
    startup(ledger, args.runs)
    roster_filter(ledger)


if __name__ == "__main__":
    main()
