"""How long the year's book (PDF) and 台账 (.xlsx) take, and their peak memory, for the busiest
党支部 of the 300-member, 10-year bench ledger in its last complete year, and for the whole 党委.
Each export runs in a fresh process so its peak resident memory is its own; CPU time is given for
the export alone (on a busy machine the figure nearest an idle machine's wall time) and for the
whole process, imports included. Issue 16's target for the 党支部's book: ≤ 2 s and ≤ 150 MB.
Run by hand: `python bench/bench_book.py`."""
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.record import emit  # noqa: E402
from desktop_app.core import members, orgs  # noqa: E402
from desktop_app.core.exports import book, year_facts  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402

# The child imports no more than its export needs (openpyxl and the demo generator would add
# 30 MB to the book's peak).


def busiest_branch(store, year: int) -> tuple[orgs.Organisation, int, int]:
    found = []
    for org in orgs.all_orgs(store):
        if org.kind == "党支部":
            found.append((len(members.expected_on(store, org.id, f"{year}-12-31")),
                          len(year_facts.held_meetings(store, org.id, year)), org))
    size, meetings, org = max(found, key=lambda f: (f[0], f[1]))
    return org, size, meetings


TARGET_S, TARGET_MB = 2.0, 150
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update(PYTHONPYCACHEPREFIX="/tmp/shilu-bench/pycache")      # bench.ledger.CACHE


def peak_mb(usage) -> float:
    """This process's own peak RSS. ru_maxrss also counts the parent's memory at the fork (Linux
    keeps it across exec), which inflated a child of bench_scale, whose Qt pages had grown."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except OSError:
        return usage.ru_maxrss / 1024


def one(which: str, db: str, code: str, year: int) -> None:
    """In the child process: one export, then its wall time, peak RSS and output size."""
    store = open_store(Path(db), actor="bench")
    org = orgs.by_code(store, code)
    out = Path(tempfile.mkdtemp()) / ("book.pdf" if which == "book" else "ledger.xlsx")
    started, cpu_started = time.perf_counter(), time.process_time()
    if which == "book":
        book.write_book(store, org.id, year, out)
    else:
        from desktop_app.core.exports import ledger_xlsx
        ledger_xlsx.write_ledger(store, org.id, year, out)
    elapsed, own_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu, peak = usage.ru_utime + usage.ru_stime, peak_mb(usage)
    print(f"  {which:<8} {elapsed:6.1f} s wall  {cpu:6.1f} s CPU ({own_cpu:.1f} s in the export)  "
          f"peak RSS {peak:4.0f} MB   {out.stat().st_size / 1024:5.0f} KB")
    if which == "book":
        pages = len(re.findall(rb"/Type /Page\b", out.read_bytes()))
        branch = org.kind == "党支部"
        emit(f"yearly book, {org.kind} {code} ({pages} pages)", elapsed, "s",
             target=f"≤ {TARGET_S:.0f} s, ≤ {TARGET_MB} MB" if branch else "",
             ok=elapsed <= TARGET_S and peak <= TARGET_MB if branch else None,
             note=f"{own_cpu:.1f} s CPU in the export, {cpu:.1f} s whole process, "
                  f"peak {peak:.0f} MB")


def main() -> None:
    if len(sys.argv) == 6 and sys.argv[1] == "--one":
        one(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return
    from bench.ledger import bench_ledger
    db = bench_ledger()
    store = open_store(db, actor="bench")
    last = int(store.query_one("SELECT max(held_on) AS d FROM meetings WHERE status = '已召开'")["d"][:4])
    year = last - 1
    org, size, meetings = busiest_branch(store, year)
    top = orgs.root(store)
    cases = [(org, size, meetings), (top, len(members.expected_on(store, top.id, f"{year}-12-31")),
                                     len(year_facts.held_meetings(store, top.id, year)))]
    store.close()
    quick = "--quick" in sys.argv      # bench/run.py: the 党支部's book only
    for org, size, meetings in cases[:1] if quick else cases:
        print(f"{org.name} ({org.code}) {year}: {size} members at year end, {meetings} held meetings")
        for which in ("book",) if quick else ("book", "ledger"):
            subprocess.run([sys.executable, __file__, "--one", which, str(db), org.code,
                            str(year)], check=True, env=ENV)


if __name__ == "__main__":
    main()
