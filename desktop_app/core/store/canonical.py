"""Canonical JSON: the byte form that the audit chain hashes, identical on every machine."""
import json
from typing import Any

# One encoder, made once: `json.dumps` with options builds a new encoder on every call, and the
# audit walk encodes every entry of a ten-year ledger.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_json(value: Any) -> str:
    return _ENCODER.encode(value)
