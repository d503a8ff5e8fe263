"""`rules/context` and `rules/findings`, pinned where mutation testing found gaps (issue #17): the
windows a rule is judged in, a finding's evidence, the names a detail lists, as JSON."""
from dataclasses import replace

from desktop_app.core.rules.context import Context
from desktop_app.core.rules.evidence import Evidence
from desktop_app.core.rules.findings import Finding
from desktop_app.core.rules.profile import Rule, load_profile

PROFILE = load_profile("jiaxing-2016")
RULE = Rule("x-1", "党课每季度至少1次", "某规定", "meeting_frequency", {}, "每季度上一次党课")


def context(today="2025-07-01", opened_on=None, profile=PROFILE, names=None) -> Context:
    ev = Evidence(7, {7}, "2025-01-01", "2025-12-31", names=names or {})
    return Context(ev, "2025-01-01", "2025-12-31", today, profile, opened_on)


def test_windows_are_those_begun_by_today_the_first_cut_at_the_opening_day():
    got = context(today="2025-07-01", opened_on="2025-02-15").windows("quarter")
    assert [(w.start, w.end, w.label) for w in got] == [
        ("2025-02-15", "2025-03-31", "2025年第一季度（2月15日起）"),
        ("2025-04-01", "2025-06-30", "2025年第二季度"),
        ("2025-07-01", "2025-09-30", "2025年第三季度")]
    assert got[0].days == 90                      # the whole quarter, for pro-rating
    assert len(context(today="2025-06-30").windows("quarter")) == 2


def test_a_finding_keeps_ledger_meetings_sorted_members_once_and_records_in_order():
    finding = context().finding(RULE, "逾期", "2025年第一季度 0/1次", meeting_ids=[9, -3, 4, 9],
                                member_ids=[5, 2, 5], record_ids=[("dues_settlements", 3),
                                                                  ("appraisals", 1)])
    assert finding == Finding("x-1", "党课每季度至少1次", "逾期", "某规定：“每季度上一次党课”",
                              "2025年第一季度 0/1次", 7, (4, 9), (2, 5),
                              (("dues_settlements", 3), ("appraisals", 1)))
    bare = context().finding(RULE, "达标", "")
    assert (bare.meeting_ids, bare.member_ids, bare.record_ids) == ((), (), ())


def test_away_life_counts_only_when_the_mobile_rule_says_so():
    def with_rules(*rules):
        return context(profile=replace(PROFILE, rules=rules))
    mobile = Rule("m", "流动党员", "某规定", "mobile_reported", {"away_life_counts": True})
    assert with_rules(RULE, mobile).away_life_counts is True
    assert with_rules(RULE, replace(mobile, params={})).away_life_counts is False
    assert with_rules(RULE, replace(mobile, params={"away_life_counts": False})).away_life_counts \
        is False
    assert with_rules(replace(RULE, params={"away_life_counts": True})).away_life_counts is False


def test_names_are_listed_in_name_order_and_cut_after_eight():
    # code points: 丁 U+4E01 < 丙 U+4E19 < 乙 U+4E59; unnamed members show as #id
    ctx = context(names={1: "丙三", 2: "乙二", 3: "丁四"})
    assert ctx.names([2, 1, 3]) == "丁四、丙三、乙二"
    assert ctx.names([2, 9]) == "#9、乙二"
    assert ctx.names([]) == ""
    many = context(names={n: f"{n:02d}号" for n in range(1, 10)})
    assert many.names(range(9, 0, -1)) == "01号、02号、03号、04号、05号、06号、07号、08号 等9人"
    assert many.names(range(1, 9)) == "01号、02号、03号、04号、05号、06号、07号、08号"
    assert many.names([3, 1, 2], limit=2) == "01号、02号 等3人"
    assert many.names([2, 1], limit=2) == "01号、02号"


def test_a_finding_as_json_names_its_evidence_as_lists():
    finding = Finding("x-1", "党课每季度至少1次", "逾期", "某规定", "0/1次", 7, (4, 9), (2,),
                      (("dues_settlements", 3),))
    assert finding.as_dict() == {
        "rule_id": "x-1", "title": "党课每季度至少1次", "status": "逾期", "citation": "某规定",
        "detail": "0/1次", "org_id": 7,
        "evidence": {"meetings": [4, 9], "members": [2], "records": [["dues_settlements", 3]]}}
