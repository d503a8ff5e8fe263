"""Bench: record validation (`meetings/validation.py`) over a 300-member × 10-year demo ledger —
every record and every role, as `shilu records check` runs it, and one record as the editor does
at save. Target: one record well under 50 ms (it runs on the GUI thread at save).
    python bench/bench_validation.py
The ledger is built fresh into a temp folder (the shared bench cache may hold an older demo)."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ledger import timed  # noqa: E402
from desktop_app.core.demo import DemoSpec, generate  # noqa: E402
from desktop_app.core.meetings.validation import ledger_problems, record_problems  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "ledger.sqlite", actor="bench")
        timed("demo ledger 300 × 10 years", lambda: generate(store, DemoSpec(300, 10, seed=1)))
        meetings = store.query_one("SELECT count(*) AS n, max(id) AS last FROM meetings")
        found = timed(f"every record ({meetings['n']}) and role", lambda: ledger_problems(store))
        timed("one record (the editor at save)", lambda: record_problems(store, meetings["last"]))
        print(f"problems found: {len(found)}")
        store.close()


if __name__ == "__main__":
    main()
