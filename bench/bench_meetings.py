"""Meetings figures on a 300-member, 10-year demo ledger: generation, search latency, and
recording a whole-organisation attendance sheet. Run by hand:

    /tmp/venv/bin/python bench/bench_meetings.py [--members 300] [--years 10]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core import orgs  # noqa: E402
from desktop_app.core.demo import DemoSpec, generate  # noqa: E402
from desktop_app.core.meetings import attendance, records, search  # noqa: E402
from desktop_app.core.meetings.attendance import Mark  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402

QUERIES = ("党章", "红船精神", "垃圾分类 宣传", "党", "谈心谈话", "入党誓词", "老旧小区改造")


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite", actor="bench")
        built, ms = timed(generate, store, DemoSpec(members=args.members, years=args.years, seed=1))
        count = {t: store.query_one(f"SELECT count(*) AS n FROM {t}")["n"]
                 for t in ("meetings", "attendance", "followups", "audit_log")}
        print(f"demo ledger {args.members} members × {args.years} years: {ms / 1000:.1f} s "
              f"({count['meetings']} meetings, {count['attendance']} attendance marks, "
              f"{count['followups']} follow-ups, {count['audit_log']} audit entries)")
        _, ms = timed(search.rebuild, store)
        print(f"search index rebuilt from scratch: {ms:.0f} ms (the demo builds it once)")
        secretary = store.query_one("SELECT m.name FROM roles r JOIN members m ON m.id = r.member_id "
                                    "WHERE r.role = '书记' ORDER BY r.id DESC LIMIT 1")["name"]
        for query in (*QUERIES, secretary):
            runs = []
            for _ in range(20):
                hits, ms = timed(search.search, store, query)
                runs.append(ms)
            print(f"search {query!r:>14}: {len(hits):>3} hits, median {statistics.median(runs):5.1f} ms,"
                  f" max {max(runs):5.1f} ms")

        on = f"{DemoSpec().last_year}-01-03"
        meeting = records.new(store, built.root_id, "支部党员大会", on)
        expected, ms_expected = timed(attendance.expected_members, store, built.root_id,
                                      meeting.kind, on)
        sheet = [Mark(m.id) for m in expected]
        for mark in sheet[::15]:
            mark.status, mark.leave_reason, mark.approved_by = "请假", "外出务工", "书记"
        _, ms = timed(records.save, store, meeting, sheet)
        counts, ms_summary = timed(attendance.summary, store, meeting.id)
        for mark in sheet[1::20]:
            mark.status = "缺席"
        _, ms_resave = timed(attendance.record, store, meeting.id, sheet)
        _, ms_open = timed(attendance.open_work, store, built.root_id)
        print(f"attendance sheet of {len(sheet)} members ({orgs.get(store, built.root_id).name}): "
              f"应到 {ms_expected:.0f} ms, save with record {ms:.0f} ms, "
              f"实到/rate {ms_summary:.0f} ms ({counts.present}/{counts.expected} {counts.rate_text}), "
              f"re-mark {len(sheet[1::20])} {ms_resave:.0f} ms, open-work list {ms_open:.0f} ms")
        store.close()


if __name__ == "__main__":
    main()
