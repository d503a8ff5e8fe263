"""An upstream office's inbox for the trend and workstation tests: three bundles from two branches
over two quarters, each branch with its own key."""
from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core.bundle.build import build_bundle
from desktop_app.core.store import open_store
from tests.core.bundle_helpers import TODAY


@dataclass(frozen=True)
class Inbox:
    folder: Path                        # DEMO-01 2025Q2 and 2025Q3, DEMO-02 2025Q3
    one: Ed25519PrivateKey              # DEMO-01's key
    two: Ed25519PrivateKey              # DEMO-02's key
    ledger_one: Path                    # DEMO-01's ledger, sealed through 2025Q3


def make_inbox(template: Path, work: Path) -> Inbox:
    folder = work / "inbox"
    folder.mkdir()
    one, two = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    for code, key, quarters in (("DEMO-01", one, ("2025Q2", "2025Q3")), ("DEMO-02", two, ("2025Q3",))):
        ledger = work / f"{code}.sqlite"
        shutil.copy(template, ledger)
        store = open_store(ledger, actor="测试书记")
        try:
            for quarter in quarters:
                build_bundle(store, code, quarter, folder / f"{code}-{quarter}.zip", key, today=TODAY)
        finally:
            store.close()
    return Inbox(folder, one, two, work / "DEMO-01.sqlite")


def extract_of(bundle: Path) -> dict:
    """The extract read straight from the zip (not through the verifier)."""
    with zipfile.ZipFile(bundle) as z:
        return json.loads(z.read(next(n for n in z.namelist() if n.endswith("ledger-extract.json"))))


def figures(bundle: Path) -> tuple[int, int, int, int]:
    """(held, required, 逾期+缺失, members at end), summed by hand from the extract."""
    extract = extract_of(bundle)
    held = sum(r["held"] for r in extract["requirements"])
    required = sum(r["required"] for r in extract["requirements"])
    unmet = sum(1 for f in extract["findings"] if f["status"] in ("逾期", "缺失"))
    return held, required, unmet, extract["roster"]["members_at_end"]
