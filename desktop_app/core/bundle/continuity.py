"""Continuity on the branch's side (issue 15 part 1): every bundle names the audit-chain head it
left with and the previous bundle it sent, and a second bundle for a period already sent is a
correction bundle listing each record corrected since, with its reason.

The upstream office compares these across bundles (`history`): a head that goes backwards or
forks, or a silent second bundle for one period, shows that the ledger was rewritten or restored.
"""
from __future__ import annotations

import json

from desktop_app.core import orgs
from desktop_app.core.periods import Period
from desktop_app.core.store import Store, audit, sealing

# Bookkeeping of the round trip itself, not records the upstream office reviews.
NOT_RECORDS = frozenset({"bundles_sent", "seals", "receipts", "receipt_comments", "settings"})


def sent(store: Store, org_code: str, period_text: str | None = None) -> list[dict]:
    """Bundles sent for `org_code` (for one period when given), oldest first."""
    if period_text is None:
        return store.query("SELECT * FROM bundles_sent WHERE org_code = ? ORDER BY id", [org_code])
    return store.query("SELECT * FROM bundles_sent WHERE org_code = ? AND period = ? ORDER BY id",
                       [org_code, period_text])


def block(store: Store, org_code: str, sealed_through: str) -> dict:
    """The extract's `continuity`: this ledger's head now and the last bundle sent before."""
    count, head = audit.head(store)
    earlier = sent(store, org_code)
    last = earlier[-1] if earlier else None
    return {"audit_entries": count, "audit_head": head, "sealed_through": sealed_through,
            "previous": None if last is None else {
                "id": last["identifier"], "audit_entries": last["audit_entries"],
                "audit_head": last["audit_head"]}}


def correction(store: Store, org_code: str, period: Period, period_text: str) -> dict | None:
    """None for a first bundle; else what it corrects and every record in the period changed
    since the last bundle for the period was sent: with its correction reason, or (after a 退回
    reopened the period) as changed on return."""
    earlier = sent(store, org_code, period_text)
    if not earlier:
        return None
    since = earlier[-1]["audit_entries"]
    ours = set(orgs.subtree_ids(store, orgs.by_code(store, org_code).id))
    records = []
    for entry in store.query("SELECT * FROM audit_log WHERE id > ? ORDER BY id", [since]):
        if entry["table_name"] in NOT_RECORDS:
            continue
        before = json.loads(entry["before"]) if entry["before"] else None
        after = json.loads(entry["after"]) if entry["after"] else {}
        if _org_of(store, entry["table_name"], after or before) not in ours | {None}:
            continue                        # another branch of the same ledger
        if any(period.start <= d <= period.end
               for d in sealing.row_dates(store, entry["table_name"], before, after)):
            record = {"ref": _ref(entry["table_name"], entry["row_id"], after or before),
                      "action": ACTIONS.get(entry["action"], entry["action"]),
                      "on": entry["ts"], "reason": entry["reason"] or RETURNED}
            if not records or _key(records[-1]) != _key(record):   # a meeting and its
                records.append(record)                            # attendance: one record
    return {"of": earlier[-1]["identifier"], "records": records}


def _key(record: dict) -> tuple:
    return record["ref"], record["action"], record["reason"]


ACTIONS = {"insert": "补录", "update": "修改", "delete": "删除"}
RETURNED = "上级退回后修改（期间已重新开放）"


def _ref(table: str, row_id: int, row: dict) -> str:
    """meeting:12 for a meeting and for its attendance, tags, guests and attachments (the way
    the extract and receipts name it), table:id for anything else."""
    if table == "meetings":
        return f"meeting:{row_id}"
    parent = sealing.PARENT_DATES.get(table)
    if parent and parent[0] == "meetings" and row.get(parent[1]) is not None:
        return f"meeting:{row[parent[1]]}"
    return f"{table}:{row_id}"


def _org_of(store: Store, table: str, row: dict) -> int | None:
    """The organisation a written row belongs to (a meeting's for its attendance and the like),
    None when the row names none."""
    parent = sealing.PARENT_DATES.get(table)
    if parent and parent[0] == "meetings" and row.get(parent[1]) is not None:
        found = store.query_one("SELECT org_id FROM meetings WHERE id = ?", [row[parent[1]]])
        return found["org_id"] if found else None
    return row.get("org_id")


def identifier(store: Store, org_code: str, period_text: str) -> str:
    """DEMO-01-2025Q3 for the first bundle of a period, DEMO-01-2025Q3-C1, -C2 … for corrections."""
    n = len(sent(store, org_code, period_text))
    return f"{org_code}-{period_text}" + (f"-C{n}" if n else "")
