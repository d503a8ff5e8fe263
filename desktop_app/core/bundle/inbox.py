"""What the upstream workstation does when a folder or USB stick of bundles is opened: verify every
bundle (the valid ones are remembered in the upstream history), then read each branch's trend from
that history, so the trend includes what earlier sticks brought.

No Qt: the window runs `check_folder` on its worker; the same call serves tests and scripts.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from desktop_app.core.bundle import aggregate, history, trend
from desktop_app.core.bundle.aggregate import Summary
from desktop_app.core.bundle.trend import Series
from desktop_app.core.bundle.trust import TrustedKey

# progress(done, total, text): the worker's callback (it raises to cancel between bundles).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Checked:
    folder: Path
    summary: Summary                # one row per .zip, sorted by org, period, file
    series: dict[str, Series]       # org code → its trend, for each branch with a valid bundle here


def check_folder(folder: Path, registry: dict[str, TrustedKey], history_path: Path,
                 progress: Progress | None = None) -> Checked:
    """Verify the folder's bundles against `registry`; BundleError when the folder cannot be read
    or the history cannot be opened."""
    folder = Path(folder)
    total = _zip_count(folder)
    seen = history.History(history_path)
    try:
        summary = aggregate.summarise(
            folder, registry, seen,
            (lambda done: progress(done, total, f"已校验 {done}/{total} 个实录包")) if progress else None)
        codes = sorted({row.org_code for row in summary.rows if row.valid})
        found = {s.org_code: s for code in codes for s in trend.series(seen, code)}
    finally:
        seen.close()
    return Checked(folder, summary, found)


def _zip_count(folder: Path) -> int:
    """How many bundles the folder seems to hold, for the progress bar (0 if it cannot be read:
    `summarise` then says why)."""
    try:
        return sum(1 for e in os.scandir(folder) if e.name.lower().endswith(".zip"))
    except OSError:
        return 0
