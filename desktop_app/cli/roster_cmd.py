"""`shilu roster import|export|template`: the 花名册 without a screen."""
import sys

from desktop_app.core.dates import DateFormatError, parse_date, today
from desktop_app.core.durable import ExportWriteError


def register(subparsers) -> None:
    parser = subparsers.add_parser("roster", help="党员花名册：导入、导出、空白模板")
    commands = parser.add_subparsers(dest="roster_command", required=True)
    imp = commands.add_parser(
        "import", help="从 Excel（.xlsx/.xls）或 CSV 导入花名册；有任何错误则整表不导入")
    imp.add_argument("file", metavar="FILE", help="花名册文件")
    imp.add_argument("--date", default=None, help="导入日期（默认今天；调整组织从该日起算）")
    imp.add_argument("--dry-run", action="store_true", help="只检查并列出将新增、更新的内容，不写入")
    imp.add_argument("--sheet", default=None,
                     help="工作簿中有多张花名册时，要导入的工作表名称（或序号，1 为第一张）")
    imp.set_defaults(func=run_import)
    exp = commands.add_parser("export", help="导出在册党员花名册（.xlsx）")
    exp.add_argument("file", metavar="FILE", help="导出到的 .xlsx 文件")
    exp.add_argument("--date", default=None, help="截至日期（默认今天）")
    exp.add_argument("--with-sensitive", action="store_true",
                     help="包含完整身份证号和联系电话（默认隐去部分数字）")
    exp.set_defaults(func=run_export)
    tpl = commands.add_parser("template", help="生成空白花名册导入模板（.xlsx）")
    tpl.add_argument("file", metavar="FILE", help="模板文件")
    tpl.set_defaults(func=run_template)


def _on_date(args) -> str | None:
    try:
        return parse_date(args.date) if args.date else today()
    except DateFormatError as exc:
        print(f"错误：--date {exc}", file=sys.stderr)
        return None


def run_import(store, args) -> int:
    from desktop_app.core.roster.apply import ImportRefused, apply_import, check_sealed
    from desktop_app.core.roster.plan import CHANGE_LABELS, plan_import
    from desktop_app.core.roster.sheet import RosterFileError, read_sheet
    on_date = _on_date(args)
    if on_date is None:
        return 2
    try:
        sheet = read_sheet(args.file, args.sheet)
    except RosterFileError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    plan = plan_import(store, sheet, on_date)
    for note in plan.notes():
        print(f"提示：{note}")
    for skipped in plan.skipped:
        print(f"跳过：{skipped}")
    for warning in plan.warnings:
        print(f"提示：{warning}")
    if not plan.ok:
        print(f"花名册中有 {len(plan.errors)} 处错误，未导入任何数据：", file=sys.stderr)
        for error in plan.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    if args.dry_run:
        check_sealed(store, plan, on_date)     # the real import would refuse the same way
        for add in plan.adds:
            print(f"新增：第 {add.row} 行 {add.member.name} → {add.org_label}")
        for update in plan.updates:
            changes = "；".join(f"{CHANGE_LABELS[f]} {old or '（空）'} → {new}"
                               for f, (old, new) in update.changes.items())
            print(f"更新：第 {update.row} 行 {update.name}：{changes}")
        for org in plan.new_orgs:
            print(f"新建组织：{org}")
        print(f"检查通过（未写入）：将新增 {len(plan.adds)} 名，更新 {len(plan.updates)} 名，"
              f"新建组织 {len(plan.new_orgs)} 个，{plan.unchanged} 名无变化。")
        return 0
    try:
        summary = apply_import(store, plan, on_date)
    except ImportRefused as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已导入 {sheet.path.name}：新增 {summary.added} 名，更新 {summary.updated} 名，"
          f"新建组织 {summary.orgs_created} 个，{plan.unchanged} 名无变化。")
    return 0


def run_export(store, args) -> int:
    from desktop_app.core.roster.export import export_roster
    on_date = _on_date(args)
    if on_date is None:
        return 2
    try:
        count = export_roster(store, args.file, on_date, include_sensitive=args.with_sensitive)
    except ExportWriteError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    kind = "含完整身份证号和联系电话，请妥善保管" if args.with_sensitive else "身份证号和联系电话已隐去部分数字"
    print(f"已导出 {count} 名在册党员到 {args.file}（{kind}）。")
    return 0


def run_template(store, args) -> int:
    from desktop_app.core.roster.export import write_template
    try:
        path = write_template(args.file)
    except ExportWriteError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已生成空白花名册模板：{path}")
    return 0
