"""Meeting records (会议记录): create from a template, copy last month's, save with attendance in one
transaction, delete to the recycle bin and restore. Every write goes through the audited store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from desktop_app.core import members, orgs
from desktop_app.core.dates import DateFormatError, parse_date, today
from desktop_app.core.meetings import attendance, kinds
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.store import Store, StoreError

PLANNED, HELD = "计划", "已召开"
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")
TEXT_FIELDS = ("title", "place", "lecturer", "topic", "agenda", "minutes", "resolutions")


class MeetingError(StoreError):
    """A record that cannot be saved, with every reason in Chinese."""


@dataclass
class Guest:
    """列席: an invited non-member, by name."""
    name: str
    unit: str | None = None


@dataclass
class Meeting:
    org_id: int
    kind: str
    held_on: str
    title: str = ""
    day_kind: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    place: str | None = None
    host_id: int | None = None
    recorder_id: int | None = None
    lecturer: str | None = None
    topic: str | None = None
    agenda: str | None = None
    minutes: str | None = None
    resolutions: str | None = None
    study_hours: float = 0
    status: str = HELD
    tags: list[str] = field(default_factory=list)
    also_kinds: list[str] = field(default_factory=list)   # further kinds it counts as
    guests: list[Guest] = field(default_factory=list)
    copied_from: int | None = None
    id: int | None = None
    deleted_at: str | None = None
    deleted_reason: str | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


_COLUMNS = ("org_id", "kind", "day_kind", "title", "held_on", "start_time", "end_time", "place",
            "host_id", "recorder_id", "lecturer", "topic", "agenda", "minutes", "resolutions",
            "study_hours", "status", "copied_from")


def new(store: Store, org_id: int, kind: str, held_on: str, day_kind: str | None = None) -> Meeting:
    """A record pre-filled from the kind's template: agenda skeleton, tags, hours, host = 书记
    (党小组长 for a 党小组会)."""
    tpl = kinds.template(kind)
    held_on = parse_date(held_on)
    host_org = org_id
    if tpl.host_role == "书记":
        org = orgs.get(store, org_id)
        host_org = org.parent_id if org.kind == "党小组" and org.parent_id else org_id
    hosts = orgs.holders(store, host_org, tpl.host_role, held_on)
    tags = [*tpl.tags, *(kinds.DAY_THEME_TAGS.get(day_kind, ()) if kind == kinds.THEME_DAY else ())]
    return Meeting(org_id=org_id, kind=kind, held_on=held_on, day_kind=day_kind,
                   title=kinds.default_title(kind, held_on, day_kind),
                   host_id=hosts[0] if hosts else None,
                   agenda="\n".join(f"{i}. {item}" for i, item in enumerate(tpl.agenda, 1)) or None,
                   study_hours=tpl.study_hours, tags=tags,
                   status=HELD if held_on <= today() else PLANNED)


def copy_from(store: Store, meeting_id: int, held_on: str) -> Meeting:
    """Last month's record as a start: same kind, place, times, host, recorder, agenda and tags;
    minutes and resolutions left for this meeting. Not saved until `save`."""
    source = get(store, meeting_id)
    held_on = parse_date(held_on)
    return replace(source, id=None, held_on=held_on, copied_from=source.id, minutes=None,
                   resolutions=None, deleted_at=None, deleted_reason=None,
                   title=kinds.default_title(source.kind, held_on, source.day_kind),
                   tags=list(source.tags), also_kinds=list(source.also_kinds), guests=[Guest(g.name, g.unit) for g in source.guests],
                   status=HELD if held_on <= today() else PLANNED)


def last_of_kind(store: Store, org_id: int, kind: str, before: str | None = None) -> Meeting | None:
    row = store.query_one("SELECT id FROM meetings WHERE org_id = ? AND kind = ? AND held_on < ? "
                          "AND deleted_at IS NULL ORDER BY held_on DESC, id DESC LIMIT 1",
                          [org_id, kind, before or "9999"])
    return get(store, row["id"]) if row else None


def validate(store: Store, meeting: Meeting, marks: list[Mark] | None = None) -> list[str]:
    """Every problem with the record (and its sheet), one Chinese sentence each. Normalises dates
    and times in place."""
    problems = []
    if meeting.kind not in kinds.MEETING_KINDS:
        problems.append(f"会议类型应为 {'、'.join(kinds.MEETING_KINDS)} 之一，而不是“{meeting.kind}”")
        return problems
    org_row = store.query_one("SELECT * FROM organisations WHERE id = ?", [meeting.org_id])
    if org_row is None:
        return ["请选择召开会议的组织"]
    try:
        meeting.held_on = parse_date(meeting.held_on)
    except DateFormatError as exc:
        problems.append(f"会议日期：{exc}")
    if not meeting.held_on:
        problems.append("请填写会议日期")
    if not problems and meeting.status == HELD and meeting.held_on > today():
        problems.append(f"会议日期 {meeting.held_on} 还没有到：未召开的会议请保存为“计划”")
    if meeting.status not in (PLANNED, HELD):
        problems.append(f"会议状态应为“{PLANNED}”或“{HELD}”")
    times_ok = True
    for name, label in (("start_time", "开始时间"), ("end_time", "结束时间")):
        value = (getattr(meeting, name) or "").strip()
        match = _TIME.match(value)
        if match and int(match[1]) <= 23 and int(match[2]) <= 59:
            setattr(meeting, name, f"{int(match[1]):02d}:{match[2]}")
        elif value:
            problems.append(f"{label}“{value}”应写作 时:分，如 14:30")
            times_ok = False
        else:
            setattr(meeting, name, None)
    if times_ok and meeting.start_time and meeting.end_time and meeting.end_time <= meeting.start_time:
        problems.append(f"结束时间 {meeting.end_time} 应晚于开始时间 {meeting.start_time}")
    if meeting.kind == kinds.GROUP_MEETING and org_row["kind"] != "党小组":
        problems.append(f"党小组会须由党小组召开：“{org_row['name']}”是{org_row['kind']}，请选择一个党小组")
    if meeting.kind != kinds.GROUP_MEETING and org_row["kind"] == "党小组" \
            and kinds.template(meeting.kind).audience != kinds.BRANCH:
        problems.append(f"{meeting.kind}应由党支部召开，而不是党小组“{org_row['name']}”")
    if meeting.kind == kinds.THEME_DAY and meeting.day_kind not in kinds.DAY_KINDS:
        problems.append(f"主题党日须选择 {'、'.join(kinds.DAY_KINDS)} 之一")
    allowed = kinds.ALSO_COUNTS_AS.get(meeting.kind, ())
    for extra in meeting.also_kinds:
        if extra not in allowed:
            problems.append(f"{meeting.kind}不能同时计为{extra}" + (
                f"（可同时计为：{'、'.join(allowed)}）" if allowed else ""))
    if kinds.PARTY_LESSON in (meeting.kind, *meeting.also_kinds) and meeting.status == HELD \
            and not (meeting.lecturer or "").strip():
        problems.append("党课须填写主讲人")
    try:
        meeting.study_hours = float(meeting.study_hours or 0)
        if not 0 <= meeting.study_hours <= 24:
            problems.append(f"学时 {meeting.study_hours:g} 应在 0 到 24 之间")
    except (TypeError, ValueError):
        problems.append(f"学时“{meeting.study_hours}”应是一个数字，如 1.5")
    for tag in meeting.tags:
        if not tag.strip():
            problems.append("标签不能为空")
    for guest in meeting.guests:
        if not guest.name.strip():
            problems.append("列席人员须填写姓名")
    if marks is not None and not problems:
        problems += attendance.check_marks(store, meeting.org_id, meeting.kind, meeting.held_on, marks)
    return problems


def save(store: Store, meeting: Meeting, marks: list[Mark] | None = None,
         reason: str | None = None) -> int:
    """Insert or update the record, its tags, guests and (when given) its attendance sheet, all in
    one transaction. Raises MeetingError listing every problem; nothing is saved half-way."""
    problems = validate(store, meeting, marks)
    if problems:
        raise MeetingError("；".join(problems))
    generic = kinds.default_title(meeting.kind, meeting.held_on, meeting.day_kind)
    if meeting.kind == kinds.HEART_TALK and marks and meeting.title.strip() in ("", generic):
        meeting.title = kinds.default_title(meeting.kind, meeting.held_on,
                                            partner=members.get(store, marks[0].member_id).name)
    if not meeting.title.strip():
        meeting.title = kinds.default_title(meeting.kind, meeting.held_on, meeting.day_kind)
    row = {name: getattr(meeting, name) for name in _COLUMNS}
    for name in TEXT_FIELDS:
        row[name] = (row[name] or "").strip() or None
    row["title"] = row["title"] or meeting.title
    with store.transaction():
        if meeting.id is None:
            meeting.id = store.insert("meetings", row, reason=reason)
        else:
            store.update("meetings", meeting.id, row, reason=reason)
        _sync_tags(store, meeting, reason)
        _sync_also_kinds(store, meeting, reason)
        _sync_guests(store, meeting, reason)
        if marks is not None:
            attendance.write_marks(store, meeting.id, marks, reason)
    return meeting.id


def get(store: Store, meeting_id: int) -> Meeting:
    row = store.get("meetings", meeting_id)
    meeting = Meeting(**{name: row[name] for name in _COLUMNS}, id=row["id"],
                      deleted_at=row["deleted_at"], deleted_reason=row["deleted_reason"])
    meeting.tags = [r["tag"] for r in store.query(
        "SELECT tag FROM meeting_tags WHERE meeting_id = ? ORDER BY id", [meeting_id])]
    meeting.also_kinds = [r["kind"] for r in store.query(
        "SELECT kind FROM meeting_also_kinds WHERE meeting_id = ? ORDER BY id", [meeting_id])]
    meeting.guests = [Guest(r["name"], r["unit"]) for r in store.query(
        "SELECT name, unit FROM meeting_guests WHERE meeting_id = ? ORDER BY id", [meeting_id])]
    return meeting


def delete(store: Store, meeting_id: int, reason: str) -> None:
    """Move a record to the recycle bin: a logged, reversible action (the reason is kept)."""
    if not (reason or "").strip():
        raise MeetingError("删除会议记录须填写原因（记录会移入回收站，可以恢复）")
    store.update("meetings", meeting_id, {"deleted_at": today(), "deleted_reason": reason.strip()},
                 reason=reason.strip())


def restore(store: Store, meeting_id: int, reason: str = "从回收站恢复") -> None:
    store.update("meetings", meeting_id, {"deleted_at": None, "deleted_reason": None},
                 reason=reason)


def recycle_bin(store: Store) -> list[Meeting]:
    return [get(store, r["id"]) for r in store.query(
        "SELECT id FROM meetings WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC")]


def find(store: Store, start: str, end: str, org_id: int | None = None,
         kind: str | None = None) -> list[Meeting]:
    """Records held in [start, end] (not deleted), of an organisation and everything below it."""
    sql = "SELECT id FROM meetings WHERE held_on BETWEEN ? AND ? AND deleted_at IS NULL"
    params: list = [start, end]
    if org_id is not None:
        org_ids = orgs.subtree_ids(store, org_id)
        sql += f" AND org_id IN ({','.join('?' for _ in org_ids)})"
        params += org_ids
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    return [get(store, r["id"]) for r in store.query(sql + " ORDER BY held_on, id", params)]


def _sync_tags(store: Store, meeting: Meeting, reason: str | None) -> None:
    wanted = list(dict.fromkeys(t.strip() for t in meeting.tags))
    meeting.tags = wanted
    existing = {r["tag"]: r["id"] for r in store.query(
        "SELECT id, tag FROM meeting_tags WHERE meeting_id = ?", [meeting.id])}
    for tag, row_id in existing.items():
        if tag not in wanted:
            store.delete("meeting_tags", row_id, reason=reason)
    for tag in wanted:
        if tag not in existing:
            store.insert("meeting_tags", {"meeting_id": meeting.id, "tag": tag}, reason=reason)


def _sync_also_kinds(store: Store, meeting: Meeting, reason: str | None) -> None:
    wanted = list(dict.fromkeys(meeting.also_kinds))
    meeting.also_kinds = wanted
    existing = {r["kind"]: r["id"] for r in store.query(
        "SELECT id, kind FROM meeting_also_kinds WHERE meeting_id = ?", [meeting.id])}
    for kind, row_id in existing.items():
        if kind not in wanted:
            store.delete("meeting_also_kinds", row_id, reason=reason)
    for kind in wanted:
        if kind not in existing:
            store.insert("meeting_also_kinds", {"meeting_id": meeting.id, "kind": kind},
                         reason=reason)


def _sync_guests(store: Store, meeting: Meeting, reason: str | None) -> None:
    existing = store.query("SELECT id, name, unit FROM meeting_guests WHERE meeting_id = ? "
                           "ORDER BY id", [meeting.id])
    wanted = [(g.name.strip(), (g.unit or "").strip() or None) for g in meeting.guests]
    if [(r["name"], r["unit"]) for r in existing] == wanted:
        return
    for r in existing:
        store.delete("meeting_guests", r["id"], reason=reason)
    for name, unit in wanted:
        store.insert("meeting_guests", {"meeting_id": meeting.id, "name": name, "unit": unit},
                     reason=reason)
