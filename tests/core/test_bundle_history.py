"""Continuity upstream (issue 15 part 1): the upstream history flags a replayed older bundle, two
bundles for one period without a correction label, a restore-then-export rollback, a missing
quarter and a key change; a correction bundle is accepted and labelled."""
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core import orgs
from desktop_app.core.bundle import aggregate
from desktop_app.core.bundle.build import build_bundle
from desktop_app.core.bundle.history import History
from desktop_app.core.bundle.verify import verify_bundle
from desktop_app.core.meetings import records
from desktop_app.core.store import open_store
from tests.core.bundle_helpers import TODAY, registry_for


@dataclass
class Trip:
    q1: Path
    q2: Path
    q3: Path
    q3_correction: Path
    q3_after_restore: Path      # exported from a copy of the ledger as it was after Q2
    q4_new_key: Path
    key: Ed25519PrivateKey
    new_key: Ed25519PrivateKey


@pytest.fixture(scope="module")
def trip(demo_template, tmp_path_factory) -> Trip:
    work = tmp_path_factory.mktemp("trip")
    key, new_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    ledger = work / "ledger.sqlite"
    shutil.copy(demo_template, ledger)
    store = open_store(ledger, actor="测试书记")

    def export(s, period, name, signer=key):
        return build_bundle(s, "DEMO-01", period, work / name, signer, today=TODAY).path
    q1 = export(store, "2025Q1", "q1.zip")
    q2 = export(store, "2025Q2", "q2.zip")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup = work / "backup-after-q2.sqlite"
    shutil.copy(ledger, backup)
    q3 = export(store, "2025Q3", "q3.zip")
    meeting = records.find(store, "2025-07-01", "2025-09-30",      # one of DEMO-01's own
                           org_id=orgs.by_code(store, "DEMO-01").id)[0]
    store.update("meetings", meeting.id, {"place": "会议室"}, reason="地点记错")
    q3c = export(store, "2025Q3", "q3-correction.zip")
    q4 = export(store, "2025Q4", "q4.zip", new_key)
    store.close()
    restored = open_store(backup, actor="测试书记")       # the backup restored, Q3 retouched
    meeting = records.find(restored, "2025-07-01", "2025-09-30")[0]
    restored.update("meetings", meeting.id, {"place": "另一个地点"})   # no seal: no reason asked
    q3r = export(restored, "2025Q3", "q3-after-restore.zip")
    restored.close()
    return Trip(q1, q2, q3, q3c, q3r, q4, key, new_key)


def _see(history, path, key):
    report = verify_bundle(path, registry_for("DEMO-01", key))
    assert report.ok, report.problems
    return history.record(report)


def test_a_continuous_series_is_not_flagged_and_a_correction_is_labelled(trip, tmp_path):
    history = History(tmp_path / "h.sqlite")
    assert _see(history, trip.q1, trip.key) == []
    assert _see(history, trip.q2, trip.key) == []
    assert _see(history, trip.q3, trip.key) == []
    assert _see(history, trip.q3_correction, trip.key) == []       # labelled: no warning
    assert _see(history, trip.q3, trip.key) == [                     # seen again, nothing newer?
        f"重放的旧包：{history.conn.execute('SELECT first_seen FROM seen').fetchone()[0]} "
        "已收到过此包，该支部其后已交来 DEMO-01-2025Q3-C1。"]
    report = verify_bundle(trip.q3_correction, registry_for("DEMO-01", trip.key))
    assert report.identifier == "DEMO-01-2025Q3-C1"
    assert report.extract["correction"]["of"] == "DEMO-01-2025Q3"
    assert [r["reason"] for r in report.extract["correction"]["records"]] == ["地点记错"]
    history.close()


def test_replay_of_an_older_bundle_after_a_newer_one(trip, tmp_path):
    history = History(tmp_path / "h.sqlite")
    _see(history, trip.q1, trip.key)
    _see(history, trip.q2, trip.key)
    assert "重放的旧包" in _see(history, trip.q1, trip.key)[0]
    fresh = History(tmp_path / "other.sqlite")             # an office that never saw Q1
    _see(fresh, trip.q2, trip.key)
    flags = _see(fresh, trip.q1, trip.key)       # the very Q1 that Q2 names: late, not rolled back
    assert flags == ["晚到的包：此前收到的 DEMO-01-2025Q2 所记的上一个包就是此包，链头一致。"], flags
    flags = _see(fresh, trip.q3_after_restore, trip.key)   # Q3 from a ledger restored after Q2
    assert not any(f.startswith("晚到的包") for f in flags), flags
    history.close()
    fresh.close()


def test_restore_then_export_is_flagged_as_a_rollback_and_a_second_bundle_for_the_period(trip,
                                                                                        tmp_path):
    history = History(tmp_path / "h.sqlite")
    for path in (trip.q1, trip.q2, trip.q3):
        _see(history, path, trip.key)
    flags = _see(history, trip.q3_after_restore, trip.key)
    assert any(f.startswith("同一期间已收到另一个包 DEMO-01-2025Q3") and "没有标为更正包" in f
               for f in flags), flags
    assert any("也接在 DEMO-01-2025Q2 之后" in f for f in flags), flags    # a fork
    history.close()


def test_a_missing_quarter_and_a_key_change(trip, tmp_path):
    history = History(tmp_path / "h.sqlite")
    _see(history, trip.q1, trip.key)
    flags = _see(history, trip.q3, trip.key)
    assert "缺少 2025-04-01 至 2025-06-30 的报送包。" in flags
    assert "此包接在 DEMO-01-2025Q2 之后，但 DEMO-01-2025Q2 没有收到。" in flags
    report = verify_bundle(trip.q4_new_key, registry_for("DEMO-01", Ed25519PrivateKey.generate()))
    assert history.record(report) == []                    # not 有效 here: not remembered
    flags = _see(history, trip.q4_new_key, trip.new_key)
    assert any(f.startswith("签名密钥更换") for f in flags), flags
    history.close()


def test_aggregate_shows_the_warnings_beside_the_verdict(trip, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in (trip.q1, trip.q3):
        shutil.copy(path, folder / path.name)
    history = History(tmp_path / "h.sqlite")
    summary = aggregate.summarise(folder, registry_for("DEMO-01", trip.key), history)
    history.close()
    q3 = next(r for r in summary.rows if r.period == "2025Q3")
    assert q3.valid and "缺少 2025-04-01 至 2025-06-30 的报送包。" in q3.flags
    assert "缺少 2025-04-01" in aggregate.as_text(summary)


def test_a_crash_loses_only_the_open_batch_and_a_rerun_ends_as_without_the_crash(trip, tmp_path):
    bundles = (trip.q1, trip.q2, trip.q3)
    rerun = {}
    for crashed in (False, True):
        path = tmp_path / f"h-{crashed}.sqlite"
        history = History(path, batch=2)
        assert [_see(history, b, trip.key) for b in bundles] == [[], [], []]
        if crashed:
            history.conn.close()            # killed before the third row's batch was committed
        else:
            history.close()
        history = History(path, batch=2)
        kept = [r[0] for r in history.conn.execute("SELECT identifier FROM seen ORDER BY 1")]
        assert kept == ["DEMO-01-2025Q1", "DEMO-01-2025Q2"] + ([] if crashed else ["DEMO-01-2025Q3"])
        rerun[crashed] = [_see(history, b, trip.key) for b in bundles]   # the same folder again
        history.close()
        reopened = History(path)
        rerun[crashed].append([tuple(r) for r in reopened.conn.execute("SELECT * FROM seen")])
        reopened.close()
    assert rerun[True][2] == []             # Q3, lost in the crash, is recorded with no warning
    assert rerun[True][3] == rerun[False][3] and len(rerun[True][3]) == 3   # the same history


def test_aggregate_with_worker_processes_gives_the_same_rows_and_history(trip, tmp_path,
                                                                          monkeypatch):
    from desktop_app.core.bundle import verify_pool
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in (trip.q1, trip.q3, trip.q3_after_restore):
        shutil.copy(path, folder / path.name)
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 not a zip")
    registry = registry_for("DEMO-01", trip.key)
    monkeypatch.setattr(verify_pool, "POOL_FROM", 1)
    monkeypatch.setattr(verify_pool, "CHUNK", 1)
    from_workers, pooled = [], verify_pool._pooled

    def spy(*args):                         # what came back from the workers, not the fallback
        for report in pooled(*args):
            from_workers.append(report.path.name)
            yield report
    monkeypatch.setattr(verify_pool, "_pooled", spy)
    found = {}
    for workers in (1, 2):
        history = History(tmp_path / f"h{workers}.sqlite")
        found[workers] = aggregate.summarise(folder, registry, history, workers=workers)
        found[workers].history = [tuple(r)[:-1] for r in history.conn.execute(
            "SELECT * FROM seen ORDER BY rowid")]
        history.close()
    assert from_workers == sorted(p.name for p in folder.iterdir())
    assert found[2].rows == found[1].rows
    assert found[2].history == found[1].history and len(found[1].history) == 3
    assert [r.verdict.word for r in found[2].rows] == ["无法读取", "有效", "有效", "有效"]
    flags = [f for r in found[2].rows for f in r.flags]
    assert any("缺少 2025-04-01 至 2025-06-30" in f for f in flags), flags


def test_a_stick_of_quarters_is_read_in_the_order_the_branch_sent_them(trip, tmp_path):
    """File names sort Q3 before Q1 here (三 < 一 < 二 would too); nothing is flagged on first
    sight, nor when the office checks the same archive folder again; Q1 alone is a replay."""
    stick = tmp_path / "stick"
    stick.mkdir()
    for name, path in (("c-第三季度.zip", trip.q1), ("b-第二季度.zip", trip.q2),
                       ("a-第一季度.zip", trip.q3)):
        shutil.copy(path, stick / name)       # names in reverse of the quarters
    registry = registry_for("DEMO-01", trip.key)
    for _ in range(2):                        # first sight, then the archive re-checked
        history = History(tmp_path / "h.sqlite")
        summary = aggregate.summarise(stick, registry, history)
        history.close()
        assert [(r.period, r.flags) for r in summary.rows] == [
            ("2025Q1", ()), ("2025Q2", ()), ("2025Q3", ())]
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(trip.q1, alone / "q1.zip")
    history = History(tmp_path / "h.sqlite")
    [row] = aggregate.summarise(alone, registry, history).rows
    history.close()
    assert row.flags[0].startswith("重放的旧包") and "DEMO-01-2025Q3" in row.flags[0]
