"""`shilu backup create [-o PATH]`, `backup list [--dir FOLDER] [--check]`, `backup restore PATH`.

These work on the ledger's path, not an open store: a backup is taken online beside a running app,
and a restore must work when the ledger is too damaged to open.
Exit codes: 0 done, 1 backup failed or refused, 2 ledger missing or damaged, 3 ledger in use.
"""
import sys
from pathlib import Path

from desktop_app.core import integrity
from desktop_app.core.backup import archive, create, restore
from desktop_app.core.backup.archive import BackupError
from desktop_app.core.instance_lock import InstanceLock, LedgerInUse


def register(subparsers) -> None:
    parser = subparsers.add_parser("backup", help="备份与恢复")
    commands = parser.add_subparsers(dest="backup_command", required=True)
    make = commands.add_parser("create", help="立即备份（默认存入账本旁的备份文件夹并按规则轮换）")
    make.add_argument("-o", "--output", type=Path,
                      help="备份到此文件夹（如 U 盘）或此 .zip 文件；不参与轮换")
    make.set_defaults(func=run_create, on_path=True)
    show = commands.add_parser("list", help="列出备份，最新的在前")
    show.add_argument("--dir", type=Path, help="列出此文件夹（如 U 盘）中的备份")
    show.add_argument("--check", action="store_true", help="逐个检查备份是否完好（较慢）")
    show.set_defaults(func=run_list, on_path=True)
    back = commands.add_parser("restore", help="从备份恢复（先检查备份；原账本改名保留）")
    back.add_argument("backup", type=Path, help="备份文件（.zip）或解压后的备份文件夹")
    back.set_defaults(func=run_restore, on_path=True)


def explain(diagnosis: integrity.Diagnosis) -> str:
    """Why a ledger would not open, and which backup to restore it from."""
    if diagnosis.backup is None:
        return diagnosis.message
    return (f"{diagnosis.message}\n恢复命令：shilu --db {diagnosis.path} backup restore "
            f"{diagnosis.backup.path}")


def run_create(db_path: Path, args) -> int:
    try:
        if args.output:
            info = create.create_backup(db_path, args.output)
        else:
            info = create.automatic_backup(db_path)
    except BackupError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2 if not Path(db_path).is_file() else 1
    print(f"已备份：{info.describe()}\n备份文件：{info.path}")
    return 0


def run_list(db_path: Path, args) -> int:
    folder = args.dir or archive.default_folder(db_path)
    backups = archive.list_backups(folder)
    if not backups:
        print(f"{folder} 中还没有备份。")
        return 0
    print(f"{folder} 中的备份（最新的在前）：")
    for info in backups:
        verdict = ""
        if args.check:
            problem = integrity.verify_backup(info.path)
            verdict = "  完好" if problem is None else f"  损坏：{problem}"
        print(f"  {info.path.name}  {info.describe()}{verdict}")
    return 0


def run_restore(db_path: Path, args) -> int:
    actor = args.actor or "命令行"
    try:
        with InstanceLock(db_path, user=actor):
            result = restore.restore_backup(args.backup, db_path)
    except LedgerInUse as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 3
    except BackupError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(result.describe())
    return 0
