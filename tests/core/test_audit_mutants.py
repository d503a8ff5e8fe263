"""Audit entries are stamped in UTC with the offset written out, whether written one by one or
in a batch: a local, offset-less time would read differently on a machine in another zone, and
the hash covers the text (mutation survivors of `store/audit`, issue #17)."""
import re
from datetime import datetime, timedelta, timezone

from desktop_app.core.store import audit

UTC_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def _close_to_now(ts: str) -> bool:
    now = datetime.now(timezone.utc)
    return now - timedelta(minutes=1) <= datetime.fromisoformat(ts) <= now


def test_a_single_write_is_stamped_in_utc_with_its_offset(store):
    store.insert("settings", {"key": "甲", "value": "一"})
    ts = store.conn.execute("SELECT ts FROM audit_log WHERE id = 1").fetchone()[0]
    assert UTC_SECONDS.fullmatch(ts), ts
    assert _close_to_now(ts)


def test_a_batch_is_stamped_in_utc_with_its_offset(store):
    store.insert_many("settings", [{"key": "甲", "value": "一"}, {"key": "乙", "value": None}])
    stamps = [r[0] for r in store.conn.execute("SELECT ts FROM audit_log ORDER BY id")]
    assert len(stamps) == 2 and all(UTC_SECONDS.fullmatch(ts) for ts in stamps), stamps
    assert _close_to_now(stamps[0])
    assert audit.verify(store.conn).ok
