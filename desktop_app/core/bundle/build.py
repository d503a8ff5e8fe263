"""Build a signed bundle for one 党支部 and one finished period, then seal the period.

The bag is made in a staging folder (bagit bags in place and changes the working directory),
its tag manifest is signed, the signature file is added at the bag root and the bag is never
saved again; the zip holds the bag under one top folder (RFC 8493 serialisation) and is written
durably. Only once the file is safely written is the period sealed in the ledger: later changes
to it are corrections with a reason.
"""
from __future__ import annotations

import base64
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import bagit
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core import durable
from desktop_app.core.bundle import BundleError, keys
from desktop_app.core.bundle.extract import PERSONAL_DATA, ledger_extract
from desktop_app.core.bundle.layout import (EXTRACT, SIGNATURE, SIGNATURE_FORMAT, SIGNED_FILE,
                                            period_id)
from desktop_app.core.periods import parse_period
from desktop_app.core.store import Store

SOFTWARE = "Shilu 工作实录"


@dataclass(frozen=True)
class BuiltBundle:
    path: Path
    identifier: str       # DEMO-01-2025Q3
    fingerprint: str
    extract: dict


def build_bundle(store: Store, org_code: str, period_text: str, out: Path,
                 private_key: Ed25519PrivateKey, *, today: str | None = None) -> BuiltBundle:
    try:
        period = parse_period(period_text)
    except ValueError as exc:
        raise BundleError(str(exc)) from exc
    today = today or date.today().isoformat()
    if period.end >= today:
        raise BundleError(f"{period.label}到 {period.end} 才结束：期间结束后才能报送。")
    out = Path(out).resolve()
    if not out.parent.is_dir():
        raise BundleError(f"文件夹 {out.parent} 不存在（U 盘是否已拔出？）。")
    extract = ledger_extract(store, org_code, period, period_id(period), today)
    identifier = f"{extract['organisation']['code']}-{period_id(period)}"
    with tempfile.TemporaryDirectory(prefix="shilu-bundle-") as staging:
        bag_dir = Path(staging).resolve() / identifier
        bag_dir.mkdir()
        (bag_dir / EXTRACT).write_text(json.dumps(extract, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
        _bag(bag_dir, _bag_info(extract, identifier, today))
        _sign(bag_dir, private_key)
        with durable.write_atomically(out) as temp:
            _zip(bag_dir, temp)
    if (store.sealed_through() or "") < period.end:
        store.seal_through(period.end, f"已报送上级：{out.name}")
    return BuiltBundle(out, identifier, keys.fingerprint(private_key.public_key()), extract)


def _bag_info(extract: dict, identifier: str, today: str) -> dict:
    org, period = extract["organisation"], extract["period"]
    return {
        "Source-Organization": org["name"],
        "External-Identifier": identifier,
        "External-Description": f"{org['name']}{period['label']}工作实录包",
        "Bagging-Date": today,
        "Bag-Software-Agent": SOFTWARE,
        "Shilu-Organization-Code": org["code"],
        "Shilu-Period": period["text"],
        "Shilu-Period-Start": period["start"],
        "Shilu-Period-End": period["end"],
        "Shilu-Profile": extract["profile"]["id"],
        "Shilu-Personal-Data": PERSONAL_DATA,
    }


def _bag(bag_dir: Path, info: dict) -> None:
    cwd = os.getcwd()
    try:
        bagit.make_bag(str(bag_dir), bag_info=info, processes=1, checksums=["sha256"])
    finally:
        os.chdir(cwd)


def _sign(bag_dir: Path, private_key: Ed25519PrivateKey) -> None:
    signed = (bag_dir / SIGNED_FILE).read_bytes()
    public = private_key.public_key()
    body = {"format": SIGNATURE_FORMAT, "algorithm": "Ed25519", "signed_file": SIGNED_FILE,
            "public_key": keys.public_text(public), "fingerprint": keys.fingerprint(public),
            "signature": base64.b64encode(private_key.sign(signed)).decode("ascii")}
    (bag_dir / SIGNATURE).write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n",
                                     encoding="utf-8")


def _zip(bag_dir: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in bag_dir.rglob("*") if p.is_file()):
            archive.write(path, f"{bag_dir.name}/{path.relative_to(bag_dir).as_posix()}")
