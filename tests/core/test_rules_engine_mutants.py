"""The engine: the records of every window a rule judges (a quarter's check of a yearly rule
sees the whole year), a 党委 or 党总支 judged through its branches with the caller's profile, day
and cut-off, and the 启用日期 edge (mutation survivors of `rules/engine`, issue #17)."""
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core import orgs
from desktop_app.core.periods import Period, parse_period
from desktop_app.core.rules.engine import by_status, check
from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING, OVERDUE, Finding
from desktop_app.core.rules.profile import load_profile
from tests.core.rules_builder import Branch


def test_a_yearly_rule_checked_for_a_quarter_sees_the_records_of_the_whole_year(store):
    """national-2018 谈心谈话 is yearly; the talks are held in March. Checked for Q3 (after the
    year), the year's window still holds them: 达标, naming the six talks."""
    branch = Branch(store, "national-2018")
    rule = next(r for r in branch.profile.rules if r.id == "cn-22-talks")
    branch.satisfy(rule)
    talks = [m["id"] for m in store.query("SELECT id FROM meetings WHERE kind = '谈心谈话'")]
    assert len(talks) == 6
    finding = branch.finding("cn-22-talks", period="2025Q3")
    assert finding.status == MET
    assert sorted(finding.meeting_ids) == sorted(talks)


def test_a_yearly_rule_without_its_march_talks_is_missing_for_q3(store):
    """The control: no talks that year, the same check is 缺失 (nothing held, the year over)."""
    branch = Branch(store, "national-2018")
    assert branch.finding("cn-22-talks", period="2025Q3").status == MISSING


def test_study_hours_are_yearly_by_definition_and_seen_from_a_later_quarter(store):
    """jiaxing-2016 学时 has no `every` (a year is implied); 56 hours for the 书记, 32 for the
    others, all held February to September. Checked for Q4 after the year: every member met."""
    branch = Branch(store, "jiaxing-2016")
    rule = next(r for r in branch.profile.rules if r.type == "study_hours")
    branch.satisfy(rule)
    finding = branch.finding(rule.id, period="2025Q4")
    assert finding.status == MET
    assert finding.detail == "6人次均已达到"


def test_study_hours_alone_still_widen_the_evidence_to_their_year(store):
    """The same with a profile of that one rule: no other yearly rule widens the evidence, so the
    year implied by 学时 must."""
    branch = Branch(store, "jiaxing-2016")
    rule = next(r for r in branch.profile.rules if r.type == "study_hours")
    branch.profile = replace(branch.profile, rules=(rule,))
    branch.satisfy(rule)
    [finding] = branch.check(period="2025Q4")
    assert (finding.rule_id, finding.status, finding.detail) == (rule.id, MET, "6人次均已达到")


def _finding(rule_id: str, status: str) -> Finding:
    return Finding(rule_id, rule_id, status, "", "", 1)


def test_findings_are_grouped_by_status_in_reading_order():
    a, b, c, d, e = (_finding("a", MET), _finding("b", OVERDUE), _finding("c", DUE_SOON),
                     _finding("d", OVERDUE), _finding("e", MET))
    grouped = by_status([a, b, c, d, e])
    assert list(grouped) == [OVERDUE, MISSING, DUE_SOON, MET]
    assert grouped == {OVERDUE: [b, d], MISSING: [], DUE_SOON: [c], MET: [a, e]}


def test_a_general_branch_is_checked_through_the_branch_below_it(store):
    """A 党总支 holds no meetings of its own to judge: its findings are its 党支部's."""
    general = orgs.create(store, "Z", "测试党总支", "党总支", rule_profile="national-2018")
    below = orgs.create(store, "Z1", "第一党支部", "党支部", general)
    findings = check(store, general, parse_period("2025"), today="2026-03-01")
    assert len(findings) == len(load_profile("national-2018").rules)
    assert {f.org_id for f in findings} == {below}


def test_a_committee_passes_profile_today_and_records_until_to_each_branch(store):
    branch = Branch(store, "national-2018")
    branch.satisfy(branch.profile.rule("cn-22-talks"))      # six talks, 10–15 March
    year = parse_period("2025")
    jiaxing = load_profile("jiaxing-2016")
    asked = check(store, branch.root, year, profile=jiaxing, today="2026-03-01")
    assert [f.rule_id for f in asked] == [r.id for r in jiaxing.rules]
    mid_year = {f.rule_id: f.status for f in check(store, branch.root, year, today="2025-06-01")}
    assert mid_year["cn-23-review"] == DUE_SOON           # the year still open on 1 June
    assert mid_year["cn-22-talks"] == MET
    before_march = {f.rule_id: f.status for f in check(store, branch.root, year,
                                                        today="2026-03-01",
                                                        records_until="2025-02-28")}
    assert before_march["cn-22-talks"] == MISSING         # the talks came after the cut-off


@pytest.mark.parametrize("opened, judged", [("2025-03-30", True), ("2025-03-31", True),
                                            ("2025-04-01", False)])
def test_a_period_ending_on_the_opening_day_is_judged_one_ending_before_it_is_not(
        store, opened, judged):
    """启用日期 on the quarter's last day leaves that one day to judge; a day later, nothing."""
    branch = orgs.create(store, "B", "测试党支部", "党支部", rule_profile="national-2018",
                         records_from=opened)
    findings = check(store, branch, parse_period("2025Q1"), today="2026-03-01")
    assert len(findings) == (len(load_profile("national-2018").rules) if judged else 0)


def test_a_period_given_as_dates_is_checked_as_its_iso_days(store):
    """`check` also takes a period whose ends are `date`s (the CLI's own periods are text)."""
    branch = Branch(store, "national-2018")
    branch.satisfy(branch.profile.rule("cn-22-talks"))
    as_dates = Period(date(2025, 1, 1), date(2025, 12, 31), "2025年")
    findings = {f.rule_id: f.status for f in check(store, branch.branch, as_dates,
                                                    profile=branch.profile, today="2026-03-01")}
    assert findings["cn-22-talks"] == MET and findings["cn-23-review"] == MISSING
