"""The compliance check (体检): an organisation and a period in, findings out.

A 党支部 is checked against its profile on the period's last day (inherited from the nearest
ancestor that names one, `national-2018` otherwise), from its 启用日期 on: nothing dated before
that day is ever a finding. Asking about a 党委 or 党总支 checks each 党支部 below it.
"""
from __future__ import annotations

from datetime import date

from desktop_app.core import orgs
from desktop_app.core.periods import Period
from desktop_app.core.rules import branch_rules, evidence, member_rules
from desktop_app.core.rules.context import Context
from desktop_app.core.rules.findings import STATUSES, Finding
from desktop_app.core.rules.profile import RuleProfile, load_profile
from desktop_app.core.rules.windows import CADENCE_MONTHS, windows
from desktop_app.core.store import Store

DEFAULT_PROFILE = "national-2018"

RULE_TYPES = {
    "meeting_frequency": branch_rules.meeting_frequency,
    "talk_with_every_member": branch_rules.talk_with_every_member,
    "activity_days_held": branch_rules.activity_days_held,
    "dues_settled": branch_rules.dues_settled,
    "pioneer_published": branch_rules.pioneer_published,
    "unexcused_absence": member_rules.unexcused_absence,
    "study_hours": member_rules.study_hours,
    "member_participation": member_rules.member_participation,
    "dues_arrears": member_rules.dues_arrears,
    "mobile_reported": member_rules.mobile_reported,
    "absentees_briefed": member_rules.absentees_briefed,
}


# Rule types whose cadence is part of their definition rather than a parameter (学时 per year).
IMPLIED_CADENCE = {"study_hours": "year"}


def profile_for(store: Store, org_id: int, on_date: str | None = None) -> RuleProfile:
    """The profile in force on `on_date` (default today): a change of profile from a date leaves
    the periods before it as they were judged."""
    return load_profile(orgs.profile_of(store, org_id, on_date) or DEFAULT_PROFILE)


def check(store: Store, org_id: int, period: Period, *, profile: RuleProfile | None = None,
          today: str | None = None, records_until: str | None = None,
          loaded: dict | None = None) -> list[Finding]:
    """Findings for the organisation (or each 党支部 under a 党委/党总支) in the period.
    `records_until` (ISO date): records after it are not read — a bundle reports its period as
    it stood at the period's end, whatever was held between then and the day it is exported.
    `loaded`: evidence already read, by (organisation, first day, last day), filled as it is
    read — checks of several periods at once (首页: month, quarter, year) share it, since a
    rule's windows stretch each period to the same span (a year's, with 学时 counted yearly).
    Only for one moment of the ledger: nothing may be written between the checks."""
    org = orgs.get(store, org_id)
    if org.kind in ("党委", "党总支"):
        below = set(orgs.subtree_ids(store, org_id))
        branches = [o for o in orgs.all_orgs(store) if o.kind == "党支部" and o.id in below]
        return [f for b in branches for f in check(store, b.id, period, profile=profile,
                                                   today=today, records_until=records_until,
                                                   loaded=loaded)]
    start, end = _iso(period.start), _iso(period.end)
    opened = orgs.records_from(store, org_id)
    if opened and end < opened:
        return []       # before the 启用日期 Shilu holds no record, so it judges nothing
    start = max(start, opened or start)
    profile = profile or profile_for(store, org_id, end)
    today = today or date.today().isoformat()
    span_start, span_end = _span(profile, start, end)
    span_end = min(span_end, records_until or span_end)
    key = (org_id, span_start, span_end)
    loaded = {} if loaded is None else loaded
    if key not in loaded:
        loaded[key] = evidence.load(store, org_id, span_start, span_end)
    ctx = Context(loaded[key], start, end, today, profile, opened)
    return [RULE_TYPES[rule.type](rule, ctx) for rule in profile.rules]


def by_status(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped in reading order: 逾期, 缺失, 即将到期, 达标."""
    return {status: [f for f in findings if f.status == status] for status in STATUSES}


def _span(profile: RuleProfile, start: str, end: str) -> tuple[str, str]:
    """The dates the evidence must cover: every window of every rule that overlaps the period."""
    lo, hi = start, end
    for rule in profile.rules:
        every = rule.params.get("every", IMPLIED_CADENCE.get(rule.type))
        if every in CADENCE_MONTHS:
            spans = windows(every, start, end)
            lo, hi = min(lo, spans[0].start), max(hi, spans[-1].end)
    return lo, hi


def _iso(value) -> str:
    return value if isinstance(value, str) else value.isoformat()
