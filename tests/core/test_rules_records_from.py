"""启用日期: nothing dated before the day Shilu starts holding the record is ever a finding, a
window partly before it is judged from it on, and a profile changed from a date leaves the
periods before it as they were judged."""
from desktop_app.core import orgs
from desktop_app.core.dues import opening
from desktop_app.core.periods import parse_period
from desktop_app.core.rules.engine import check
from desktop_app.core.rules.profile import load_profile
from desktop_app.core.rules.findings import MET, MISSING, OVERDUE
from tests.core.rules_builder import Branch

TODAY = "2026-01-20"


def by_rule(findings):
    return {f.rule_id: f for f in findings}


def test_nothing_before_records_from_is_a_finding(store):
    b = Branch(store, "jiaxing-2016")
    for month in ("10", "11", "12"):
        b.meeting("支委会", f"2025-{month}-20", attendees=[b.secretary])
    opening.set_opening(store, b.branch, "2024-12")        # dues paid through 2024, none since
    before = by_rule(check(store, b.branch, parse_period("2025"), today=TODAY))
    # without a 启用日期 the whole year is judged: January has no 支委会 (a month never held is
    # 缺失, whatever else the year had), a year of unpaid dues
    assert before["jx-11-committee"].status == MISSING
    assert "2025年1月 0/1次" in before["jx-11-committee"].detail
    assert before["dz-9-dues-arrears"].status == OVERDUE

    orgs.edit(store, b.branch, records_from="2025-10-15")
    assert check(store, b.branch, parse_period("2025Q3"), today=TODAY) == []
    after = by_rule(check(store, b.branch, parse_period("2025"), today=TODAY))
    assert after["jx-11-committee"].status == MET
    # three months unpaid (Oct–Dec) is arrears to collect, not "treated as having left"
    assert after["dz-9-dues-arrears"].status != OVERDUE
    # the group meetings: only the months from 15 October on, the first one marked as cut
    group = after["jx-11-group"]
    assert group.status == MISSING
    assert "第1党小组 2025年10月（10月15日起） 0/1次" in group.detail
    assert "2025年9月" not in group.detail and "2025年1月" not in group.detail
    # 学时 pro-rated to the 78 days held: 32 × 78/365 = 6.84 → 7; the 书记 56 × 78/365 → 12
    hours = after["jx-26-study-hours"].detail
    assert "甲一（书记） 2025年（10月15日起） 0/12学时" in hours and "乙二 2025年（10月15日起） 0/7学时" in hours
    for finding in after.values():
        for month in range(1, 10):
            assert f"2025年{month}月 " not in finding.detail, finding


def test_records_from_is_inherited_from_the_parent(store):
    b = Branch(store, "jiaxing-2016")
    orgs.edit(store, b.root, records_from="2025-10-01")
    assert orgs.records_from(store, b.groups[0]) == "2025-10-01"
    assert check(store, b.root, parse_period("2025H1"), today=TODAY) == []


def test_profile_change_from_a_date_keeps_the_sealed_verdict(store):
    b = Branch(store, "jiaxing-2016")
    b.meeting("支委会", "2025-07-10", attendees=[b.secretary])
    q3 = [f.rule_id for f in check(store, b.branch, parse_period("2025Q3"), today=TODAY)]
    store.seal_through("2025-09-30", "三季度报送")
    orgs.set_profile(store, b.branch, "national-2018", "2025-10-01")
    assert [f.rule_id for f in check(store, b.branch, parse_period("2025Q3"), today=TODAY)] == q3
    q4 = [f.rule_id for f in check(store, b.branch, parse_period("2025Q4"), today=TODAY)]
    assert q4 == [r.id for r in load_profile("national-2018").rules] and q4 != q3
    try:
        orgs.set_profile(store, b.branch, "tongling-2017", "2025-09-01")
    except orgs.SealedPeriodError as exc:
        assert "只能从 2025-09-30 之后起更换" in str(exc)
    else:
        raise AssertionError("a profile change inside a sealed period was accepted")
