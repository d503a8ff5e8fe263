"""A whole year of a 党支部 under jiaxing-2016 with known gaps, and the exact findings they give."""
from desktop_app.core import members
from desktop_app.core.members import Member
from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING, OVERDUE
from desktop_app.core.scoring import pioneer
from tests.core.rules_builder import Branch

GAPS = {"jx-11-secretary-lesson", "jx-11-warning", "jx-26-study-hours", "jx-31-mobile",
        "jx-34-dues-settled", "jx-28-pioneer"}   # 先锋指数: the first half year published, not the second


def build_year(store) -> tuple[Branch, dict]:
    branch = Branch(store, "jiaxing-2016")
    late = members.add(store, Member(name="庚七", joined_on="2025-06-20"), branch.groups[0],
                       since="2025-07-01")
    branch.pay(late, [f"2025-{m:02d}" for m in range(7, 13)], "2025-07-05")
    ids = {}
    for rule in branch.profile.rules:
        if rule.id != "jx-11-secretary-lesson":                       # gap: never held
            branch.satisfy(rule, leave_out_last=rule.id in GAPS)
    # The member who joined in July: her own talk, volunteering, training and dues.
    branch.meeting("谈心谈话", "2025-07-05", attendees=[late])
    for day in ("2025-08-02", "2025-09-06"):
        branch.meeting("志愿服务", day, attendees=[late])
    branch.meeting("培训", "2025-10-11", attendees=[late], hours=6)
    # Gap: the August 支委会 was deleted (recycle bin), so it no longer counts.
    ids["august"] = store.query_one("SELECT id FROM meetings WHERE kind = '支委会' "
                                    "AND held_on LIKE '2025-08-%'")["id"]
    branch.delete_meeting(ids["august"])
    # Gap: the second-half 发展党员 study is only planned (计划), not held.
    ids["recruitment"] = store.query_one(
        "SELECT m.id FROM meetings m JOIN meeting_tags t ON t.meeting_id = m.id "
        "WHERE t.tag = '发展党员专题' AND m.held_on >= '2025-07-01'")["id"]
    store.update("meetings", ids["recruitment"], {"status": "计划"})
    # Gap: 己六 skipped every meeting of her 党小组, and nobody briefed her afterwards.
    victim = branch.members[-1]
    for row in store.query("SELECT a.id FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
                           "WHERE m.kind = '党小组会' AND a.member_id = ?", [victim]):
        store.update("attendance", row["id"], {"status": "缺席"})
    return branch, ids


def test_a_year_with_known_gaps_gives_exactly_these_findings(store):
    branch, ids = build_year(store)
    findings = {f.rule_id: f for f in branch.check("2025", today="2026-01-20")}
    late = store.query_one("SELECT id FROM members WHERE name = '庚七'")["id"]
    secretary, victim = branch.secretary, branch.members[-1]
    assert {rule_id: f.status for rule_id, f in findings.items()} == {
        "jx-11-congress": MET,
        "jx-11-committee": MISSING,          # August never held: 缺失, as in Q3's own check
        "jx-11-group": MET,
        "jx-11-lesson": MET,
        "jx-11-secretary-lesson": MISSING,
        "jx-26-charter": MET,
        "jx-03-party-building": MET,
        "jx-29-recruitment": MISSING,
        "jx-10-activity-days": MET,
        "jx-28-review": MET,
        "jx-28-pioneer": DUE_SOON,           # 2025H2 may still be published until 31 January
        "cn-21-life-meeting": MET,
        "cn-22-talks": MET,
        "jx-34-dues-settled": OVERDUE,       # Q4 not settled by 15 January
        "jx-11-warning": OVERDUE,
        "jx-26-study-hours": OVERDUE,
        "jx-40-volunteer": MET,
        "jx-26-training": MET,
        "dz-9-dues-arrears": MET,
        "jx-31-mobile": OVERDUE,
        "jx-11-briefing": OVERDUE,
    }
    assert "2025年8月 0/1次" in findings["jx-11-committee"].detail
    assert ids["august"] not in findings["jx-11-committee"].meeting_ids
    assert "2025年下半年 0/1次" in findings["jx-29-recruitment"].detail
    assert findings["jx-11-warning"].member_ids == (victim,)
    assert findings["jx-26-study-hours"].member_ids == (secretary,)
    assert "甲一（书记） 2025年 32/56学时" in findings["jx-26-study-hours"].detail
    assert late not in findings["jx-26-study-hours"].member_ids   # 12 + 6 = 18 h ≥ 32 × 184/365 ≈ 16.1
    assert findings["jx-31-mobile"].member_ids == (victim,)
    assert findings["jx-11-briefing"].member_ids == (victim,)
    # 己六 goes away (流动外出) in March: only January and February are owed a 传达 at home.
    assert findings["jx-11-briefing"].detail.startswith("2人次未按时传达")


def test_the_unsettled_quarter_is_due_soon_within_its_grace_days_then_overdue(store):
    branch, _ = build_year(store)
    assert branch.finding("jx-34-dues-settled", today="2026-01-15").status == DUE_SOON
    finding = branch.finding("jx-34-dues-settled", today="2026-01-16")
    assert finding.status == OVERDUE
    assert finding.detail == "2025年第四季度 未结算（已收 720.00 元）"
    assert len(finding.record_ids) == 3
    # A payment received after Q3 was settled makes that settlement disagree with the ledger.
    branch.pay(branch.members[0], ["2026-01"], "2025-09-30")
    finding = branch.finding("jx-34-dues-settled", today="2026-01-16")
    assert "2025年第三季度 结算 960.00 元，与收缴合计 1000.00 元不符" in finding.detail


def test_the_unpublished_half_year_is_due_soon_until_its_grace_ends_then_overdue(store):
    branch, _ = build_year(store)
    published = store.query_one("SELECT id FROM pioneer_evaluations WHERE period = '2025H1'")["id"]
    finding = branch.finding("jx-28-pioneer", today="2026-01-31")
    assert finding.status == DUE_SOON
    assert finding.record_ids == (("pioneer_evaluations", published),)
    finding = branch.finding("jx-28-pioneer", today="2026-02-01")
    assert finding.status == MISSING       # never published: 缺失, as in 2025H2's own check
    assert finding.detail == "2025年下半年 尚未公布（期限 2026-01-31）"
    assert branch.finding("jx-28-pioneer", period="2025H1", today="2026-02-01").status == MET
    # Published late, it is on record but still overdue for that half year.
    pioneer.publish(store, branch.branch, "2025H2", "2026-02-03")
    finding = branch.finding("jx-28-pioneer", today="2026-02-05")
    assert finding.status == OVERDUE
    assert finding.detail == "2025年下半年 于 2026-02-03 公布，晚于 2026-01-31"
    assert len(finding.record_ids) == 2


def test_a_half_year_without_any_publication_is_missing(store):
    branch = Branch(store, "jiaxing-2016")
    assert branch.finding("jx-28-pioneer", period="2025H1", today="2025-06-01").status == DUE_SOON
    assert branch.finding("jx-28-pioneer", period="2025H1", today="2025-08-01").status == MISSING
    pioneer.publish(store, branch.branch, "2025H1", "2025-06-28")
    finding = branch.finding("jx-28-pioneer", period="2025H1", today="2025-06-30")
    assert (finding.status, finding.detail) == (MET, "先锋指数已按时公布：2025年上半年（2025-06-28）")


def test_open_period_status_due_soon_then_overdue_then_missing(store):
    branch = Branch(store, "jiaxing-2016")
    assert branch.finding("jx-11-committee", period="2025Q3", today="2025-07-20").status == DUE_SOON
    assert branch.finding("jx-11-committee", period="2025Q3", today="2025-08-02").status == MISSING
    branch.meeting("支委会", "2025-07-10", attendees=[branch.secretary])
    assert branch.finding("jx-11-committee", period="2025Q3", today="2025-08-02").status == DUE_SOON
    # August was never held: 缺失 (held too few would be 逾期)
    assert branch.finding("jx-11-committee", period="2025Q3", today="2025-09-02").status == MISSING
    branch.meeting("支委会", "2025-08-12", attendees=[branch.secretary])
    branch.meeting("支委会", "2025-09-09", attendees=[branch.secretary])
    assert branch.finding("jx-11-committee", period="2025Q3", today="2025-12-01").status == MET


def test_a_party_committee_is_checked_branch_by_branch(store):
    branch = Branch(store, "national-2018")
    from desktop_app.core import orgs
    from desktop_app.core.periods import parse_period
    from desktop_app.core.rules.engine import check
    second = orgs.create(store, "B2", "第二党支部", "党支部", branch.root)
    findings = check(store, branch.root, parse_period("2025Q1"), today="2025-05-01")
    assert {f.org_id for f in findings} == {branch.branch, second}
    assert len(findings) == 2 * len(branch.profile.rules)
