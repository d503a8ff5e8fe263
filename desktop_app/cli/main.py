"""`shilu [--db PATH] [--demo] [COMMAND …]`: no command opens the window; commands run headless."""
from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from pathlib import Path

from desktop_app.cli import argparse_zh

# Every command: name → (its module in desktop_app.cli, the one-line help `shilu --help` shows).
# A module is imported only when one of its commands runs (or asks for its own --help), so start-up
# stays free of reportlab, openpyxl, python-docx, bagit and cryptography. The module's
# `register(subparsers)` defines its commands fully; their parsers set `func(store, args) -> int`,
# or `on_path=True` and `func(db_path, args) -> int` for commands that must not open the ledger
# (backup and restore work on a ledger that is damaged or open elsewhere). A test checks that this
# table names exactly what each module registers.
COMMANDS = {
    "demo": ("demo_cmd", "生成演示账本（合成数据）"),
    "org": ("org_cmd", "组织与班子：建立组织、改名改代码、启用日期、规则档案、任职"),
    "roster": ("roster_cmd", "党员花名册：导入、导出、空白模板"),
    "member": ("member_cmd", "党员：新增、查看、组织关系与身份变动"),
    "meetings": ("meetings_cmd", "会议记录（三会一课、主题党日等）"),
    "search": ("meetings_cmd", "全文检索会议记录（标题、议题、记录内容、人名）"),
    "records": ("records_cmd", "核对会议记录和任职是否与台账一致"),
    "study": ("study_cmd", "党员学时：培训、网上党校、学习强国，期初学时"),
    "plan": ("print_cmd", "导出党员固定活动日年度计划表（PDF 或 xlsx）"),
    "signin": ("print_cmd", "打印会议签到表（PDF）"),
    "record": ("print_cmd", "导出会议记录（PDF 或 Word/WPS 的 .docx）"),
    "export": ("export_cmd", "导出年度《工作实录》、工作台账等"),
    "check": ("check_cmd", "对照规则档案体检：达标、即将到期、逾期、缺失"),
    "dues": ("dues_cmd", "党费：基数、期初、收缴、季度结算、欠交、收据"),
    "pioneer": ("score_cmd", "党员先锋指数：每人得分、等次和每项加扣分原因"),
    "stars": ("score_cmd", "星级评定：按规则档案的标准评星"),
    "checklist": ("score_cmd", "达标销号清单：每条标准的状态、依据和销号日期"),
    "appraisal": ("appraisal_cmd", "民主评议党员：评议步骤、结果、党员大会决定、不合格处置"),
    "profile": ("profile_cmd", "规则档案：查看、安装上级下发的档案、为组织选用"),
    "board": ("board_cmd", "打印党务公开栏（PDF，A4 竖版或 A3 横版海报）"),
    "disclosure": ("board_cmd", "党务公开清单：各事项已公开、待更新或未公开；录入公开内容和先锋承诺"),
    "backup": ("backup_cmd", "备份与恢复"),
    "audit": ("audit_cmd", "审计日志"),
    "keys": ("bundle_cmd", "本单位的签名密钥（报送工作实录包、签发回执）"),
    "verify": ("bundle_cmd", "校验工作实录包：谁发的、是否被改动、是否连续"),
    "aggregate": ("bundle_cmd", "校验文件夹中的全部实录包并汇总"),
    "trust": ("bundle_cmd", "上级：登记受信任的支部公钥"),
    "review": ("receipt_cmd", "上级：审核工作实录包并签发回执（通过或退回）"),
    "receipt": ("receipt_cmd", "支部：登记上级公钥、导入上级回执"),
    "upstream": ("upstream_cmd", "上级工作台：打开工作台窗口、各支部趋势、本机签名密钥"),
    "selftest": ("selftest_cmd", "自检：生成小型演示账本，逐页显示并导出一份 PDF"),
}

# Top-level options that take a value, so the word after them is not the command.
_VALUED_OPTIONS = ("--db", "--actor")


def command_module(name: str):
    """The imported module that registers command `name` (KeyError for an unknown name)."""
    return importlib.import_module(f"desktop_app.cli.{COMMANDS[name][0]}")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The `shilu` parser for `argv` (default sys.argv[1:]): the named command in full, every other
    command as a placeholder carrying its help line."""
    argparse_zh.install()
    parser = argparse.ArgumentParser(prog="shilu", description="工作实录：党支部工作记录（离线）")
    parser.add_argument("--db", type=Path, help="账本文件（默认：用户数据目录中的 ledger.sqlite）")
    parser.add_argument("--demo", action="store_true", help="打开（必要时生成）演示账本")
    parser.add_argument("--actor", default=None, help="操作人（记入审计日志；默认取账本中的书记姓名）")
    parser.add_argument("--create", action="store_true", help="账本文件不存在时新建一个空账本")
    parser.add_argument("--version", action=_VersionAction, help="显示版本号并退出")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = _command_word(sys.argv[1:] if argv is None else argv)
    if wanted in COMMANDS:
        command_module(wanted).register(subparsers)
    for name, (_, help_text) in COMMANDS.items():
        if name not in subparsers.choices:
            subparsers.add_parser(name, help=help_text)
    for command in _commands(parser):
        if command.get_default("func") is None:
            continue
        if "--reason" not in command._option_string_actions and not command.get_default("on_path"):
            command.add_argument("--reason", help="更正原因：修改已封存期间的记录时必填（记入审计日志）")
    return parser


def _command_word(argv: list[str]) -> str | None:
    """The first word of `argv` that is not a top-level option or its value."""
    words = iter(argv)
    for word in words:
        if not word.startswith("-"):
            return word
        if "=" not in word and len(word) > 2 and any(o.startswith(word) for o in _VALUED_OPTIONS):
            next(words, None)
    return None


class _VersionAction(argparse.Action):
    """`--version`, reading the installed version only when asked (metadata lookup is slow)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0,
                         help=kwargs.get("help"))

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"工作实录 {version()}")
        parser.exit()


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
    from desktop_app.core import paths
    return paths.demo_db_path() if args.demo else paths.default_db_path()


def main(argv: list[str] | None = None) -> int:
    args = build_parser(argv).parse_args(argv)
    if not gc.isenabled():      # run() paused collection while the command's modules loaded
        gc.freeze()
        gc.enable()
    if args.command is None:
        from desktop_app.ui.app import run_gui
        return run_gui(db_path(args), demo=args.demo)
    # Imported here, not at the top, so that `shilu --help` stays light.
    import sqlite3

    from desktop_app.core import durable
    from desktop_app.core.errors import WordedError
    from desktop_app.core.instance_lock import LedgerInUse
    from desktop_app.core.store.connection import worded_sqlite_error
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
    except BrokenPipeError:
        raise               # output cut off (`| head`): run() ends quietly
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

    from desktop_app.core import paths
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
    from desktop_app.core import integrity
    from desktop_app.core.instance_lock import WriterGuard
    from desktop_app.core.store import StoreError
    path = db_path(args)
    actor = args.actor or "命令行"
    # A command that only reads and prints (`reads_only`) skips quick_check (see check_file).
    checked = (integrity.check_file(path, thorough=False, scan=False)
               if getattr(args, "reads_only", False) else None)
    try:
        store = integrity.open_ledger(path, actor, thorough=False, read_only=True,
                                      create=args.create or args.command == "demo"
                                      or getattr(args, "creates_ledger", False), checked=checked)
    except integrity.LedgerDamaged as exc:
        from desktop_app.cli.backup_cmd import explain
        print(f"错误：{explain(exc.diagnosis)}", file=sys.stderr)
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
    """The console entry point: `main`, quiet when its output is piped into `head` and cut off.

    Garbage collection waits until the parser is built: loading a command's modules and libraries
    makes some 40,000 collectable objects (board: reportlab's) that live until exit, and collecting
    while they are made, then walking them again in a full collection, took 50 ms of a one-page
    board's 0.4 s CPU. `main` sets them aside for good (gc.freeze, with the parser itself: about
    200 KB never freed) and resumes collection for the command's own work, or the window's. Tests
    call `main` with collection on: nothing is frozen there."""
    gc.disable()
    try:
        return main()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(run())
