"""期初 as entered and withdrawn: the dates and reasons the ledger keeps, every write in the audit
chain, and a member's paid-through month found at the organisations above their branch
(mutation survivors of `dues/opening`, issue #17)."""
from desktop_app.core import members, orgs
from desktop_app.core.dues import opening
from desktop_app.core.dues.opening import Opening
from desktop_app.core.members import Member
from desktop_app.core.store import audit


def _rows(store):
    return [dict(r) for r in store.query(
        "SELECT member_id, paid_through, set_on FROM dues_openings ORDER BY id")]


def test_an_opening_keeps_its_date_and_a_withdrawn_exception_its_reason(store):
    org = orgs.create(store, "B", "测试党支部", "党支部")
    li = members.add(store, Member(name="李二", joined_on="2001-07-01"), org, since="2001-07-01")
    zhang = members.add(store, Member(name="张一", joined_on="2001-07-01"), org, since="2001-07-01")
    first = opening.set_opening(store, org, "2025-12", {zhang: "2025-09"}, set_on="2025-12-20")
    assert first == Opening(org, "2025-12", {zhang: "2025-09"})
    assert _rows(store) == [{"member_id": None, "paid_through": "2025-12", "set_on": "2025-12-20"},
                            {"member_id": zhang, "paid_through": "2025-09",
                             "set_on": "2025-12-20"}]
    assert audit.verify(store.conn).ok
    again = opening.set_opening(store, org, "2026-01", {li: "2025-11"}, set_on="2026-01-05")
    assert again == Opening(org, "2026-01", {li: "2025-11"})
    assert _rows(store) == [{"member_id": None, "paid_through": "2026-01", "set_on": "2026-01-05"},
                            {"member_id": li, "paid_through": "2025-11", "set_on": "2026-01-05"}]
    withdrawn = store.query_one("SELECT reason FROM audit_log WHERE table_name = 'dues_openings' "
                                "AND action = 'delete'")
    assert withdrawn["reason"] == "期初重新设置，不再列为例外"
    assert audit.verify(store.conn).ok
    assert opening.paid_through(store, [li, zhang]) == {li: "2025-11", zhang: "2026-01"}


def test_a_member_opening_updated_keeps_the_new_date(store):
    org = orgs.create(store, "B", "测试党支部", "党支部")
    li = members.add(store, Member(name="李二", joined_on="2001-07-01"), org, since="2001-07-01")
    opening.set_member_opening(store, org, li, "2025-06", set_on="2025-07-01")
    opening.set_member_opening(store, org, li, "2025-08", set_on="2025-09-02")
    assert _rows(store) == [{"member_id": li, "paid_through": "2025-08", "set_on": "2025-09-02"}]
    assert audit.verify(store.conn).ok


def test_the_opening_of_an_organisation_above_the_branch_counts_the_latest_wins(store):
    """党委 says 已交至 2025-06, the branch 2025-03: a member of the branch is settled through
    June. An id with no membership at all has no opening."""
    root = orgs.create(store, "P", "测试党委", "党委")
    branch = orgs.create(store, "B", "测试党支部", "党支部", root)
    li = members.add(store, Member(name="李二", joined_on="2001-07-01"), branch,
                     since="2001-07-01")
    opening.set_opening(store, root, "2025-06", set_on="2025-07-01")
    opening.set_opening(store, branch, "2025-03", set_on="2025-07-01")
    assert opening.paid_through(store, [li, 999]) == {li: "2025-06"}
