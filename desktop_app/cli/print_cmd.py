"""`shilu plan`, `shilu signin`, `shilu record`: print the activity-day plan, a sign-in sheet or a
meeting record to PDF (and the plan to .xlsx, the record to .docx)."""
from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.core import orgs
from desktop_app.core.durable import ExportWriteError
from desktop_app.core.exports import activity_plan_export, meeting_record_export, signin_sheet
from desktop_app.core.exports.fonts import FontMissingError
from desktop_app.core.store import StoreError


def register(subparsers) -> None:
    plan = subparsers.add_parser("plan", help="导出党员固定活动日年度计划表（PDF 或 xlsx）")
    plan.add_argument("--year", type=int, required=True, help="年度，如 2025")
    plan.add_argument("--org", help="组织代码（账本中有多个党支部时必填）")
    plan.add_argument("-o", "--output", type=Path, required=True, help="输出文件：.pdf 或 .xlsx")
    plan.set_defaults(func=run_plan)

    signin = subparsers.add_parser("signin", help="打印会议签到表（PDF）")
    signin.add_argument("meeting_id", type=int, help="会议记录编号")
    signin.add_argument("-o", "--output", type=Path, required=True, help="输出文件：.pdf")
    signin.set_defaults(func=run_signin)

    record = subparsers.add_parser("record", help="导出会议记录（PDF 或 Word/WPS 的 .docx）")
    record.add_argument("meeting_id", type=int, help="会议记录编号")
    record.add_argument("-o", "--output", type=Path, required=True, help="输出文件：.pdf 或 .docx")
    record.set_defaults(func=run_record)


def _suffix(path: Path, allowed: tuple[str, ...]) -> str | None:
    suffix = path.suffix.lower()
    if suffix in allowed:
        return suffix
    print(f"错误：输出文件 {path} 的扩展名应为 {' 或 '.join(allowed)}", file=sys.stderr)
    return None


def _write(writer, *args) -> int:
    """Run one writer; a failed write leaves nothing under the final name and says why."""
    try:
        path = writer(*args)
    except (ExportWriteError, FontMissingError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已导出：{path}")
    return 0


def run_plan(store, args) -> int:
    suffix = _suffix(args.output, (".pdf", ".xlsx"))
    if suffix is None:
        return 2
    org_id = _plan_org(store, args.org)
    plan = activity_plan_export.for_year(store, org_id, args.year)
    writer = activity_plan_export.write_pdf if suffix == ".pdf" else activity_plan_export.write_xlsx
    return _write(writer, plan, args.output)


def _plan_org(store, code: str | None) -> int:
    if code:
        return orgs.by_code(store, code).id
    branches = [o for o in orgs.all_orgs(store) if o.kind == "党支部"]
    if len(branches) == 1:
        return branches[0].id
    if not branches:
        raise StoreError("账本中还没有党支部，无法制定活动计划")
    choices = "、".join(f"{o.code}（{o.name}）" for o in branches)
    raise StoreError(f"账本中有多个党支部，请用 --org 指定组织代码：{choices}")


def _list_disagreements(store, meeting_id: int) -> None:
    """An export lists where the record contradicts the ledger (#12 part 6) before writing it."""
    from desktop_app.core.meetings.validation import record_problems
    for problem in record_problems(store, meeting_id):
        print(f"提示：记录与台账不一致：{problem}", file=sys.stderr)


def run_signin(store, args) -> int:
    if _suffix(args.output, (".pdf",)) is None:
        return 2
    sheet = signin_sheet.for_meeting(store, args.meeting_id)
    _list_disagreements(store, args.meeting_id)
    return _write(signin_sheet.write_pdf, sheet, args.output)


def run_record(store, args) -> int:
    suffix = _suffix(args.output, (".pdf", ".docx"))
    if suffix is None:
        return 2
    record = meeting_record_export.for_meeting(store, args.meeting_id)
    _list_disagreements(store, args.meeting_id)
    writer = (meeting_record_export.write_pdf if suffix == ".pdf"
              else meeting_record_export.write_docx)
    return _write(writer, record, args.output)
