"""Canonical JSON: the byte form that the audit chain hashes, identical on every machine."""
import json
from typing import Any


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
