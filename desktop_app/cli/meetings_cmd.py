"""`shilu meetings list --period P [--kind K] [--org CODE]` and `shilu search TEXT`."""
from __future__ import annotations

import sys

from desktop_app.core import orgs
from desktop_app.core.meetings import attendance, kinds, records, search
from desktop_app.core.periods import parse_period


def register(subparsers) -> None:
    group = subparsers.add_parser("meetings", help="会议记录（三会一课、主题党日等）")
    commands = group.add_subparsers(dest="meetings_command", metavar="SUBCOMMAND", required=True)
    listing = commands.add_parser("list", help="列出某一期间的会议记录")
    listing.add_argument("--period", required=True,
                         help="期间：2025、2025H1、2025Q3、2025-07（也可写 2025年第3季度）")
    listing.add_argument("--kind", choices=kinds.MEETING_KINDS, help="只列出这一类会议")
    listing.add_argument("--org", help="组织代码（含其下属党小组；默认全部）")
    listing.set_defaults(func=run_list)

    finder = subparsers.add_parser("search", help="全文检索会议记录（标题、议题、记录内容、人名）")
    finder.add_argument("text", nargs="+", help="检索词，多个词须同时出现")
    finder.add_argument("--limit", type=int, default=50, help="最多显示多少条")
    finder.set_defaults(func=run_search)


def run_list(store, args) -> int:
    try:
        period = parse_period(args.period)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    org_id = orgs.by_code(store, args.org).id if args.org else None
    found = records.find(store, period.start, period.end, org_id=org_id, kind=args.kind)
    print(f"{period.label}：{len(found)} 条会议记录")
    for meeting in found:
        counts = attendance.summary(store, meeting.id)
        print(f"{meeting.id:>6}  {meeting.held_on}  {meeting.kind:<6}  {meeting.title}  "
              f"应到 {counts.expected} 实到 {counts.present} 请假 {counts.on_leave} "
              f"缺席 {counts.absent}  出席率 {counts.rate_text}")
    return 0


def run_search(store, args) -> int:
    hits = search.search(store, " ".join(args.text), limit=args.limit)
    print(f"找到 {len(hits)} 条" + ("（只显示前 %d 条）" % args.limit if len(hits) == args.limit else ""))
    for hit in hits:
        print(f"{hit.meeting_id:>6}  {hit.held_on}  {hit.kind:<6}  {hit.org_name}  {hit.title}"
              + (f"  …{hit.excerpt}" if hit.excerpt else ""))
    return 0
