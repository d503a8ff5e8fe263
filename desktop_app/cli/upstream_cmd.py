"""The upstream workstation (街道党工委、机关工委: the office that receives branches' bundles and keeps
no branch ledger of its own).

`shilu upstream` opens the workstation window. `shilu upstream trend [--branch CODE]` prints each
branch across the periods it has reported (from the upstream history that `aggregate`, `verify`,
`review` and the window fill). `shilu upstream key init|show [-o KEY.pem]`: the workstation's own
signing key, which signs 回执 and whose public key the branches register.
Exit codes: 0 done, 1 refused or nothing to show, 2 bad input.
"""
from __future__ import annotations

from pathlib import Path

from desktop_app.cli.bundle_cmd import (add_key_commands, fail, init_key_in, open_history,
                                       registry, show_key_in, upstream_options)


def register(subparsers) -> None:
    upstream = subparsers.add_parser("upstream", help="上级工作台：打开工作台窗口、各支部趋势、本机签名密钥")
    upstream.set_defaults(func=run_window, on_path=True)
    commands = upstream.add_subparsers(dest="upstream_command")
    trend = commands.add_parser("trend", help="各支部逐期趋势：三会一课已开/应开、未达标项、在册党员")
    trend.add_argument("--branch", help="只看这个组织代码的支部")
    upstream_options(trend)
    trend.set_defaults(func=run_trend, on_path=True)
    key = commands.add_parser("key", help="工作台的签名密钥（为回执签名）")
    add_key_commands(key, "key_command", "生成工作台签名密钥（私钥用口令加密）", "各支部",
                     run_key_init, run_key_show)


def run_window(db_path: Path, args) -> int:
    from desktop_app.ui.workstation.app import run_workstation
    return run_workstation()


def run_trend(db_path: Path, args) -> int:
    from desktop_app.core.bundle import trend, trust
    from desktop_app.core.errors import WordedError
    try:
        trusted = registry(args)
        seen = open_history(args)
    except WordedError as exc:
        return fail(exc)
    for warning in trust.shared_keys(trusted):
        print(f"警告：{warning}")
    printed = 0
    try:
        for one in trend.series(seen, args.branch):
            print(("\n" if printed else "") + trend.as_text(one))
            printed += 1
    finally:
        seen.close()
    if printed:
        return 0
    if args.branch:
        return fail(f"上级收包记录中没有 {args.branch} 的有效工作实录包。", 1)
    print(trend.NOTHING)
    return 1


def run_key_init(db_path: Path, args) -> int:
    from desktop_app.core.bundle import keys
    return init_key_in(keys.upstream_folder(), args, "工作台签名密钥", "shilu upstream key show",
                       "各支部")


def run_key_show(db_path: Path, args) -> int:
    from desktop_app.core.bundle import keys
    folder = keys.upstream_folder()
    if not keys.has_key(folder):
        return fail("工作台还没有签名密钥：先运行 shilu upstream key init。", 1)
    return show_key_in(folder, args)