"""Edges the rule-fidelity table does not reach (issue #17): one unexcused absence in a single
session, and the 党费 base sheet's wording on each side of a bracket edge."""
import pytest

from desktop_app.core.dues.standard import rate_text
from desktop_app.core.rules.findings import DUE_SOON, MET, OVERDUE
from desktop_app.core.rules.profile import load_profile
from tests.core.rules_builder import Branch

STANDARD = load_profile("jiaxing-2016").dues_standard


@pytest.mark.parametrize("absent, status", [(True, OVERDUE), (False, MET)])
def test_one_session_missed_without_leave_is_more_than_a_third(store, absent, status):
    """1 of 1 sessions missed (100 % > 1/3) flags the member; attending the one session does not."""
    branch = Branch(store, "jiaxing-2016")
    victim = branch.members[-1]
    gone = [victim] if absent else []
    branch.meeting("党课", "2025-03-10", attendees=[m for m in branch.members if m not in gone],
                   absent=gone)
    finding = branch.finding("jx-11-warning", today="2026-03-01")
    assert finding.status == status, finding.detail
    assert (victim in finding.member_ids) is absent


def test_the_warning_is_only_a_reminder_while_the_year_is_open(store):
    branch = Branch(store, "jiaxing-2016")
    victim = branch.members[-1]
    branch.meeting("党课", "2025-03-10", attendees=branch.members[:-1], absent=[victim])
    assert branch.finding("jx-11-warning", today="2025-12-31").status == DUE_SOON
    assert branch.finding("jx-11-warning", today="2026-01-01").status == OVERDUE


@pytest.mark.parametrize("category, income_fen, words", [
    ("在职", 299999, "月收入2999.99元，按0.5%"),
    ("在职", 300000, "月收入3000.00元，按0.5%"),       # the edge belongs to the lower bracket
    ("在职", 300001, "月收入3000.01元，按1%"),
    ("在职", 1000000, "月收入10000.00元，按1.5%"),
    ("在职", 1000001, "月收入10000.01元，按2%"),
    ("离退休", 500000, "月收入5000.00元，按0.5%"),
    ("离退休", 500001, "月收入5000.01元，按1%"),
])
def test_the_base_sheet_names_the_bracket_at_its_edges(category, income_fen, words):
    assert rate_text(STANDARD, category, income_fen) == words
