"""The year's activity-day plan (党员固定活动日计划): study and service days each month, 关爱日 before
春节, 七一, 十一 and 元旦, and every member's political birthday (入党纪念日).

The days come from the branch's rule profile (`PlanRules`), never hard-wired. The plan is filed
upstream (备案) and disclosed, so the secretary edits themes and places, and each entry links to
the meeting that carried it out.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lunardate import LunarDate

from desktop_app.core import orgs
from desktop_app.core.dates import DateFormatError, parse_date
from desktop_app.core.meetings import kinds
from desktop_app.core.store import Store, StoreError

DEFAULT_THEMES = {
    kinds.STUDY_DAY: "集中学习党的理论和上级精神",
    kinds.SERVICE_DAY: "志愿服务，民情收集、分析和交办",
}
CARE_OCCASIONS = ("春节", "七一", "十一", "元旦")


@dataclass(frozen=True)
class PlanRules:
    """Parameters from the rule profile (Jiaxing 55-req #10: 5th study, 25th service). A day of
    None means the profile fixes none: the branch plans that activity itself."""
    study_day: int | None = None
    service_day: int | None = None
    care_days_before: int = 3


def rules_for(store: Store, org_id: int) -> PlanRules:
    """The plan parameters of the organisation's rule profile."""
    from desktop_app.core.rules.engine import profile_for
    days = profile_for(store, org_id).activity_days
    return PlanRules(study_day=days.study_day, service_day=days.service_day)


@dataclass
class PlanEntry:
    org_id: int
    year: int
    day_kind: str
    planned_on: str
    theme: str | None = None
    place: str | None = None
    member_id: int | None = None
    meeting_id: int | None = None
    id: int | None = None

    @property
    def key(self) -> tuple:
        return self.day_kind, self.planned_on, self.member_id


def spring_festival(year: int) -> date:
    """春节 (正月初一) of a Gregorian year, from the lunar calendar."""
    return LunarDate(year, 1, 1).to_solar_date()


def care_days(year: int, days_before: int) -> list[tuple[date, str]]:
    """关爱日 a few days before each occasion; 元旦 means the coming new year's day."""
    before = timedelta(days=days_before)
    return sorted([(spring_festival(year) - before, "春节"), (date(year, 7, 1) - before, "七一"),
                   (date(year, 10, 1) - before, "十一"), (date(year + 1, 1, 1) - before, "元旦")])


def draft(store: Store, org_id: int, year: int, rules: PlanRules | None = None) -> list[PlanEntry]:
    """The plan as the rules make it (default: the organisation's profile), not saved; by date."""
    rules = rules or rules_for(store, org_id)
    found = []
    for month in range(1, 13):
        for kind, day in ((kinds.STUDY_DAY, rules.study_day), (kinds.SERVICE_DAY, rules.service_day)):
            if day is None:
                continue
            on = _day_in_month(year, month, day)
            found.append(PlanEntry(org_id, year, kind, on, f"{month}月{kind}：{DEFAULT_THEMES[kind]}"))
    for on, occasion in care_days(year, rules.care_days_before):
        if on.year == year:
            found.append(PlanEntry(org_id, year, kinds.CARE_DAY, on.isoformat(),
                                   f"{occasion}前走访慰问老党员、困难党员"))
    for member_id, name, on, years in political_birthdays(store, org_id, year):
        found.append(PlanEntry(org_id, year, kinds.POLITICAL_BIRTHDAY, on,
                               f"{name}同志入党{years}周年政治生日", member_id=member_id))
    return sorted(found, key=lambda e: (e.planned_on, kinds.PLAN_DAY_KINDS.index(e.day_kind),
                                        e.member_id or 0))


def political_birthdays(store: Store, org_id: int, year: int) -> list[tuple[int, str, str, int]]:
    """(member id, name, date, years in the Party) for members who belong on their 入党纪念日."""
    org_ids = orgs.subtree_ids(store, org_id)
    rows = store.query(
        f"SELECT DISTINCT m.id, m.name, m.joined_on, s.start_on, s.end_on FROM members m "
        f"JOIN memberships s ON s.member_id = m.id WHERE s.org_id IN ({','.join('?' for _ in org_ids)}) "
        f"AND m.joined_on IS NOT NULL AND m.joined_on < ? AND s.start_on <= ? "
        f"AND (s.end_on IS NULL OR s.end_on >= ?)",
        [*org_ids, f"{year}-01-01", f"{year}-12-31", f"{year}-01-01"])
    found = {}
    for r in rows:
        joined = date.fromisoformat(r["joined_on"])
        on = _day_in_month(year, joined.month, joined.day)
        if r["start_on"] <= on and (r["end_on"] is None or on <= r["end_on"]):
            found[r["id"]] = (r["id"], r["name"], on, year - joined.year)
    return sorted(found.values(), key=lambda f: (f[2], f[1]))


def entries(store: Store, org_id: int, year: int) -> list[PlanEntry]:
    return [_from_row(r) for r in store.query(
        "SELECT * FROM activity_plan WHERE org_id = ? AND year = ? ORDER BY planned_on, id",
        [org_id, year])]


def generate(store: Store, org_id: int, year: int, rules: PlanRules | None = None) -> list[PlanEntry]:
    """Save the drafted plan, adding only entries not yet there (edited themes are kept)."""
    have = {e.key for e in entries(store, org_id, year)}
    with store.transaction():
        store.insert_many("activity_plan", [_row(e) for e in draft(store, org_id, year, rules)
                                            if e.key not in have])
    return entries(store, org_id, year)


def edit(store: Store, entry_id: int, *, theme: str | None = None, place: str | None = None,
         planned_on: str | None = None, reason: str | None = None) -> PlanEntry:
    """Change an entry's theme, place or date (the date stays within the plan's year)."""
    entry = _from_row(store.get("activity_plan", entry_id))
    changes: dict = {}
    if theme is not None:
        changes["theme"] = theme.strip() or None
    if place is not None:
        changes["place"] = place.strip() or None
    if planned_on is not None:
        try:
            on = parse_date(planned_on)
        except DateFormatError as exc:
            raise StoreError(f"计划日期：{exc}") from None
        if not on or int(on[:4]) != entry.year:
            raise StoreError(f"计划日期应在 {entry.year} 年内")
        changes["planned_on"] = on
    return _from_row(store.update("activity_plan", entry_id, changes, reason=reason))


def link(store: Store, entry_id: int, meeting_id: int | None, reason: str | None = None) -> None:
    """Mark an entry carried out by a held meeting (None undoes the link)."""
    if meeting_id is not None:
        meeting = store.get("meetings", meeting_id)
        if meeting["deleted_at"]:
            raise StoreError("该会议记录已在回收站中，不能关联")
    store.update("activity_plan", entry_id, {"meeting_id": meeting_id}, reason=reason)


def link_held(store: Store, org_id: int, year: int) -> int:
    """Link each unlinked entry to a 主题党日 held by the organisation (or its 党小组) in the same
    month, nearest date first: a study, service or care day to one of its own kind (each meeting
    carries one such day); a political birthday to any of them (birthdays of the month are often
    marked together at the month's activity). Returns the links made."""
    org_ids = orgs.subtree_ids(store, org_id)
    held = store.query(
        f"SELECT id, day_kind, held_on FROM meetings WHERE kind = ? AND status = '已召开' "
        f"AND deleted_at IS NULL AND org_id IN ({','.join('?' for _ in org_ids)}) "
        f"AND held_on BETWEEN ? AND ? ORDER BY held_on",
        [kinds.THEME_DAY, *org_ids, f"{year}-01-01", f"{year}-12-31"])
    saved = entries(store, org_id, year)
    taken = {e.meeting_id for e in saved if e.meeting_id and e.day_kind != kinds.POLITICAL_BIRTHDAY}
    made = 0
    with store.transaction():
        for entry in sorted(saved, key=lambda e: e.day_kind == kinds.POLITICAL_BIRTHDAY):
            if entry.meeting_id:
                continue
            birthday = entry.day_kind == kinds.POLITICAL_BIRTHDAY
            same = [m for m in held if m["held_on"][:7] == entry.planned_on[:7]
                    and (birthday or (m["day_kind"] == entry.day_kind and m["id"] not in taken))]
            if not same:
                continue
            best = min(same, key=lambda m: abs(date.fromisoformat(m["held_on"])
                                               - date.fromisoformat(entry.planned_on)))
            if not birthday:
                taken.add(best["id"])
            store.update("activity_plan", entry.id, {"meeting_id": best["id"]})
            made += 1
    return made


def _day_in_month(year: int, month: int, day: int) -> str:
    """The day, or the month's last day when it has fewer (a 29 February birthday, day 31)."""
    while True:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            day -= 1


def _row(entry: PlanEntry) -> dict:
    return {"org_id": entry.org_id, "year": entry.year, "day_kind": entry.day_kind,
            "planned_on": entry.planned_on, "theme": entry.theme, "place": entry.place,
            "member_id": entry.member_id, "meeting_id": entry.meeting_id}


def _from_row(row: dict) -> PlanEntry:
    return PlanEntry(row["org_id"], row["year"], row["day_kind"], row["planned_on"], row["theme"],
                     row["place"], row["member_id"], row["meeting_id"], row["id"])
