"""Which automatic backups to keep: the newest of each of the last 7 days, 8 weeks and 12 months.

Buckets count days (weeks, months) that HAVE a backup, not calendar days back from today, so a PC
left off for the summer holidays still comes back to a full set of older backups. Every backup of
the newest day is kept: a 立即备份 does not push out the morning's backup; the day is thinned to
its newest backup once a later day has one (the daily slot is due).
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable, Iterable

KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12


def _day(stamp: datetime):
    return stamp.date()


def _week(stamp: datetime):
    return stamp.isocalendar()[:2]


def _month(stamp: datetime):
    return stamp.year, stamp.month


def to_keep(stamps: Iterable[datetime], daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
            monthly: int = KEEP_MONTHLY) -> set[datetime]:
    """The newest backup in each of the newest `daily` days, `weekly` ISO weeks, `monthly` months."""
    newest_first = sorted(set(stamps), reverse=True)
    kept: set[datetime] = {s for s in newest_first if s.date() == newest_first[0].date()} \
        if newest_first else set()
    for bucket_of, limit in ((_day, daily), (_week, weekly), (_month, monthly)):
        kept |= _newest_per_bucket(newest_first, bucket_of, limit)
    return kept


def _newest_per_bucket(newest_first: list[datetime], bucket_of: Callable, limit: int) -> set[datetime]:
    chosen: set[datetime] = set()
    seen = set()
    for stamp in newest_first:
        if len(seen) == limit:
            break
        bucket = bucket_of(stamp)
        if bucket not in seen:
            seen.add(bucket)
            chosen.add(stamp)
    return chosen


def to_delete(stamps: Iterable[datetime], **limits: int) -> list[datetime]:
    """Every stamp not kept, oldest first (a pure function: the caller deletes the files)."""
    stamps = list(stamps)
    kept = to_keep(stamps, **limits)
    return sorted(s for s in set(stamps) if s not in kept)
