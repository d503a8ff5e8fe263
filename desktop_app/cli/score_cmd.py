"""`shilu pioneer|stars|checklist`: the 先锋指数 of a half year, branch stars and the standard's
达标销号 checklist, printed from the ledger (text for reading, JSON for other tools)."""
from __future__ import annotations

import json
from dataclasses import asdict

from desktop_app.core import orgs
from desktop_app.core.scoring import checklist as standard_checklist
from desktop_app.core.scoring import pioneer, stars
from desktop_app.core.scoring.result import points_text
from desktop_app.core.store import StoreError


def register(subparsers) -> None:
    parser = subparsers.add_parser("pioneer", help="党员先锋指数：每人得分、等次和每项加扣分原因")
    parser.add_argument("--org", required=True, help="组织代码（党支部）")
    parser.add_argument("--period", required=True, help="半年：2025H1、2025H2 或 2025上半年")
    parser.add_argument("--published", action="store_true", help="显示已公布的结果（而非按账本现算）")
    parser.add_argument("--detail", action="store_true", help="列出每人每一项（默认只列扣分）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    parser.set_defaults(func=run_pioneer)

    for name, help_text, func in (
            ("stars", "星级评定：按规则档案的标准评星", run_stars),
            ("checklist", "达标销号清单：每条标准的状态、依据和销号日期", run_checklist)):
        parser = subparsers.add_parser(name, help=help_text)
        parser.add_argument("--org", required=True, help="组织代码（党委则同时评定下属支部）")
        parser.add_argument("--year", required=True, type=int, help="年度，如 2025")
        parser.add_argument("--today", help="按哪天判断（默认今天）")
        parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
        parser.set_defaults(func=func)


def run_pioneer(store, args) -> int:
    org = orgs.by_code(store, args.org)
    if args.published:
        result = pioneer.published_result(store, org.id, args.period)
        if result is None:
            raise StoreError(f"{org.name} {pioneer.half_year(args.period)[1].label}的先锋指数尚未公布")
    else:
        result = pioneer.evaluate(store, org.id, args.period)
    if args.format == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return 0
    state = f"已于 {result.published_on} 公布" if result.published_on else "未公布"
    print(f"{result.org_name} {result.label} {result.title}（规则档案：{result.profile_id}；"
          f"基础分 {result.base:g}；{state}）")
    for score in result.members:
        shown = "—" if score.score is None else f"{score.score:g}"
        flag = "  警示党员" if score.warned else ""
        print(f"\n{score.name}  {shown} 分  {score.grade}{flag}")
        if score.exemption:
            print(f"    免评：{score.exemption}")
        for line in score.lines if args.detail else [x for x in score.lines if x.points < 0
                                                      or x.source == "红线"]:
            print(f"    {points_text(line.points):>4}  [{line.category}] {line.title}：{line.reason}")
    return 0


def run_stars(store, args) -> int:
    org = orgs.by_code(store, args.org)
    ratings = stars.rate_all(store, org.id, args.year, today=args.today)
    if args.format == "json":
        print(json.dumps([asdict(r) for r in ratings], ensure_ascii=False, indent=2))
        return 0
    for rating in ratings:
        target = f"，目标 {rating.target_stars} 星" if rating.target_stars else ""
        print(f"{rating.org_name} {rating.year}年 {rating.title}：{'★' * rating.stars or '无星'}"
              f"（{rating.stars}/{rating.max_stars} 星{target}）{rating.level}")
        for aspect in rating.aspects:
            mark = "★" if aspect.starred else "☆"
            print(f"    {mark} {aspect.name}：已销号 {aspect.met}/{aspect.total}")
    return 0


def run_checklist(store, args) -> int:
    org = orgs.by_code(store, args.org)
    items = standard_checklist.checklist(store, org.id, args.year, today=args.today)
    if args.format == "json":
        print(json.dumps([asdict(i) for i in items], ensure_ascii=False, indent=2))
        return 0
    print(f"{org.name} {args.year}年 达标销号清单")
    aspect = None
    for item in items:
        if item.aspect != aspect:
            aspect = item.aspect
            print(f"\n【{aspect}】")
        when = f"  {item.on_date}" if item.on_date else ""
        print(f"  [{item.status}] {item.title}（{item.decided_by}判定）{when}")
        if item.evidence:
            print(f"      依据：{item.evidence}")
    return 0
