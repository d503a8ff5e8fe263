"""Command-line figures of issue #16, each beside its anchor measured in the same run (A/B runs
alternate; medians of ROUNDS, because the machine is shared):

- `shilu --help` against `python -c pass` (target ≤ 0.15 s);
- one-page 公开栏 board (`shilu board 2`), the whole process, against LibreOffice converting a
  286-row table to PDF (target ≤ 0.33× LibreOffice), when `soffice` is installed.

    python bench/bench_cli.py
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ledger import bench_ledger  # noqa: E402

ROUNDS = 5
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
SHILU = [sys.executable, "-m", "desktop_app"]


def wall(command: list[str]) -> float:
    """Seconds one run of `command` takes, start to exit (output discarded; must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, env=ENV, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def alternate(a: list[str], b: list[str]) -> tuple[float, float]:
    """Medians of `a` and `b`, run in turn so load on the machine falls on both alike."""
    wall(a), wall(b)                                   # warm the file cache
    times = [(wall(a), wall(b)) for _ in range(ROUNDS)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def main() -> None:
    work = Path(tempfile.mkdtemp())
    ledger = work / "ledger.sqlite"
    shutil.copy(bench_ledger(), ledger)
    anchor, helped = alternate([sys.executable, "-c", "pass"], SHILU + ["--help"])
    print(f"{'shilu --help':<34} {helped:6.2f} s  (python -c pass {anchor:.2f} s; "
          f"own {helped - anchor:.2f} s)  target ≤ 0.15 s")
    year = "2024"
    board = SHILU + ["--db", str(ledger), "board", "2", "--org", "DEMO", "--year", year,
                     "--posted-on", f"{year}-12-20", "-o", str(work / "board.pdf")]
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        print(f"{'board 2, whole process':<34} {statistics.median(wall(board) for _ in range(3)):6.2f} s"
              "  (LibreOffice not installed: no anchor)")
    else:
        table = work / "table.csv"
        table.write_text("\n".join(f"{n},党员{n},第一党支部,2001-07-01,在册" for n in range(286)),
                         encoding="utf-8")
        convert = [office, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(table)]
        ours, theirs = alternate(board, convert)
        print(f"{'board 2, whole process':<34} {ours:6.2f} s  (LibreOffice {theirs:.2f} s; "
              f"{ours / theirs:.2f}×)  target ≤ 0.33×")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
