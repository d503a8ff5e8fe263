"""One machine-readable line per figure, so `bench/run.py` can gather every bench into one table.

A bench calls `emit(figure, value, unit, target=…, anchor=…)`; the line starts with "BENCH\t"
then JSON. `ok` is the verdict against the target when the bench can judge it (None: no target).
"""
from __future__ import annotations

import json

PREFIX = "BENCH\t"


def emit(figure: str, value: float, unit: str, *, target: str = "", ok: bool | None = None,
         anchor: str = "", note: str = "", scale: tuple[str, str] | None = None) -> None:
    """`scale` = (measure, ledger size such as "300×10"): a point of the scale curve."""
    print(PREFIX + json.dumps({"figure": figure, "value": value, "unit": unit, "target": target,
                               "ok": ok, "anchor": anchor, "note": note, "scale": scale},
                              ensure_ascii=False), flush=True)


def parse(line: str) -> dict | None:
    return json.loads(line[len(PREFIX):]) if line.startswith(PREFIX) else None
