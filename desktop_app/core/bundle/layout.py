"""The shape of a bundle, shared by the builder and the verifier: which files sit at the bag root,
the signature file's name and format, and how a period is written in names."""
from __future__ import annotations

from desktop_app.core.periods import Period

EXTRACT = "ledger-extract.json"
SIGNATURE = "shilu-signature.json"
SIGNATURE_FORMAT = "shilu-signature/1"
SIGNED_FILE = "tagmanifest-sha256.txt"
ROOT_FILES = frozenset({"bagit.txt", "bag-info.txt", "manifest-sha256.txt", SIGNED_FILE, SIGNATURE})
PAYLOAD_DIR = "data"


def period_id(period: Period) -> str:
    """2025, 2025H1, 2025Q3 or 2025-07: the short form for file names and External-Identifier."""
    months = period.months()
    y, first = months[0]
    if len(months) == 12:
        return str(y)
    if len(months) == 6:
        return f"{y}H{1 if first == 1 else 2}"
    if len(months) == 3:
        return f"{y}Q{(first + 2) // 3}"
    return f"{y}-{first:02d}"
