"""Unpack a bundle zip that may be hostile: one top folder, no absolute paths, no `..`, no links,
no more than a few entries and megabytes (a zip bomb stops at the cap, not at the full disk)."""
from __future__ import annotations

import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

MAX_ENTRIES = 200
MAX_TOTAL_BYTES = 64 * 1024 * 1024
CHUNK = 64 * 1024

# What a damaged zip can make zipfile raise while opening or reading it.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
              RuntimeError, OverflowError, UnicodeError)


class UnsafeZip(Exception):
    """The zip cannot be unpacked safely; the message (Chinese) names the entry."""


def unpack(archive: zipfile.ZipFile, target: Path) -> str:
    """Extract into `target`; return the top folder's name. Raises UnsafeZip or a ZIP_ERRORS."""
    entries = archive.infolist()
    if not entries:
        raise UnsafeZip("压缩包是空的。")
    if len(entries) > MAX_ENTRIES:
        raise UnsafeZip(f"压缩包有 {len(entries)} 个条目，超过上限 {MAX_ENTRIES}，拒绝解压。")
    if len({info.filename for info in entries}) != len(entries):
        raise UnsafeZip("压缩包中有重名的条目，拒绝解压。")
    tops = set()
    for info in entries:
        _check_name(info)
        tops.add(PurePosixPath(info.filename).parts[0])
    if len(tops) != 1:
        raise UnsafeZip("压缩包应只有一个顶层文件夹（工作实录包），实际有："
                        + "、".join(sorted(tops)[:5]) + "。")
    if sum(info.file_size for info in entries) > MAX_TOTAL_BYTES:
        raise UnsafeZip(f"压缩包解压后超过 {MAX_TOTAL_BYTES // (1024 * 1024)} MB，拒绝解压。")
    total = 0
    for info in entries:
        destination = target.joinpath(*PurePosixPath(info.filename).parts)
        if info.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, open(destination, "xb") as sink:
            while chunk := source.read(CHUNK):
                total += len(chunk)
                if total > MAX_TOTAL_BYTES:
                    raise UnsafeZip(f"{info.filename} 解压后超出大小上限，拒绝解压。")
                sink.write(chunk)
    return tops.pop()


def _check_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    parts = PurePosixPath(name).parts
    if (not parts or name.startswith("/") or "\\" in name or ":" in name or "\0" in name
            or any(p in ("..", ".") for p in parts)):
        raise UnsafeZip(f"压缩包含有不安全的路径 {name!r}（绝对路径或 ..），拒绝解压。")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeZip(f"压缩包中的 {name!r} 是符号链接，拒绝解压。")
