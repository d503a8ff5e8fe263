"""One study entry (a training, a course) and the members who attended it.

A 街道 training attended by twenty members is one entry with twenty attendees, not twenty rows
to type. Hours are per attendee (each earns the entry's hours). Rule source: 嘉兴55条 第26条
(党员每年集中学习培训不少于32学时).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core import members
from desktop_app.core.dates import DateFormatError, parse_date
from desktop_app.core.store import Store, StoreError

SOURCES = ("街道培训", "网上党校", "学习强国", "上级党委培训", "其他")
MAX_HOURS = 80     # a week-long 集中轮训 at most; more is a typing slip


class StudyError(StoreError):
    """A study entry that cannot be saved, every reason in one Chinese message."""


@dataclass
class StudyEntry:
    held_on: str
    hours: float
    title: str
    member_ids: list[int] = field(default_factory=list)
    organiser: str | None = None
    source: str | None = None
    id: int | None = None


def problems(store: Store, entry: StudyEntry) -> list[str]:
    """Every problem with the entry, one sentence each; normalises the date and hours in place."""
    found = []
    try:
        entry.held_on = parse_date(entry.held_on)
    except DateFormatError as exc:
        found.append(f"日期：{exc}")
    else:
        if not entry.held_on:
            found.append("请填写学习日期")
    if entry.hours is None or str(entry.hours).strip() == "":
        found.append("请填写学时")
    else:
        found += _hours_problems(entry)
    if not (entry.title or "").strip():
        found.append("请填写培训或课程名称")
    if entry.source and entry.source not in SOURCES:
        found.append(f"类别应为 {'、'.join(SOURCES)} 之一，而不是“{entry.source}”")
    if not entry.member_ids:
        found.append("请选择参加学习的党员")
    if len(set(entry.member_ids)) != len(entry.member_ids):
        found.append("同一名党员选了两次")
    if entry.held_on and not found:
        for member_id in entry.member_ids:
            member = members.get(store, member_id)
            if members.current_org_id(store, member_id, entry.held_on) is None:
                found.append(f"{member.name} 在 {entry.held_on} 不在册，不能记入学时")
    return found


def _hours_problems(entry: StudyEntry) -> list[str]:
    try:
        entry.hours = float(entry.hours)
    except (TypeError, ValueError):
        return [f"学时“{entry.hours}”应是一个数字，如 2 或 1.5"]
    if not 0 < entry.hours <= MAX_HOURS:
        return [f"学时 {entry.hours:g} 应大于 0 且不超过 {MAX_HOURS}"]
    return []


def add(store: Store, entry: StudyEntry, reason: str | None = None) -> int:
    """Save a new entry with its attendees in one transaction; raise StudyError otherwise."""
    found = problems(store, entry)
    if found:
        raise StudyError("；".join(found))
    with store.transaction():
        entry.id = store.insert("study_sessions", {
            "held_on": entry.held_on, "hours": entry.hours, "title": entry.title.strip(),
            "organiser": (entry.organiser or "").strip() or None, "source": entry.source},
            reason=reason)
        store.insert_many("study_attendees", [{"session_id": entry.id, "member_id": m}
                                              for m in entry.member_ids], reason=reason)
    return entry.id


def update(store: Store, entry: StudyEntry, reason: str | None = None) -> None:
    """Save changes to an existing entry (`entry.id`): its fields, attendees added and removed,
    in one transaction. A sealed period (old or new date) needs `reason`; raises StudyError
    for a bad entry, StoreError for a missing one or a sealed change without reason."""
    before = get(store, entry.id)
    found = problems(store, entry)
    if found:
        raise StudyError("；".join(found))
    with store.transaction():
        store.update("study_sessions", entry.id, {
            "held_on": entry.held_on, "hours": entry.hours, "title": entry.title.strip(),
            "organiser": (entry.organiser or "").strip() or None, "source": entry.source},
            reason=reason)
        kept = set(entry.member_ids)
        for row in store.query("SELECT id, member_id FROM study_attendees WHERE session_id = ?",
                               [entry.id]):
            if row["member_id"] not in kept:
                store.delete("study_attendees", row["id"], reason=reason)
        store.insert_many("study_attendees", [
            {"session_id": entry.id, "member_id": m}
            for m in entry.member_ids if m not in before.member_ids], reason=reason)


def get(store: Store, entry_id: int) -> StudyEntry:
    """One entry with its attendees; StoreError when there is none with that number."""
    row = store.query_one("SELECT * FROM study_sessions WHERE id = ?", [entry_id])
    if row is None:
        raise StoreError(f"没有编号为 {entry_id} 的学习记录")
    ids = [r["member_id"] for r in store.query(
        "SELECT a.member_id FROM study_attendees a JOIN members m ON m.id = a.member_id "
        "WHERE a.session_id = ? ORDER BY m.name_initials, m.name", [entry_id])]
    return StudyEntry(row["held_on"], row["hours"], row["title"], ids, row["organiser"],
                      row["source"], row["id"])


def delete(store: Store, entry_id: int, reason: str | None = None) -> None:
    """Remove an entry and its attendees (a sealed period needs `reason`)."""
    get(store, entry_id)
    with store.transaction():
        for row in store.query("SELECT id FROM study_attendees WHERE session_id = ?", [entry_id]):
            store.delete("study_attendees", row["id"], reason=reason)
        store.delete("study_sessions", entry_id, reason=reason)


def between(store: Store, start: str, end: str) -> list[StudyEntry]:
    """Entries held in [start, end], newest first, with their attendees."""
    rows = store.query("SELECT * FROM study_sessions WHERE held_on BETWEEN ? AND ? "
                       "ORDER BY held_on DESC, id DESC", [start, end])
    attendees: dict[int, list[int]] = {}
    for r in store.query("SELECT a.session_id, a.member_id FROM study_attendees a "
                         "JOIN study_sessions s ON s.id = a.session_id "
                         "JOIN members m ON m.id = a.member_id "
                         "WHERE s.held_on BETWEEN ? AND ? ORDER BY m.name_initials, m.name",
                         [start, end]):
        attendees.setdefault(r["session_id"], []).append(r["member_id"])
    return [StudyEntry(r["held_on"], r["hours"], r["title"], attendees.get(r["id"], []),
                       r["organiser"], r["source"], r["id"]) for r in rows]


def hours_by_member(store: Store, member_ids: list[int], start: str,
                    end: str) -> dict[int, list[tuple[str, float, int]]]:
    """member → [(date, hours, entry id)] of entries in [start, end] (for the 学时 rule and the
    先锋指数, which cite the entries they count)."""
    found: dict[int, list[tuple[str, float, int]]] = {}
    marks = ",".join("?" for _ in member_ids) or "NULL"
    for r in store.query(f"SELECT a.member_id, s.held_on, s.hours, s.id FROM study_attendees a "
                         f"JOIN study_sessions s ON s.id = a.session_id "
                         f"WHERE a.member_id IN ({marks}) AND s.held_on BETWEEN ? AND ?",
                         [*member_ids, start, end]):
        found.setdefault(r["member_id"], []).append((r["held_on"], r["hours"], r["id"]))
    return found
