"""Arrears at their edges, from an EMPTY ledger: who is named as unknown when nothing is on record
(the twelve months up to the month asked, a 党小组 included), and a member whose record starts in
exactly the month asked. Names sort by code point: 丁 U+4E01 < 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532."""
import pytest

from desktop_app.core import members, orgs
from desktop_app.core.dues import arrears, opening
from desktop_app.core.members import Member


@pytest.fixture
def branch(store):
    org = orgs.create(store, "ZB", "某社区第一党支部", "党支部", rule_profile="national-2018")
    group = orgs.create(store, "ZB-1", "第一党小组", "党小组", org)
    ids = {}
    for name, where in (("丁四", org), ("甲一", org), ("乙二", group), ("丙三", org), ("戊五", org)):
        ids[name] = members.add(store, Member(name=name, joined_on="2001-07-01"), where,
                                since="2001-07-01")
    members.record_event(store, ids["丙三"], "转出", "2025-01-31", place="外省")    # in Jan 2025
    members.record_event(store, ids["戊五"], "转出", "2024-12-15", place="外省")    # in Dec 2024 only
    return org, ids


def test_with_nothing_on_record_the_members_of_the_last_twelve_months_are_named(store, branch):
    org, _ = branch
    report = arrears.arrears(store, org, "2025-12")      # twelve months: 2025-01 … 2025-12
    assert report.through == "2025-12"
    assert report.arrears == []
    assert report.unknown == ["丁四", "丙三", "乙二", "甲一"]    # 戊五 left in December 2024


def test_a_record_starting_in_the_month_asked_counts_that_month(store, branch):
    org, ids = branch
    opening.set_member_opening(store, org, ids["甲一"], "2025-11")    # known from 2025-12
    report = arrears.arrears(store, org, "2025-12")
    assert [(a.name, a.months, a.longest_run, a.owed_fen, a.unpriced) for a in report.arrears] == [
        ("甲一", ("2025-12",), 1, 0, 1)]
    # The others still here have no record: named, not skipped, and not cutting the list short
    # (丙三 left in January, before the first month on record).
    assert report.unknown == ["丁四", "乙二"]



def test_a_branch_whose_members_all_left_before_its_record_owes_nothing(store):
    """Its one member left in December 2024; his record starts in February 2025. No one belongs
    to the months on record, so the payments are read for nobody and nothing is owed."""
    org = orgs.create(store, "ZC", "某社区第二党支部", "党支部", rule_profile="national-2018")
    gone = members.add(store, Member(name="己六", joined_on="2001-07-01"), org, since="2001-07-01")
    members.record_event(store, gone, "转出", "2024-12-15", place="外省")
    opening.set_member_opening(store, org, gone, "2025-01")
    report = arrears.arrears(store, org, "2025-12")
    assert (report.through, report.arrears, report.unknown) == ("2025-12", [], [])
