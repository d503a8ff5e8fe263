"""Meeting typing kept on disk until it is saved, so a crash or a killed app loses nothing.

One small JSON file per ledger and record (`<ledger key>-meeting-<id|new>.json`) in the user's data
dir under drafts/, written with core.durable (never half a file). The ledger key is a hash of the
ledger's full path, so two ledgers never see each other's drafts. An in-memory ledger has none.
Shape: {"saved_at": "2026-11-30 17:20", "fields": {"minutes": "...", ...}}.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.durable import write_atomically
from desktop_app.core.store import Store


def drafts_dir() -> Path:
    return paths.data_dir() / "drafts"


def meeting_draft(store: Store, meeting_id: int | None) -> Path | None:
    """Where the draft of this record (None: a new one) lives; None for an in-memory ledger."""
    if store.path is None:
        return None
    key = hashlib.sha256(str(Path(store.path).resolve()).encode()).hexdigest()[:16]
    return drafts_dir() / f"{key}-meeting-{meeting_id or 'new'}.json"


def write(path: Path, fields: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"saved_at": datetime.now().strftime("%Y-%m-%d %H:%M"), "fields": fields}
    with write_atomically(path, mode=0o600) as temp:
        temp.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")


def read(path: Path | None) -> dict | None:
    """The draft {"saved_at", "fields"}, or None if there is none or it cannot be read."""
    if path is None:
        return None
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return body if isinstance(body, dict) and isinstance(body.get("fields"), dict) else None


def remove(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)
