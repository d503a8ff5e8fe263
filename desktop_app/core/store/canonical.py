"""Canonical JSON: the byte form that the audit chain hashes, identical on every machine."""
import json
from json.encoder import c_make_encoder, encode_basestring
from typing import Any

# One encoder, made once: `json.dumps` with options builds a new encoder on every call, and the
# audit walk encodes every entry of a ten-year ledger.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# The C encoder behind it, made once too (`JSONEncoder.encode` makes one per call, a third of the
# time of encoding a row). Rows are flat, so no cycle check; the output is the same text.
_C_ENCODER = c_make_encoder(None, _ENCODER.default, encode_basestring, None, ":", ",", True,
                            False, True) if c_make_encoder else None


def canonical_json(value: Any) -> str:
    if _C_ENCODER is None:
        return _ENCODER.encode(value)
    return "".join(_C_ENCODER(value, 0))
