"""`shilu appraisal show|start|step|result|decide|handle`: the year's 民主评议党员 of a 党支部 —
the four steps, each member's result, the 党员大会 decision and the handling of 不合格."""
from __future__ import annotations

from datetime import date

from desktop_app.core import members, orgs
from desktop_app.core.store import StoreError


def register(subparsers) -> None:
    group = subparsers.add_parser("appraisal", help="民主评议党员：评议步骤、结果、党员大会决定、不合格处置")
    commands = group.add_subparsers(dest="appraisal_command", metavar="SUBCOMMAND", required=True)

    def add(name, help_text, func, year=True):
        parser = commands.add_parser(name, help=help_text)
        if year:
            parser.add_argument("--org", required=True, help="组织代码（党支部）")
            parser.add_argument("--year", required=True, type=int, help="评议年度，如 2025")
        parser.set_defaults(func=func)
        return parser

    add("show", "显示评议步骤、每人结果、统计、党员大会决定和处置待办", run_show)
    add("start", "建立本年度民主评议", run_start).add_argument("--on", help="开始日期（默认今天）")
    step = add("step", "记录一个评议步骤的完成日期", run_step)
    step.add_argument("--step", required=True, choices=("个人自评", "党员互评", "群众测评", "支部考评"))
    step.add_argument("--on", help="完成日期（默认今天）")
    result = add("result", "录入一名党员的评议结果", run_result)
    result.add_argument("--member", required=True, help="党员姓名")
    result.add_argument("--result", required=True, choices=("优秀", "合格", "基本合格", "不合格"))
    result.add_argument("--note", help="评议意见")
    result.add_argument("--reason", help="党员大会决定后修改的原因")
    decide = add("decide", "党员大会决定评议结果（不合格者开始处置程序）", run_decide)
    decide.add_argument("--on", required=True, help="党员大会日期")
    decide.add_argument("--decision", required=True, help="决定内容及表决情况")
    decide.add_argument("--meeting", type=int, help="党员大会会议记录编号")
    handle = add("handle", "办结一个不合格党员处置步骤", run_handle, year=False)
    handle.add_argument("--action", required=True, type=int, help="处置待办编号（见 show）")
    handle.add_argument("--outcome", required=True, choices=("已改正", "未改正", "已办结"))
    handle.add_argument("--on", help="办结日期（默认今天）")
    handle.add_argument("--note", help="说明")


def _appraisal(store, args):
    from desktop_app.core.appraisal import record

    org = orgs.by_code(store, args.org)
    found = record.find(store, org.id, args.year)
    if found is None:
        raise StoreError(f"{org.name} {args.year}年度民主评议尚未建立：先运行 shilu appraisal start")
    return org, found


def _member(store, org_id: int, name: str) -> int:
    ids = [r["id"] for r in store.query("SELECT id FROM members WHERE name = ?", [name.strip()])]
    ours = [m for m in ids if members.days_belonged(store, m, org_id, "0001-01-01", "9999-12-31")]
    if len(ours) != 1:
        raise StoreError(f"本支部{'没有' if not ours else '有多名'}党员名为“{name}”")
    return ours[0]


def run_show(store, args) -> int:
    from desktop_app.core.appraisal import handling

    org, found = _appraisal(store, args)
    print(f"{org.name} {found.year}年度民主评议党员（{found.started_on} 开始）")
    print("步骤：" + "；".join(f"{s} {on or '未完成'}" for s, on in found.steps.items()))
    for member_id in sorted(found.results, key=lambda m: found.names[m]):
        print(f"    {found.names[member_id]}  {found.results[member_id]}")
    print(f"统计：{found.tally_text()}")
    print(f"党员大会决定：{found.decided_on}：{found.decision}" if found.decided_on
          else "党员大会决定：尚未决定")
    for action in handling.actions(store, org.id):
        state = f"{action.done_on} {action.outcome}" if action.done_on else "待办"
        print(f"  处置 #{action.id} {action.text()}（{state}）")
    return 0


def run_start(store, args) -> int:
    from desktop_app.core.appraisal import record

    org = orgs.by_code(store, args.org)
    record.start(store, org.id, args.year, args.on or date.today().isoformat())
    print(f"已建立 {org.name} {args.year}年度民主评议党员")
    return 0


def run_step(store, args) -> int:
    from desktop_app.core.appraisal import record

    _, found = _appraisal(store, args)
    record.record_step(store, found.id, args.step, args.on or date.today().isoformat())
    print(f"已记录：{args.step}")
    return 0


def run_result(store, args) -> int:
    from desktop_app.core.appraisal import record

    org, found = _appraisal(store, args)
    record.set_result(store, found.id, _member(store, org.id, args.member), args.result,
                      args.note, args.reason)
    print(f"已录入：{args.member} {args.result}")
    return 0


def run_decide(store, args) -> int:
    from desktop_app.core.appraisal import handling, record

    org, found = _appraisal(store, args)
    opened = record.decide(store, found.id, args.on, args.decision, args.meeting)
    print(f"党员大会已决定 {org.name} {found.year}年度评议结果：{record.get(store, found.id).tally_text()}")
    for action in handling.actions(store, org.id, open_only=True):
        if action.id in opened:
            print(f"  处置待办 #{action.id}：{action.text()}")
    return 0


def run_handle(store, args) -> int:
    from desktop_app.core.appraisal import handling
    from desktop_app.core.rules.engine import profile_for

    row = store.query_one(
        "SELECT a.org_id FROM appraisal_actions x JOIN appraisal_results r ON r.id = x.result_id "
        "JOIN appraisals a ON a.id = r.appraisal_id WHERE x.id = ?", [args.action])
    if row is None:
        raise StoreError(f"没有编号为 {args.action} 的处置待办")
    opened = handling.close(store, profile_for(store, row["org_id"]), args.action,
                            args.on or date.today().isoformat(), args.outcome, args.note)
    print(f"已办结处置 #{args.action}：{args.outcome}")
    if opened:
        nxt = next(a for a in handling.actions(store, row["org_id"]) if a.id == opened)
        print(f"  下一步 #{nxt.id}：{nxt.text()}")
    return 0
