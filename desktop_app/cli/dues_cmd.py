"""`shilu dues base|pay|quarter|sheet|settle|arrears`: 党费 from the command line, amounts in 元."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from desktop_app.core import members, orgs
from desktop_app.core.dues import arrears, disclosure, ledger
from desktop_app.core.dues.disclosure import yuan
from desktop_app.core.dues.disclosure_pdf import write_pdf
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.store import StoreError


def register(subparsers) -> None:
    parser = subparsers.add_parser("dues", help="党费：核定基数、收缴、季度结算、欠交")
    sub = parser.add_subparsers(dest="dues_command", metavar="操作", required=True)

    base = sub.add_parser("base", help="核定某党员某年的每月党费")
    base.add_argument("--org", required=True, help="组织代码（取其规则档案中的党费标准）")
    base.add_argument("--member", required=True, help="党员编号或姓名")
    base.add_argument("--year", type=int, required=True)
    base.add_argument("--category", required=True, help="在职、离退休、学生、农民、无收入、生活困难")
    base.add_argument("--income", help="税后月收入（元）")
    base.add_argument("--amount", help="自愿多交时的每月金额（元）")
    base.set_defaults(func=run_base)

    pay = sub.add_parser("pay", help="收缴党费并开具收据")
    pay.add_argument("--org", required=True)
    pay.add_argument("--member", required=True)
    pay.add_argument("--months", required=True, help="所交月份，如 2025-07,2025-08")
    pay.add_argument("--date", required=True, help="收缴日期")
    pay.add_argument("--collector", help="经手人")
    pay.set_defaults(func=run_pay)

    quarter = sub.add_parser("quarter", help="季度收缴明细（内部公示表）")
    quarter.add_argument("--org", required=True)
    quarter.add_argument("--quarter", required=True, help="如 2025Q3")
    quarter.set_defaults(func=run_quarter)

    sheet = sub.add_parser("sheet", help="打印季度党费收缴内部公示表（PDF）")
    sheet.add_argument("--org", required=True)
    sheet.add_argument("--quarter", required=True)
    sheet.add_argument("--out", required=True, type=Path, help="PDF 文件路径")
    sheet.set_defaults(func=run_sheet)

    settle = sub.add_parser("settle", help="季度结算（月收季结）")
    settle.add_argument("--org", required=True)
    settle.add_argument("--quarter", required=True)
    settle.add_argument("--date", required=True, help="结算日期")
    settle.add_argument("--to", help="交至（上级党组织）")
    settle.set_defaults(func=run_settle)

    arrears = sub.add_parser("arrears", help="欠交党费名单")
    arrears.add_argument("--org", required=True)
    arrears.add_argument("--through", required=True, help="截至月份，如 2025-09")
    arrears.set_defaults(func=run_arrears)


def fen(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().replace(",", "").removesuffix("元")) * 100
    except InvalidOperation as exc:
        raise StoreError(f"金额“{text}”无法识别，请写成如 4000 或 4000.50") from exc
    if value != value.to_integral_value() or value < 0:
        raise StoreError(f"金额“{text}”应为不小于 0 的元数，最多两位小数")
    return int(value)


def member_id(store, org_id: int, text: str) -> int:
    if text.isdigit():
        return store.get("members", int(text))["id"]
    matches = [r for r in members.roster(store, "9999-12-31") if r.name == text]
    if len(matches) != 1:
        raise StoreError(f"找不到唯一名为“{text}”的党员，请改用党员编号" if matches
                         else f"找不到名为“{text}”的党员")
    return matches[0].id


def run_base(store, args) -> int:
    org = orgs.by_code(store, args.org)
    standard = profile_for(store, org.id).dues_standard
    who = member_id(store, org.id, args.member)
    ledger.set_base(store, standard, who, args.year, args.category, fen(args.income),
                    amount_fen=fen(args.amount))
    print(f"已核定 {args.year} 年每月党费 {yuan(ledger.monthly_fen(store, who, f'{args.year}-01'))} 元")
    return 0


def run_pay(store, args) -> int:
    org = orgs.by_code(store, args.org)
    months = [m.strip() for m in args.months.replace("，", ",").split(",") if m.strip()]
    receipt = ledger.collect(store, org.id, member_id(store, org.id, args.member), months,
                             args.date, args.collector)
    print(f"收据 {receipt.number}：{'、'.join(receipt.months)}，共 {yuan(receipt.total_fen)} 元")
    return 0


def run_quarter(store, args) -> int:
    sheet = disclosure.internal_sheet(store, orgs.by_code(store, args.org).id, args.quarter)
    print(sheet.title)
    for row in (sheet.header, *sheet.rows, sheet.total_row):
        print("\t".join(row))
    print(sheet.settlement_text)
    print(f"（{sheet.personal_data}）")
    return 0


def run_sheet(store, args) -> int:
    sheet = disclosure.internal_sheet(store, orgs.by_code(store, args.org).id, args.quarter)
    write_pdf(sheet, args.out)
    print(f"已生成 {args.out}（{sheet.personal_data}）")
    return 0


def run_settle(store, args) -> int:
    org = orgs.by_code(store, args.org)
    ledger.settle(store, org.id, args.quarter, args.date, args.to)
    total = ledger.quarter_summary(store, org.id, args.quarter).collected_fen
    print(f"{args.quarter} 已结算，上交 {yuan(total)} 元")
    return 0


def run_arrears(store, args) -> int:
    org = orgs.by_code(store, args.org)
    found = arrears.arrears(store, org.id, args.through).arrears
    limits = [r.params["months"] for r in profile_for(store, org.id).rules
              if r.type == "dues_arrears"]
    if not found:
        print("无欠交党费")
    for a in found:
        flag = f"（连续{a.longest_run}个月未交）" if limits and a.longest_run >= limits[0] else ""
        print(f"{a.name}\t欠交{len(a.months)}个月，计 {yuan(a.owed_fen)} 元{flag}")
    return 0
