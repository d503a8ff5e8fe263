"""Disclosure figures on the cached 300-member, 10-year bench ledger: the year's checklist, and
each board printable from the ledger (build the data, then the A4 and A3 PDFs).

    /tmp/venv/bin/python bench/bench_disclosure.py
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ledger import bench_ledger, timed  # noqa: E402
from desktop_app.core import orgs, periods  # noqa: E402
from desktop_app.core.disclosure import boards, checklist, items  # noqa: E402
from desktop_app.core.exports import board_pdf  # noqa: E402
from desktop_app.core.scoring import pioneer  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402



def main() -> None:
    work = Path(tempfile.mkdtemp())
    shutil.copy(bench_ledger(), work / "ledger.sqlite")
    store = open_store(work / "ledger.sqlite", actor="bench")
    root, branch = orgs.by_code(store, "DEMO").id, orgs.by_code(store, "DEMO-01").id
    year = int(store.query_one("SELECT max(held_on) AS d FROM meetings")["d"][:4]) - 1
    timed(f"checklist {year} (14 items)", lambda: checklist.checklist(store, root, year))
    pioneer.publish(store, branch, f"{year}H1", f"{year}-07-08")
    cases = [(root, 2, periods.year(year)), (root, 3, periods.year(year)),
             (root, 5, periods.year(year)), (branch, 6, periods.parse_period(f"{year}H1"))]
    for org, number, period in cases:
        item = items.find(store, org, number)
        board = timed(f"board {number}: data", lambda: boards.build(store, org, item, period,
                                                                     f"{year}-12-20"))
        for paper in ("A4", "A3"):
            timed(f"board {number}: {paper} PDF",
                  lambda: board_pdf.write_pdf(board, work / f"{number}{paper}.pdf", paper))
    store.close()
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
