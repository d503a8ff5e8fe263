"""Durable file writes: temp file in the same folder, fsync, rename, fsync the folder.

Every export and backup goes through `write_atomically`, so a full disk or a pulled USB stick
leaves either the old file or nothing under the final name — never half a file.
"""
from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from desktop_app.core.errors import WordedError


class ExportWriteError(WordedError, OSError):
    """A write that failed, worded for the secretary."""


def _process_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes its file readable by the owner only; an export or backup should get the same
# permissions as any other file the user saves. Read once, at import, before any threads start.
FILE_MODE = 0o666 & ~_process_umask()


@contextmanager
def write_atomically(target: str | Path, mode: int = FILE_MODE) -> Iterator[Path]:
    """Yield a temp path in the target's folder; on success it becomes `target` with `mode`
    (a secret such as the signing key passes 0o600)."""
    target = Path(target)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise ExportWriteError(f"无法在 {target.parent} 中写入文件：{describe_error(exc)}") from exc
    temp = Path(temp_name)
    try:
        yield temp
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExportWriteError(f"写入 {target} 失败：{describe_error(exc)}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def describe_error(exc: OSError) -> str:
    """The cause of a failed write in words a secretary understands."""
    return {
        errno.ENOSPC: "磁盘已满",
        errno.EROFS: "目标是只读的",
        errno.EACCES: "没有写入权限",
        errno.ENOENT: "文件夹不存在（U 盘是否已拔出？）",
        errno.EIO: "读写错误（U 盘是否已拔出？）",
        errno.EPERM: "没有权限",
        errno.EBUSY: "文件正被其他程序占用",
        errno.EFBIG: "文件太大，目标位置放不下（如 FAT32 格式的 U 盘单个文件不能超过 4 GB）",
        errno.ENAMETOOLONG: "文件名或路径太长",
        errno.EISDIR: "这是一个文件夹，不是文件",
        errno.ENOTDIR: "路径中有一段不是文件夹",
        getattr(errno, "EDQUOT", -1): "磁盘配额已满",
    }.get(exc.errno, f"系统报告：{exc.strerror or exc}")
