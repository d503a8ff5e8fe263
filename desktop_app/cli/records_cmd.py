"""`shilu records check [--org CODE]`: where records and roles contradict the ledger (a host who
joined after the meeting, a recorder marked absent, a role held by someone outside the branch)."""
from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("records", help="核对会议记录和任职是否与台账一致")
    sub = parser.add_subparsers(dest="records_command", metavar="操作", required=True)
    check = sub.add_parser("check", help="列出主持人、记录人、入党日期、任职与台账不一致之处")
    check.add_argument("--org", help="组织代码（默认全部）")
    check.set_defaults(func=run_check)


def run_check(store, args) -> int:
    """Exit 0 when everything agrees, 1 when something was found (scripts can test it)."""
    from desktop_app.core import orgs
    from desktop_app.core.meetings.validation import ledger_problems
    org_id = orgs.by_code(store, args.org).id if args.org else None
    found = ledger_problems(store, org_id)
    for problem in found:
        print(problem)
    print(f"发现 {len(found)} 处不一致" if found else "会议记录和任职均与台账一致")
    return 1 if found else 0
