"""The upstream office's registry of trusted branch keys: a small JSON file, org code → public key.

A key is entered once, after its fingerprint has been read out and compared in person or by
phone; from then on a bundle from that branch is trusted only if it is signed with that key.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app.core import durable, paths
from desktop_app.core.bundle import BundleError, keys

FORMAT = "shilu-trusted-keys/1"


@dataclass(frozen=True)
class TrustedKey:
    code: str
    public_key: str     # base64 of the raw 32 bytes
    fingerprint: str
    added_on: str


def default_path() -> Path:
    return paths.data_dir() / "trusted-keys.json"


def load(path: Path) -> dict[str, TrustedKey]:
    """The registry by org code; a missing file is an empty registry."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            raise ValueError("format")
        found = {}
        for code, entry in raw["keys"].items():
            key = keys.public_from_text(entry["public_key"])
            found[code] = TrustedKey(code, entry["public_key"], keys.fingerprint(key),
                                     entry.get("added_on", ""))
        return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BundleError(f"受信任公钥登记表 {path} 无法读取或格式不对。") from exc


def trust(path: Path, code: str, public_key, on_date: str | None = None) -> TrustedKey:
    """Register (or replace, when a branch has made a new key) the key of `code`."""
    code = code.strip()
    if not code:
        raise BundleError("组织代码不能为空。")
    registry = load(path)
    entry = TrustedKey(code, keys.public_text(public_key), keys.fingerprint(public_key),
                       on_date or date.today().isoformat())
    registry[code] = entry
    body = {"format": FORMAT,
            "keys": {c: {"public_key": k.public_key, "fingerprint": k.fingerprint,
                         "added_on": k.added_on} for c, k in sorted(registry.items())}}
    with durable.write_atomically(path) as temp:
        temp.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return entry


def shared_keys(registry: dict[str, TrustedKey]) -> list[str]:
    """A warning for each key registered for more than one organisation: a bundle signed with it
    could claim to be from any of them (a copied key folder, or a mistake at registration)."""
    by_key: dict[str, list[str]] = {}
    for entry in registry.values():
        by_key.setdefault(entry.public_key, []).append(entry.code)
    return [f"同一把公钥（指纹 {registry[codes[0]].fingerprint}）登记给了 {'、'.join(sorted(codes))}："
            "各支部应有自己的密钥，请核对后为其中的支部重新登记。"
            for codes in by_key.values() if len(codes) > 1]
