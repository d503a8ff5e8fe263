"""`shilu dues base set|list`, `opening`, `pay`, `settle`, `arrears`, `receipt`, `quarter`,
`sheet`: 党费 from the command line. Amounts are typed and shown in 元; the core keeps fen."""
from __future__ import annotations

import sys

from datetime import date
from pathlib import Path

from desktop_app.core import members, orgs
from desktop_app.core.dues.money import parse_yuan
from desktop_app.core.store import StoreError


def register(subparsers) -> None:
    parser = subparsers.add_parser("dues", help="党费：基数、期初、收缴、季度结算、欠交、收据")
    sub = parser.add_subparsers(dest="dues_command", metavar="操作", required=True)

    base = sub.add_parser("base", help="党费基数（每年核定一次）")
    base_sub = base.add_subparsers(dest="base_command", metavar="操作", required=True)
    base_set = base_sub.add_parser("set", help="按月收入（依规则档案的党费标准）或固定金额核定每月党费")
    _org(base_set)
    base_set.add_argument("--member", required=True, help="党员编号或姓名")
    base_set.add_argument("--year", type=int, required=True)
    base_set.add_argument("--category", default="在职", help="在职、离退休、学生、农民、无收入、生活困难（默认在职）")
    base_set.add_argument("--income", help="税后月收入（元），按标准计算")
    base_set.add_argument("--amount", help="每月固定金额（元）；与 --income 同用时为自愿多交")
    base_set.set_defaults(func=run_base_set)
    base_list = base_sub.add_parser("list", help="列出某年各党员的党费基数")
    _org(base_list)
    base_list.add_argument("--year", type=int, required=True)
    base_list.set_defaults(func=run_base_list)

    opening = sub.add_parser("opening", help="期初：启用前已交至哪个月（全部，再列例外）")
    _org(opening)
    opening.add_argument("--through", help="全部党员已交至的月份，如 2025-12；不写则显示当前期初")
    opening.add_argument("--except", dest="exceptions", nargs="+", default=[], metavar="姓名:月份",
                         help="例外，如 张三:2025-09（张三只交至 2025年9月）")
    opening.set_defaults(func=run_opening)

    pay = sub.add_parser("pay", help="收缴党费并开具收据：整月“全部已交”再列未交的，或单人补交")
    _org(pay)
    pay.add_argument("--month", help="收缴月份，与 --all 同用，如 2026-01")
    pay.add_argument("--all", action="store_true", help="本月应交党员全部已交（--except 列出未交的）")
    pay.add_argument("--except", dest="exceptions", nargs="+", default=[], metavar="姓名",
                     help="本月未交的党员")
    pay.add_argument("--member", help="单人交纳：党员编号或姓名")
    pay.add_argument("--months", help="单人所交月份，如 2025-07,2025-08")
    pay.add_argument("--date", help="收缴日期（默认今天）")
    pay.add_argument("--collector", help="经手人")
    pay.set_defaults(func=run_pay)

    settle = sub.add_parser("settle", help="季度结算（月收季结）：季度最后一个月登记收缴后即可结算")
    _org(settle)
    settle.add_argument("--quarter", required=True, help="如 2026Q1")
    settle.add_argument("--date", help="结算日期（默认今天）")
    settle.add_argument("--to", help="交至（上级党组织）")
    settle.set_defaults(func=run_settle)

    arrears = sub.add_parser("arrears", help="欠交党费名单（连续月数为实际长度）")
    _org(arrears)
    arrears.add_argument("--through", help="截至月份（默认上个月）")
    arrears.set_defaults(func=run_arrears)

    receipt = sub.add_parser("receipt", help="打印党费收据（PDF）")
    _org(receipt)
    receipt.add_argument("--number", nargs="+", help="收据编号，如 B-2026-0001")
    receipt.add_argument("--month", help="打印为这个月份开具的全部收据")
    receipt.add_argument("--out", required=True, type=Path, help="PDF 文件路径")
    receipt.set_defaults(func=run_receipt)

    quarter = sub.add_parser("quarter", help="季度收缴明细（内部公示表）")
    _org(quarter)
    quarter.add_argument("--quarter", required=True, help="如 2025Q3")
    quarter.set_defaults(func=run_quarter)

    sheet = sub.add_parser("sheet", help="打印季度党费收缴内部公示表（PDF）")
    _org(sheet)
    sheet.add_argument("--quarter", required=True)
    sheet.add_argument("--out", required=True, type=Path, help="PDF 文件路径")
    sheet.set_defaults(func=run_sheet)


def _org(parser) -> None:
    parser.add_argument("--org", required=True, help="组织代码")


def member_id(store, text: str) -> int:
    if text.isdigit():
        return store.get("members", int(text))["id"]
    matches = [r for r in members.roster(store, "9999-12-31") if r.name == text]
    if len(matches) != 1:
        raise StoreError(f"找不到唯一名为“{text}”的党员，请改用党员编号" if matches
                         else f"找不到名为“{text}”的党员")
    return matches[0].id


def _today(text: str | None) -> str:
    return text or date.today().isoformat()


def run_base_set(store, args) -> int:
    from desktop_app.core.dues import ledger
    from desktop_app.core.dues.disclosure import yuan
    from desktop_app.core.rules.engine import profile_for
    org = orgs.by_code(store, args.org)
    who = member_id(store, args.member)
    ledger.set_base(store, profile_for(store, org.id).dues_standard, who, args.year, args.category,
                    parse_yuan(args.income), amount_fen=parse_yuan(args.amount))
    print(f"已核定 {args.year} 年每月党费 {yuan(ledger.monthly_fen(store, who, f'{args.year}-01'))} 元")
    return 0


def run_base_list(store, args) -> int:
    from desktop_app.core.dues.bases import base_sheet
    from desktop_app.core.dues.disclosure import yuan
    from desktop_app.core.rules.engine import profile_for
    org = orgs.by_code(store, args.org)
    standard = profile_for(store, org.id).dues_standard
    lines = base_sheet(store, standard, org.id, args.year)
    print(f"{org.name} {args.year} 年党费基数（标准：{standard.source}）")
    for line in lines:
        amount = "—" if line.amount_fen is None else f"{yuan(line.amount_fen)} 元/月"
        print(f"{line.name}\t{line.category or '—'}\t{amount}\t{line.how}")
    missing = sum(1 for line in lines if line.amount_fen is None)
    print(f"共 {len(lines)} 人" + (f"，{missing} 人尚未核定" if missing else ""))
    return 0


def run_opening(store, args) -> int:
    from desktop_app.core.dues import opening
    from desktop_app.core.dues.months import month_label, parse_month
    org = orgs.by_code(store, args.org)
    if args.through:
        exceptions = {}
        for item in args.exceptions:
            name, sep, month = item.replace("：", ":").partition(":")
            if not sep:
                raise StoreError(f"例外“{item}”应写成 姓名:月份，如 张三:2025-09")
            exceptions[member_id(store, name.strip())] = parse_month(month, f"{name}的月份")
        through = parse_month(args.through, "--through 月份")
        opening.set_opening(store, org.id, through, exceptions, date.today().isoformat())
        note = opening.overlap_note(store, org.id, through)
        if note:
            print(f"注意：{note}", file=sys.stderr)
    elif args.exceptions:
        raise StoreError("列出例外时请同时写 --through（全部党员已交至的月份）")
    current = opening.opening_of(store, org.id)
    if current is None:
        print(f"{org.name} 尚未设置党费期初")
        return 0
    print(f"{org.name} 党费期初：全部已交至 {month_label(current.paid_through)}")
    for who, month in sorted(current.exceptions.items()):
        print(f"  例外：{store.get('members', who)['name']} 已交至 {month_label(month)}")
    return 0


def run_pay(store, args) -> int:
    from desktop_app.core.dues import collection, ledger
    from desktop_app.core.dues.disclosure import yuan
    from desktop_app.core.dues.months import month_label, parse_month
    org = orgs.by_code(store, args.org)
    paid_on = _today(args.date)
    if args.all:
        if not args.month or args.member or args.months:
            raise StoreError("“全部已交”请写 --month 月份 --all [--except 姓名 …]，不与 --member 同用")
        month = parse_month(args.month, "--month 月份")
        due = ledger.due_in(store, org.id, month)
        unpaid = set()
        for name in args.exceptions:
            found = [m for m, n in due.items() if n == name]
            if not found:
                raise StoreError(f"“{name}”不是 {month_label(month)} 应交党费的党员，请检查姓名")
            unpaid.update(found)
        done = collection.collect_month(store, org.id, month, paid_on, unpaid, args.collector)
        total = sum(r.total_fen for r in done.receipts)
        print(f"{month_label(month)}：{len(done.receipts)} 人交纳，共 {yuan(total)} 元"
              + (f"；未交：{'、'.join(done.unpaid)}" if done.unpaid else ""))
        if done.receipts:
            print(f"收据 {done.receipts[0].number} 至 {done.receipts[-1].number}")
        return 0
    if not args.member or not args.months:
        raise StoreError("请写 --month 月份 --all（整月收缴），或 --member 姓名 --months 月份（单人交纳）")
    months = [parse_month(m) for m in args.months.replace("，", ",").split(",") if m.strip()]
    receipt = ledger.collect(store, org.id, member_id(store, args.member), months, paid_on,
                             args.collector)
    print(f"收据 {receipt.number}：{'、'.join(receipt.months)}，共 {yuan(receipt.total_fen)} 元")
    return 0


def run_settle(store, args) -> int:
    from desktop_app.core.dues import ledger
    from desktop_app.core.dues.disclosure import yuan
    from desktop_app.core.dues.months import parse_quarter
    org = orgs.by_code(store, args.org)
    quarter = parse_quarter(args.quarter)
    ledger.settle(store, org.id, quarter, _today(args.date), args.to)
    print(f"{quarter} 已结算，上交 {yuan(ledger.settlement_of(store, org.id, quarter)['total_fen'])} 元")
    return 0


def run_arrears(store, args) -> int:
    from desktop_app.core.dues import arrears
    from desktop_app.core.dues.disclosure import yuan
    from desktop_app.core.dues.months import add_months, parse_month
    from desktop_app.core.rules.engine import profile_for
    org = orgs.by_code(store, args.org)
    through = parse_month(args.through, "--through 月份") if args.through else \
        add_months(date.today().isoformat()[:7], -1)
    report = arrears.arrears(store, org.id, through)
    limits = [r.params["months"] for r in profile_for(store, org.id).rules
              if r.type == "dues_arrears"]
    if not report.arrears:
        print(f"截至 {through} 无欠交党费")
    for a in report.arrears:
        flag = f"（连续{a.longest_run}个月未交）" if limits and a.longest_run >= limits[0] else ""
        unpriced = f"（另{a.unpriced}个月未核定基数）" if a.unpriced else ""
        print(f"{a.name}\t欠交{len(a.months)}个月，计 {yuan(a.owed_fen)} 元{unpriced}{flag}")
    if report.unknown:
        print(f"另有 {len(report.unknown)} 人尚无党费期初，无法判断：{'、'.join(report.unknown)}"
              "（请运行 shilu dues opening --through 月份）")
    return 0


def run_receipt(store, args) -> int:
    from desktop_app.core.dues import receipts
    from desktop_app.core.dues.months import parse_month
    from desktop_app.core.dues.receipts_pdf import write_pdf
    org = orgs.by_code(store, args.org)
    if not args.number and not args.month:
        raise StoreError("请用 --number 收据编号 或 --month 月份 指定要打印的收据")
    ids = receipts.receipt_ids(store, org.id, numbers=args.number,
                               month=parse_month(args.month) if args.month else None)
    write_pdf(receipts.slips(store, ids), args.out)
    print(f"已生成 {args.out}：{len(ids)} 张收据（{receipts.PERSONAL_DATA}）")
    return 0


def run_quarter(store, args) -> int:
    from desktop_app.core.dues import disclosure
    from desktop_app.core.dues.months import parse_quarter
    sheet = disclosure.internal_sheet(store, orgs.by_code(store, args.org).id,
                                      parse_quarter(args.quarter))
    print(sheet.title)
    for row in (sheet.header, *sheet.rows, sheet.total_row):
        print("\t".join(row))
    print(sheet.settlement_text)
    print(f"（{sheet.personal_data}）")
    return 0


def run_sheet(store, args) -> int:
    from desktop_app.core.dues import disclosure
    from desktop_app.core.dues.disclosure_pdf import write_pdf
    from desktop_app.core.dues.months import parse_quarter
    sheet = disclosure.internal_sheet(store, orgs.by_code(store, args.org).id,
                                      parse_quarter(args.quarter))
    write_pdf(sheet, args.out)
    print(f"已生成 {args.out}（{sheet.personal_data}）")
    return 0
