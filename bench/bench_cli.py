"""Command-line figures of issue #16, each beside its anchor measured in the same run (A/B runs
alternate; medians of ROUNDS, because the machine is shared):

- `shilu --help` against `python -c pass` (target ≤ 0.15 s);
- one-page 公开栏 board (`shilu board 2`), the whole process, against LibreOffice converting a
  286-row table to PDF (target ≤ 0.33× LibreOffice), when `soffice` is installed;
- `shilu check` of one branch for one year, the whole process (no target: start-up's share of
  a quick command, beside `python -c pass`).

Wall time and CPU time (the child's and its children's) are both printed; the verdict uses wall
time, as the user waits it. Children run from bytecode compiled once under the bench cache, as an
installed app does (PYTHONDONTWRITEBYTECODE would have each run compile the app again).

    python bench/bench_cli.py
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ledger import CACHE, bench_ledger  # noqa: E402
from bench.record import emit  # noqa: E402

ROUNDS = 5
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(CACHE / "pycache"))
SHILU = [sys.executable, "-m", "desktop_app"]
HELP_TARGET, BOARD_TARGET = 0.15, 0.33


def run(command: list[str]) -> tuple[float, float]:
    """(wall s, CPU s) of one run of `command`, start to exit (output discarded; must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=ENV, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def alternate(a: list[str], b: list[str]) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, CPU) medians of `a` and of `b`, run in turn so load on the machine falls on both."""
    run(a), run(b)                                     # warm the file cache and the bytecode
    times = [(run(a), run(b)) for _ in range(ROUNDS)]
    return tuple(tuple(statistics.median(t[k][i] for t in times) for i in (0, 1))
                 for k in (0, 1))


def main() -> None:
    work = Path(tempfile.mkdtemp())
    ledger = work / "ledger.sqlite"
    shutil.copy(bench_ledger(), ledger)
    (anchor, anchor_cpu), (helped, helped_cpu) = alternate([sys.executable, "-c", "pass"],
                                                           SHILU + ["--help"])
    print(f"{'shilu --help':<34} {helped:6.2f} s, {helped_cpu:.2f} s CPU  (python -c pass "
          f"{anchor:.2f} s; own {helped - anchor:.2f} s)  target ≤ {HELP_TARGET} s")
    emit("shilu --help", helped, "s", target=f"≤ {HELP_TARGET} s", ok=helped <= HELP_TARGET,
         anchor=f"python -c pass {anchor:.2f} s", note=f"{helped_cpu:.2f} s CPU")
    year = "2024"
    board = SHILU + ["--db", str(ledger), "board", "2", "--org", "DEMO", "--year", year,
                     "--posted-on", f"{year}-12-20", "-o", str(work / "board.pdf")]
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        runs = [run(board) for _ in range(3)]
        ours, ours_cpu = (statistics.median(r[i] for r in runs) for i in (0, 1))
        print(f"{'board 2, whole process':<34} {ours:6.2f} s, {ours_cpu:.2f} s CPU"
              "  (LibreOffice not installed: no anchor)")
        emit("公开栏 board 2, whole process", ours, "s", target=f"≤ {BOARD_TARGET}× LibreOffice",
             note=f"{ours_cpu:.2f} s CPU; LibreOffice not installed, no anchor")
    else:
        table = work / "table.csv"
        table.write_text("\n".join(f"{n},党员{n},第一党支部,2001-07-01,在册" for n in range(286)),
                         encoding="utf-8")
        convert = [office, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(table)]
        (ours, ours_cpu), (theirs, theirs_cpu) = alternate(board, convert)
        print(f"{'board 2, whole process':<34} {ours:6.2f} s, {ours_cpu:.2f} s CPU  (LibreOffice "
              f"{theirs:.2f} s, {theirs_cpu:.2f} s CPU; {ours / theirs:.2f}× wall, "
              f"{ours_cpu / theirs_cpu:.2f}× CPU)  target ≤ {BOARD_TARGET}×")
        emit("公开栏 board 2 vs LibreOffice", ours / theirs, "×", target=f"≤ {BOARD_TARGET}×",
             ok=ours / theirs <= BOARD_TARGET,
             anchor=f"LibreOffice 286-row table → PDF {theirs:.2f} s",
             note=f"ours {ours:.2f} s; CPU {ours_cpu:.2f} vs {theirs_cpu:.2f} s "
                  f"({ours_cpu / theirs_cpu:.2f}×)")
    check = SHILU + ["--db", str(ledger), "check", "--org", "DEMO-01", "--period", year,
                     "--today", f"{year}-12-20"]
    (anchor, _), (checked, checked_cpu) = alternate([sys.executable, "-c", "pass"], check)
    print(f"{'check, one branch, one year':<34} {checked:6.2f} s, {checked_cpu:.2f} s CPU  "
          f"(python -c pass {anchor:.2f} s)")
    emit("shilu check, one branch and year, whole process", checked, "s",
         anchor=f"python -c pass {anchor:.2f} s", note=f"{checked_cpu:.2f} s CPU")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
