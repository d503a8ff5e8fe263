import pytest
from desktop_app.core import members, orgs
from desktop_app.core.dues import ledger
from desktop_app.core.members import Member
from desktop_app.core.periods import parse_period
from desktop_app.core.rules.engine import check
from desktop_app.core.rules.findings import OVERDUE
from desktop_app.core.rules.profile import load_profile
PROFILE = load_profile("national-2018")
STANDARD = PROFILE.dues_standard
NAMES = ("张一", "李二", "王三", "赵四")
@pytest.fixture
def branch(store):
    org = orgs.create(store, "ZB", "某社区第一党支部", "党支部", rule_profile="national-2018")
    ids = {n: members.add(store, Member(name=n, joined_on="2001-07-01"), org, since="2001-07-01") for n in NAMES}
    return org, ids
def base_all(store, ids, year, income_fen=400000):
    for member_id in ids.values():
        ledger.set_base(store, STANDARD, member_id, year, "在职", income_fen)
def finding(store, org, period, today):
    found = check(store, org, parse_period(period), profile=PROFILE, today=today)
    return next(f for f in found if f.rule_id == "dz-9-dues-arrears")
def test_a_run_is_not_cut_at_a_look_back_window(store, branch):
    """#13: paid Jan–Mar 2025 in Shilu, then nothing: April–December is a run of nine, which the
    check of 2025Q4 once reported as eight (its window began in May)."""
    org, ids = branch
    base_all(store, ids, 2025)
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    for name, paid in (("张一", months), ("李二", months), ("王三", months), ("赵四", months[:3])):
        ledger.collect(store, org, ids[name], paid, "2025-01-10")
    found = finding(store, org, "2025Q4", "2026-01-15")
    assert found.status == OVERDUE and found.detail == "赵四 连续9个月未交"
