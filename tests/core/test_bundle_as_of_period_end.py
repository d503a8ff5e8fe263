"""A bundle reports its period as it stood at the period's end: a meeting held after the period
but before the export does not count in it (it belongs to the next bundle)."""
from desktop_app.core import members, orgs
from desktop_app.core.bundle.extract import ledger_extract
from desktop_app.core.meetings import records
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.members import Member
from desktop_app.core.periods import parse_period


def congress(extract):
    return next(r for r in extract["requirements"] if r["title"] == "党员大会每季度至少1次")


def test_a_meeting_after_the_period_is_left_to_the_next_bundle(store):
    branch = orgs.create(store, "B1", "第一党支部", "党支部", rule_profile="national-2018",
                         records_from="2026-10-01")
    member = members.add(store, Member("张三", joined_on="2000-07-01", confirmed_on="2001-07-01"),
                         branch, since="2026-10-01")
    meeting = records.new(store, branch, "支部党员大会", "2026-11-20")
    records.save(store, meeting, [Mark(member)])
    october = ledger_extract(store, "B1", parse_period("2026-10"), "2026-10", today="2026-11-25")
    assert (congress(october)["held"], congress(october)["required"]) == (0, 1)
    assert october["meetings"] == []
    quarter = ledger_extract(store, "B1", parse_period("2026Q4"), "2026Q4", today="2027-01-05")
    assert (congress(quarter)["held"], congress(quarter)["required"]) == (1, 1)
