"""`shilu profile list|show|install|use`: the rule profiles (规则档案) and which one an
organisation follows."""
from __future__ import annotations

from pathlib import Path

from desktop_app.core import orgs
from desktop_app.core.rules.choice import choose_profile, install_profile
from desktop_app.core.rules.profile import ProfileError, available_ids, load_profile
from desktop_app.core.store import StoreError


def register(subparsers) -> None:
    parser = subparsers.add_parser("profile", help="规则档案：查看、安装上级下发的档案、为组织选用")
    sub = parser.add_subparsers(dest="profile_command", metavar="操作", required=True)
    sub.add_parser("list", help="列出可用的规则档案").set_defaults(func=run_list)
    show = sub.add_parser("show", help="列出档案中的每条规则及出处")
    show.add_argument("profile", help="档案代码或 .toml 文件")
    show.set_defaults(func=run_show)
    install = sub.add_parser("install", help="检查并安装上级下发的档案文件")
    install.add_argument("file", type=Path)
    install.set_defaults(func=run_install)
    use = sub.add_parser("use", help="为组织选用档案（下属支部、党小组随之使用）")
    use.add_argument("--org", required=True, help="组织代码")
    use.add_argument("profile", help="档案代码")
    use.set_defaults(func=run_use)


def _guarded(action):
    try:
        return action()
    except ProfileError as exc:
        raise StoreError(str(exc)) from exc


def run_list(store, args) -> int:
    for profile_id in available_ids():
        profile = _guarded(lambda: load_profile(profile_id))
        print(f"{profile.id}\t{profile.title}\t{len(profile.rules)} 条规则")
    return 0


def run_show(store, args) -> int:
    profile = _guarded(lambda: load_profile(args.profile))
    print(f"{profile.title}（{profile.id}）\n依据：{profile.source}")
    days = profile.activity_days
    if days.study_day or days.service_day:
        print(f"固定活动日：每月{days.study_day}日学习日、{days.service_day}日服务日（{days.source}）")
    for rule in profile.rules:
        print(f"  {rule.id}  {rule.title}\n      {rule.citation}")
    return 0


def run_install(store, args) -> int:
    profile = _guarded(lambda: install_profile(args.file))
    print(f"已安装规则档案 {profile.id}：{profile.title}（{len(profile.rules)} 条规则）")
    return 0


def run_use(store, args) -> int:
    org = orgs.by_code(store, args.org)
    profile = _guarded(lambda: choose_profile(store, org.id, args.profile))
    print(f"{org.name} 今后按“{profile.title}”体检")
    return 0
