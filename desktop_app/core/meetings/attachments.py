"""Attachments (photos, scanned sign-in sheets) stored by content: the file's SHA-256 is its name,
so adding the same photo twice stores it once, and a changed file can never pass for the original.

Files live under `<root>/<first two hex digits>/<sha256><suffix>`; the root is
`paths.data_dir() / "attachments"` unless a test passes its own. Photos are optional evidence,
never a gate: a record saves without any.
"""
from __future__ import annotations

import hashlib
import mimetypes
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from desktop_app.core import paths
from desktop_app.core.dates import today
from desktop_app.core.durable import write_atomically
from desktop_app.core.store import Store, StoreError

THUMBNAIL_SIZE = 256
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Attachment:
    id: int
    meeting_id: int
    sha256: str
    filename: str
    mime: str | None
    size: int
    added_on: str


def default_root() -> Path:
    return paths.data_dir() / "attachments"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def blob_path(sha256: str, filename: str, root: Path | None = None) -> Path:
    root = root or default_root()
    return root / sha256[:2] / (sha256 + Path(filename).suffix.lower())


def add(store: Store, meeting_id: int, source: str | Path, root: Path | None = None,
        reason: str | None = None) -> int:
    """Attach a file to a record; the same content on the same record is attached once.
    `reason`: the 更正原因 when the record lies in a sealed period."""
    source = Path(source)
    if not source.is_file():
        raise StoreError(f"找不到要附加的文件：{source}")
    sha = sha256_of(source)
    existing = store.query_one("SELECT id FROM attachments WHERE meeting_id = ? AND sha256 = ?",
                               [meeting_id, sha])
    if existing:
        return existing["id"]
    target = blob_path(sha, source.name, root)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with write_atomically(target) as temp:
            shutil.copyfile(source, temp)
        if sha256_of(target) != sha:
            target.unlink()
            raise StoreError(f"复制附件 {source.name} 时内容出错，请重试")
    return store.insert("attachments", {
        "meeting_id": meeting_id, "sha256": sha, "filename": source.name,
        "mime": mimetypes.guess_type(source.name)[0], "size": source.stat().st_size,
        "added_on": today()}, reason=reason)


def of_meeting(store: Store, meeting_id: int) -> list[Attachment]:
    return [Attachment(**r) for r in store.query(
        "SELECT * FROM attachments WHERE meeting_id = ? ORDER BY id", [meeting_id])]


def remove(store: Store, attachment_id: int, reason: str | None = None) -> None:
    """Detach from the record (audited). The stored file stays: other records or the audit
    history may still refer to it."""
    store.delete("attachments", attachment_id, reason=reason)


def file_of(attachment: Attachment, root: Path | None = None) -> Path:
    return blob_path(attachment.sha256, attachment.filename, root)


def thumbnail(attachment: Attachment, root: Path | None = None,
              size: int = THUMBNAIL_SIZE) -> Path | None:
    """A JPEG thumbnail beside the store (made once, then reused); None for non-images."""
    root = root or default_root()
    target = root / "thumbs" / f"{attachment.sha256}_{size}.jpg"
    if target.exists():
        return target
    try:
        with Image.open(file_of(attachment, root)) as image:
            image.thumbnail((size, size))
            target.parent.mkdir(parents=True, exist_ok=True)
            with write_atomically(target) as temp:
                image.convert("RGB").save(temp, "JPEG", quality=80)
    except (UnidentifiedImageError, OSError):
        return None
    return target
