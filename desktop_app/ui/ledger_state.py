"""A cheap fingerprint of the ledger's contents: the open store and its newest audit entry.

Every write appends to the audit log, so pages that compute figures (首页, 体检) recompute on
being shown again only when the fingerprint moved, not on every visit.
"""
from __future__ import annotations

from desktop_app.core.store import Store


def ledger_state(store: Store) -> tuple[int, int]:
    row = store.query_one("SELECT max(id) AS last FROM audit_log")
    return id(store), row["last"] or 0
