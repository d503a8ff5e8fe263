"""Signed bundles on the command line.

At the branch: `shilu keys init`, `shilu keys show [-o KEY.pem]`,
`shilu export bundle --org CODE --period 2025Q3 -o OUT.zip [--with-book]` (then the period is
sealed; a second export of a sealed period is a correction bundle; `--with-book` puts the year's
《工作实录》 PDF in data/).
At the upstream office (no ledger needed): `shilu verify BUNDLE.zip [--trusted FILE]`,
`shilu aggregate FOLDER -o summary.xlsx [--trusted FILE] [--jobs N]`, `shilu trust add CODE KEY.pem`,
`shilu trust list`. Both `verify` and `aggregate` remember the bundles they accept in the
upstream history (`--history FILE`) and print its continuity warnings.
Exit codes of `verify`: 0 有效, 3 完整但签名人未登记, 4 已被改动, 5 无法读取, 2 bad input.
`aggregate`: 0 all valid, 1 otherwise, 2 bad input.
"""
from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

PASSPHRASE_ENV = "SHILU_PASSPHRASE"


def register(subparsers) -> None:
    key = subparsers.add_parser("keys", help="本单位的签名密钥（报送工作实录包、签发回执）")
    add_key_commands(key, "keys_command", "生成签名密钥（私钥用口令加密，存在账本旁）", "对方",
                     run_keys_init, run_keys_show)

    check = subparsers.add_parser("verify", help="校验工作实录包：谁发的、是否被改动、是否连续")
    check.add_argument("bundle", type=Path, help="工作实录包（.zip）")
    upstream_options(check)
    check.set_defaults(func=run_verify, on_path=True)

    total = subparsers.add_parser("aggregate", help="校验文件夹中的全部实录包并汇总")
    total.add_argument("folder", type=Path, help="存放各支部实录包的文件夹")
    total.add_argument("-o", "--output", type=Path, help="汇总表（.xlsx）；不给则只打印")
    total.add_argument("--jobs", type=int, help="同时校验的进程数（默认每个 CPU 一个，最多 2）")
    upstream_options(total)
    total.set_defaults(func=run_aggregate, on_path=True)

    registry = subparsers.add_parser("trust", help="上级：登记受信任的支部公钥")
    registry_commands = registry.add_subparsers(dest="trust_command", required=True)
    add = registry_commands.add_parser("add", help="登记（或更换）一个组织的公钥")
    add.add_argument("code", help="组织代码")
    add.add_argument("public_key", type=Path, help="支部交来的公钥文件（keys show -o 导出）")
    add.add_argument("--trusted", type=Path, help="受信任公钥登记表（默认在用户数据目录）")
    add.set_defaults(func=run_trust_add, on_path=True)
    show_all = registry_commands.add_parser("list", help="列出已登记的公钥")
    show_all.add_argument("--trusted", type=Path, help="受信任公钥登记表（默认在用户数据目录）")
    show_all.set_defaults(func=run_trust_list, on_path=True)


def add_key_commands(key, dest: str, init_help: str, whom: str, run_init, run_show) -> None:
    """`init` and `show` under `key` (a ledger's `keys`, the workstation's `upstream key`)."""
    commands = key.add_subparsers(dest=dest, required=True)
    init = commands.add_parser("init", help=init_help)
    init.add_argument("--passphrase", help=f"口令（也可用环境变量 {PASSPHRASE_ENV}；不给则提示输入）")
    init.set_defaults(func=run_init, on_path=True)
    show = commands.add_parser("show", help=f"显示公钥指纹；-o 导出公钥文件交{whom}登记")
    show.add_argument("-o", "--output", type=Path, help="把公钥写入此文件（.pem）")
    show.set_defaults(func=run_show, on_path=True)


def upstream_options(parser) -> None:
    parser.add_argument("--trusted", type=Path, help="受信任公钥登记表（默认在用户数据目录）")
    parser.add_argument("--history", type=Path,
                        help="上级收包记录（默认在用户数据目录 upstream-history.sqlite）")


def register_target(targets) -> None:
    """`shilu export bundle`, registered under the `export` command that export_cmd owns."""
    bundle = targets.add_parser("bundle", help="导出签名的工作实录包（导出后该期间封存）")
    bundle.add_argument("--org", required=True, help="党支部代码")
    bundle.add_argument("--period", required=True, help="期间：2025、2025H1、2025Q3、2025-07")
    bundle.add_argument("-o", "--output", type=Path, required=True, help="输出文件（.zip）")
    bundle.add_argument("--passphrase", help=f"签名密钥口令（也可用环境变量 {PASSPHRASE_ENV}）")
    bundle.add_argument("--with-book", action="store_true",
                        help="附该年度《工作实录》全本 PDF（一月年检用；含党员姓名等个人信息）")
    bundle.set_defaults(func=run_export)


def passphrase(args, confirm: bool = False) -> str:
    from desktop_app.core.bundle import BundleError
    given = args.passphrase or os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    first = getpass.getpass("签名密钥口令：")
    if confirm and getpass.getpass("再输入一次：") != first:
        raise BundleError("两次输入的口令不一致。")
    return first


def fail(exc, code: int = 2) -> int:
    print(f"错误：{exc}", file=sys.stderr)
    return code


def run_keys_init(db_path: Path, args) -> int:
    from desktop_app.core.bundle import keys
    return init_key_in(keys.key_folder(db_path), args, "签名密钥", "shilu keys show", "对方")


def run_keys_show(db_path: Path, args) -> int:
    from desktop_app.core.bundle import keys
    return show_key_in(keys.key_folder(db_path), args)


def init_key_in(folder: Path, args, what: str, show_command: str, whom: str) -> int:
    """Make a passphrase-protected signing key in `folder` (a ledger's, or the upstream
    workstation's) and say how to hand its public half over."""
    from desktop_app.core.bundle import keys
    from desktop_app.core.errors import WordedError
    try:
        public = keys.init_key(folder, passphrase(args, confirm=True))
    except WordedError as exc:
        return fail(exc, 1)
    print(f"已生成{what}：{folder / keys.PRIVATE_NAME}（已用口令加密）")
    print(f"公钥指纹：{keys.fingerprint(public)}")
    print(f"请用 {show_command} -o 公钥.pem 导出公钥交{whom}登记，并当面或电话核对指纹。")
    return 0


def show_key_in(folder: Path, args) -> int:
    """Print the fingerprint and public key of the key in `folder`; `-o` writes the .pem."""
    from desktop_app.core import durable
    from desktop_app.core.bundle import keys
    from desktop_app.core.errors import WordedError
    try:
        public = keys.load_public(folder)
        if args.output:
            with durable.write_atomically(args.output) as temp:
                temp.write_bytes(keys.public_pem(public))
    except WordedError as exc:
        return fail(exc, 1)
    print(f"公钥指纹：{keys.fingerprint(public)}")
    print(f"公钥：{keys.public_text(public)}")
    if args.output:
        print(f"已导出公钥：{args.output}")
    return 0


def run_export(store, args) -> int:
    from desktop_app.core.bundle import keys
    from desktop_app.core.bundle.build import build_bundle
    from desktop_app.core.errors import WordedError
    if store.path is None:
        return fail("内存账本没有签名密钥。")
    try:
        private = keys.load_private(keys.key_folder(store.path), passphrase(args))
        built = build_bundle(store, args.org, args.period, args.output, private,
                             with_book=args.with_book, progress=_stages() if args.with_book else None)
    except WordedError as exc:
        return fail(exc, 1)
    org, period = built.extract["organisation"], built.extract["period"]
    print(f"已导出工作实录包：{built.path}（{built.identifier}）")
    print(f"{org['name']} {period['label']}，签名密钥指纹 {built.fingerprint}")
    if built.correction:
        records = built.extract["correction"]["records"]
        print(f"这是更正包：更正 {built.extract['correction']['of']}，列出 {len(records)} 条更正的记录。")
    print(f"{period['end']} 及以前的记录已封存：此后修改须填写更正原因。")
    if built.book:
        from desktop_app.core.bundle.build import book_personal_data
        print(f"包内附年度《工作实录》全本 data/{built.book}。{book_personal_data(built.book)}")
    return 0


def _stages():
    """The book's layout stages on stderr, as `shilu export book` shows them."""
    from desktop_app.cli.export_cmd import _Stages
    return _Stages()


def registry(args) -> dict:
    from desktop_app.core.bundle import trust
    return trust.load(args.trusted or trust.default_path())


def open_history(args):
    from desktop_app.core.bundle import history
    return history.History(args.history or history.default_path())


def run_verify(db_path: Path, args) -> int:
    from desktop_app.core.bundle.verify import verify_bundle
    from desktop_app.core.errors import WordedError
    try:
        trusted = registry(args)
        seen = open_history(args)
    except WordedError as exc:
        return fail(exc)
    try:
        report = verify_bundle(args.bundle, trusted)
        flags = seen.record(report)
    finally:
        seen.close()
    print(report.describe())
    for flag in flags:
        print(f"  ! {flag}")
    return report.verdict.exit_code


def run_aggregate(db_path: Path, args) -> int:
    from desktop_app.core.bundle import aggregate, trust
    from desktop_app.core.errors import WordedError
    try:
        trusted = registry(args)
        seen = open_history(args)
    except WordedError as exc:
        return fail(exc)
    try:
        summary = aggregate.summarise(args.folder, trusted, seen, workers=args.jobs)
        if not summary.rows:
            print(aggregate.as_text(summary))
            return fail(f"{args.folder} 中没有 .zip 工作实录包。")
        if args.output:
            aggregate.write_xlsx(summary, args.output)
    except WordedError as exc:
        return fail(exc)
    finally:
        seen.close()
    print(aggregate.as_text(summary))
    for warning in trust.shared_keys(trusted):
        print(f"警告：{warning}")
    if args.output:
        print(f"汇总表：{args.output}")
    return 0 if all(r.valid for r in summary.rows) else 1


def run_trust_add(db_path: Path, args) -> int:
    from desktop_app.core.bundle import keys, trust
    from desktop_app.core.errors import WordedError
    path = args.trusted or trust.default_path()
    try:
        before = trust.load(path).get(args.code.strip())
        entry = trust.trust(path, args.code, keys.read_public_file(args.public_key))
        shared = trust.shared_keys(trust.load(path))
    except WordedError as exc:
        return fail(exc)
    if before and before.public_key != entry.public_key:
        print(f"注意：{entry.code} 原登记的公钥（指纹 {before.fingerprint}）已被替换，"
              "用旧密钥签名的包将不再被信任。")
    print(f"已登记 {entry.code} 的公钥，指纹 {entry.fingerprint}（请与该支部核对）。")
    for warning in shared:
        print(f"警告：{warning}")
    print(f"登记表：{path}")
    return 0


def run_trust_list(db_path: Path, args) -> int:
    from desktop_app.core.bundle import trust
    from desktop_app.core.errors import WordedError
    try:
        entries = registry(args)
    except WordedError as exc:
        return fail(exc)
    if not entries:
        print("还没有登记任何公钥。")
    for entry in entries.values():
        print(f"{entry.code}\t{entry.fingerprint}\t登记于 {entry.added_on}")
    for warning in trust.shared_keys(entries):
        print(f"警告：{warning}")
    return 0
