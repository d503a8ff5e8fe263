"""The engine's shared evidence (`check(loaded=…)`, used by 首页 for its month, quarter and year
checks): each 党支部's evidence is read once per span, keyed by (organisation, first day, last
day), and a check never sees another span's or another branch's records (mutation survivors of
`rules/engine`, issue #17)."""
from dataclasses import replace

import pytest

from desktop_app.core import members, orgs
from desktop_app.core.members import Member
from desktop_app.core.periods import parse_period
from desktop_app.core.rules import evidence
from desktop_app.core.rules.engine import check
from desktop_app.core.rules.findings import MET, MISSING
from tests.core.rules_builder import Branch

YEAR = parse_period("2025")


def status(findings, rule_id, org_id=None):
    return next(f.status for f in findings
                if f.rule_id == rule_id and (org_id is None or f.org_id == org_id))


def test_three_checks_through_a_committee_read_the_branch_once(store, monkeypatch):
    """national-2018 has yearly rules, so the year, Q3 and August all span 2025 (by hand): one
    read, kept under (党支部, "2025-01-01", "2025-12-31")."""
    branch = Branch(store, "national-2018")
    reads, real = [], evidence.load
    monkeypatch.setattr(evidence, "load", lambda s, org_id, start, end:
                        reads.append((org_id, start, end)) or real(s, org_id, start, end))
    shared: dict = {}
    for period in ("2025", "2025Q3", "2025-08"):
        check(store, branch.root, parse_period(period), today="2026-03-01", loaded=shared)
    assert reads == [(branch.branch, "2025-01-01", "2025-12-31")]
    assert list(shared) == [(branch.branch, "2025-01-01", "2025-12-31")]


@pytest.mark.parametrize("cut_first", [True, False])
def test_a_cut_off_span_is_not_shared_with_the_whole_year(store, cut_first):
    """The six talks are held 10–15 March. Cut off on 28 February the year's span ends there:
    缺失; the same year uncut sees them: 达标 — in either order, with one `loaded`."""
    branch = Branch(store, "national-2018")
    branch.satisfy(branch.profile.rule("cn-22-talks"))
    shared: dict = {}
    cuts = ["2025-02-28", None] if cut_first else [None, "2025-02-28"]
    found = {cut: status(check(store, branch.root, YEAR, today="2026-03-01",
                               records_until=cut, loaded=shared), "cn-22-talks")
             for cut in cuts}
    assert found == {"2025-02-28": MISSING, None: MET}
    assert sorted(shared, key=str) == sorted([(branch.branch, "2025-01-01", "2025-02-28"),
                                              (branch.branch, "2025-01-01", "2025-12-31")],
                                             key=str)


def test_a_month_read_first_does_not_stand_in_for_its_quarter(store):
    """A profile of one monthly rule (支委会): March spans 1–31 March, Q1 spans 1 January – 31
    March (same last day). With 支委会 in each of the three months, Q1 is 达标 only if its own
    span was read after March's."""
    branch = Branch(store, "national-2018")
    monthly = replace(branch.profile, rules=(branch.profile.rule("cn-19-committee"),))
    for day in ("2025-01-15", "2025-02-14", "2025-03-14"):
        branch.meeting("支委会", day)
    shared: dict = {}
    march = check(store, branch.branch, parse_period("2025-03"), profile=monthly,
                  today="2025-04-10", loaded=shared)
    q1 = check(store, branch.branch, parse_period("2025Q1"), profile=monthly,
               today="2025-04-10", loaded=shared)
    assert [f.status for f in march] == [MET]
    assert [f.status for f in q1] == [MET]
    assert set(shared) == {(branch.branch, "2025-03-01", "2025-03-31"),
                           (branch.branch, "2025-01-01", "2025-03-31")}


def test_two_branches_sharing_loaded_keep_their_own_records(store):
    """The first 党支部 held its six talks; a second one under the same 党委, with two members,
    held none: 达标 and 缺失, as when checked without a shared `loaded`."""
    branch = Branch(store, "national-2018")
    branch.satisfy(branch.profile.rule("cn-22-talks"))
    second = orgs.create(store, "B2", "第二党支部", "党支部", branch.root)
    for name in ("辛一", "壬二"):
        members.add(store, Member(name=name, joined_on="2010-07-01"), second, since="2025-01-01")
    shared = check(store, branch.root, YEAR, today="2026-03-01", loaded={})
    assert status(shared, "cn-22-talks", branch.branch) == MET
    assert status(shared, "cn-22-talks", second) == MISSING
    assert shared == check(store, branch.root, YEAR, today="2026-03-01")
