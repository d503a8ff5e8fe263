"""Calendar windows, written out by hand (issue #17: the fidelity table places its meetings with
`windows` itself, so it cannot catch a wrong window)."""
from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING, OVERDUE
from desktop_app.core.rules.windows import Window, judge, overall, windows


def test_windows_of_each_cadence():
    windows.cache_clear()       # results cached by earlier tests would hide a changed function
    assert windows("quarter", "2024-02-10", "2024-05-01") == (
        Window("2024-01-01", "2024-03-31", "2024年第一季度"),
        Window("2024-04-01", "2024-06-30", "2024年第二季度"))
    assert windows("month", "2024-02-01", "2024-02-29") == (
        Window("2024-02-01", "2024-02-29", "2024年2月"),)                 # leap year
    assert windows("two_months", "2025-03-01", "2025-04-30") == (
        Window("2025-03-01", "2025-04-30", "2025年3–4月"),)
    assert [w.label for w in windows("half_year", "2025-06-30", "2026-01-01")] == [
        "2025年上半年", "2025年下半年", "2026年上半年"]
    assert windows("year", "2025-12-31", "2025-12-31") == (
        Window("2025-01-01", "2025-12-31", "2025年"),)
    assert [w.label for w in windows("quarter", "2025-01-01", "2025-12-31")][-1] == "2025年第四季度"


def test_a_window_from_a_start_date_keeps_its_calendar_length():
    year = Window("2025-01-01", "2025-12-31", "2025年")
    assert year.days == 365 and year.from_day("2025-01-01") is year and year.from_day(None) is year
    later = year.from_day("2025-07-02")
    assert later == Window("2025-07-02", "2025-12-31", "2025年（7月2日起）", 365)
    assert later.days == 365
    # Two-digit month and day: November the 15th, not January the 5th.
    assert year.from_day("2025-11-15").label == "2025年（11月15日起）"


def test_judge_on_the_deadline_and_the_day_after():
    assert judge(True, True, "2025-03-31", "2026-01-01") == MET
    assert judge(False, True, "2025-03-31", "2025-03-31") == DUE_SOON
    assert judge(False, True, "2025-03-31", "2025-04-01") == OVERDUE
    assert judge(False, False, "2025-03-31", "2025-04-01") == MISSING


def test_overall_takes_the_worst_word():
    assert overall([MET, DUE_SOON, OVERDUE, MISSING]) == MISSING
    assert overall([MET, DUE_SOON, OVERDUE]) == OVERDUE
    assert overall([MET, DUE_SOON]) == DUE_SOON
    assert overall([MET, MET]) == MET and overall([]) == MET
