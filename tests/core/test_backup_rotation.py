"""Rotation: 7 daily, 8 weekly, 12 monthly, over long and irregular histories."""
import random
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.backup import rotation


def test_two_years_of_hourly_backups_keep_the_expected_set():
    start = datetime(2024, 1, 1, 0, 30)
    stamps = [start + timedelta(hours=h) for h in range(0, 2 * 366 * 24, 3)]
    newest = max(stamps)
    kept = rotation.to_keep(stamps)
    days = sorted({s.date() for s in kept}, reverse=True)
    # The newest of each of the last 7 days …
    assert [newest.date() - timedelta(days=d) for d in range(7)] == days[:7]
    assert all(max(s for s in stamps if s.date() == d) in kept for d in days[:7])
    # … 8 distinct ISO weeks and 12 distinct months, each represented by its newest backup.
    assert len({s.isocalendar()[:2] for s in kept}) >= 8
    months = sorted({(s.year, s.month) for s in kept}, reverse=True)
    assert len(months) == 12 and months[0] == (newest.year, newest.month)
    assert len(kept) <= 7 + 8 + 12 + 8 - 1   # + every backup of the newest day (8 at 3-hourly)
    deleted = rotation.to_delete(stamps)
    assert len(deleted) + len(kept) == len(stamps) and newest not in deleted
    assert deleted == sorted(deleted)


def test_a_pc_left_off_for_months_keeps_its_old_backups():
    """Buckets count days that have backups, not calendar days back from today."""
    old = [datetime(2025, 6, d, 17, 0) for d in range(1, 11)]
    after_holiday = [datetime(2025, 9, 1, 9, 0)]
    kept = rotation.to_keep(old + after_holiday)
    assert after_holiday[0] in kept
    assert {datetime(2025, 6, d, 17, 0) for d in range(5, 11)} <= kept  # 6 more days of June


def test_several_backups_a_day_stay_until_a_later_day_has_one():
    day = datetime(2025, 3, 3)
    stamps = [day + timedelta(hours=h) for h in (8, 12, 17)]
    assert rotation.to_delete(stamps) == []                 # 立即备份 keeps the morning's backup
    next_day = datetime(2025, 3, 4, 9)
    assert rotation.to_delete([*stamps, next_day]) == stamps[:2]


def test_few_backups_are_all_kept():
    stamps = [datetime(2025, 1, 1) + timedelta(days=d) for d in range(5)]
    assert rotation.to_delete(stamps) == []
    assert rotation.to_delete([]) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)),
                min_size=1, max_size=300))
def test_rotation_properties(stamps):
    kept = rotation.to_keep(stamps)
    assert max(stamps) in kept
    assert kept <= set(stamps)
    assert len(kept) <= 7 + 8 + 12 + 8 - 1   # + every backup of the newest day (8 at 3-hourly)
    # Every backup of the newest day is kept; on any other day only its newest; and the kept days
    # include the 7 newest days.
    newest_day = max(stamps).date()
    assert {s for s in stamps if s.date() == newest_day} <= kept
    for stamp in kept:
        if stamp.date() != newest_day:
            assert stamp == max(s for s in stamps if s.date() == stamp.date())
    newest_days = sorted({s.date() for s in stamps}, reverse=True)[:7]
    assert set(newest_days) <= {s.date() for s in kept}
    assert set(rotation.to_delete(stamps)) == set(stamps) - kept


def test_random_daily_history_is_stable_under_repeated_pruning():
    """Pruning what was kept again deletes nothing more: applying the rotation daily is safe."""
    rng = random.Random(3)
    stamps = sorted({datetime(2023, 1, 1) + timedelta(days=rng.randrange(900), minutes=rng.randrange(600))
                     for _ in range(400)})
    kept = rotation.to_keep(stamps)
    assert rotation.to_keep(kept) == kept


def test_two_backups_of_the_newest_day_a_microsecond_apart_are_both_kept():
    """The case Hypothesis found: the property test had said every kept backup is its day's
    newest, which the newest day (kept whole for 立即备份) does not follow."""
    first = datetime(2025, 5, 5, 8, 0, 0, 0)
    stamps = [datetime(2025, 5, 4, 9), first, first + timedelta(microseconds=1)]
    assert rotation.to_keep(stamps) == set(stamps)
