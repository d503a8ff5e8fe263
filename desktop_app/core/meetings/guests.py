"""列席 guests as the secretary types them: one per line, `姓名` or `姓名（单位）`."""
from __future__ import annotations

import re

from desktop_app.core.meetings.records import Guest

_GUEST = re.compile(r"^(.+?)\s*[（(](.*)[)）]\s*$")


def parse_guests(text: str) -> list[Guest]:
    """Lines → guests; blank lines are skipped, a unit in full- or half-width brackets is kept."""
    guests = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            match = _GUEST.match(line)
            guests.append(Guest(match[1].strip(), match[2].strip() or None) if match
                          else Guest(line))
    return guests


def guests_text(guests: list[Guest]) -> str:
    """Guests → the lines `parse_guests` reads back."""
    return "\n".join(f"{g.name}（{g.unit}）" if g.unit else g.name for g in guests)
