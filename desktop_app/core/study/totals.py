"""Each member's 学时 for a year, by where they came from: meetings attended (出席), study entries,
组织生活 away (counted only where the profile says), and the opening balance. The same sources
as the 学时 rule (core/rules/member_rules.study_hours), for the 学时 page."""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core import members, orgs
from desktop_app.core.store import Store


@dataclass(frozen=True)
class MemberHours:
    member_id: int
    name: str
    meetings: float
    outside: float
    away: float
    opening: float
    away_counts: bool

    @property
    def total(self) -> float:
        return self.meetings + self.outside + self.opening + (self.away if self.away_counts else 0)


def year_totals(store: Store, org_id: int, year: int, on_date: str) -> list[MemberHours]:
    """Members of the organisation on `on_date` (in roster order) with their 学时 in `year`."""
    from desktop_app.core.rules import engine
    profile = engine.profile_for(store, org_id)
    away_counts = any(r.type == "mobile_reported" and r.params.get("away_life_counts")
                      for r in profile.rules)
    start, end = f"{year}-01-01", f"{year}-12-31"
    people = members.expected_on(store, org_id, on_date)
    ids = [m.id for m in people]
    marks = ",".join("?" for _ in ids) or "NULL"

    def summed(sql: str, params: list) -> dict[int, float]:
        return {r["member_id"]: r["h"] or 0 for r in store.query(sql, params)}

    held_by = _subtree_and_ancestors(store, org_id)
    meetings = summed(f"SELECT a.member_id, sum(m.study_hours) AS h FROM attendance a "
                      f"JOIN meetings m ON m.id = a.meeting_id WHERE a.status = '出席' "
                      f"AND m.deleted_at IS NULL AND m.status = '已召开' AND m.held_on BETWEEN ? AND ? "
                      f"AND m.org_id IN ({','.join('?' for _ in held_by)}) "
                      f"AND a.member_id IN ({marks}) GROUP BY a.member_id",
                      [start, end, *held_by, *ids])
    outside = summed(f"SELECT a.member_id, sum(s.hours) AS h FROM study_attendees a "
                     f"JOIN study_sessions s ON s.id = a.session_id WHERE s.held_on BETWEEN ? AND ? "
                     f"AND a.member_id IN ({marks}) GROUP BY a.member_id", [start, end, *ids])
    away = summed(f"SELECT member_id, sum(study_hours) AS h FROM away_life "
                  f"WHERE held_on BETWEEN ? AND ? AND member_id IN ({marks}) GROUP BY member_id",
                  [start, end, *ids])
    opening = summed(f"SELECT member_id, hours AS h FROM study_openings WHERE year = ? "
                     f"AND member_id IN ({marks})", [year, *ids])
    return [MemberHours(m.id, m.name, meetings.get(m.id, 0), outside.get(m.id, 0),
                        away.get(m.id, 0), opening.get(m.id, 0), away_counts) for m in people]


def _subtree_and_ancestors(store: Store, org_id: int) -> list[int]:
    """Meetings that count for a member here: held by the organisation, its 党小组, or above."""
    found = orgs.subtree_ids(store, org_id)
    parent = orgs.get(store, org_id).parent_id
    while parent is not None:
        found.append(parent)
        parent = orgs.get(store, parent).parent_id
    return found
