"""The upstream workstation's trend (issue 15 part 3): `trend.series` over an upstream history of
N branches × 12 quarters, all branches and one branch, beside an anchor measured in the same run —
a bare scan of the same join (the floor any reading of the history pays). Rows are written straight
into the history's tables (the figures of real bundles, cloned), so no bundle is verified here.

    python bench/bench_trend.py [1000 10000]
"""
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.bundle import trend  # noqa: E402
from desktop_app.core.bundle.history import History  # noqa: E402

SIZES = [1_000, 10_000]
QUARTERS = [(f"{y}Q{q}", f"{y}-{3 * q - 2:02d}-01", f"{y}-{3 * q:02d}-28")
            for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)]


def fill(history: History, branches: int) -> None:
    status = json.dumps({"逾期": 2, "缺失": 1, "即将到期": 3, "达标": 12}, ensure_ascii=False)
    with history.conn:
        for b in range(branches):
            code = f"B{b:05d}"
            for n, (period, start, end) in enumerate(QUARTERS):
                digest = f"{code}-{period}"
                history.conn.execute(
                    "INSERT INTO seen VALUES (?,?,?,?,?,?,NULL,?,?,NULL,NULL,NULL,?,?,?)",
                    [digest, code, digest, period, start, end, 100 + n, "h" * 64, "fp",
                     f"{digest}.zip", "2026-01-15"])
                history.conn.execute("INSERT INTO figures VALUES (?,?,?,?,?,?,?)",
                                     [digest, f"第{b}党支部", period, 17, 18, 40 + n, status])


def timed(call, rounds: int = 3) -> tuple[float, float]:
    """Best wall and CPU seconds of `rounds` calls."""
    best = (float("inf"), float("inf"))
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def main(sizes: list[int]) -> None:
    for branches in sizes:
        with tempfile.TemporaryDirectory() as folder:
            history = History(Path(folder) / "h.sqlite")
            fill(history, branches)
            scan = "SELECT * FROM seen s JOIN figures f ON f.digest = s.digest ORDER BY s.org_code"
            anchor = timed(lambda: sum(1 for _ in history.conn.execute(scan)))
            everyone = timed(lambda: sum(1 for _ in trend.series(history)))
            one = timed(lambda: list(trend.series(history, f"B{branches // 2:05d}")), rounds=20)
            history.close()
        rows = branches * len(QUARTERS)
        print(f"{branches:>6} branches ({rows} rows): all {everyone[0]:.3f} s wall / {everyone[1]:.3f} s "
              f"CPU ({everyone[1] / anchor[1]:.1f}× the bare scan's CPU, {anchor[1]:.3f} s); one branch "
              f"{one[0] * 1000:.1f} ms; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or SIZES)
