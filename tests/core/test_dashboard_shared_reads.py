"""首页 asks three checks at once (month, quarter, year). It reads each 党支部's evidence once for
all three and looks each finding's rule up once per organisation; what it finds must be exactly
what the three checks find when asked one by one."""
from desktop_app.core import dashboard, members, orgs
from desktop_app.core.members import Member
from desktop_app.core.rules import evidence
from desktop_app.core.rules.engine import check
from desktop_app.core.rules.findings import DUE_SOON, MET
from tests.core.rules_builder import Branch

TODAY = "2025-11-20"        # November: the month's and the quarter's windows are still open
GAPS = {"jx-11-committee", "jx-11-warning", "jx-26-study-hours", "jx-40-volunteer",
        "jx-11-briefing"}


def two_branches(store) -> Branch:
    """A 党支部 that did most of the year's work (the last record of each gap left out, a
    member absent from every 党小组会) and a second 党支部 with two members and no records."""
    branch = Branch(store, "jiaxing-2016")
    for rule in branch.profile.rules:
        branch.satisfy(rule, leave_out_last=rule.id in GAPS)
    branch.meeting("党小组会", "2025-11-12", org=branch.groups[1], absent=[branch.members[-1]])
    second = orgs.create(store, "B2", "第二党支部", "党支部", branch.root)
    for name in ("辛一", "壬二"):
        members.add(store, Member(name=name, joined_on="2010-07-01"), second, since="2025-03-01")
    return branch


def test_the_home_page_finds_what_each_check_finds_alone(store):
    branch = two_branches(store)
    board = dashboard.build(store, branch.root, TODAY)
    for scope, period in dashboard.scope_periods(TODAY).items():
        alone = check(store, branch.root, period, today=TODAY)
        assert board.findings[scope] == alone
        assert {f.org_id for f in alone} == {branch.branch, orgs.by_code(store, "B2").id}
        assert any(f.status != MET for f in alone)      # the gaps show in every scope


def test_each_branch_is_read_once_for_the_three_scopes(store, monkeypatch):
    branch = two_branches(store)
    reads = []
    real = evidence.load
    monkeypatch.setattr(evidence, "load",
                        lambda store, org_id, start, end: reads.append((org_id, start, end))
                        or real(store, org_id, start, end))
    dashboard.build(store, branch.root, TODAY)
    # jiaxing-2016 counts 学时 by the year, so every scope's windows span 2025 (by hand).
    second = orgs.by_code(store, "B2").id
    assert sorted(reads) == sorted([(branch.branch, "2025-01-01", "2025-12-31"),
                                    (second, "2025-01-01", "2025-12-31")])


def test_a_record_added_after_a_build_counts_in_the_next(store):
    branch = two_branches(store)
    november = store.query_one("SELECT id FROM meetings WHERE kind = '支委会' "
                               "AND held_on LIKE '2025-11-%'")["id"]
    branch.delete_meeting(november)

    def committee(board):
        return next(f for f in board.findings["本月"] if f.rule_id == "jx-11-committee")
    assert committee(dashboard.build(store, branch.root, TODAY)).status == DUE_SOON
    held = branch.meeting("支委会", "2025-11-18")
    after = committee(dashboard.build(store, branch.root, TODAY))
    assert after.status == MET and after.meeting_ids == (held,)
