"""Read a bundle zip that may be hostile, into memory, without writing anything to disk: one top
folder, no absolute paths, no `..`, no links, no duplicate names, no more than a few entries and
megabytes (a zip bomb stops at the cap, not at the full memory).

A bundle is a few small text files (and at most one book PDF), so holding it in memory is cheap;
nothing from it ever touches the disk of the upstream office before it has been verified.
"""
from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass

from desktop_app.core.bundle.text import shown

MAX_ENTRIES = 200
MAX_TOTAL_BYTES = 64 * 1024 * 1024
CHUNK = 64 * 1024

# What a damaged zip can make zipfile raise while opening or reading it.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
              RuntimeError, OverflowError, UnicodeError, zipfile.LargeZipFile)


class UnsafeZip(Exception):
    """The zip cannot be read safely; the message (Chinese) names the entry."""


@dataclass(frozen=True)
class Members:
    top: str                       # the bag's folder name, DEMO-01-2025Q3
    files: dict[str, bytes]        # path inside the bag (posix) -> content
    folders: frozenset[str]        # paths inside the bag given as folder entries


def read_members(archive: zipfile.ZipFile) -> Members:
    """Every entry's bytes, by its path inside the one top folder. Raises UnsafeZip or ZIP_ERRORS."""
    entries = archive.infolist()
    if not entries:
        raise UnsafeZip("压缩包是空的。")
    if len(entries) > MAX_ENTRIES:
        raise UnsafeZip(f"压缩包有 {len(entries)} 个条目，超过上限 {MAX_ENTRIES}，拒绝读取。")
    if len({info.filename for info in entries}) != len(entries):
        raise UnsafeZip("压缩包中有重名的条目，拒绝读取。")
    tops = set()
    for info in entries:
        _check_name(info)
        tops.add(info.filename.split("/", 1)[0])
    if len(tops) != 1:
        raise UnsafeZip("压缩包应只有一个顶层文件夹（工作实录包），实际有："
                        + "、".join(shown(t, 40) for t in sorted(tops)[:5]) + "。")
    if sum(info.file_size for info in entries) > MAX_TOTAL_BYTES:
        raise UnsafeZip(f"压缩包解压后超过 {MAX_TOTAL_BYTES // (1024 * 1024)} MB，拒绝读取。")
    top = tops.pop()
    files, folders, total = {}, set(), 0
    for info in entries:
        inside = info.filename.split("/", 1)[1].rstrip("/") if "/" in info.filename else ""
        if info.is_dir():
            folders.add(inside)
            continue
        if not inside:
            raise UnsafeZip(f"压缩包的顶层 {shown(top, 40)} 应是文件夹，不是文件。")
        chunks = []
        with archive.open(info) as source:
            while chunk := source.read(CHUNK):
                total += len(chunk)
                if total > MAX_TOTAL_BYTES:
                    raise UnsafeZip(f"{shown(info.filename)} 解压后超出大小上限，拒绝读取。")
                chunks.append(chunk)
        files[inside] = b"".join(chunks)
    clash = folders & set(files) or {f for f in files for d in _parents(f) if d in files}
    if clash:
        raise UnsafeZip(f"压缩包中 {shown(sorted(clash)[0])} 既是文件又是文件夹，拒绝读取。")
    return Members(top, files, frozenset(folders))


def _parents(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def _check_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    parts = name.rstrip("/").split("/")
    if (not name or name.startswith("/") or "\\" in name or ":" in name or "\0" in name
            or any(p in ("..", ".", "") for p in parts)):
        raise UnsafeZip(f"压缩包含有不安全的路径 {shown(name)}（绝对路径或 ..），拒绝读取。")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeZip(f"压缩包中的 {shown(name)} 是符号链接，拒绝读取。")
