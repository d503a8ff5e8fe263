"""Which requirements of the organisation's profile a meeting record will count for, before it is
saved (the meeting editor shows them): by its kinds (its own and the further ones), its ticked
tags, its activity-day kind, the facts derived from it (书记讲党课 from the 主讲人's role that
day) and its 学时. A record counts once for each rule, however many of its kinds the rule names.
"""
from __future__ import annotations

from desktop_app.core import orgs
from desktop_app.core.meetings import kinds
from desktop_app.core.meetings.records import Meeting
from desktop_app.core.rules.branch_rules import matches
from desktop_app.core.rules.evidence import Meeting as Counted
from desktop_app.core.rules.evidence import lectured_by_secretary
from desktop_app.core.rules.profile import RuleProfile
from desktop_app.core.store import Store


def counted_as(store: Store, meeting: Meeting) -> Counted:
    """The record as the compliance check will see it, derived tags included."""
    tags = {t for t in meeting.tags if t not in kinds.DERIVED_TAGS}
    counted = Counted(0, meeting.org_id, meeting.kind, meeting.day_kind, meeting.held_on,
                      float(meeting.study_hours or 0), frozenset(tags),
                      frozenset(meeting.also_kinds), meeting.lecturer)
    if kinds.PARTY_LESSON in counted.kinds and meeting.held_on:
        org = orgs.get(store, meeting.org_id)
        org_ids = {meeting.org_id, org.parent_id} - {None} if org.kind == "党小组" \
            else {meeting.org_id}
        ids = sorted(org_ids)
        roles = store.query(f"SELECT r.*, p.name FROM roles r JOIN members p ON p.id = r.member_id "
                            f"WHERE r.role = '书记' AND r.org_id IN ({','.join('?' * len(ids))})",
                            ids)
        if lectured_by_secretary(roles, org_ids, meeting.lecturer, meeting.held_on):
            counted = counted._replace(tags=counted.tags | {kinds.TAG_SECRETARY_LESSON})
    return counted


def requirements(store: Store, profile: RuleProfile, meeting: Meeting) -> list[str]:
    """The titles of the rules this record will count for, each once, with what still decides."""
    counted = counted_as(store, meeting)
    found = []
    for rule in profile.rules:
        p = rule.params
        if rule.type == "meeting_frequency" and matches(counted, p):
            rate = p.get("min_attendance")
            found.append(rule.title + (f"（到会率须达{float(rate):.0%}）" if rate is not None else ""))
        elif rule.type in ("talk_with_every_member", "member_participation") and (
                (p.get("kinds") and counted.kinds & set(p["kinds"]))
                or (p.get("day_kinds") and counted.day_kind in p["day_kinds"])
                or (p.get("tag") and p["tag"] in counted.tags)):
            found.append(rule.title)
        elif rule.type == "study_hours" and counted.study_hours > 0:
            found.append(f"{rule.title}（出席者计{counted.study_hours:g}学时）")
        elif rule.type == "absentees_briefed" and counted.kinds & set(p["kinds"]):
            found.append(f"{rule.title}（缺席者须在{p['within_days']}天内传达）")
    return found
