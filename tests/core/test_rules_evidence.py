"""The engine's one reader of the ledger agrees with the roster's own answers."""
from desktop_app.core import members, orgs
from desktop_app.core.rules import evidence


def test_days_belonged_matches_the_roster_for_every_demo_member(demo_store):
    for branch in (o for o in orgs.all_orgs(demo_store) if o.kind == "党支部"):
        ev = evidence.load(demo_store, branch.id, "2024-01-01", "2025-12-31")
        for member_id in ev.stays:
            for start, end in (("2024-01-01", "2024-12-31"), ("2025-04-01", "2025-06-30")):
                # The engine counts from 入党 on, as `expected_on` does.
                since = max(start, members.get(demo_store, member_id).joined_on or start)
                expected = (members.days_belonged(demo_store, member_id, branch.id, since, end)
                            if since <= end else 0)
                assert ev.days_belonged(member_id, start, end) == expected


def test_deleted_and_planned_meetings_are_not_evidence(demo_store):
    branch = next(o for o in orgs.all_orgs(demo_store) if o.kind == "党支部")
    ev = evidence.load(demo_store, branch.id, "2024-01-01", "2025-12-31")
    ids = set(ev.meetings)
    assert ids
    rows = demo_store.query(
        f"SELECT id, status, deleted_at FROM meetings WHERE id IN ({','.join(map(str, ids))})")
    assert all(r["status"] == "已召开" and r["deleted_at"] is None for r in rows)
    one = min(ids)
    demo_store.update("meetings", one, {"deleted_at": "2026-01-01T00:00:00"})
    assert one not in evidence.load(demo_store, branch.id, "2024-01-01", "2025-12-31").meetings
