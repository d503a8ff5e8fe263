"""The branch's Ed25519 key pair. The private key is kept beside the ledger, encrypted with a
passphrase the secretary chooses; the public key sits beside it in the clear so that showing its
fingerprint (to read out over the phone to the upstream office) needs no passphrase.

A key belongs to one ledger, not to a folder: it lives in `keys/<ledger identity>/` beside the
ledger, the identity being the random number in the ledger's header (`PRAGMA application_id`, set
by migration 10; kept by backups and restores, different for a demo ledger in the same folder).
Backups carry the key files (still encrypted) and a restore puts them back."""
from __future__ import annotations

import base64
import hashlib
import sqlite3
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app.core import durable
from desktop_app.core.bundle import BundleError

PRIVATE_NAME = "branch-key.pem"
PUBLIC_NAME = "branch-key.pub.pem"
MIN_PASSPHRASE = 6


def ledger_identity(db_path: Path) -> str | None:
    """The ledger's identity (its header's application_id as 8 hex digits); None for a ledger not
    yet opened by this version. Read without changing the file."""
    path = Path(db_path)
    if not path.is_file():
        raise BundleError(f"找不到账本文件 {path}。")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            number = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BundleError(f"无法读取账本 {path.name}，找不到它的签名密钥：{exc}。") from exc
    return f"{number & 0xFFFFFFFF:08x}" if number else None


def key_folder(db_path: Path) -> Path:
    """`keys/<identity>` beside the ledger (the user's data dir for the default ledger)."""
    identity = ledger_identity(db_path)
    if identity is None:
        raise BundleError("这个账本还没有用本版本的实录打开过：请先打开一次，再使用签名密钥。")
    return folder_of(db_path, identity)


def folder_of(db_path: Path, identity: str) -> Path:
    return Path(db_path).resolve().parent / "keys" / identity


def upstream_folder() -> Path:
    """The upstream workstation's own key (it signs 回执), for an office that keeps no ledger."""
    from desktop_app.core import paths
    return paths.data_dir() / "keys" / "upstream"


def reviewer_folder(db_path: Path) -> Path:
    """Whose key signs a 回执: the ledger's own when this installation keeps a ledger that has a
    key (an upstream committee that also keeps its own 实录), else the workstation's."""
    return existing_key_folder(db_path) or upstream_folder()


def existing_key_folder(db_path: Path) -> Path | None:
    """The ledger's key folder if it holds a key (for backups), else None."""
    try:
        folder = key_folder(db_path)
    except BundleError:
        return None
    return folder if has_key(folder) else None


def has_key(folder: Path) -> bool:
    return (Path(folder) / PRIVATE_NAME).is_file()


def init_key(folder: Path, passphrase: str) -> Ed25519PublicKey:
    """Create the key pair; refuses to replace an existing one (bundles already sent name it)."""
    folder = Path(folder)
    if has_key(folder):
        raise BundleError(f"{folder / PRIVATE_NAME} 已有本支部的签名密钥，不能覆盖"
                          "（上级已登记的是这把密钥的公钥）。")
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise BundleError(f"口令太短：至少 {MIN_PASSPHRASE} 个字符。")
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    folder.mkdir(parents=True, exist_ok=True)
    with durable.write_atomically(folder / PUBLIC_NAME) as temp:
        temp.write_bytes(public_pem(private.public_key()))
    with durable.write_atomically(folder / PRIVATE_NAME, mode=0o600) as temp:  # owner only
        temp.write_bytes(pem)
    return private.public_key()


def load_private(folder: Path, passphrase: str) -> Ed25519PrivateKey:
    path = Path(folder) / PRIVATE_NAME
    if not path.is_file():
        raise BundleError("还没有签名密钥：请先运行 shilu keys init 生成本支部的密钥。")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), (passphrase or "").encode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise BundleError("口令不对，无法打开签名密钥。") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise BundleError(f"{path} 不是 Ed25519 签名密钥。")
    return key


def load_public(folder: Path) -> Ed25519PublicKey:
    path = Path(folder) / PUBLIC_NAME
    if not path.is_file():
        raise BundleError("还没有签名密钥：请先运行 shilu keys init 生成本支部的密钥。")
    return read_public_file(path)


def read_public_file(path: Path) -> Ed25519PublicKey:
    """A public key file as sent by a branch: PEM, or the base64 text `keys show` prints."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise BundleError(f"无法读取公钥文件 {path}：{durable.describe_error(exc)}") from exc
    try:
        if raw.lstrip().startswith(b"-----BEGIN"):
            key = serialization.load_pem_public_key(raw)
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("not Ed25519")
            return key
        return public_from_text(raw.decode("ascii").strip())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleError(f"{Path(path).name} 不是 Ed25519 公钥文件。") from exc


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def public_text(key: Ed25519PublicKey) -> str:
    """The raw 32-byte key in base64: what the signature file and the registry carry."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def public_from_text(text: str) -> Ed25519PublicKey:
    """Inverse of `public_text`; ValueError for anything that is not a 32-byte key."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (ValueError, TypeError) as exc:
        raise ValueError("not base64") from exc
    if len(raw) != 32:
        raise ValueError("not a 32-byte Ed25519 key")
    return Ed25519PublicKey.from_public_bytes(raw)


def fingerprint(key: Ed25519PublicKey) -> str:
    """First 128 bits of SHA-256 of the raw key, as eight groups of four hex digits (readable aloud)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))
