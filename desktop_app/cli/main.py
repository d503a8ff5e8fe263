"""`shilu [--db PATH] [--demo] [COMMAND …]`: no command opens the window; commands run headless."""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path

from desktop_app.cli import (
    appraisal_cmd,
    audit_cmd,
    backup_cmd,
    board_cmd,
    bundle_cmd,
    check_cmd,
    demo_cmd,
    dues_cmd,
    export_cmd,
    meetings_cmd,
    org_cmd,
    member_cmd,
    print_cmd,
    profile_cmd,
    receipt_cmd,
    records_cmd,
    roster_cmd,
    score_cmd,
    selftest_cmd,
    study_cmd,
)
from desktop_app.core import durable, integrity, paths
from desktop_app.core.instance_lock import LedgerInUse, WriterGuard
from desktop_app.core.errors import WordedError
from desktop_app.core.store import StoreError
from desktop_app.core.store.connection import worded_sqlite_error

# Each command group module has `register(subparsers)`; its parsers set `func(store, args) -> int`,
# or `on_path=True` and `func(db_path, args) -> int` for commands that must not open the ledger
# (backup and restore work on a ledger that is damaged or open elsewhere). `creates_ledger=True`
# marks a command that starts a new ledger where none exists (`org add` on an empty path).
COMMAND_GROUPS = [
    demo_cmd,
    org_cmd,
    roster_cmd,
    member_cmd,
    meetings_cmd,
    records_cmd,
    study_cmd,
    print_cmd,
    export_cmd,
    check_cmd,
    dues_cmd,
    score_cmd,
    appraisal_cmd,
    profile_cmd,
    board_cmd,
    backup_cmd,
    audit_cmd,
    bundle_cmd,
    receipt_cmd,
    selftest_cmd,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shilu", description="工作实录：党支部工作记录（离线）")
    parser.add_argument("--db", type=Path, help="账本文件（默认：用户数据目录中的 ledger.sqlite）")
    parser.add_argument("--demo", action="store_true", help="打开（必要时生成）演示账本")
    parser.add_argument("--actor", default=None, help="操作人（记入审计日志；默认取账本中的书记姓名）")
    parser.add_argument("--create", action="store_true", help="账本文件不存在时新建一个空账本")
    parser.add_argument("--version", action="version", version=f"工作实录 {version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(subparsers)
    for command in _commands(parser):
        if "--reason" not in command._option_string_actions and not command.get_default("on_path"):
            command.add_argument("--reason", help="更正原因：修改已封存期间的记录时必填（记入审计日志）")
    return parser


def version() -> str:
    """The installed distribution's version (pyproject.toml), also inside a frozen build."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version
    try:
        return dist_version("shilu")
    except PackageNotFoundError:
        return "未知版本"


def _commands(parser: argparse.ArgumentParser):
    """Every command parser that runs something (the leaves of the sub-command tree)."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield parser
    for group in groups:
        for sub in dict.fromkeys(group.choices.values()):
            yield from _commands(sub)


def db_path(args) -> Path:
    if args.db:
        return args.db
    return paths.demo_db_path() if args.demo else paths.default_db_path()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop_app.ui.app import run_gui
        return run_gui(db_path(args), demo=args.demo)
    try:
        _clean_leftovers(db_path(args))
        if getattr(args, "on_path", False):
            return args.func(db_path(args), args)
        return _with_ledger(args)
    except WordedError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 3 if isinstance(exc, LedgerInUse) else 1
    except sqlite3.Error as exc:
        print(f"错误：{worded_sqlite_error(exc, db_path(args))}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f"（{exc.filename}）" if exc.filename else ""
        print(f"错误：文件读写失败{where}：{durable.describe_error(exc)}。", file=sys.stderr)
        return 1
    except Exception:   # a fault of ours: said in Chinese, the details kept for the maintainers
        print(f"错误：命令“{args.command}”意外中断（程序故障，账本未作修改）。"
              f"详细信息已记入 {_log_fault()}，请发给维护人员。", file=sys.stderr)
        return 70


def _log_fault() -> Path:
    """Append the current exception's traceback to the error log in the data dir."""
    import traceback
    from datetime import datetime
    log = paths.data_dir() / "shilu-errors.log"
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"--- {datetime.now().isoformat(timespec='seconds')} {sys.argv!r}\n")
        out.write(traceback.format_exc())
    return log


def _clean_leftovers(path: Path) -> None:
    """Temp files and plaintext staging copies left by a killed backup or restore."""
    from desktop_app.core.backup import create
    create.clean_leftovers(path)


def _with_ledger(args) -> int:
    """Open the ledger the way the app does (diagnosis first; create only when asked; a sound
    ledger on a read-only place or full disk opens read-only), run the command, close. Writes
    take the ledger's single-writer lock at the first transaction."""
    path = db_path(args)
    actor = args.actor or "命令行"
    try:
        store = integrity.open_ledger(path, actor, thorough=False, read_only=True,
                                      create=args.create or args.command == "demo"
                                      or getattr(args, "creates_ledger", False))
    except integrity.LedgerDamaged as exc:
        print(f"错误：{backup_cmd.explain(exc.diagnosis)}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if store.read_only:
        print(f"注意：账本 {path.name} 完好，但所在位置是只读的或磁盘已满，已只读打开（可以查看、导出，"
              "不能修改）。", file=sys.stderr)
    else:
        store.writer = WriterGuard(path, actor)
    try:
        with store.correcting(getattr(args, "reason", None)):
            return args.func(store, args)
    finally:
        store.close()


def run() -> int:
    """The console entry point: `main`, quiet when its output is piped into `head` and cut off."""
    try:
        return main()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(run())
