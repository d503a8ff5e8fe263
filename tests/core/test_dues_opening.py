"""The opening month offered for "全部已交至": the month before 启用日期, whatever today is."""
from desktop_app.core import orgs
from desktop_app.core.dues.opening import suggested_through


def test_the_offered_month_is_the_one_before_the_start_of_the_record(store):
    root = orgs.create(store, "SQ01", "某社区党委", "党委", records_from="2026-01-01")
    branch = orgs.create(store, "Z001", "某社区第一党支部", "党支部", root)
    loose = orgs.create(store, "Z002", "某社区第二党支部", "党支部")
    assert suggested_through(store, branch, "2026-03-25") == "2025-12"     # inherited start
    assert suggested_through(store, loose, "2026-03-25") == "2026-02"      # no start: last month


def test_an_opening_reaching_past_the_start_of_the_record_is_warned_about(store):
    from desktop_app.core.dues.opening import overlap_note
    root = orgs.create(store, "SQ01", "某社区党委", "党委", records_from="2026-01-01")
    branch = orgs.create(store, "Z001", "某社区第一党支部", "党支部", root)
    loose = orgs.create(store, "Z002", "某社区第二党支部", "党支部")
    assert overlap_note(store, branch, "2025-12") is None                 # the month before: fine
    note = overlap_note(store, branch, "2026-01")                          # the edge: one month
    assert "启用日期为 2026-01-01" in note and "包含启用后的 1 个月" in note and "（2025-12）" in note
    assert "包含启用后的 14 个月" in overlap_note(store, branch, "2027-02")
    assert overlap_note(store, loose, "2030-01") is None                   # no 启用日期: no claim
