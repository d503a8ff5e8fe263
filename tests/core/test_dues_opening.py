"""The opening month offered for "全部已交至": the month before 启用日期, whatever today is."""
from desktop_app.core import orgs
from desktop_app.core.dues.opening import suggested_through


def test_the_offered_month_is_the_one_before_the_start_of_the_record(store):
    root = orgs.create(store, "SQ01", "某社区党委", "党委", records_from="2026-01-01")
    branch = orgs.create(store, "Z001", "某社区第一党支部", "党支部", root)
    loose = orgs.create(store, "Z002", "某社区第二党支部", "党支部")
    assert suggested_through(store, branch, "2026-03-25") == "2025-12"     # inherited start
    assert suggested_through(store, loose, "2026-03-25") == "2026-02"      # no start: last month
