"""The year calendar: for each month, what was planned, what was held, and what is missing.

"Missing" is a planned activity day whose date has passed with nothing held for it (no linked
meeting and no 主题党日 of its kind that month; a political birthday counts as held when any
主题党日 was held that month), and, for the kinds the rule profile wants monthly (`monthly_kinds`,
e.g. 支委会 and 党小组会), a month that ended without one (党小组会 counted per 党小组).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from desktop_app.core import orgs
from desktop_app.core.dates import today
from desktop_app.core.meetings import kinds, plan
from desktop_app.core.periods import month as month_period
from desktop_app.core.store import Store


@dataclass(frozen=True)
class HeldMeeting:
    id: int
    held_on: str
    kind: str
    day_kind: str | None
    title: str
    org_id: int


@dataclass
class Month:
    year: int
    month: int
    planned: list[plan.PlanEntry] = field(default_factory=list)
    held: list[HeldMeeting] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def year_view(store: Store, org_id: int, year: int, monthly_kinds: Sequence[str] = (),
              on_date: str | None = None) -> list[Month]:
    """Twelve months for an organisation (a 支部 includes its 党小组)."""
    now = on_date or today()
    org_ids = orgs.subtree_ids(store, org_id)
    groups = [o for o in orgs.children(store, org_id) if o.kind == "党小组"]
    months = [Month(year, m) for m in range(1, 13)]
    for entry in plan.entries(store, org_id, year):
        months[int(entry.planned_on[5:7]) - 1].planned.append(entry)
    for r in store.query(
            f"SELECT id, held_on, kind, day_kind, title, org_id FROM meetings "
            f"WHERE org_id IN ({','.join('?' for _ in org_ids)}) AND held_on BETWEEN ? AND ? "
            f"AND status = '已召开' AND deleted_at IS NULL ORDER BY held_on, id",
            [*org_ids, f"{year}-01-01", f"{year}-12-31"]):
        months[int(r["held_on"][5:7]) - 1].held.append(HeldMeeting(**r))
    for view in months:
        _find_missing(view, now, monthly_kinds, org_id, groups)
    return months


def _find_missing(view: Month, now: str, monthly_kinds: Sequence[str], org_id: int,
                  groups: list) -> None:
    theme_kinds = {m.day_kind for m in view.held if m.kind == kinds.THEME_DAY}
    for entry in view.planned:
        if entry.planned_on >= now or entry.meeting_id:
            continue
        if entry.day_kind == kinds.POLITICAL_BIRTHDAY:
            if not theme_kinds:     # birthdays are marked at any of the month's activity days
                member = entry.theme.split("同志")[0] if entry.theme else ""
                view.missing.append(f"{view.month}月{int(entry.planned_on[8:])}日{member}政治生日未开展")
        elif entry.day_kind not in theme_kinds:
            view.missing.append(f"{view.month}月{int(entry.planned_on[8:])}日{entry.day_kind}未开展")
    if month_period(view.year, view.month).end >= now:
        return
    for kind in monthly_kinds:
        if kind == kinds.GROUP_MEETING:
            held_by = {m.org_id for m in view.held if m.kind == kind}
            view.missing += [f"{g.name}未召开党小组会" for g in groups if g.id not in held_by]
        elif not any(m.kind == kind and m.org_id == org_id for m in view.held):
            view.missing.append(f"未召开{kind}")
