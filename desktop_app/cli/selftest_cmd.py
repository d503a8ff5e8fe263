"""`shilu selftest`: the installed app opens a demo ledger offscreen, shows every page, prints a PDF."""
from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("selftest", help="自检：生成小型演示账本，逐页显示并导出一份 PDF")
    parser.set_defaults(func=run, on_path=True)


def run(_db_path, _args) -> int:
    from desktop_app.ui import selftest
    if selftest.run():
        print("自检通过")
        return 0
    print("自检未通过：见上面标为异常的项目")
    return 1
