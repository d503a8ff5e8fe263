"""`shilu export book|ledger`: the year's 《工作实录》 as PDF and its 台账 as .xlsx.

This module owns the `export` command; further targets (e.g. the bundle) register with it by
adding their `register_target(targets)` function to `TARGETS`, so only one module defines `export`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.cli import bundle_cmd
from desktop_app.core import orgs
from desktop_app.core.durable import ExportWriteError


def register_book(targets) -> None:
    parser = targets.add_parser("book", help="导出年度《工作实录》（PDF，可打印装订）")
    _common(parser, ".pdf")
    parser.set_defaults(func=run_book, reads_only=True)


def register_ledger(targets) -> None:
    parser = targets.add_parser("ledger", help="导出年度工作台账（Excel .xlsx）")
    _common(parser, ".xlsx")
    parser.add_argument("--with-sensitive", action="store_true",
                        help="花名册中写入完整的身份证号和联系电话（默认隐去部分数字）")
    parser.set_defaults(func=run_ledger, reads_only=True)


TARGETS = [
    register_book,
    register_ledger,
    bundle_cmd.register_target,
]


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help="导出年度《工作实录》、工作台账等")
    targets = parser.add_subparsers(dest="export_target", metavar="内容", required=True)
    for register_target in TARGETS:
        register_target(targets)


def _common(parser, suffix: str) -> None:
    parser.add_argument("--org", required=True, help="组织代码（通常为党支部），如 DEMO-01")
    parser.add_argument("--year", type=int, required=True, help="年度，如 2025")
    parser.add_argument("-o", "--output", type=Path, required=True, help=f"输出文件：{suffix}")


def _check_suffix(path: Path, suffix: str) -> bool:
    if path.suffix.lower() == suffix:
        return True
    print(f"错误：输出文件 {path} 的扩展名应为 {suffix}", file=sys.stderr)
    return False


class _Stages:
    """Prints each stage once on stderr, so a long export shows it is working."""

    def __init__(self):
        self.last: str | None = None

    def __call__(self, done: int, total: int, text: str) -> None:
        if text != self.last and done < total:
            print(f"{text}…", file=sys.stderr)
        self.last = text


def run_book(store, args) -> int:
    # Each writer is imported when it runs: the ledger's .xlsx needs neither reportlab nor fonts.
    from desktop_app.core.exports import book
    from desktop_app.core.exports.fonts import FontMissingError
    if not _check_suffix(args.output, ".pdf"):
        return 2
    org = orgs.by_code(store, args.org)
    return _write(book.write_book, (FontMissingError,), store, org.id, args.year, args.output)


def run_ledger(store, args) -> int:
    from desktop_app.core.exports import ledger_xlsx
    if not _check_suffix(args.output, ".xlsx"):
        return 2
    org = orgs.by_code(store, args.org)
    return _write(ledger_xlsx.write_ledger, (), store, org.id, args.year, args.output,
                  with_sensitive=args.with_sensitive)


def _write(writer, failures: tuple[type[Exception], ...], *args, **options) -> int:
    """Run `writer`; a write failure, or one of the writer's own `failures`, is said in words."""
    try:
        path = writer(*args, progress=_Stages(), **options)
    except (ExportWriteError, *failures) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已导出：{path}")
    return 0
