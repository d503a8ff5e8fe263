"""Text from a hostile file made safe to show: control characters (which could rewrite the
terminal line or hide text), line and paragraph separators and bidi overrides become visible
escapes, and long values are cut."""
from __future__ import annotations

import re

UNSAFE = re.compile("[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_SHOWN = 120


def shown(value, limit: int = MAX_SHOWN) -> str:
    """`value` as one printable line: 'a\\x1b[2Jb' for a name carrying an escape sequence."""
    text = UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                       else f"\\u{ord(m.group()):04x}", str(value))
    return text if len(text) <= limit else text[:limit] + "…"
