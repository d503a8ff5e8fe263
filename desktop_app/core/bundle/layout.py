"""The shape of a bundle, shared by the builder and the verifier: which files sit at the bag root,
the signature's files, and how a period is written in names.

The signature is what `openssl pkeyutl -verify -rawin` reads: the branch's public key as PEM
(SubjectPublicKeyInfo) and the raw 64-byte Ed25519 signature of the tag manifest, beside it.
"""
from __future__ import annotations

from desktop_app.core.periods import Period

EXTRACT = "ledger-extract.json"
README = "说明.txt"
SUMMARY_PDF = "摘要.pdf"
BOOK_PDF = "{year}年度工作实录.pdf"   # only in a bundle exported with the year's book
PUBLIC_KEY = "signing-key.pem"
SIGNED_FILE = "tagmanifest-sha256.txt"
SIGNATURE = "tagmanifest-sha256.txt.sig"
TAG_FILES = ("bag-info.txt", "bagit.txt", "manifest-sha256.txt")   # what the tag manifest covers
ROOT_FILES = frozenset({*TAG_FILES, SIGNED_FILE, PUBLIC_KEY, SIGNATURE})
PAYLOAD_DIR = "data"
BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


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
