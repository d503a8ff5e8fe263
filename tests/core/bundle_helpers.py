"""Helpers for the bundle tests: one signed bundle built from the demo ledger per session, its
trusted registry, and a way to rewrite a bundle zip with one thing changed."""
from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core.bundle import keys
from desktop_app.core.bundle.build import build_bundle
from desktop_app.core.bundle.trust import TrustedKey
from desktop_app.core.store import open_store

TODAY = "2026-01-15"
TOP = "DEMO-01-2025Q3"


@dataclass(frozen=True)
class Signed:
    path: Path
    key: Ed25519PrivateKey
    registry: dict[str, TrustedKey]


def registry_for(code: str, key: Ed25519PrivateKey) -> dict[str, TrustedKey]:
    public = key.public_key()
    return {code: TrustedKey(code, keys.public_text(public), keys.fingerprint(public), TODAY)}


def build_from_template(template: Path, folder: Path, org: str, period: str,
                        key: Ed25519PrivateKey) -> Path:
    """Build a bundle from a fresh copy of the demo ledger (building seals the copy)."""
    ledger = folder / f"ledger-{org}-{period}.sqlite"
    shutil.copy(template, ledger)
    store = open_store(ledger, actor="测试书记")
    try:
        return build_bundle(store, org, period, folder / f"{org}-{period}.zip", key,
                            today=TODAY).path
    finally:
        store.close()


def make_signed(demo_template: Path, tmp_path_factory) -> Signed:
    """A DEMO-01 2025Q3 bundle with its registry (each test module builds one, module-scoped)."""
    key = Ed25519PrivateKey.generate()
    path = build_from_template(demo_template, tmp_path_factory.mktemp("bundle"), "DEMO-01",
                               "2025Q3", key)
    return Signed(path, key, registry_for("DEMO-01", key))


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None] = None,
            extra: dict[str, bytes] | None = None) -> Path:
    """Copy a zip entry by entry; `change(name, data)` returns new data, or None to drop it."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            data = change(info.filename, data) if change else data
            if data is not None:
                new.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target
