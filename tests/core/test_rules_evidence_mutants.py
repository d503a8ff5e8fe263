"""`rules/evidence`, the engine's one reader of the ledger, pinned where mutation testing found
gaps (issue #17): each query's edges (the span's first and last day, the lookback, the year
ahead of paid dues), what it leaves out (deleted, planned, other organisations, other kinds),
and the helpers over the loaded rows, on small ledgers with values worked out by hand."""
from fractions import Fraction

import pytest

from desktop_app.core import members, orgs
from desktop_app.core.members import Member
from desktop_app.core.rules import evidence
from desktop_app.core.rules.evidence import Evidence, Mark, Meeting, lectured_by_secretary
from tests.core.rules_builder import Branch

NO_TAGS = frozenset()


def bare(**fields) -> Evidence:
    """Evidence built by hand (no ledger) for the helpers that only read its fields."""
    ev = Evidence(1, {1, 2}, "2025-01-01", "2025-12-31")
    for name, value in fields.items():
        setattr(ev, name, value)
    return ev


def meeting(meeting_id, org_id, held_on, kind="党课", **more):
    return Meeting(meeting_id, org_id, kind, None, held_on, 0.0, NO_TAGS, **more)


# --- the helpers over loaded rows -----------------------------------------------------------
@pytest.mark.parametrize("iso, months, first", [
    ("2025-03-15", 24, "2023-03-01"), ("2025-01-31", 1, "2024-12-01"),
    ("2025-01-01", 0, "2025-01-01"), ("2025-12-31", -12, "2026-12-01"),
    ("2025-12-05", -1, "2026-01-01"), ("0999-02-01", 1, "0999-01-01")])
def test_months_before_is_the_first_day_of_the_month_so_many_months_back(iso, months, first):
    assert evidence._months_before(iso, months) == first


def test_days_belonged_counts_from_joining_and_each_stay_in_the_organisations_asked():
    # Stays: org 1 from 1 January to 10 February, org 2 from 11 February on; joined 20 January.
    ev = bare(stays={10: [("2025-01-01", "2025-02-10", 1), ("2025-02-11", None, 2)],
                     11: [("2024-06-01", None, 1)], 12: [("2024-06-01", "2025-01-10", 1)],
                     13: [("2024-06-01", None, 1)]},
              joined={10: "2025-01-20", 11: None, 12: "2000-07-01", 13: "2000-07-01"})
    # 20 Jan – 10 Feb is 12 + 10 = 22 days; 11 Feb – 31 Mar is 18 + 31 = 49
    assert ev.days_belonged(10, "2025-01-01", "2025-03-31") == 71
    assert ev.days_belonged(10, "2025-01-01", "2025-03-31", {1}) == 22
    assert ev.days_belonged(10, "2025-01-01", "2025-03-31", {2}) == 49
    assert ev.days_belonged(10, "2025-02-10", "2025-02-10") == 1     # the last day of a stay
    assert ev.days_belonged(10, "2025-02-11", "2025-02-11") == 1     # the first day of the next
    assert ev.days_belonged(10, "2025-01-01", "2025-01-19") == 0     # before joining
    assert ev.days_belonged(11, "2025-01-01", "2025-01-31") == 31    # 入党 date unknown
    assert ev.days_belonged(13, "2025-01-01", "2025-01-31") == 31    # joined long before
    assert ev.days_belonged(12, "2025-01-01", "2025-01-31") == 10    # left on 10 January
    assert ev.days_belonged(99, "2025-01-01", "2025-01-31") == 0     # no stay at all


def test_dues_are_due_in_each_month_with_a_day_of_membership_from_the_month_of_joining():
    months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]
    ev = bare(stays={20: [("2025-01-01", None, 1)], 21: [("2025-02-20", "2025-04-10", 1)]},
              joined={20: "2025-03-15", 21: None})
    assert ev.due_months(20, months) == ["2025-03", "2025-04", "2025-05"]
    assert ev.due_months(21, months) == ["2025-02", "2025-03", "2025-04"]
    assert ev.due_months(22, months) == []


def test_members_in_counts_days_and_keeps_each_set_of_organisations_apart():
    ev = bare(stays={10: [("2025-01-01", "2025-02-10", 1), ("2025-02-11", None, 2)],
                     11: [("2025-06-01", None, 1)]},
              joined={10: "2025-01-20", 11: None})
    assert ev.members_in("2025-01-01", "2025-01-31") == {10: 12}
    assert ev.members_in("2025-01-01", "2025-01-31", {2}) == {}
    assert ev.members_in("2025-02-01", "2025-02-28", {2}) == {10: 18}
    assert ev.members_in("2025-01-01", "2025-01-31") == {10: 12}      # read again, from the cache
    assert ev.members_in("2025-06-01", "2025-06-01") == {10: 1, 11: 1}


def test_away_from_the_day_of_leaving_until_the_day_before_return():
    ev = bare(away_events={10: [{"on_date": "2025-03-01", "kind": "流动外出"},
                                {"on_date": "2025-05-01", "kind": "流动返回"}]})
    assert [ev.away_on(10, d) for d in ("2025-02-28", "2025-03-01", "2025-04-30", "2025-05-01",
                                        "2025-06-01")] == [False, True, True, False, False]
    assert ev.away_on(11, "2025-04-01") is False


def test_role_holders_are_those_holding_a_role_asked_for_on_any_day_of_the_span():
    ev = bare(roles=[
        {"member_id": 1, "role": "书记", "start_on": "2025-03-01", "end_on": "2025-06-30"},
        {"member_id": 2, "role": "组织委员", "start_on": "2025-01-01", "end_on": None},
        {"member_id": 3, "role": "副书记", "start_on": "2025-07-01", "end_on": None}])
    both = ("书记", "副书记")
    assert ev.role_holders(both, "2025-06-30", "2025-06-30") == {1}
    assert ev.role_holders(both, "2025-07-01", "2025-12-31") == {3}
    assert ev.role_holders(("书记",), "2025-01-01", "2025-03-01") == {1}
    assert ev.role_holders(("书记",), "2025-01-01", "2025-02-28") == set()
    assert ev.role_holders(("组织委员",), "2030-01-01", "2030-12-31") == {2}


def test_meetings_between_takes_both_ends_and_only_the_organisations_asked():
    ev = bare(meetings={1: meeting(1, 1, "2025-01-01"), 2: meeting(2, 2, "2025-03-31"),
                        3: meeting(3, 1, "2024-12-31"), 4: meeting(4, 1, "2025-04-01")})
    assert [m.id for m in ev.meetings_between("2025-01-01", "2025-03-31")] == [1, 2]
    assert [m.id for m in ev.meetings_between("2025-01-01", "2025-03-31", {1})] == [1]
    assert [m.id for m in ev.meetings_between("2025-01-01", "2025-03-31", {2})] == [2]


def test_attendance_rate_is_exact_and_zero_without_marks():
    statuses = ["出席"] * 7 + ["请假", "缺席", "缺席"]
    ev = bare()
    for n, status in enumerate(statuses):
        ev.marks_by_meeting[1].append(Mark(n, 1, 100 + n, status, None))
    assert ev.attendance_rate(meeting(1, 1, "2025-05-01")) == Fraction(7, 10)
    rate = ev.attendance_rate(meeting(2, 1, "2025-05-01"))
    assert rate == 0 and isinstance(rate, Fraction)


def test_a_member_without_a_name_is_shown_by_number():
    ev = bare(names={1: "甲一"})
    assert (ev.name(1), ev.name(99)) == ("甲一", "#99")


def test_a_record_counts_as_its_own_kind_and_its_further_ones():
    m = meeting(1, 1, "2025-05-01", kind="支部党员大会", also=frozenset({"党课"}))
    assert m.kinds == {"支部党员大会", "党课"}
    assert meeting(2, 1, "2025-05-01").kinds == {"党课"}


SECRETARIES = [
    {"role": "书记", "name": "甲一", "org_id": 1, "start_on": "2025-03-01", "end_on": "2025-06-30"},
    {"role": "副书记", "name": "乙二", "org_id": 1, "start_on": "2025-01-01", "end_on": None},
    {"role": "书记", "name": "丙三", "org_id": 2, "start_on": "2025-01-01", "end_on": None}]


@pytest.mark.parametrize("lecturer, org_ids, held_on, expected", [
    ("甲一", {1}, "2025-03-01", True), ("甲一", {1}, "2025-06-30", True),
    ("甲一", {1}, "2025-02-28", False), ("甲一", {1}, "2025-07-01", False),
    (" 甲一 ", {1}, "2025-05-01", True), ("乙二", {1}, "2025-05-01", False),
    ("丙三", {1}, "2025-05-01", False), ("丙三", {1, 2}, "2099-12-31", True),
    (None, {1, 2}, "2025-05-01", False), ("  ", {1, 2}, "2025-05-01", False),
    ("甲一", {2}, "2025-05-01", False)])
def test_a_lecturer_is_a_secretary_of_one_of_the_organisations_on_the_day(lecturer, org_ids,
                                                                            held_on, expected):
    assert lectured_by_secretary(SECRETARIES, org_ids, lecturer, held_on) is expected


# --- load: what each query reads ------------------------------------------------------------
def test_an_organisation_with_no_members_and_no_records_loads_empty(store):
    branch = orgs.create(store, "B", "空支部", "党支部")
    ev = evidence.load(store, branch, "2025-01-01", "2025-12-31")
    assert (ev.org_names, ev.groups, ev.stays, ev.meetings, ev.plan) == ({branch: "空支部"}, [],
                                                                          {}, {}, [])
    assert (ev.study, ev.study_openings, ev.paid_months, ev.dues_paid_before) == ({}, {}, {}, {})
    assert (ev.org_id, ev.org_ids, ev.start, ev.end) == (branch, {branch}, "2025-01-01",
                                                         "2025-12-31")


def test_load_names_the_organisations_and_lists_the_groups(store):
    b = Branch(store, "jiaxing-2016")
    ev = evidence.load(store, b.branch, "2025-01-01", "2025-12-31")
    assert ev.org_names == {b.branch: "测试党支部", b.groups[0]: "第1党小组",
                            b.groups[1]: "第2党小组"}
    assert [(g["id"], g["name"], g["kind"]) for g in ev.groups] == [
        (b.groups[0], "第1党小组", "党小组"), (b.groups[1], "第2党小组", "党小组")]


def add_member(store, org_id, name, since, until=None):
    member_id = members.add(store, Member(name=name, joined_on="2000-07-01"), org_id, since=since)
    if until:
        stay = store.query_one("SELECT id FROM memberships WHERE member_id = ?", [member_id])
        store.update("memberships", stay["id"], {"end_on": until})
    return member_id


def test_stays_are_read_from_24_months_before_the_span_to_its_last_day(store):
    b = Branch(store, "jiaxing-2016")
    other = orgs.create(store, "C", "另一支部", "党支部", b.root)
    edge = add_member(store, b.branch, "庚七", "2020-01-01", "2023-01-01")    # ends on the edge
    add_member(store, b.branch, "辛八", "2020-01-01", "2022-12-31")           # a day before it
    last = add_member(store, b.groups[1], "壬九", "2025-12-31")               # the span's last day
    add_member(store, b.branch, "癸十", "2026-01-01")
    add_member(store, other, "子一", "2020-01-01")
    ev = evidence.load(store, b.branch, "2025-01-01", "2025-12-31")
    assert set(ev.stays) == {*b.members, edge, last}
    assert ev.stays[edge] == [("2020-01-01", "2023-01-01", b.branch)]
    assert ev.stays[last] == [("2025-12-31", None, b.groups[1])]
    assert ev.stays[b.members[1]] == [("2025-01-01", None, b.groups[1])]
    assert (ev.names[edge], ev.names[b.secretary]) == ("庚七", "甲一")
    assert ev.joined[edge] == "2000-07-01"


def test_meetings_are_those_held_in_the_span_by_the_organisation_its_groups_and_above(store):
    b = Branch(store, "jiaxing-2016")
    other = orgs.create(store, "C", "另一支部", "党支部", b.root)
    first = b.meeting("支部党员大会", "2025-04-01", hours=2.5, tags=["党章学习", "书记讲党课"],
                      also=["党课"], lecturer="乙二")
    last = b.meeting("党小组会", "2025-06-30", org=b.groups[0])
    above = b.meeting("党课", "2025-05-10", org=b.root, attendees=[])
    b.meeting("支部党员大会", "2025-03-31")
    b.meeting("支部党员大会", "2025-07-01")
    b.meeting("支部党员大会", "2025-05-01", status="计划")
    b.delete_meeting(b.meeting("支部党员大会", "2025-05-02"))
    b.meeting("支部党员大会", "2025-05-10", org=other, attendees=[])
    ev = evidence.load(store, b.branch, "2025-04-01", "2025-06-30")
    assert set(ev.meetings) == {first, last, above}
    # the ticked 书记讲党课 is dropped: it is derived, and 乙二 is not the 书记
    assert ev.meetings[first] == Meeting(first, b.branch, "支部党员大会", None, "2025-04-01", 2.5,
                                         frozenset({"党章学习"}), frozenset({"党课"}), "乙二")
    assert ev.meetings[last] == Meeting(last, b.groups[0], "党小组会", None, "2025-06-30", 0.0,
                                        NO_TAGS, NO_TAGS, None)
    assert repr(ev.meetings[last].study_hours) == "0.0"
    # a 党小组 reads its own meetings and those of every level above it, not its sibling's
    sibling = b.meeting("党小组会", "2025-05-20", org=b.groups[1])
    ev = evidence.load(store, b.groups[0], "2025-04-01", "2025-06-30")
    assert set(ev.meetings) == {first, last, above} and sibling not in ev.meetings


def test_a_lesson_by_the_secretary_of_the_branch_or_of_the_meeting_organisation_is_tagged(store):
    b = Branch(store, "jiaxing-2016")
    group_leader = b.members[2]                                   # 丙三, 书记 of 第1党小组
    orgs.assign_role(store, b.groups[0], group_leader, "书记", "2025-01-01")
    lessons = {
        "by the branch 书记": b.meeting("党课", "2025-03-10", lecturer=" 甲一 "),
        "a 党员大会 also 党课": b.meeting("支部党员大会", "2025-03-11", also=["党课"],
                                     lecturer="甲一"),
        "branch 书记 at a group": b.meeting("党课", "2025-03-12", org=b.groups[0], lecturer="甲一"),
        "group 书记 at his group": b.meeting("党课", "2025-03-13", org=b.groups[0],
                                          lecturer="丙三"),
    }
    plain = {
        "not a 书记": b.meeting("党课", "2025-03-14", lecturer="乙二"),
        "not a 党课": b.meeting("支部党员大会", "2025-03-15", lecturer="甲一"),
        "group 书记 at the other group": b.meeting("党课", "2025-03-16", org=b.groups[1],
                                                lecturer="丙三"),
    }
    ev = evidence.load(store, b.branch, "2025-01-01", "2025-12-31")
    for what, meeting_id in lessons.items():
        assert ev.meetings[meeting_id].tags == {"书记讲党课"}, what
    for what, meeting_id in plain.items():
        assert ev.meetings[meeting_id].tags == NO_TAGS, what


def test_marks_are_read_per_meeting_and_per_member_of_the_organisation(store):
    b = Branch(store, "jiaxing-2016")
    other = orgs.create(store, "C", "另一支部", "党支部", b.root)
    outsider = add_member(store, other, "子一", "2020-01-01")
    m = b.members
    held = b.meeting("支部党员大会", "2025-05-10", attendees=m[:4], absent=[m[4]], leave=[m[5]])
    b.brief(held, m[4], "2025-05-12")
    above = b.meeting("党课", "2025-06-10", org=b.root, attendees=[m[0], outsider], absent=[m[1]])
    ids = {(r["meeting_id"], r["member_id"]): r["id"] for r in store.query(
        "SELECT id, meeting_id, member_id FROM attendance")}
    ev = evidence.load(store, b.branch, "2025-01-01", "2025-12-31")
    assert sorted(ev.marks_by_meeting[held]) == [
        Mark(ids[held, m[0]], held, m[0], "出席", None), Mark(ids[held, m[1]], held, m[1], "出席", None),
        Mark(ids[held, m[2]], held, m[2], "出席", None), Mark(ids[held, m[3]], held, m[3], "出席", None),
        Mark(ids[held, m[4]], held, m[4], "缺席", "2025-05-12"),
        Mark(ids[held, m[5]], held, m[5], "请假", None)]
    assert sorted(k.member_id for k in ev.marks_by_meeting[above]) == sorted([m[0], m[1], outsider])
    assert outsider not in ev.marks_by_member and outsider not in ev.attended
    assert ev.marks_by_member[m[4]] == [Mark(ids[held, m[4]], held, m[4], "缺席", "2025-05-12")]
    assert [k.meeting_id for k in ev.marks_by_member[m[1]]] == [held, above]
    assert ev.attended[m[0]] == [ev.meetings[held], ev.meetings[above]]
    assert ev.attended[m[1]] == [ev.meetings[held]]
    assert m[4] not in ev.attended and m[5] not in ev.attended


def test_away_events_are_the_mobile_ones_up_to_the_span_end_in_date_then_entry_order(store):
    b = Branch(store, "jiaxing-2016")
    other = orgs.create(store, "C", "另一支部", "党支部", b.root)
    outsider = add_member(store, other, "子一", "2020-01-01")
    who = b.members[5]
    for member_id, kind, on in ((who, "流动返回", "2025-05-01"), (who, "流动外出", "2025-03-01"),
                                (who, "转正", "2025-02-01"), (who, "流动外出", "2025-06-30"),
                                (who, "流动返回", "2025-06-30"), (who, "流动外出", "2025-07-01"),
                                (outsider, "流动外出", "2025-03-01")):
        store.insert("member_events", {"member_id": member_id, "kind": kind, "on_date": on})
    ev = evidence.load(store, b.branch, "2025-04-01", "2025-06-30")
    assert [(e["kind"], e["on_date"]) for e in ev.away_events[who]] == [
        ("流动外出", "2025-03-01"), ("流动返回", "2025-05-01"), ("流动外出", "2025-06-30"),
        ("流动返回", "2025-06-30")]
    assert set(ev.away_events) == {who}


def test_study_openings_and_away_life_are_read_for_the_span_and_its_years(store):
    b = Branch(store, "jiaxing-2016")
    other = orgs.create(store, "C", "另一支部", "党支部", b.root)
    outsider = add_member(store, other, "子一", "2020-01-01")
    m = b.members
    sessions = {}
    for held_on, hours in (("2025-06-30", 1.0), ("2025-07-01", 3.0), ("2026-06-30", 1.5),
                           ("2026-07-01", 2.0)):
        sessions[held_on] = store.insert("study_sessions", {"held_on": held_on, "hours": hours,
                                                            "title": "专题学习"})
        for member_id in (m[0], outsider):
            store.insert("study_attendees", {"session_id": sessions[held_on], "member_id": member_id})
    for member_id, year, hours in ((m[0], 2024, 9.0), (m[0], 2025, 5.0), (m[0], 2026, 6.0),
                                   (m[0], 2027, 7.0), (m[1], 2025, 2.0), (outsider, 2025, 4.0)):
        store.insert("study_openings", {"member_id": member_id, "year": year, "hours": hours,
                                        "as_of": f"{year}-01-01"})
    away = {}
    for member_id, held_on in ((m[2], "2025-06-30"), (m[2], "2025-07-01"), (m[2], "2026-06-30"),
                               (m[2], "2026-07-01"), (outsider, "2025-08-01")):
        away[member_id, held_on] = store.insert("away_life", {
            "member_id": member_id, "held_on": held_on, "org_name": "杭州某社区党支部",
            "kind": "支部党员大会", "study_hours": 1.5})
    ev = evidence.load(store, b.branch, "2025-07-01", "2026-06-30")
    assert ev.study == {m[0]: [("2025-07-01", 3.0, sessions["2025-07-01"]),
                               ("2026-06-30", 1.5, sessions["2026-06-30"])]}
    assert ev.study_openings == {(m[0], 2025): 5.0, (m[0], 2026): 6.0, (m[1], 2025): 2.0}
    assert dict(ev.away_life) == {m[2]: [
        Meeting(-away[m[2], "2025-07-01"], 0, "支部党员大会", None, "2025-07-01", 1.5, NO_TAGS),
        Meeting(-away[m[2], "2026-06-30"], 0, "支部党员大会", None, "2026-06-30", 1.5, NO_TAGS)]}


def test_the_activity_plan_is_the_organisations_days_in_the_span_in_date_order(store):
    b = Branch(store, "jiaxing-2016")
    other = orgs.create(store, "C", "另一支部", "党支部", b.root)
    for org_id, on in ((b.branch, "2026-06-30"), (b.groups[0], "2025-07-01"),
                       (b.branch, "2025-06-30"), (b.branch, "2026-07-01"), (other, "2025-08-01"),
                       (b.branch, "2025-09-05")):
        store.insert("activity_plan", {"org_id": org_id, "year": int(on[:4]), "day_kind": "学习日",
                                       "planned_on": on})
    ev = evidence.load(store, b.branch, "2025-07-01", "2026-06-30")
    assert [(p["org_id"], p["planned_on"]) for p in ev.plan] == [
        (b.groups[0], "2025-07-01"), (b.branch, "2025-09-05"), (b.branch, "2026-06-30")]


def receipt(store, org_id, member_id, paid_on, months, fen=1000):
    receipt_id = store.insert("dues_receipts", {
        "org_id": org_id, "number": f"R{org_id}-{member_id}-{paid_on}-{months[0]}",
        "member_id": member_id, "paid_on": paid_on})
    store.insert_many("dues_payments", [{"receipt_id": receipt_id, "member_id": member_id,
                                         "month": month, "amount_fen": fen} for month in months])


def test_dues_read_from_24_months_back_to_a_year_ahead_and_receipts_of_the_span(store):
    b = Branch(store, "jiaxing-2016")
    m = b.members
    # the span 2025: months read from 2023-01 (24 back) to 2026-12 (a year ahead)
    receipt(store, b.branch, m[0], "2022-12-10", ["2022-11", "2022-12"])
    receipt(store, b.branch, m[0], "2023-01-10", ["2023-01"])
    receipt(store, b.branch, m[0], "2025-01-01", ["2025-03"], fen=5000)
    receipt(store, b.branch, m[0], "2025-12-31", ["2026-12"], fen=6000)
    receipt(store, b.branch, m[0], "2025-12-30", ["2027-01"], fen=7000)
    receipt(store, b.root, m[2], "2025-05-01", ["2025-05"])           # paid to the level above
    receipt(store, b.branch, m[2], "2024-12-31", ["2025-01"])         # paid before the span
    receipt(store, b.branch, m[2], "2026-01-01", ["2025-12"])         # paid after it
    receipt(store, b.branch, m[3], "2022-06-01", ["2021-06"])
    receipt(store, b.branch, m[3], "2022-06-02", ["2022-12"])
    store.insert("dues_openings", {"org_id": b.branch, "member_id": m[1], "paid_through": "2024-06",
                                   "set_on": "2025-01-01"})
    q1 = store.insert("dues_settlements", {"org_id": b.branch, "quarter": "2025Q1",
                                           "settled_on": "2025-04-10", "total_fen": 0})
    store.insert("dues_settlements", {"org_id": b.root, "quarter": "2025Q2",
                                      "settled_on": "2025-07-10", "total_fen": 0})
    ev = evidence.load(store, b.branch, "2025-01-01", "2025-12-31")
    assert ev.dues_paid_before == {m[0]: "2022-12", m[3]: "2022-12"}
    assert dict(ev.paid_months) == {m[0]: {"2023-01", "2025-03", "2026-12"},
                                    m[2]: {"2025-05", "2025-01", "2025-12"}}
    assert sorted(ev.payments, key=lambda p: p["paid_on"]) == [
        {"amount_fen": 5000, "paid_on": "2025-01-01"}, {"amount_fen": 6000, "paid_on": "2025-12-31"}]
    # the ledger starts with the earliest month paid under the branch's receipts: 2021-06
    assert ev.dues_from == {m[0]: "2021-06", m[1]: "2024-07", m[2]: "2021-06", m[3]: "2021-06",
                            m[4]: "2021-06", m[5]: "2021-06"}
    assert list(ev.settlements) == ["2025Q1"] and ev.settlements["2025Q1"]["id"] == q1


def test_published_pioneer_indexes_and_appraisals_decided_in_the_span(store):
    b = Branch(store, "jiaxing-2016")
    m = b.members
    h1 = store.insert("pioneer_evaluations", {"org_id": b.branch, "period": "2025H1",
                                              "profile_id": "jiaxing-2016",
                                              "published_on": "2025-07-10", "snapshot": "{}"})
    store.insert("pioneer_evaluations", {"org_id": b.root, "period": "2025H2",
                                         "profile_id": "jiaxing-2016", "published_on": "2026-01-10",
                                         "snapshot": "{}"})
    results = {}
    for org_id, year, decided_on, member_id in (
            (b.branch, 2024, "2025-01-01", m[0]), (b.branch, 2025, "2026-01-01", m[2]),
            (b.root, 2024, "2025-02-01", m[3]), (b.branch, 2023, "2024-12-31", m[4]),
            (b.branch, 2022, None, m[5])):
        appraisal = store.insert("appraisals", {"org_id": org_id, "year": year,
                                                "started_on": f"{year}-12-01",
                                                "decided_on": decided_on})
        results[member_id] = store.insert("appraisal_results", {
            "appraisal_id": appraisal, "member_id": member_id, "result": "优秀"})
        if member_id == m[0]:
            results[m[1]] = store.insert("appraisal_results", {
                "appraisal_id": appraisal, "member_id": m[1], "result": "合格"})
    ev = evidence.load(store, b.branch, "2025-01-01", "2025-12-31")
    assert ev.pioneer == {"2025H1": {"id": h1, "period": "2025H1", "published_on": "2025-07-10"}}
    assert ev.appraised == {
        m[0]: {"id": results[m[0]], "member_id": m[0], "result": "优秀", "year": 2024,
               "decided_on": "2025-01-01"},
        m[1]: {"id": results[m[1]], "member_id": m[1], "result": "合格", "year": 2024,
               "decided_on": "2025-01-01"}}
    # the last day of the span counts
    assert set(evidence.load(store, b.branch, "2025-01-02", "2026-01-01").appraised) == {m[2]}
