"""What every page is handed: the open ledger and the background worker (no global window)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:   # the window is built before the core loads (see ui.app)
    from desktop_app.core.store import Store
    from desktop_app.ui.worker import Worker


@dataclass
class AppContext:
    store: Store
    worker: Worker
    # "Today" as an ISO date; tests replace it to pin the roster to a known day.
    today: Callable[[], str] = field(default=lambda: date.today().isoformat())
