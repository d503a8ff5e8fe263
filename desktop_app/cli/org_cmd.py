"""`shilu org add|list|edit|roles`: the organisation tree, 启用日期, rule profile over time, 班子."""
from __future__ import annotations

from desktop_app.core.dates import DateFormatError, parse_date, today
from desktop_app.core.store import StoreError


def register(subparsers) -> None:
    parser = subparsers.add_parser("org", help="组织与班子：建立组织、改名改代码、启用日期、规则档案、任职")
    sub = parser.add_subparsers(dest="org_command", metavar="操作", required=True)
    add = sub.add_parser("add", help="新建组织（空账本也可）")
    add.add_argument("--code", default=None, help="组织代码（不填则自动生成）")
    add.add_argument("--name", required=True, help="组织名称")
    add.add_argument("--kind", choices=("党委", "党总支", "党支部", "党小组"),
                     help="组织类型（不填则按名称结尾判断）")
    add.add_argument("--parent", help="上级组织代码")
    add.add_argument("--profile", help="规则档案代码（见 shilu profile list）")
    add.add_argument("--start", help="启用日期（此前的事项不作体检结论）")
    add.set_defaults(func=run_add, creates_ledger=True)
    sub.add_parser("list", help="列出组织树").set_defaults(func=run_list)
    edit = sub.add_parser("edit", help="改名、改代码、改启用日期，或自某日起改用另一规则档案")
    edit.add_argument("code", help="组织代码")
    edit.add_argument("--name", help="新名称")
    edit.add_argument("--new-code", help="新组织代码")
    edit.add_argument("--start", help="启用日期")
    edit.add_argument("--profile", help="规则档案代码")
    edit.add_argument("--from", dest="from_on", help="新规则档案的起始日期（默认今天）")
    edit.set_defaults(func=run_edit)
    roles = sub.add_parser("roles", help="班子成员与党小组长的任职")
    roles_sub = roles.add_subparsers(dest="roles_command", metavar="操作", required=True)
    show = roles_sub.add_parser("list", help="列出任职（默认今天在任的；--all 列出全部历史）")
    show.add_argument("--org", required=True, help="组织代码")
    show.add_argument("--date", help="查看某日在任的班子")
    show.add_argument("--all", action="store_true", help="列出全部任职历史")
    show.set_defaults(func=run_roles_list)
    for name, help_text, date_help in (("set", "任命：某党员自某日起担任职务", "任职日期"),
                                       ("end", "离任：某党员的任职到某日为止", "离任日期（最后一天）")):
        cmd = roles_sub.add_parser(name, help=help_text)
        cmd.add_argument("--org", required=True, help="组织代码")
        cmd.add_argument("--role", required=True, help="书记、副书记、组织委员、宣传委员、纪检委员、委员、党小组长")
        cmd.add_argument("--member", required=True, help="党员姓名")
        cmd.add_argument("--on", required=True, help=date_help)
        cmd.add_argument("--reason", help="更正原因（日期在已封存期间内时必填）")
        cmd.set_defaults(func=run_roles_set if name == "set" else run_roles_end)


def _date(value: str | None, label: str) -> str | None:
    try:
        return parse_date(value)
    except DateFormatError as exc:
        raise StoreError(f"{label}：{exc}") from exc


def _profile_id(value: str) -> str:
    from desktop_app.core.rules.profile import ProfileError, load_profile
    try:
        return load_profile(value).id
    except ProfileError as exc:
        raise StoreError(str(exc)) from exc


def _profile_title(profile_id: str | None) -> str:
    from desktop_app.core.rules.profile import ProfileError, load_profile
    if profile_id is None:
        from desktop_app.core.rules.engine import DEFAULT_PROFILE
        return _profile_title(DEFAULT_PROFILE) + "（默认）"
    try:
        return load_profile(profile_id).title
    except ProfileError:
        return f"{profile_id}（档案文件缺失）"


def run_add(store, args) -> int:
    from desktop_app.core import orgs
    kind = args.kind or orgs.kind_from_name(args.name)
    if kind is None:
        raise StoreError(f"无法从名称“{args.name}”判断组织类型，请用 --kind 指定")
    parent_id = orgs.by_code(store, args.parent).id if args.parent else None
    profile = _profile_id(args.profile) if args.profile else None
    start = _date(args.start, "--start 启用日期")
    org_id = orgs.create(store, args.code, args.name, kind, parent_id, profile, start)
    org = orgs.get(store, org_id)
    print(f"已建立 {org.kind} {org.name}（代码 {org.code}）")
    return 0


def run_list(store, args) -> int:
    from desktop_app.core import orgs

    def show(org, depth):
        start = orgs.records_from(store, org.id)
        profile = _profile_title(orgs.profile_of(store, org.id))
        print(f"{'  ' * depth}{org.code}\t{org.name}\t{org.kind}\t规则档案：{profile}\t"
              f"启用日期：{start or '未设'}")
        for child in orgs.children(store, org.id):
            show(child, depth + 1)

    tops = [o for o in orgs.all_orgs(store) if o.parent_id is None]
    if not tops:
        print("账本中还没有组织。用 shilu org add 建立。")
    for top in tops:
        show(top, 0)
    return 0


def run_edit(store, args) -> int:
    from desktop_app.core import orgs
    org = orgs.by_code(store, args.code)
    if args.from_on and not args.profile:
        raise StoreError("--from 须与 --profile 同用")
    with store.transaction():
        org = orgs.edit(store, org.id, name=args.name, code=args.new_code,
                        records_from=_date(args.start, "--start 启用日期"))
        if args.profile:
            from_on = _date(args.from_on, "--from 起始日期") or today()
            orgs.set_profile(store, org.id, _profile_id(args.profile), from_on)
    print(f"{org.code}\t{org.name}\t启用日期：{orgs.records_from(store, org.id) or '未设'}")
    for from_on, profile in orgs.profile_history(store, org.id):
        print(f"  规则档案：{_profile_title(profile)}（{'自 ' + from_on + ' 起' if from_on else '起始'}）")
    return 0


def _member_id(store, org_id: int, name: str, on_date: str) -> int:
    from desktop_app.core import members
    found = [m.id for m in members.expected_on(store, org_id, on_date) if m.name == name]
    if not found:
        rows = store.query("SELECT id FROM members WHERE name = ?", [name])
        found = [r["id"] for r in rows]
    if len(found) != 1:
        raise StoreError(f"找不到党员“{name}”" if not found else f"有{len(found)}名党员叫“{name}”")
    return found[0]


def run_roles_list(store, args) -> int:
    from desktop_app.core import committee, orgs
    org = orgs.by_code(store, args.org)
    on_date = None if args.all else (_date(args.date, "--date") or today())
    found = committee.terms(store, org.id, on_date)
    if not found:
        print(f"{org.name} {on_date or ''} 无人任职".replace("  ", " "))
    for term in found:
        print(f"{term.role}\t{term.name}\t{term.start_on} 至 {term.end_on or '今'}")
    return 0


def run_roles_set(store, args) -> int:
    from desktop_app.core import committee, orgs
    org = orgs.by_code(store, args.org)
    on_date = _date(args.on, "--on 任职日期")
    member_id = _member_id(store, org.id, args.member, on_date)
    committee.appoint(store, org.id, member_id, args.role, on_date, reason=args.reason)
    print(f"{args.member} 自 {on_date} 起任{org.name}{args.role}")
    return 0


def run_roles_end(store, args) -> int:
    from desktop_app.core import committee, orgs
    org = orgs.by_code(store, args.org)
    on_date = _date(args.on, "--on 离任日期")
    member_id = _member_id(store, org.id, args.member, on_date)
    term = committee.find_term(store, org.id, args.role, member_id, on_date)
    committee.end(store, term.id, on_date, reason=args.reason)
    print(f"{args.member} 任{org.name}{args.role}至 {on_date}")
    return 0
