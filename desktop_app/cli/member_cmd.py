"""`shilu member add|list|show|event|undo-event|move|away-life`: the roster one member at a time,
and every lifecycle event (转入, 转出, 去世, 停止党籍, 出党, 转正, 流动外出/返回, 在职党员报到).

A member is named by 姓名, or by #编号 when two share a name (`member list` shows the numbers).
"""
from __future__ import annotations

import sys

from desktop_app.core.dates import DateFormatError, parse_date, today
from desktop_app.core.errors import WordedError

EVENT_CHOICES = ("转入", "转出", "去世", "停止党籍", "出党", "转正", "流动外出", "流动返回",
                 "在职党员报到")


def register(subparsers) -> None:
    group = subparsers.add_parser("member", help="党员：新增、查看、组织关系与身份变动")
    commands = group.add_subparsers(dest="member_command", metavar="SUBCOMMAND", required=True)

    add = commands.add_parser("add", help="新增一名党员")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument("--org", required=True, help="所在党支部或党小组的组织代码")
    add.add_argument("--joined", required=True, help="入党日期")
    add.add_argument("--confirmed", help="转正日期（预备党员不填）")
    add.add_argument("--still-probationary", action="store_true",
                     help="入党已超过一年而未填转正日期时，说明确为预备党员（如延长预备期）")
    add.add_argument("--id-number", help="身份证号（性别、出生日期未填时从中读出）")
    add.add_argument("--gender", choices=("男", "女"))
    add.add_argument("--birth", help="出生日期")
    add.add_argument("--phone", help="联系电话")
    add.add_argument("--since", help="加入本组织的日期（默认入党日期）")
    add.add_argument("--transfer-from", help="从外单位转入时，原所在党组织（记为一次转入）")
    add.set_defaults(func=run_add)

    listing = commands.add_parser("list", help="列出党员及其所在组织、状态")
    listing.add_argument("--org", help="只列出这一组织（含下属党小组）的在册党员")
    listing.add_argument("--date", help="截至日期（默认今天）")
    listing.set_defaults(func=run_list)

    show = commands.add_parser("show", help="一名党员的组织、党小组、状态和变动历史")
    show.add_argument("member", help="姓名或 #编号")
    show.set_defaults(func=run_show)

    event = commands.add_parser("event", help="登记一次变动：转入、转出、去世、停止党籍、出党、转正、"
                                               "流动外出、流动返回、在职党员报到")
    event.add_argument("member", help="姓名或 #编号")
    event.add_argument("kind", choices=EVENT_CHOICES, help="变动类型")
    event.add_argument("--date", required=True, help="变动日期（离开类变动：最后在册的一天）")
    event.add_argument("--to-org", help="转入：转入本账本中哪个组织（组织代码）")
    event.add_argument("--counterpart", help="转入来自 / 转出去往 / 流入地党组织 / 报到单位")
    event.add_argument("--place", help="地点（外出地点、报到社区等）")
    event.add_argument("--cause", help="原因（外出理由、出党原因等）")
    event.add_argument("--contact", help="外出期间联系方式")
    event.add_argument("--reported-on", help="流动外出：向党组织报告的日期")
    event.add_argument("--meeting", type=int, help="转正：讨论通过的支部党员大会记录编号")
    event.add_argument("--notes", help="备注")
    event.add_argument("--reason", help="更正原因（日期在已封存期间内时必填）")
    event.set_defaults(func=run_event)

    undo = commands.add_parser("undo-event", help="撤销该党员最近一次变动（误录时），恢复变动前的状态")
    undo.add_argument("member", help="姓名或 #编号")
    undo.add_argument("--reason", required=True, help="撤销原因（记入审计日志）")
    undo.set_defaults(func=run_undo_event)

    move = commands.add_parser("move", help="调整到另一个党支部或党小组")
    move.add_argument("member", help="姓名或 #编号")
    move.add_argument("--to", required=True, help="新组织的组织代码")
    move.add_argument("--date", required=True, help="自哪一天起属于新组织")
    move.add_argument("--reason", help="更正原因（日期在已封存期间内时必填）")
    move.set_defaults(func=run_move)

    life = commands.add_parser("away-life", help="流动党员在流入地参加的组织生活")
    life.add_argument("member", help="姓名或 #编号")
    life.add_argument("--date", required=True, help="日期")
    life.add_argument("--org-name", required=True, help="流入地党组织")
    life.add_argument("--kind", required=True, help="支部党员大会、党小组会、党课、组织生活会、主题党日、其他")
    life.add_argument("--hours", type=float, default=0, help="学时")
    life.add_argument("--content", help="内容")
    life.set_defaults(func=run_away_life)


class CliInputError(WordedError):
    """A command-line value that cannot be read (shown as 错误：… by `main`)."""


def _date(value: str | None, label: str) -> str | None:
    try:
        return parse_date(value)
    except DateFormatError as exc:
        raise CliInputError(f"{label}：{exc}") from None


def _refuse(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 1


def run_add(store, args) -> int:
    from desktop_app.core import members, orgs
    from desktop_app.core.members import Member
    member = Member(args.name, gender=args.gender, birth_date=args.birth,
                    id_number=args.id_number, phone=args.phone, joined_on=args.joined,
                    confirmed_on=args.confirmed)
    org = orgs.by_code(store, args.org)
    problems = members.validate(member)
    if problems:
        return _refuse("；".join(f"{members.FIELD_LABELS[f]}：{r}" for f, r in problems))
    question = members.probation_question(member, today())
    if question and not args.still_probationary:
        return _refuse(question.replace("请说明仍为预备党员", "请加 --still-probationary 说明"))
    member_id = members.add(store, member, org.id, since=_date(args.since, "--since"),
                            transfer_from=args.transfer_from)
    saved = members.get(store, member_id)
    print(f"已新增 #{member_id} {saved.name}（{saved.gender or '性别未填'}，"
          f"{saved.category_on(today()) or '尚未入党'}）→ {org.name}")
    return 0


def run_list(store, args) -> int:
    from desktop_app.core import members, orgs
    on_date = _date(args.date, "--date") or today()
    rows = members.roster(store, on_date)
    if args.org:
        wanted = set(orgs.subtree_ids(store, orgs.by_code(store, args.org).id))
        rows = [r for r in rows if r.org_id in wanted and r.status == "在册"]
    print(f"{on_date}：{len(rows)} 人")
    for r in rows:
        print(f"#{r.id:<5} {r.name:<6} {r.category:<5} {r.status:<4} {r.org_name or '—'}"
              + ("  流动" if r.is_mobile else ""))
    return 0


def run_show(store, args) -> int:
    from desktop_app.core import member_events, members
    member = members.by_name(store, args.member)
    placed = _placement(store, member.id, today())
    print(f"#{member.id} {member.name}  {member.gender or ''}  出生 {member.birth_date or '未填'}")
    print(f"入党 {member.joined_on or '未填'}  转正 {member.confirmed_on or '—'}  "
          f"类别 {member.category_on(today()) or '—'}  状态 {member.status}"
          + ("（流动党员）" if member.is_mobile else ""))
    print(f"所在组织 {placed}")
    print("变动历史：")
    for line in member_events.history(store, member.id):
        print(f"  {line.on_date}  {line.text}")
    life = member_events.away_life(store, member.id)
    if life:
        print("流入地组织生活：")
        for item in life:
            print(f"  {item.held_on}  {item.org_name}  {item.kind}  {item.study_hours:g} 学时"
                  + (f"  {item.content}" if item.content else ""))
    return 0


def _placement(store, member_id: int, on_date: str) -> str:
    """"第一党支部 / 第一党小组", or where the member last belonged."""
    from desktop_app.core import members
    org_id = members.current_org_id(store, member_id, on_date)
    if org_id is None:
        row = store.query_one("SELECT org_id, end_on FROM memberships WHERE member_id = ? "
                              "ORDER BY start_on DESC, id DESC LIMIT 1", [member_id])
        if row is None:
            return "—"
        return f"{_path(store, row['org_id'])}（至 {row['end_on']}）"
    return _path(store, org_id)


def _path(store, org_id: int) -> str:
    from desktop_app.core import orgs
    org = orgs.get(store, org_id)
    if org.kind == "党小组" and org.parent_id:
        return f"{orgs.get(store, org.parent_id).name} / {org.name}"
    return org.name


def run_event(store, args) -> int:
    from desktop_app.core import members, orgs
    member = members.by_name(store, args.member)
    to_org = orgs.by_code(store, args.to_org).id if args.to_org else None
    on_date = _date(args.date, "--date")
    reported = _date(args.reported_on, "--reported-on")
    members.record_event(store, member.id, args.kind, on_date, place=args.place,
                         reason=args.cause, contact=args.contact, notes=args.notes,
                         to_org_id=to_org, counterpart=args.counterpart, reported_on=reported,
                         meeting_id=args.meeting, correction=args.reason)
    after = members.get(store, member.id)
    print(f"已登记：{after.name} {on_date} {args.kind}；现状态 {after.status}"
          + ("（流动党员）" if after.is_mobile else "")
          + (f"，转正日期 {after.confirmed_on}" if args.kind == "转正" else ""))
    return 0


def run_undo_event(store, args) -> int:
    from desktop_app.core import members
    from desktop_app.core.member_event_undo import withdraw_latest
    member = members.by_name(store, args.member)
    taken = withdraw_latest(store, member.id, args.reason)
    after = members.get(store, member.id)
    print(f"已撤销：{after.name} {taken}；现状态 {after.status}"
          + ("（流动党员）" if after.is_mobile else ""))
    return 0


def run_move(store, args) -> int:
    from desktop_app.core import members, orgs
    member = members.by_name(store, args.member)
    org = orgs.by_code(store, args.to)
    on_date = _date(args.date, "--date")
    members.move(store, member.id, org.id, on_date, reason=args.reason)
    print(f"已调整：{member.name} 自 {on_date} 起属于 {_path(store, org.id)}")
    return 0


def run_away_life(store, args) -> int:
    from desktop_app.core import member_events, members
    member = members.by_name(store, args.member)
    on_date = _date(args.date, "--date")
    member_events.add_away_life(store, member.id, on_date, args.org_name, args.kind,
                                args.hours, args.content)
    print(f"已记录：{member.name} {on_date} 在{args.org_name}参加{args.kind}")
    return 0
