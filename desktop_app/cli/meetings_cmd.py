"""`shilu meetings add|list` and `shilu search TEXT`.

`meetings add` records a held meeting the way the editor does: everyone expected that day is
出席 unless named with --absent or --leave (members away, 流动党员, are excused automatically).
"""
from __future__ import annotations

import sys

from desktop_app.cli.period_arg import HELP as PERIOD_HELP, period
from desktop_app.core import orgs
from desktop_app.core.meetings import attendance, kinds, records, search


def register(subparsers) -> None:
    group = subparsers.add_parser("meetings", help="会议记录（三会一课、主题党日等）")
    commands = group.add_subparsers(dest="meetings_command", metavar="SUBCOMMAND", required=True)
    add = commands.add_parser("add", help="登记一次会议（应到人员默认出席，只写例外）")
    add.add_argument("--org", required=True, help="召开会议的组织代码（党小组会用党小组的代码）")
    add.add_argument("--kind", required=True, choices=kinds.MEETING_KINDS, help="会议类型")
    add.add_argument("--date", required=True, help="会议日期")
    add.add_argument("--topic", required=True, help="议题")
    add.add_argument("--title", help="标题（默认按类型和日期生成）")
    add.add_argument("--minutes-file", help="会议记录正文（UTF-8 文本文件）")
    add.add_argument("--absent", nargs="+", default=[], metavar="姓名", help="缺席的党员")
    add.add_argument("--leave", nargs="+", default=[], metavar="姓名:原因", help="请假的党员及原因")
    add.add_argument("--lecturer", help="主讲人（党课必填）")
    add.add_argument("--hours", type=float, help="学时（默认按会议类型）")
    add.add_argument("--day-kind", choices=kinds.DAY_KINDS, help="主题党日：学习日、服务日、关爱日")
    add.add_argument("--reason", help="更正原因（日期在已封存期间内时必填）")
    add.set_defaults(func=run_add)

    listing = commands.add_parser("list", help="列出某一期间的会议记录")
    listing.add_argument("--period", required=True, type=period,
                         help=f"{PERIOD_HELP}（也可写 2025年第3季度）")
    listing.add_argument("--kind", choices=kinds.MEETING_KINDS, help="只列出这一类会议")
    listing.add_argument("--org", help="组织代码（含其下属党小组；默认全部）")
    listing.set_defaults(func=run_list)

    finder = subparsers.add_parser("search", help="全文检索会议记录（标题、议题、记录内容、人名）")
    finder.add_argument("text", nargs="+", help="检索词，多个词须同时出现")
    finder.add_argument("--limit", type=int, default=50, help="最多显示多少条")
    finder.set_defaults(func=run_search)


def run_add(store, args) -> int:
    from pathlib import Path

    from desktop_app.core import members
    from desktop_app.core.dates import parse_date
    from desktop_app.core.meetings.attendance import Mark
    from desktop_app.core.store import StoreError
    org = orgs.by_code(store, args.org)
    try:
        held_on = parse_date(args.date)
    except ValueError as exc:
        print(f"错误：--date {exc}", file=sys.stderr)
        return 1
    meeting = records.new(store, org.id, args.kind, held_on, day_kind=args.day_kind)
    meeting.topic, meeting.lecturer = args.topic, args.lecturer
    meeting.title = args.title or meeting.title
    if args.hours is not None:
        meeting.study_hours = args.hours
    if args.minutes_file:
        try:
            meeting.minutes = Path(args.minutes_file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"错误：无法读取会议记录文件 {args.minutes_file}"
                  f"（{'不是 UTF-8 文本' if isinstance(exc, UnicodeDecodeError) else exc.strerror}）",
                  file=sys.stderr)
            return 1
    sheet = {m.member_id: m for m in attendance.present_sheet(store, org.id, args.kind, held_on)}
    problems = []
    exceptions = [(name, kinds.ABSENT, None) for name in args.absent]
    exceptions += [(name, kinds.ON_LEAVE, why) for name, _, why in
                   (item.replace("：", ":").partition(":") for item in args.leave)]
    for name, status, why in exceptions:
        try:
            member = members.by_name(store, name.strip())
        except StoreError as exc:
            problems.append(str(exc))
            continue
        if member.id not in sheet:
            problems.append(f"{member.name} 不是 {held_on} {org.name}{args.kind}的应到人员")
        else:
            sheet[member.id] = Mark(member.id, status, (why or "").strip() or None)
    if problems:
        print("错误：" + "；".join(problems), file=sys.stderr)
        return 1
    meeting_id = records.save(store, meeting, list(sheet.values()), reason=args.reason)
    counts = attendance.summary(store, meeting_id)
    print(f"已登记 #{meeting_id} {meeting.held_on} {meeting.kind} {meeting.title}：应到 "
          f"{counts.expected} 实到 {counts.present} 请假 {counts.on_leave} 缺席 {counts.absent}")
    return 0


def run_list(store, args) -> int:
    period = args.period
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
