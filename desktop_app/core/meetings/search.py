"""Full-text search over meeting records: title, topic, agenda, minutes, resolutions, place and
the names a record carries (host, recorder, lecturer, 列席 guests, the 谈心谈话 partner).

SQLite FTS5 splits Chinese only at punctuation, and its trigram tokenizer cannot find 2-character
words, so CJK runs are indexed as overlapping bigrams (党章学习 → 党章 章学 学习) and single
characters, and a query is cut the same way and matched as a phrase. The index follows the audit
log: `refresh` re-indexes only the meetings touched since it last caught up, whoever wrote them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from desktop_app.core.store import Store

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[0-9A-Za-z\u00c0-\u024f]+")
_IS_CJK = re.compile(rf"[{_CJK}]")
_TABLES = ("meetings", "meeting_guests", "attendance", "members")
FULL_REBUILD_AFTER = 20000   # audit entries: beyond this, rebuilding beats replaying
TEXT_COLUMNS = ("title", "topic", "agenda", "minutes", "resolutions", "place", "lecturer")


@dataclass(frozen=True)
class Hit:
    meeting_id: int
    held_on: str
    kind: str
    title: str
    org_name: str
    excerpt: str


def grams(text: str) -> tuple[list[str], list[str]]:
    """(bigram tokens, single-character tokens) for a text; Latin words and numbers stay whole."""
    bi, uni = [], []
    for run in _RUN.findall(text or ""):
        if _IS_CJK.match(run):
            uni.extend(run)
            bi.extend(run[i:i + 2] for i in range(max(1, len(run) - 1)))
        else:
            bi.append(run.lower())
    return bi, uni


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: every term must match (AND), each term as a bigram phrase,
    a lone CJK character against the single-character column."""
    parts = []
    for term in query.split():
        runs = _RUN.findall(term)
        if len(runs) == 1 and len(runs[0]) == 1 and _IS_CJK.match(runs[0]):
            parts.append(f'uni : "{runs[0]}"')
            continue
        bi, _ = grams(term)
        if bi:
            parts.append('bi : "' + " ".join(bi) + '"')
    return " AND ".join(parts) or None


def search(store: Store, query: str, limit: int = 100) -> list[Hit]:
    """Records matching every word of `query`, newest first."""
    refresh(store)
    expression = match_expression(query)
    if expression is None:
        return []
    rows = store.query(
        "SELECT m.id, m.held_on, m.kind, m.title, m.topic, m.minutes, m.resolutions, "
        "o.name AS org_name FROM derived_meeting_search s JOIN meetings m ON m.id = s.rowid "
        "JOIN organisations o ON o.id = m.org_id WHERE derived_meeting_search MATCH ? "
        "ORDER BY m.held_on DESC, m.id DESC LIMIT ?", [expression, limit])
    words = query.split()
    return [Hit(r["id"], r["held_on"], r["kind"], r["title"], r["org_name"],
                _excerpt(words, r["topic"], r["minutes"], r["resolutions"])) for r in rows]


def refresh(store: Store) -> None:
    """Bring the index up to date with the audit log (cheap when nothing changed)."""
    last = store.query_one("SELECT coalesce(max(id), 0) AS n FROM audit_log")["n"]
    state = store.query_one("SELECT audit_id FROM derived_meeting_search_state WHERE id = 1")
    done = state["audit_id"] if state else 0
    if done == last:
        return
    with store.transaction():
        if state is None or last - done > FULL_REBUILD_AFTER:
            rebuild(store)
            return
        for meeting_id in _touched_meetings(store, done):
            index_meeting(store, meeting_id)
        _set_state(store, last)


def rebuild(store: Store) -> None:
    """Index every record from scratch (after a demo, an import or a restore)."""
    with store.transaction():
        store.conn.execute("DELETE FROM derived_meeting_search")
        names = _names_by_meeting(store)
        rows = store.query(
            f"SELECT id, {', '.join(TEXT_COLUMNS)} FROM meetings WHERE deleted_at IS NULL")
        store.conn.executemany(
            "INSERT INTO derived_meeting_search (rowid, bi, uni) VALUES (?, ?, ?)",
            ((r["id"], *_document(r, names.get(r["id"], []))) for r in rows))
        _set_state(store, store.query_one(
            "SELECT coalesce(max(id), 0) AS n FROM audit_log")["n"])


def index_meeting(store: Store, meeting_id: int) -> None:
    """(Re-)index one record; a deleted or missing record leaves the index."""
    with store.transaction():
        store.conn.execute("DELETE FROM derived_meeting_search WHERE rowid = ?", [meeting_id])
        row = store.query_one(f"SELECT id, deleted_at, {', '.join(TEXT_COLUMNS)} FROM meetings "
                              "WHERE id = ?", [meeting_id])
        if row is None or row["deleted_at"]:
            return
        names = _names_by_meeting(store, meeting_id).get(meeting_id, [])
        store.conn.execute("INSERT INTO derived_meeting_search (rowid, bi, uni) VALUES (?, ?, ?)",
                           [meeting_id, *_document(row, names)])


def _document(row: dict, names: list[str]) -> tuple[str, str]:
    bi, uni = [], []
    for text in [*(row[c] for c in TEXT_COLUMNS), *names]:
        b, u = grams(text or "")
        bi += b
        uni += u
    return " ".join(bi), " ".join(uni)


def _names_by_meeting(store: Store, meeting_id: int | None = None) -> dict[int, list[str]]:
    only = "" if meeting_id is None else " AND m.id = :id"
    rows = store.query(
        "SELECT m.id, p.name FROM meetings m JOIN members p ON p.id IN (m.host_id, m.recorder_id) "
        f"WHERE 1 = 1{only} "
        "UNION ALL SELECT g.meeting_id, g.name FROM meeting_guests g JOIN meetings m "
        f"ON m.id = g.meeting_id WHERE 1 = 1{only} "
        "UNION ALL SELECT m.id, p.name FROM meetings m JOIN attendance a ON a.meeting_id = m.id "
        f"JOIN members p ON p.id = a.member_id WHERE m.kind = '谈心谈话'{only}",
        {"id": meeting_id})
    found: dict[int, list[str]] = {}
    for r in rows:
        found.setdefault(r["id"], []).append(r["name"])
    return found


def _touched_meetings(store: Store, after_id: int) -> set[int]:
    touched: set[int] = set()
    for entry in store.query(
            f"SELECT table_name, row_id, before, after FROM audit_log WHERE id > ? "
            f"AND table_name IN ({', '.join('?' for _ in _TABLES)})", [after_id, *_TABLES]):
        if entry["table_name"] == "meetings":
            touched.add(entry["row_id"])
        elif entry["table_name"] == "members":
            touched |= {r["id"] for r in store.query(
                "SELECT id FROM meetings WHERE ? IN (host_id, recorder_id) UNION "
                "SELECT a.meeting_id FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
                "WHERE a.member_id = ? AND m.kind = '谈心谈话'",
                [entry["row_id"], entry["row_id"]])}
        else:
            row = json.loads(entry["after"] or entry["before"])
            touched.add(row["meeting_id"])
    return touched


def _set_state(store: Store, audit_id: int) -> None:
    store.conn.execute("INSERT INTO derived_meeting_search_state (id, audit_id) VALUES (1, ?) "
                       "ON CONFLICT (id) DO UPDATE SET audit_id = excluded.audit_id", [audit_id])


def _excerpt(words: list[str], *texts: str | None) -> str:
    """About 40 characters around the first place a query word occurs."""
    for text in texts:
        for word in words:
            at = (text or "").find(word)
            if at >= 0:
                start = max(0, at - 15)
                return ("…" if start else "") + text[start:at + len(word) + 25].replace("\n", " ")
    return ""
