"""GUI figures, each beside its target and an anchor measured in the same run (issue 16). Run by
hand: `python bench/bench_gui.py` (offscreen unless a display).

- Cold start to the main window shown, on the 300-member, 10-year ledger, against a bare PySide6
  window (bench/bare_window.py): fresh interpreters, bare and app alternated (A B A B …) so
  machine drift hits both; medians of wall, CPU and of the pairwise ratios; target ≤ 1.5× wall.
  首页 filled (its figures computed on the worker) is printed beside: the user's whole wait.
- The roster at 300 and 3,000 members: branch filter, first keystroke on a fresh page, a keystroke,
  reload (unchanged ledger, one member edited, everything). "model" is the synchronous work of
  the change, wall and CPU; the target (< 10 ms at 300, < 50 ms at 3,000) is judged on CPU, which
  the other work on a shared machine inflates least. "shown" adds delivering the change and
  repainting the table, beside the anchor: the same repaint of the unchanged table. Beside them,
  without a target: the page built and first shown while no name's pinyin is known yet (the
  process's first visit to 花名册, pypinyin itself already imported), the one time each name's
  search and sort keys are made.

Children run from compiled bytecode cached under /tmp/shilu-bench/pycache, as an installed app
does (with PYTHONDONTWRITEBYTECODE=1 each would compile every module of the app again).
"""
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

from bench.ledger import CACHE, bench_ledger  # noqa: E402
from bench.record import emit  # noqa: E402

START_RATIO_TARGET = 1.5
FILTER_TARGET_MS = {300: 10.0, 3000: 50.0}
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHILD_ENV.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(CACHE / "pycache"))

# A fresh interpreter each time: "cold" includes importing Qt and the app. The child prints the
# clock, its CPU seconds and peak RSS (KiB) when the window is shown ("window") or when 首页 has
# its figures ("home"), then quits; what it does after is not counted.
SHOW_APP = """
import os, resource, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
app = QApplication(sys.argv)
from desktop_app.ui import app as shilu
def said(parent, title, text, *rest):       # e.g. the ledger is in use by another bench: stop
    print(f"{title}：{text}", file=sys.stderr, flush=True)
    os._exit(3)
QMessageBox.critical = QMessageBox.warning = staticmethod(said)
def ready():
    for w in app.topLevelWidgets():
        if type(w).__name__ == "MainWindow" and w.isVisible():
            if sys.argv[2] == "window":
                return True
            home = sys.modules.get("desktop_app.ui.pages.home_page")
            return home is not None and any(p.board is not None
                                            for p in w.findChildren(home.HomePage))
    return False
def quit_when_ready():
    if ready():
        print(time.time(), time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
              flush=True)
        app.quit()
    else:
        QTimer.singleShot(1, quit_when_ready)
QTimer.singleShot(0, quit_when_ready)
shilu.run_gui(Path(sys.argv[1]), demo=False)
"""


def timed(args: list[str]) -> tuple[float, float, float]:
    """(wall s from starting the process to the moment it printed, its CPU s then, peak MB)."""
    started = time.time()
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          env=CHILD_ENV, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"the app did not start: {done.stderr.strip().splitlines()[-1:]}")
    out = done.stdout.split()
    return float(out[-3]) - started, float(out[-2]), int(out[-1]) / 1024


def bare() -> tuple[float, float, float]:
    return timed([str(ROOT / "bench" / "bare_window.py")])


def app(ledger: Path, until: str) -> tuple[float, float, float]:
    return timed(["-c", SHOW_APP, str(ledger), until])


def median(values) -> float:
    return statistics.median(list(values))


def cold_start(ledger: Path, runs: int = 5) -> dict:
    bare(), app(ledger, "window"), app(ledger, "home")     # warm the disk cache and the bytecode
    pairs = [(bare(), app(ledger, "window")) for _ in range(runs)]
    homes = [app(ledger, "home") for _ in range(3)]
    return {"bare": [median(b[i] for b, _ in pairs) for i in range(3)],
            "window": [median(a[i] for _, a in pairs) for i in range(3)],
            "ratio": median(a[0] / b[0] for b, a in pairs),
            "cpu_ratio": median(a[1] / b[1] for b, a in pairs),
            "home": [median(h[i] for h in homes) for i in range(3)]}


def roster_figures(ledger: Path, repeats: int = 9) -> dict[str, tuple[float, float, float]]:
    """Milliseconds (model wall, model CPU, shown wall) per roster action, medians; "anchor" is
    the repaint alone."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.store import open_store
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.pages.roster_page import RosterPage
    from desktop_app.ui.worker import Worker

    qt = QApplication.instance() or QApplication([])
    store = open_store(ledger, actor="bench")
    ctx = AppContext(store, Worker())

    def new_page() -> RosterPage:
        page = RosterPage(ctx)
        page.resize(1100, 700)
        page.show()
        qt.processEvents()
        return page

    def once(page: RosterPage, action) -> tuple[float, float, float]:
        started, cpu = time.perf_counter(), time.process_time()
        action()
        model, model_cpu = time.perf_counter(), time.process_time()
        qt.processEvents()
        page.form.table.viewport().repaint()
        return ((model - started) * 1000, (model_cpu - cpu) * 1000,
                (time.perf_counter() - started) * 1000)

    def medians(runs) -> tuple[float, float, float]:
        return tuple(median(run[i] for run in runs) for i in range(3))

    def measured(page: RosterPage, actions) -> tuple[float, float, float]:
        return medians([once(page, actions[i % len(actions)]) for i in range(repeats)])

    from desktop_app.core import pinyin_keys
    figures = {}
    cold = []
    for _ in range(3):
        for cached in (pinyin_keys.syllables, pinyin_keys.search_keys, pinyin_keys.sort_key):
            cached.cache_clear()
        started, cpu = time.perf_counter(), time.process_time()
        page = new_page()
        cold.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000,
                     (time.perf_counter() - started) * 1000))
        page.close()
        page.deleteLater()
    figures["first shown, names new"] = medians(cold)
    first = []
    for _ in range(3):
        page = new_page()
        first.append(once(page, lambda: page.form.searchEdit.setText("w")))
        page.close()
        page.deleteLater()
    figures["first keystroke"] = medians(first)
    page = new_page()
    edit, combo = page.form.searchEdit, page.form.branchCombo
    figures["anchor"] = measured(page, [lambda: None])
    figures["branch filter"] = measured(page, [lambda: combo.setCurrentIndex(1),
                                               lambda: combo.setCurrentIndex(2)])
    combo.setCurrentIndex(0)
    figures["keystroke"] = measured(page, [lambda: edit.setText("z"), lambda: edit.setText("zs"),
                                           lambda: edit.setText("z"), lambda: edit.setText("")])
    figures["reload, unchanged"] = measured(page, [page.refresh])
    one = page.model.row_at(0).id
    figures["reload, one edited"] = measured(page, [lambda: page._member_saved(one)])
    figures["reload, full"] = measured(page, [page.reload])
    figures["rows"] = (page.model.total(), 0, 0)
    page.close()
    store.close()
    return figures


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    ledger = bench_ledger()
    start = cold_start(ledger)
    (bw, bc, bm), (aw, ac, am), (hw, hc, hm) = start["bare"], start["window"], start["home"]
    print("cold start, 300 members × 10 years (median of 5 pairs; wall s / CPU s / peak MB)")
    print(f"  bare PySide6 window (anchor) : {bw:5.2f} / {bc:5.2f} / {bm:4.0f}")
    print(f"  Shilu main window shown      : {aw:5.2f} / {ac:5.2f} / {am:4.0f}   ratio "
          f"{start['ratio']:.2f}× wall, {start['cpu_ratio']:.2f}× CPU   target ≤ "
          f"{START_RATIO_TARGET}× wall   {verdict(start['ratio'] <= START_RATIO_TARGET)}")
    print(f"  首页 filled (its figures)    : {hw:5.2f} / {hc:5.2f} / {hm:4.0f}   "
          f"{hw / bw:.1f}× the bare window (no target: the whole wait)")
    emit("GUI cold start vs bare window", round(start["ratio"], 2), "×",
         target=f"≤ {START_RATIO_TARGET}×", ok=start["ratio"] <= START_RATIO_TARGET,
         anchor=f"bare window {bw:.2f} s wall, {bc:.2f} s CPU",
         note=f"window shown {aw:.2f} s wall, {ac:.2f} s CPU ({start['cpu_ratio']:.2f}× CPU)",
         scale=("start-up", "300×10"))
    emit("GUI memory, 10-year ledger open", round(hm), "MB", target="< 250 MB", ok=hm < 250,
         anchor=f"bare window {bm:.0f} MB",
         note=f"peak RSS with 首页 filled, 300×10 ledger; {am:.0f} MB at the window shown")
    emit("首页 filled after a cold start", round(hw, 2), "s", anchor=f"bare window {bw:.2f} s",
         note=f"{hc:.2f} s CPU, {hm:.0f} MB; computed on the worker (no target)")
    for members, years in ((300, 10), (3000, 1)):
        figures = roster_figures(bench_ledger(members=members, years=years))
        rows = int(figures.pop("rows")[0])
        anchor = figures.pop("anchor")[2]
        target = FILTER_TARGET_MS[members]
        print(f"roster, {members} members ({rows} rows; model wall / CPU ms, then shown with the "
              f"repaint); anchor: repainting the unchanged table {anchor:.1f} ms")
        cold = figures.pop("first shown, names new")
        print(f"  first shown, names new: {cold[0]:6.0f} / {cold[1]:6.0f} ms (built and shown; "
              f"each name's pinyin made once; no target)")
        emit(f"花名册 first shown, names new, {members} members", round(cold[1]), "ms CPU",
             note=f"{cold[0]:.0f} ms wall; the page built and shown, every name's pinyin keys "
                  f"made (pypinyin already imported)")
        for label, (model, cpu, shown) in figures.items():
            print(f"  {label:<18}: model {model:6.1f} / {cpu:6.1f}  target < {target:.0f} ms "
                  f"{verdict(cpu < target):>6}   shown {shown:6.1f}")
            emit(f"roster {label}, {members} members", round(cpu, 1), "ms CPU",
                 target=f"< {target:.0f} ms", ok=cpu < target,
                 anchor=f"repainting the table {anchor:.1f} ms",
                 note=f"model {model:.1f} ms wall; shown with the repaint {shown:.1f} ms",
                 scale=("filter", f"{members}×{years}") if label == "keystroke" else None)


if __name__ == "__main__":
    main()
