"""`shilu check --org CODE --period 2025Q3 [--format json]`: the compliance check (体检)."""
from __future__ import annotations

import json

from desktop_app.cli.period_arg import HELP as PERIOD_HELP, period
from desktop_app.core import orgs
from desktop_app.core.rules.engine import by_status, check, profile_for
from desktop_app.core.rules.profile import ProfileError, load_profile
from desktop_app.core.store import StoreError


def register(subparsers) -> None:
    parser = subparsers.add_parser("check", help="对照规则档案体检：达标、即将到期、逾期、缺失")
    parser.add_argument("--org", required=True, help="组织代码（党委/党总支则逐个检查下属支部）")
    parser.add_argument("--period", required=True, type=period, help=PERIOD_HELP)
    parser.add_argument("--profile", help="改用的规则档案（代码或 .toml 文件；默认用组织所设档案）")
    parser.add_argument("--today", help="按哪天判断是否到期（默认今天）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    parser.set_defaults(func=run, reads_only=True)


def run(store, args) -> int:
    period = args.period
    try:
        profile = load_profile(args.profile) if args.profile else None
    except ProfileError as exc:
        raise StoreError(str(exc)) from exc
    org = orgs.by_code(store, args.org)
    findings = check(store, org.id, period, profile=profile, today=args.today)
    used = profile or profile_for(store, org.id)
    profile_id = used.id
    names = {o.id: o.name for o in orgs.all_orgs(store)}
    if args.format == "json":
        print(json.dumps({"org": org.code, "period": period.label, "start": period.start,
                          "end": period.end, "profile": profile_id,
                          "findings": [dict(f.as_dict(), org=names[f.org_id]) for f in findings]},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"{org.name} {period.label} 体检（规则档案：{used.title}）")
    start = orgs.records_from(store, org.id)
    if not findings and start and period.end < start:
        print(f"本期间在启用日期 {start} 之前：此前的事项不作体检结论。")
    for status, group in by_status(findings).items():
        if not group:
            continue
        print(f"\n【{status}】{len(group)} 项")
        for f in group:
            where = f"［{names[f.org_id]}］" if f.org_id != org.id else ""
            print(f"  {f.rule_id}  {where}{f.title}")
            print(f"      情况：{f.detail}")
            print(f"      依据：{f.citation}")
    return 0
