"""Verify a bundle at the upstream office: unpacked safely, nothing but the expected files at the
bag root, every checksum recomputed (never bagit's fast mode), the signature over the tag manifest
checked, and the signing key compared with the registry of trusted branch keys.

Every problem found is listed, in Chinese, naming the file; verification never raises for a
damaged or forged bundle, it reports.
"""
from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import bagit
from cryptography.exceptions import InvalidSignature

from desktop_app.core.bundle import keys
from desktop_app.core.bundle.layout import (EXTRACT, PAYLOAD_DIR, ROOT_FILES, SIGNATURE,
                                            SIGNATURE_FORMAT, SIGNED_FILE)
from desktop_app.core.bundle.trust import TrustedKey
from desktop_app.core.bundle.unzip import ZIP_ERRORS, UnsafeZip, unpack

MAX_ZIP_BYTES = 64 * 1024 * 1024
COVERED_TAG_FILES = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")


@dataclass
class VerifyReport:
    path: Path
    org_code: str | None = None
    org_name: str | None = None
    period: str | None = None          # 2025Q3
    fingerprint: str | None = None
    trusted: bool = False
    problems: list[str] = field(default_factory=list)
    extract: dict | None = None        # the ledger extract, when it could be read

    @property
    def ok(self) -> bool:
        return self.trusted and not self.problems

    def describe(self) -> str:
        who = f"{self.org_name or '?'}（{self.org_code or '?'}）{self.period or ''}"
        if self.ok:
            return f"有效：{who}，签名密钥指纹 {self.fingerprint}，已登记为受信任。"
        return f"无效：{who}\n" + "\n".join(f"  - {p}" for p in self.problems)


def verify_bundle(path: Path, registry: dict[str, TrustedKey]) -> VerifyReport:
    path = Path(path)
    report = VerifyReport(path)
    try:
        size = path.stat().st_size
    except OSError:
        report.problems.append(f"找不到文件 {path.name}。")
        return report
    if size > MAX_ZIP_BYTES:
        report.problems.append(f"{path.name} 超过 {MAX_ZIP_BYTES // (1024 * 1024)} MB，不是工作实录包。")
        return report
    with tempfile.TemporaryDirectory(prefix="shilu-verify-") as work:
        try:
            with zipfile.ZipFile(path) as archive:
                top = unpack(archive, Path(work))
        except UnsafeZip as exc:
            report.problems.append(f"{path.name}：{exc}")
            return report
        except ZIP_ERRORS + (OSError,):
            report.problems.append(f"{path.name} 不是完整的 zip 压缩包（可能复制时被截断或已损坏）。")
            return report
        bag_dir = Path(work) / top
        if not bag_dir.is_dir():
            report.problems.append(f"{path.name} 中没有工作实录包文件夹。")
            return report
        _check_root(bag_dir, report)
        _check_bag(bag_dir, report)
        _read_extract(bag_dir, report)
        _check_signature(bag_dir, report, registry)
    return report


def _check_root(bag_dir: Path, report: VerifyReport) -> None:
    """bagit accepts extra files at the root; a signed bundle carries exactly these."""
    for entry in sorted(bag_dir.iterdir()):
        if entry.name == PAYLOAD_DIR and entry.is_dir():
            continue
        if entry.name not in ROOT_FILES or not entry.is_file():
            report.problems.append(f"包根目录中有不应有的文件 {entry.name}（未经签名的附加内容）。")
    for name in sorted(ROOT_FILES):
        if not (bag_dir / name).is_file():
            report.problems.append(f"缺少文件 {name}。")


def _check_bag(bag_dir: Path, report: VerifyReport) -> None:
    cwd, log = os.getcwd(), logging.getLogger("bagit")
    level = log.level
    log.setLevel(logging.CRITICAL)     # its English log lines would otherwise reach stderr
    try:
        bag = bagit.Bag(str(bag_dir))
        try:
            bag.validate(processes=1, fast=False)
        except bagit.BagValidationError as exc:
            if exc.details or "Payload-Oxum" not in str(exc):
                raise
            # The size/count pre-check failed: say so, then name the files that differ.
            report.problems.append(_bag_message(exc))
            bag.info.pop("Payload-Oxum", None)
            bag.validate(processes=1, fast=False)
    except bagit.BagValidationError as exc:
        report.problems += [_detail(d) for d in exc.details] or [_bag_message(exc)]
    except (bagit.BagError, ValueError, OSError) as exc:
        report.problems.append(f"BagIt 结构损坏，无法校验：{_bag_message(exc)}")
    finally:
        os.chdir(cwd)
        log.setLevel(level)
    tags = _read(bag_dir / SIGNED_FILE) or b""
    for name in COVERED_TAG_FILES:
        if f" {name}".encode() not in tags:
            report.problems.append(f"{SIGNED_FILE} 没有为 {name} 记录校验和，{name} 不受签名保护。")


def _detail(detail) -> str:
    if isinstance(detail, bagit.ChecksumMismatch):
        return f"{detail.path} 的内容被改动过（sha256 与清单不符）。"
    if isinstance(detail, bagit.FileMissing):
        return f"清单列出的 {detail.path} 不在包中。"
    if isinstance(detail, bagit.UnexpectedFile):
        return f"{detail.path} 不在清单中（包被添加了文件）。"
    return str(detail)


def _bag_message(exc: Exception) -> str:
    text = str(exc)
    if "Payload-Oxum" in text:
        return "data/ 中的文件数或总大小与 bag-info.txt 所记不符（数据文件被改动、添加或删除）。"
    if "bagit.txt" in text:
        return "bagit.txt 缺失或损坏。"
    return text


def _read_extract(bag_dir: Path, report: VerifyReport) -> None:
    raw = _read(bag_dir / PAYLOAD_DIR / EXTRACT)
    if raw is None:
        report.problems.append(f"缺少数据文件 {PAYLOAD_DIR}/{EXTRACT}。")
        return
    try:
        extract = json.loads(raw.decode("utf-8"))
        report.org_code = extract["organisation"]["code"]
        report.org_name = extract["organisation"]["name"]
        report.period = extract["period"]["text"]
        report.extract = extract
    except (ValueError, KeyError, TypeError):
        report.problems.append(f"{PAYLOAD_DIR}/{EXTRACT} 无法读取（不是完整的 JSON）。")
        return
    info = _bag_info(bag_dir)
    for key, value in (("Shilu-Organization-Code", report.org_code), ("Shilu-Period", report.period)):
        if info.get(key) != value:
            report.problems.append(f"bag-info.txt 的 {key}（{info.get(key)}）与 {EXTRACT} "
                                   f"（{value}）不一致。")


def _bag_info(bag_dir: Path) -> dict[str, str]:
    """The labels of bag-info.txt (enough for the two this module compares)."""
    raw = (_read(bag_dir / "bag-info.txt") or b"").decode("utf-8", errors="replace")
    found = {}
    for line in raw.splitlines():
        label, colon, value = line.partition(":")
        if colon and not line[:1].isspace():
            found.setdefault(label.strip(), value.strip())
    return found


def _check_signature(bag_dir: Path, report: VerifyReport, registry: dict[str, TrustedKey]) -> None:
    raw, signed = _read(bag_dir / SIGNATURE), _read(bag_dir / SIGNED_FILE)
    if raw is None or signed is None:
        return     # already reported missing by _check_root
    try:
        body = json.loads(raw.decode("utf-8"))
        if body["format"] != SIGNATURE_FORMAT or body["algorithm"] != "Ed25519" \
                or body["signed_file"] != SIGNED_FILE:
            raise ValueError("format")
        public = keys.public_from_text(body["public_key"])
        signature = base64.b64decode(body["signature"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        report.problems.append(f"签名文件 {SIGNATURE} 损坏或格式不对。")
        return
    report.fingerprint = keys.fingerprint(public)
    try:
        public.verify(signature, signed)
    except InvalidSignature:
        report.problems.append(f"签名无效：{SIGNED_FILE} 或 {SIGNATURE} 在签名后被改动过。")
        return
    _check_trust(report, public, registry)


def _check_trust(report: VerifyReport, public, registry: dict[str, TrustedKey]) -> None:
    code = report.org_code
    if code is None:
        report.problems.append("无法确定发送组织，不能确认签名者身份。")
        return
    entry = registry.get(code)
    if entry is None:
        report.problems.append(f"{code} 的公钥没有登记为受信任（签名密钥指纹 {report.fingerprint}）："
                               "核对指纹后用 shilu trust add 登记。")
    elif entry.public_key != keys.public_text(public):
        report.problems.append(f"签名密钥（指纹 {report.fingerprint}）不是登记的 {code} 公钥"
                               f"（指纹 {entry.fingerprint}）：此包不能确认是该组织发出的。")
    else:
        report.trusted = True


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None
