"""Bench: 先锋指数 for a half year, publishing it, and a branch's star rating, on the cached
300-member × 10-year ledger. Targets: evaluate < 300 ms per branch, stars for the 党委 and its
branches < 2 s (both run behind the worker, but the page should feel immediate).
Run by hand: /tmp/venv/bin/python bench/bench_pioneer.py
"""
from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ledger import bench_ledger  # noqa: E402
from desktop_app.core import orgs  # noqa: E402
from desktop_app.core.scoring import pioneer, stars  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402


def timed(func, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.sqlite"
        shutil.copy(bench_ledger(), path)
        store = open_store(path, actor="bench")
        last = date.today().year - 1
        branch = next(o for o in orgs.all_orgs(store) if o.kind == "党支部")
        root = orgs.root(store)
        result = pioneer.evaluate(store, branch.id, f"{last}H1")
        ms = timed(lambda: pioneer.evaluate(store, branch.id, f"{last}H1"))
        print(f"evaluate {branch.name} {last}H1 ({len(result.members)} members): {ms:.0f} ms "
              f"(target < 300 ms)")
        ms = timed(lambda: pioneer.evaluate(store, root.id, f"{last}H1"))
        print(f"evaluate the whole 党委 {last}H1: {ms:.0f} ms")
        started = time.perf_counter()
        pioneer.publish(store, branch.id, f"{last}H1", f"{last}-07-05")
        print(f"publish (snapshot): {(time.perf_counter() - started) * 1000:.0f} ms")
        ms = timed(lambda: stars.rate_all(store, root.id, last), repeat=3)
        print(f"stars for the 党委 and each branch, {last}: {ms:.0f} ms (target < 2000 ms)")
        store.close()


if __name__ == "__main__":
    main()
