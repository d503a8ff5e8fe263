"""The benchmark ledger (300 members, 10 years, seed 1 — built once and cached under /tmp) and
the one timing line every bench prints.

The cache is named by the schema's migrations as well, so a ledger built by an older checkout
(whose migration numbers later filled in below its version) is never reused."""
from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.demo import DemoSpec, generate  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402
from desktop_app.core.store.migrations import available  # noqa: E402

CACHE = Path("/tmp/shilu-bench")


def schema_stamp() -> str:
    """Eight hex digits naming the set of migrations this checkout has."""
    names = ",".join(name for _, name in available())
    return hashlib.sha1(names.encode()).hexdigest()[:8]


def bench_ledger(members: int = 300, years: int = 10, seed: int = 1) -> Path:
    """The demo ledger of this size, built once per schema (minutes for 300 × 10 years)."""
    path = CACHE / f"ledger-{members}x{years}-{seed}-{schema_stamp()}.sqlite"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        partial = path.with_suffix(".part")
        partial.unlink(missing_ok=True)
        store = open_store(partial, actor="bench")
        generate(store, DemoSpec(members=members, years=years, seed=seed))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        partial.rename(path)
        print(f"built {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def timed(label: str, action, width: int = 40):
    """Run `action()`, print its wall time in milliseconds after `label`, return its result."""
    start = time.perf_counter()
    result = action()
    print(f"{label:<{width}} {1000 * (time.perf_counter() - start):8.0f} ms")
    return result
