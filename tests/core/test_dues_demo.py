"""The demo ledger's dues: every quarter reconciles, and the check agrees they were settled."""
from desktop_app.core import orgs
from desktop_app.core.dues import ledger
from desktop_app.core.periods import parse_period
from desktop_app.core.rules.engine import check
from desktop_app.core.store import audit


def test_demo_dues_reconcile_and_pass_the_check(demo_store):
    branches = [o for o in orgs.all_orgs(demo_store) if o.kind == "党支部"]
    for branch in branches:
        for quarter in ("2024Q1", "2024Q4", "2025Q2", "2025Q4"):
            summary = ledger.quarter_summary(demo_store, branch.id, quarter)
            assert summary.collected_fen > 0 and summary.settlement is not None
            assert summary.reconciles
    findings = check(demo_store, orgs.root(demo_store).id, parse_period("2025"),
                     today="2026-03-01")
    dues = {(f.org_id, f.rule_id): f.status for f in findings if "dues" in f.rule_id}
    assert set(dues.values()) == {"达标"} and len(dues) == 2 * len(branches)
    assert audit.verify(demo_store.conn).ok
