"""`shilu [--db PATH] [--demo] [COMMAND …]`: no command opens the window; commands run headless."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop_app.cli import (
    audit_cmd,
    backup_cmd,
    board_cmd,
    bundle_cmd,
    check_cmd,
    demo_cmd,
    dues_cmd,
    export_cmd,
    meetings_cmd,
    print_cmd,
    profile_cmd,
    receipt_cmd,
    roster_cmd,
    score_cmd,
)
from desktop_app.core import paths
from desktop_app.core.errors import WordedError
from desktop_app.core.store import StoreError, open_store

# Each command group module has `register(subparsers)`; its parsers set `func(store, args) -> int`,
# or `on_path=True` and `func(db_path, args) -> int` for commands that must not open the ledger
# (backup and restore work on a ledger that is damaged or open elsewhere).
COMMAND_GROUPS = [
    demo_cmd,
    roster_cmd,
    meetings_cmd,
    print_cmd,
    export_cmd,
    check_cmd,
    dues_cmd,
    score_cmd,
    profile_cmd,
    board_cmd,
    backup_cmd,
    audit_cmd,
    bundle_cmd,
    receipt_cmd,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shilu", description="工作实录：党支部工作记录（离线）")
    parser.add_argument("--db", type=Path, help="账本文件（默认：用户数据目录中的 ledger.sqlite）")
    parser.add_argument("--demo", action="store_true", help="打开（必要时生成）演示账本")
    parser.add_argument("--actor", default=None, help="操作人（记入审计日志；默认取账本中的书记姓名）")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(subparsers)
    return parser


def db_path(args) -> Path:
    if args.db:
        return args.db
    return paths.demo_db_path() if args.demo else paths.default_db_path()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop_app.ui.app import run_gui
        return run_gui(db_path(args), demo=args.demo)
    if getattr(args, "on_path", False):
        return args.func(db_path(args), args)
    try:
        store = open_store(db_path(args), actor=args.actor or "命令行")
    except StoreError as exc:
        print(f"错误：{backup_cmd.explain_open_failure(db_path(args), exc)}", file=sys.stderr)
        return 2
    try:
        return args.func(store, args)
    except WordedError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
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
