"""The backup format: a .zip (or the same files unzipped into a folder) holding

    ledger.sqlite            a consistent copy made with SQLite's online backup API
    attachments/…            the content-addressed photos and scans, same layout as the data dir
    keys/…                   the ledger's signing key (passphrase-encrypted) and its public half
    manifest.json            sha256 of every file, created time, schema version, audit count and head

The manifest is written last, so a zip cut short on a pulled USB stick has no manifest and is
never mistaken for a good backup. Reading a backup means unpacking it into a staging folder and
checking every hash before anything else looks at it.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from desktop_app.core import paths
from desktop_app.core.errors import WordedError

FORMAT = "shilu-backup"
FORMAT_VERSION = 1
LEDGER_NAME = "ledger.sqlite"
ATTACHMENTS = "attachments"
KEYS = "keys"
MANIFEST = "manifest.json"
NAME_PATTERN = re.compile(r"^shilu-backup-(\d{8}-\d{6})\.zip$")


class BackupError(WordedError):
    """A backup that could not be made, read or restored, worded for the secretary."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    schema_version: int
    audit_entries: int
    audit_head: str | None
    files: dict[str, str]
    size: int

    @property
    def has_key(self) -> bool:
        return any(name.startswith(KEYS + "/") for name in self.files)

    @property
    def attachment_count(self) -> int:
        return sum(1 for name in self.files if name.startswith(ATTACHMENTS + "/"))

    def describe(self) -> str:
        """One line for lists and dialogs: when, how much."""
        return (f"{self.created:%Y-%m-%d %H:%M}，{self.audit_entries} 条审计记录，"
                f"{self.attachment_count} 个附件，{_human_size(self.size)}")


def default_folder(db_path: Path) -> Path:
    """Where the automatic (rotated) backups of a ledger go: a folder beside it."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}-backups")


def default_attachments_dir() -> Path:
    """The content-addressed photos and scans live in the user's data dir."""
    return paths.data_dir() / ATTACHMENTS


def file_name(created: datetime) -> str:
    return f"shilu-backup-{created:%Y%m%d-%H%M%S}.zip"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_info(path: Path) -> BackupInfo:
    """Read a backup's manifest only (cheap: for lists). Does not check the files."""
    path = Path(path)
    try:
        if path.is_dir():
            raw = (path / MANIFEST).read_bytes()
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        else:
            with zipfile.ZipFile(path) as archive:
                raw = archive.read(MANIFEST)
            size = path.stat().st_size
        manifest = json.loads(raw.decode("utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError("not a Shilu backup")
        return BackupInfo(
            path=path,
            created=datetime.fromisoformat(manifest["created"]),
            schema_version=int(manifest["schema_version"]),
            audit_entries=int(manifest["audit_entries"]),
            audit_head=manifest["audit_head"],
            files=dict(manifest["files"]),
            size=size,
        )
    except FileNotFoundError as exc:
        raise BackupError(f"找不到备份：{path}。") from exc
    except KeyError as exc:
        raise BackupError(f"{path.name} 不完整：缺少清单 manifest.json（备份可能没有写完）。") from exc
    except (OSError, zipfile.BadZipFile, ValueError, TypeError) as exc:
        raise BackupError(f"{path.name} 不是实录备份，或已损坏，无法读取其清单。") from exc


def list_backups(folder: Path) -> list[BackupInfo]:
    """Readable backups in a folder, newest first; unreadable files are left out."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        if entry.name.startswith("."):
            continue
        if (entry.suffix == ".zip" and entry.is_file()) or (entry / MANIFEST).is_file():
            try:
                found.append(read_info(entry))
            except BackupError:
                continue
    return sorted(found, key=lambda info: info.created, reverse=True)


def unpack(path: Path, staging: Path) -> BackupInfo:
    """Copy a backup into `staging` and check every file against the manifest's sha256."""
    info = read_info(path)
    for name in info.files:
        _check_member_name(name, path)
    try:
        if path.is_dir():
            for name in info.files:
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path / name, staging / name)
        else:
            with zipfile.ZipFile(path) as archive:
                for name in info.files:
                    archive.extract(name, staging)
    except FileNotFoundError as exc:
        raise BackupError(f"{path.name} 不完整：缺少文件 {Path(exc.filename).name}。") from exc
    except KeyError as exc:
        raise BackupError(f"{path.name} 不完整：缺少文件 {exc.args[0]}。") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise BackupError(f"{path.name} 已损坏（压缩数据校验失败），不能用来恢复。") from exc
    for name, expected in info.files.items():
        if sha256_of(staging / name) != expected:
            raise BackupError(f"{path.name} 已损坏：{name} 的内容与备份清单不符，不能用来恢复。")
    return info


def _check_member_name(name: str, path: Path) -> None:
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts or ":" in name or "\\" in name:
        raise BackupError(f"{path.name} 的清单含有不安全的文件名 {name!r}，拒绝恢复。")
    if name != LEDGER_NAME and parts[0] != ATTACHMENTS and not (parts[0] == KEYS and len(parts) == 2):
        raise BackupError(f"{path.name} 的清单含有不属于备份的文件 {name!r}，拒绝恢复。")


def _human_size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(1, size // 1024)} KB"
