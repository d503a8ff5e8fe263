"""列席 guests typed one per line, and which organisation holds a meeting of each kind."""
from desktop_app.core import orgs
from desktop_app.core.meetings import kinds
from desktop_app.core.meetings.guests import guests_text, parse_guests
from desktop_app.core.meetings.holder import depth, org_for_kind
from desktop_app.core.meetings.records import Guest


def test_guests_round_trip_with_either_bracket():
    typed = "王主任（街道党工委）\n\n  李四 (社区居委会) \n张三\n赵五（）"
    guests = parse_guests(typed)
    assert guests == [Guest("王主任", "街道党工委"), Guest("李四", "社区居委会"), Guest("张三"),
                      Guest("赵五")]
    assert guests_text(guests) == "王主任（街道党工委）\n李四（社区居委会）\n张三\n赵五"
    assert parse_guests(guests_text(guests)) == guests


def test_each_kind_goes_to_the_organisation_that_holds_it(store):
    root = orgs.create(store, "SQ", "某社区党委", "党委")
    branch = orgs.create(store, "B1", "第一党支部", "党支部", root)
    group = orgs.create(store, "B1-1", "第一党小组", "党小组", branch)
    lone = orgs.create(store, "B2", "第二党支部", "党支部", root)
    assert org_for_kind(store, branch, kinds.GROUP_MEETING) == group       # the branch's first group
    assert org_for_kind(store, lone, kinds.GROUP_MEETING) == lone          # none: stays
    assert org_for_kind(store, group, kinds.COMMITTEE_MEETING) == branch          # 支委会: the branch above
    assert org_for_kind(store, group, kinds.GROUP_MEETING) == group
    assert [depth(store, orgs.get(store, o)) for o in (root, branch, group)] == [0, 1, 2]
