"""Verify a bundle at the upstream office, in the order that keeps a hostile file harmless:

1. size cap, then the zip read into memory with entry and size caps (nothing written to disk);
2. nothing but the expected files at the bag root;
3. the signature over the tag manifest (before anything else in the bag is parsed);
4. every checksum (tag files, then payload) and the Payload-Oxum;
5. the signer compared with the key registered for the organisation code in bag-info;
6. only then the extract: size and nesting caps, JSON, its schema, and agreement with bag-info.

One of four verdicts, each with its own word and exit code; never an exception for a bad file
(anything unforeseen becomes 无法读取 with a named reason).
"""
from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from desktop_app.core.bundle import bag, keys, signature
from desktop_app.core.bundle.layout import EXTRACT, PAYLOAD_DIR, ROOT_FILES, SIGNED_FILE
from desktop_app.core.bundle.schema import JsonRefused, parse_json
from desktop_app.core.bundle.text import shown
from desktop_app.core.bundle.trust import TrustedKey
from desktop_app.core.bundle.unzip import ZIP_ERRORS, UnsafeZip, read_members

MAX_ZIP_BYTES = 64 * 1024 * 1024
OLD_SIGNATURE = "shilu-signature.json"     # bundles of format 1 (a JSON signature file)


class Verdict(Enum):
    """(word, exit code of `shilu verify`)."""
    VALID = ("有效", 0)
    UNREGISTERED = ("完整但签名人未登记", 3)
    ALTERED = ("已被改动", 4)
    UNREADABLE = ("无法读取", 5)

    @property
    def word(self) -> str:
        return self.value[0]

    @property
    def exit_code(self) -> int:
        return self.value[1]


class _Stop(Exception):
    def __init__(self, verdict: Verdict, message: str):
        super().__init__(message)
        self.verdict = verdict


@dataclass
class VerifyReport:
    path: Path
    verdict: Verdict = Verdict.UNREADABLE
    org_code: str | None = None        # from bag-info (signed), shown only through `shown`
    org_name: str | None = None
    period: str | None = None          # 2025Q3
    identifier: str | None = None      # DEMO-01-2025Q3, DEMO-01-2025Q3-C1 for a correction
    fingerprint: str | None = None
    digest: str | None = None          # sha256 of the signed tag manifest: the bundle's identity
    problems: list[str] = field(default_factory=list)
    extract: dict | None = None        # the checked extract, only for a 有效 bundle

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VALID

    @property
    def trusted(self) -> bool:
        return self.verdict is Verdict.VALID

    def describe(self) -> str:
        who = (f"{shown(self.org_name or '?')}（{shown(self.org_code)}）{shown(self.period or '')}"
               if self.org_code else shown(self.path.name))     # nothing read: name the file
        head = f"{self.verdict.word}：{who}"
        if self.ok:
            return f"{head}，签名密钥指纹 {self.fingerprint}，已登记为受信任。"
        return head + "".join(f"\n  - {p}" for p in self.problems)


def verify_bundle(path: Path, registry: dict[str, TrustedKey]) -> VerifyReport:
    report = VerifyReport(Path(path))
    try:
        _verify(report, registry)
        report.verdict = Verdict.VALID
    except _Stop as stop:
        report.verdict = stop.verdict
        report.problems.append(str(stop))
    except Exception as exc:   # noqa: BLE001 — a hostile file must never end in a traceback
        report.verdict = Verdict.UNREADABLE
        report.extract = None
        report.problems.append(f"读取时出现意外错误（{type(exc).__name__}），此包不能使用。")
    return report


def _verify(report: VerifyReport, registry: dict[str, TrustedKey]) -> None:
    name = shown(report.path.name)
    files = _read(report.path, name)
    _label(report, bag.claimed_info(files))
    _check_root(files)
    try:
        public = signature.check(files)
    except signature.SignatureRefused as exc:
        raise _Stop(Verdict.ALTERED, str(exc)) from None
    report.fingerprint = keys.fingerprint(public)
    report.digest = bag.sha256(files[SIGNED_FILE])
    try:
        info = bag.check(files)
    except bag.BagRefused as exc:
        raise _Stop(Verdict.ALTERED if exc.altered else Verdict.UNREADABLE, str(exc)) from None
    _label(report, info)
    if not report.org_code or not report.period or not report.identifier:
        raise _Stop(Verdict.UNREADABLE, "bag-info.txt 没有组织代码或期间，不是本软件生成的包。")
    _check_trust(report, public, registry)
    where = f"{PAYLOAD_DIR}/{EXTRACT}"
    if where not in files:
        raise _Stop(Verdict.UNREADABLE, f"缺少数据文件 {where}。")
    try:
        extract = parse_json(files[where], where)
    except JsonRefused as exc:
        raise _Stop(Verdict.UNREADABLE, str(exc)) from None
    for label, value in (("Shilu-Organization-Code", extract["organisation"]["code"]),
                         ("Shilu-Period", extract["period"]["text"])):
        if info.get(label) != value:
            raise _Stop(Verdict.UNREADABLE, f"bag-info.txt 的 {label}（{shown(info.get(label))}）"
                                            f"与 {EXTRACT}（{shown(value)}）不一致。")
    report.org_name = extract["organisation"]["name"]
    report.extract = extract


def _label(report: VerifyReport, info: dict[str, str]) -> None:
    report.org_code = info.get("Shilu-Organization-Code")
    report.org_name = info.get("Source-Organization")
    report.period = info.get("Shilu-Period")
    report.identifier = info.get("External-Identifier")


def _read(path: Path, name: str) -> dict[str, bytes]:
    """Opened without blocking and checked on the open descriptor: a FIFO or device put in place
    of a bundle (or swapped in after a folder listing) is refused, never waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        raise _Stop(Verdict.UNREADABLE, f"找不到或无法打开文件 {name}。") from None
    with open(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _Stop(Verdict.UNREADABLE, f"{name} 不是普通文件。")
        if status.st_size > MAX_ZIP_BYTES:
            raise _Stop(Verdict.UNREADABLE,
                        f"{name} 超过 {MAX_ZIP_BYTES // (1024 * 1024)} MB，不是工作实录包。")
        try:
            with zipfile.ZipFile(handle) as archive:
                return read_members(archive).files
        except UnsafeZip as exc:
            raise _Stop(Verdict.UNREADABLE, f"{name}：{exc}") from None
        except ZIP_ERRORS + (OSError,):
            raise _Stop(Verdict.UNREADABLE,
                        f"{name} 不是完整的 zip 压缩包（可能复制时被截断或已损坏）。") from None


def _check_root(files: dict[str, bytes]) -> None:
    """A signed bundle carries exactly these files at its root, everything else under data/."""
    if not {"bagit.txt", "bag-info.txt", SIGNED_FILE} <= set(files):
        raise _Stop(Verdict.UNREADABLE, "压缩包中没有 BagIt 包的 bagit.txt、bag-info.txt 和"
                                        f" {SIGNED_FILE}，不是工作实录包。")
    if OLD_SIGNATURE in files:
        raise _Stop(Verdict.UNREADABLE, f"这是旧版软件导出的包（{OLD_SIGNATURE}），签名方式已更新："
                                        "请支部用新版软件重新导出。")
    extra = sorted(p for p in files if "/" not in p and p not in ROOT_FILES)
    if extra:
        raise _Stop(Verdict.ALTERED, f"包根目录中有不应有的文件 {shown(extra[0])}（未经签名的附加内容）。")
    odd = sorted(p for p in files if "/" in p and not p.startswith(f"{PAYLOAD_DIR}/"))
    if odd:
        raise _Stop(Verdict.ALTERED, f"包中有不应有的文件夹 {shown(odd[0])}（未经签名的附加内容）。")


def _check_trust(report: VerifyReport, public, registry: dict[str, TrustedKey]) -> None:
    code = shown(report.org_code)
    entry = registry.get(report.org_code)
    if entry is None:
        raise _Stop(Verdict.UNREGISTERED,
                    f"{code} 的公钥没有登记为受信任（签名密钥指纹 {report.fingerprint}）："
                    "核对指纹后用 shilu trust add 登记。")
    if entry.public_key != keys.public_text(public):
        raise _Stop(Verdict.UNREGISTERED,
                    f"签名密钥（指纹 {report.fingerprint}）不是登记的 {code} 公钥"
                    f"（指纹 {entry.fingerprint}）：此包不能确认是该组织发出的。")
