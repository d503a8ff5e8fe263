"""BagIt 1.0 (RFC 8493) in memory: the bag a bundle carries, made and checked as a dict of
path -> bytes, never as a folder.

Why not the `bagit` library at run time: it bags in place with `os.chdir`, writes BagIt 0.97,
and its validator parses tag files with whatever `Tag-File-Character-Encoding` the bag names
(`zlib_codec` included) and speaks English. A bag of three small files needs none of that;
`python -m bagit --validate` still accepts our bags (a test runs it).

`check` raises `BagRefused(altered, message)`: `altered` is True when the bag was changed after
it was made (a checksum or the file list differs), False when it cannot be read as a bag at all.
"""
from __future__ import annotations

import hashlib
import re

from desktop_app.core.bundle.layout import BAGIT_TXT, PAYLOAD_DIR, SIGNED_FILE, TAG_FILES
from desktop_app.core.bundle.text import shown

MAX_TAG_BYTES = 64 * 1024
_LINE = re.compile(r"^([0-9a-f]{64}) [ *]?(\S.*)$")   # "<sha256> <path>", one or two spaces
_LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,63}$")


class BagRefused(Exception):
    def __init__(self, altered: bool, message: str):
        super().__init__(message)
        self.altered = altered


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make(payload: dict[str, bytes], info: dict[str, str]) -> dict[str, bytes]:
    """Tag files and payload (under data/) of a bag; `info` values are single lines."""
    files = {f"{PAYLOAD_DIR}/{name}": data for name, data in sorted(payload.items())}
    manifest = "".join(f"{sha256(data)}  {path}\n" for path, data in files.items())
    oxum = f"{sum(len(d) for d in files.values())}.{len(files)}"
    labels = {**info, "Payload-Oxum": oxum}
    files["bag-info.txt"] = "".join(f"{k}: {v}\n" for k, v in sorted(labels.items())).encode()
    files["bagit.txt"] = BAGIT_TXT
    files["manifest-sha256.txt"] = manifest.encode()
    files[SIGNED_FILE] = "".join(f"{sha256(files[name])}  {name}\n" for name in TAG_FILES).encode()
    return files


def check(files: dict[str, bytes]) -> dict[str, str]:
    """Every checksum of a bag whose tag manifest has been authenticated; returns bag-info."""
    tags = _manifest(files[SIGNED_FILE], SIGNED_FILE)
    if set(tags) != set(TAG_FILES):
        raise BagRefused(True, f"{SIGNED_FILE} 应恰好记录 {'、'.join(TAG_FILES)} 的校验和。")
    for name in TAG_FILES:
        if name not in files:
            raise BagRefused(True, f"缺少文件 {name}。")
        if sha256(files[name]) != tags[name]:
            raise BagRefused(True, f"{name} 的内容被改动过（sha256 与清单不符）。")
    if files["bagit.txt"] != BAGIT_TXT:
        raise BagRefused(False, "bagit.txt 不是 BagIt 1.0、UTF-8 编码的声明，不是本软件生成的包。")
    listed = _manifest(files["manifest-sha256.txt"], "manifest-sha256.txt")
    payload = {p for p in files if p.startswith(f"{PAYLOAD_DIR}/")}
    problems = [f"清单列出的 {shown(p)} 不在包中。" for p in sorted(set(listed) - payload)]
    problems += [f"{shown(p)} 不在清单中（包被添加了文件）。" for p in sorted(payload - set(listed))]
    problems += [f"{shown(p)} 的内容被改动过（sha256 与清单不符）。"
                 for p in sorted(payload & set(listed)) if sha256(files[p]) != listed[p]]
    if problems:
        raise BagRefused(True, "；".join(problems[:5]) + ("……" if len(problems) > 5 else ""))
    info = _info(files["bag-info.txt"])
    oxum = f"{sum(len(files[p]) for p in payload)}.{len(payload)}"
    if info.get("Payload-Oxum") != oxum:
        raise BagRefused(True, "data/ 中的文件数或总大小与 bag-info.txt 所记不符。")
    return info


def claimed_info(files: dict[str, bytes]) -> dict[str, str]:
    """bag-info as it stands, before anything is verified: only to say whom a refused bundle
    claims to be from ({} when it cannot be read)."""
    try:
        return _info(files.get("bag-info.txt", b""))
    except BagRefused:
        return {}


def _manifest(raw: bytes, name: str) -> dict[str, str]:
    if len(raw) > MAX_TAG_BYTES:
        raise BagRefused(False, f"{name} 太大，不是本软件生成的包。")
    found = {}
    for number, line in enumerate(_lines(raw, name), 1):
        match = _LINE.match(line)
        if not match or match.group(2) in found:
            raise BagRefused(False, f"{name} 第 {number} 行格式不对或重复。")
        found[match.group(2)] = match.group(1)
    return found


def _info(raw: bytes) -> dict[str, str]:
    """bag-info.txt labels; continuation lines (leading space) join the label above."""
    if len(raw) > MAX_TAG_BYTES:
        raise BagRefused(False, "bag-info.txt 太大，不是本软件生成的包。")
    found, last = {}, None
    for number, line in enumerate(_lines(raw, "bag-info.txt"), 1):
        if line[:1] in (" ", "\t") and last:
            found[last] += " " + line.strip()
            continue
        label, colon, value = line.partition(":")
        if not colon or not _LABEL.match(label.strip()) or label.strip() in found:
            raise BagRefused(False, f"bag-info.txt 第 {number} 行格式不对或重复。")
        last = label.strip()
        found[last] = value.strip()
    return found


def _lines(raw: bytes, name: str) -> list[str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BagRefused(False, f"{name} 不是 UTF-8 编码的文本。") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    if any(shown(line, 10 ** 6) != line for line in lines):
        raise BagRefused(False, f"{name} 含有控制字符。")
    return lines
