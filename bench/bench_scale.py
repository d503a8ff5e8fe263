"""The scale curve of issue 16: start-up, 体检, the yearly book and the roster filter on demo ledgers
of 30, 300 and 3,000 members over 1 and 10 years, to show how each grows with the ledger.

- start-up: the GUI's cold start to the main window shown (bench_gui's child), median of 3, as a
  ratio to the bare PySide6 window measured alternately in the same run;
- 体检: the whole 党委's compliance check for its last complete year, best of 3 (CPU ms beside);
- book: the busiest 党支部's yearly book in a fresh process (bench_book's child);
- filter: the roster's branch filter, the model's CPU ms (bench_gui's roster figures, judged on
  CPU as there), with its wall ms and the full reload's CPU ms beside.

A 3,000-member, 10-year ledger takes long to build: only with `--big`. Run by hand:
`python bench/bench_scale.py [--big]` (each new ledger size is built once and cached).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import bench_book, bench_gui  # noqa: E402
from bench.ledger import bench_ledger  # noqa: E402
from bench.record import emit, parse  # noqa: E402

SIZES = [(30, 1), (30, 10), (300, 1), (300, 10), (3000, 1)]


def start_up(ledger: Path) -> tuple[float, float]:
    """(app s, bare s): medians of 3 alternating runs, after one warm-up of each."""
    bare_script = [str(ROOT / "bench" / "bare_window.py")]
    app = ["-c", bench_gui.SHOW_APP, str(ledger), "window"]
    seconds = (lambda out: out if isinstance(out, float) else out[0])
    bench_gui.timed(bare_script), bench_gui.timed(app)
    pairs = [(seconds(bench_gui.timed(app)), seconds(bench_gui.timed(bare_script)))
             for _ in range(3)]
    return statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs)


def check(ledger: Path) -> tuple[float, float, str]:
    """(best wall ms, its CPU ms, year) of the whole 党委's check for its last complete year."""
    from desktop_app.core import orgs
    from desktop_app.core.periods import parse_period
    from desktop_app.core.rules.engine import check as run_check
    from desktop_app.core.store import open_store
    store = open_store(ledger, actor="bench")
    year = str(full_year(store))
    root = orgs.root(store).id
    runs = []
    for _ in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        run_check(store, root, parse_period(year))
        runs.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000))
    store.close()
    best = min(runs)
    return best[0], best[1], year


def full_year(store) -> int:
    """The last complete year of held meetings, or the only year there is."""
    row = store.query_one("SELECT min(held_on) AS a, max(held_on) AS b FROM meetings "
                          "WHERE status = '已召开'")
    first, last = int(row["a"][:4]), int(row["b"][:4])
    return last - 1 if last > first else last


def book(ledger: Path) -> str:
    """The bench_book child's line for the busiest 党支部's book in the ledger's last full year."""
    from desktop_app.core.store import open_store
    store = open_store(ledger, actor="bench")
    year = full_year(store)
    org, _, _ = bench_book.busiest_branch(store, year)
    store.close()
    return subprocess.run([sys.executable, bench_book.__file__, "--one", "book", str(ledger),
                           org.code, str(year)], check=True, capture_output=True, text=True,
                          env=bench_book.ENV).stdout


def branch_filter(ledger: Path) -> tuple[float, float, float]:
    """(CPU ms, wall ms) of the roster's branch filter and the CPU ms of a full reload: the
    model's work, medians (bench_gui.roster_figures)."""
    figures = bench_gui.roster_figures(ledger)
    wall, cpu, _ = figures["branch filter"]
    return cpu, wall, figures["reload, full"][1]


def main(big: bool) -> None:
    sizes = SIZES + [(3000, 10)] if big else SIZES
    for members, years in sizes:
        size = f"{members}×{years}"
        try:
            ledger = bench_ledger(members=members, years=years)
        except Exception as exc:        # the demo generator may not reach this size yet
            print(f"{size:>8}  no ledger: {exc}")
            continue
        app, bare = start_up(ledger)
        print(f"{size:>8}  start-up {app:.2f} s (bare window {bare:.2f} s, {app / bare:.2f}×)")
        emit(f"start-up {size}", app / bare, "×", anchor=f"bare window {bare:.2f} s",
             note=f"{app:.2f} s", scale=("start-up", size))
        wall, cpu, year = check(ledger)
        print(f"{size:>8}  体检 {year}: {wall:.0f} ms ({cpu:.0f} ms CPU)")
        emit(f"体检 {size}", wall, "ms", note=f"{cpu:.0f} ms CPU, year {year}",
             scale=("体检", size))
        for line in book(ledger).splitlines():
            found = parse(line)
            if found:
                print(f"{size:>8}  {found['figure']}: {found['value']:.1f} s, {found['note']}")
                emit(f"book {size}", found["value"], "s",
                     note=f"{found['figure'].split(', ', 1)[1]}; {found['note']}",
                     scale=("book", size))
        cpu, wall, reload = branch_filter(ledger)
        print(f"{size:>8}  roster branch filter {cpu:.1f} ms CPU ({wall:.1f} ms wall); "
              f"full reload {reload:.1f} ms CPU")
        emit(f"filter {size}", cpu, "ms CPU", note=f"{wall:.1f} ms wall; full reload "
             f"{reload:.1f} ms CPU", scale=("filter", size))


if __name__ == "__main__":
    main("--big" in sys.argv)
