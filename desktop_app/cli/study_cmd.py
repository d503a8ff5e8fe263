"""`shilu study add|edit|delete|list|import|opening`: 学时 outside meetings (街道培训, 网上党校, 学习强国) and
the year's opening balance."""
from __future__ import annotations

import sys

from desktop_app.cli.period_arg import HELP as PERIOD_HELP, period
from desktop_app.core.study.entries import SOURCES


def register(subparsers) -> None:
    group = subparsers.add_parser("study", help="党员学时：培训、网上党校、学习强国，期初学时")
    commands = group.add_subparsers(dest="study_command", metavar="SUBCOMMAND", required=True)

    add = commands.add_parser("add", help="登记一次学习（多名党员参加同一培训只登记一次）")
    add.add_argument("--date", required=True, help="日期")
    add.add_argument("--hours", required=True, help="每人学时")
    add.add_argument("--title", required=True, help="培训或课程名称")
    add.add_argument("--organiser", help="主办单位")
    add.add_argument("--kind", choices=SOURCES, help="类别")
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--members", nargs="+", metavar="姓名", help="参加的党员（姓名或 #编号）")
    who.add_argument("--all-of", metavar="CODE", help="该组织（含党小组）当日在册的全体党员")
    add.add_argument("--reason", help="更正原因（日期在已封存期间内时必填）")
    add.set_defaults(func=run_add)

    edit = commands.add_parser("edit", help="修改一次学习记录（编号见 study list）；只改写出的项")
    edit.add_argument("id", type=int, help="学习记录编号")
    edit.add_argument("--date", help="日期")
    edit.add_argument("--hours", help="每人学时")
    edit.add_argument("--title", help="培训或课程名称")
    edit.add_argument("--organiser", help="主办单位")
    edit.add_argument("--kind", choices=SOURCES, help="类别")
    edit.add_argument("--members", nargs="+", metavar="姓名", help="参加的党员（全部重列）")
    edit.add_argument("--reason", help="更正原因（日期在已封存期间内时必填）")
    edit.set_defaults(func=run_edit)

    delete = commands.add_parser("delete", help="删除一次学习记录（编号见 study list）")
    delete.add_argument("id", type=int, help="学习记录编号")
    delete.add_argument("--reason", help="更正原因（日期在已封存期间内时必填）")
    delete.set_defaults(func=run_delete)

    listing = commands.add_parser("list", help="列出某一期间的学习记录")
    listing.add_argument("--period", required=True, type=period, help=PERIOD_HELP)
    listing.set_defaults(func=run_list)

    imp = commands.add_parser("import", help="从 .xlsx 导入学时（每行一人一次；有错误则整表不导入）")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    imp.set_defaults(func=run_import)

    opening = commands.add_parser("opening", help="期初学时：启用日期之前本年已取得的学时")
    opening.add_argument("member", help="姓名或 #编号")
    opening.add_argument("--year", type=int, required=True, help="年度")
    opening.add_argument("--hours", required=True, help="已取得的学时")
    opening.add_argument("--as-of", required=True, help="截至日期（启用日期）")
    opening.add_argument("--reason", help="更正原因（日期在已封存期间内时必填）")
    opening.set_defaults(func=run_opening)


def run_add(store, args) -> int:
    from desktop_app.core import members, orgs
    from desktop_app.core.dates import parse_date
    from desktop_app.core.study import entries
    from desktop_app.core.study.entries import StudyEntry
    if args.all_of:
        org = orgs.by_code(store, args.all_of)
        try:
            on_date = parse_date(args.date)
        except ValueError as exc:
            print(f"错误：--date {exc}", file=sys.stderr)
            return 1
        ids = [m.id for m in members.expected_on(store, org.id, on_date)]
    else:
        ids = [members.by_name(store, name).id for name in args.members]
    entry = StudyEntry(args.date, args.hours, args.title, ids, args.organiser, args.kind)
    entries.add(store, entry, reason=args.reason)
    print(f"已登记：{entry.held_on} {entry.title} {entry.hours:g} 学时，{len(ids)} 人")
    return 0


def run_edit(store, args) -> int:
    from desktop_app.core import members
    from desktop_app.core.study import entries
    entry = entries.get(store, args.id)
    for field, value in (("held_on", args.date), ("hours", args.hours), ("title", args.title),
                         ("organiser", args.organiser), ("source", args.kind)):
        if value is not None:
            setattr(entry, field, value)
    if args.members:
        entry.member_ids = [members.by_name(store, name).id for name in args.members]
    entries.update(store, entry, reason=args.reason)
    print(f"已修改：{entry.held_on} {entry.title} {entry.hours:g} 学时，{len(entry.member_ids)} 人")
    return 0


def run_delete(store, args) -> int:
    from desktop_app.core.study import entries
    entry = entries.get(store, args.id)
    entries.delete(store, args.id, reason=args.reason)
    print(f"已删除：{entry.held_on} {entry.title}（{len(entry.member_ids)} 人）")
    return 0


def run_list(store, args) -> int:
    from desktop_app.core.study import entries
    period = args.period
    found = entries.between(store, period.start, period.end)
    names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM members")}
    print(f"{period.label}：{len(found)} 次学习")
    for e in found:
        who = "、".join(names[m] for m in e.member_ids[:8]) + (
            f" 等{len(e.member_ids)}人" if len(e.member_ids) > 8 else "")
        print(f"{e.id:>5}  {e.held_on}  {e.hours:g} 学时  {e.title}  {e.source or ''}  "
              f"{e.organiser or ''}  {who}")
    return 0


def run_import(store, args) -> int:
    from desktop_app.core.study import importer
    plan = importer.read(store, args.file)
    people = sum(len(e.member_ids) for e in plan.entries)
    if args.dry_run:
        print(f"检查通过（未写入）：{plan.rows} 行，{len(plan.entries)} 次学习，{people} 人次")
        return 0
    importer.apply(store, plan)
    print(f"已导入：{len(plan.entries)} 次学习，{people} 人次")
    return 0


def run_opening(store, args) -> int:
    from desktop_app.core import members
    from desktop_app.core.study import openings
    member = members.by_name(store, args.member)
    openings.set_opening(store, member.id, args.year, args.hours, args.as_of, reason=args.reason)
    print(f"已记录：{member.name} {args.year} 年期初学时 {float(args.hours):g}（截至 {args.as_of} 之前）")
    return 0
