"""Every rule of every shipped profile: the records that make it pass, and one record fewer fails."""
import pytest

from desktop_app.core.rules.findings import MET, MISSING, OVERDUE
from desktop_app.core.rules.profile import load_profile, shipped_ids
from tests.core.rules_builder import Branch

CASES = [(pid, rule.id) for pid in shipped_ids() for rule in load_profile(pid).rules]


def test_every_shipped_profile_is_covered():
    assert {pid for pid, _ in CASES} == {"national-2018", "jiaxing-2016", "tongling-2017",
                                         "county-six-star", "changsha-2015"}
    assert len(CASES) >= 50


@pytest.mark.parametrize("profile_id,rule_id", CASES)
def test_rule_passes_when_its_records_are_there(store, profile_id, rule_id):
    branch = Branch(store, profile_id)
    rule = branch.profile.rule(rule_id)
    branch.satisfy(rule)
    finding = branch.finding(rule_id)
    assert finding.status == MET, finding.detail
    assert finding.citation.startswith(rule.source)


@pytest.mark.parametrize("profile_id,rule_id", CASES)
def test_rule_fails_when_one_record_is_missing(store, profile_id, rule_id):
    branch = Branch(store, profile_id)
    rule = branch.profile.rule(rule_id)
    branch.satisfy(rule, leave_out_last=True)
    finding = branch.finding(rule_id)
    assert finding.status in (OVERDUE, MISSING), finding.detail
