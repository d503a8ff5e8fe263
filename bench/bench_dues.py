"""Bench: the 党费 page's work on the cached 300-member × 10-year ledger — the year grid of a
branch, its arrears counted from where the record starts (no look-back window, so ten years of
payments may be read), the 体检 of a quarter (whose arrears rule now reads the same history),
and saving a month's sheet for the whole branch. Targets: grid and arrears < 300 ms each (they
run on the GUI thread), a month's sheet < 2 s (on the worker).
Run by hand: /work/main/.venv/bin/python bench/bench_dues.py
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ledger import bench_ledger, timed  # noqa: E402
from desktop_app.core import orgs  # noqa: E402
from desktop_app.core.dues import arrears, collection, ledger  # noqa: E402
from desktop_app.core.dues.months import add_months  # noqa: E402
from desktop_app.core.periods import parse_period  # noqa: E402
from desktop_app.core.rules.engine import check, profile_for  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.sqlite"
        shutil.copy(bench_ledger(), path)
        store = open_store(path, actor="bench")
        today = date.today().isoformat()
        year = int(today[:4])
        branch = next(o for o in orgs.all_orgs(store) if o.kind == "党支部")
        grid = timed(f"year grid {branch.name} {year} (target < 300)",
                     lambda: collection.year_grid(store, branch.id, year, today))
        print(f"  {len(grid.rows)} members")
        report = timed("arrears, no look-back window (target < 300)",
                       lambda: arrears.arrears(store, branch.id, add_months(today[:7], -1)))
        print(f"  {len(report.arrears)} in arrears, longest run "
              f"{max((a.longest_run for a in report.arrears), default=0)}")
        quarter = f"{year}Q{(int(today[5:7]) + 2) // 3}"
        timed(f"体检 {branch.name} {quarter}",
              lambda: check(store, branch.id, parse_period(quarter), today=today))
        month = add_months(today[:7], 1)           # a month nobody has paid yet
        for member_id in ledger.due_in(store, branch.id, month):
            if ledger.monthly_fen(store, member_id, month) is None:
                ledger.set_base(store, profile_for(store, branch.id).dues_standard, member_id,
                                int(month[:4]), "在职", 400000)
        done = timed(f"save the {month} sheet (target < 2000)",
                     lambda: collection.collect_month(store, branch.id, month, f"{month}-05"))
        print(f"  {len(done.receipts)} receipts")
        store.close()


if __name__ == "__main__":
    main()
