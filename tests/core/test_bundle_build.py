"""Building a signed bundle from the demo ledger: what it carries, how it is laid out, and that
the period is sealed afterwards."""
import contextlib
import errno
import sqlite3
import json
import zipfile
from pathlib import Path

import pypdfium2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core import durable, orgs
from desktop_app.core.bundle import BundleError, keys
from desktop_app.core.bundle.build import build_bundle
from desktop_app.core.bundle.verify import verify_bundle
from desktop_app.core.meetings import records
from desktop_app.core.rules.engine import check
from desktop_app.core.periods import parse_period
from desktop_app.core.durable import ExportWriteError
from desktop_app.core.store import SealedPeriodError, anchors, audit, open_store
from tests.core.bundle_helpers import TODAY, TOP, make_signed, registry_for


@pytest.fixture(scope="module")
def signed(demo_template, tmp_path_factory):
    return make_signed(demo_template, tmp_path_factory)


def test_a_fresh_bundle_verifies(signed):
    report = verify_bundle(signed.path, signed.registry)
    assert report.problems == []
    assert report.ok and report.trusted
    assert (report.org_code, report.org_name, report.period) == ("DEMO-01", "第一党支部", "2025Q3")
    assert report.fingerprint == keys.fingerprint(signed.key.public_key())


def test_layout_is_one_bag_folder_with_the_signature_at_its_root(signed):
    archive = zipfile.ZipFile(signed.path)
    assert sorted(archive.namelist()) == sorted(f"{TOP}/{n}" for n in (
        "bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
        "signing-key.pem", "tagmanifest-sha256.txt.sig",
        "data/ledger-extract.json", "data/说明.txt", "data/摘要.pdf"))
    assert archive.read(f"{TOP}/bagit.txt") == b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    info = archive.read(f"{TOP}/bag-info.txt").decode()
    assert "External-Identifier: DEMO-01-2025Q3" in info
    assert "Source-Organization: 第一党支部" in info
    assert "Shilu-Parent-Organization: 示范社区党委（DEMO）" in info
    assert "Shilu-Profile: jiaxing-2016" in info
    assert "Shilu-Personal-Data: 不含个人信息" in info
    tags = archive.read(f"{TOP}/tagmanifest-sha256.txt").decode()
    assert [line.split()[1] for line in tags.splitlines()] == [
        "bag-info.txt", "bagit.txt", "manifest-sha256.txt"]    # signed after bagging
    assert archive.read(f"{TOP}/signing-key.pem") == keys.public_pem(signed.key.public_key())
    signature = archive.read(f"{TOP}/tagmanifest-sha256.txt.sig")
    signed.key.public_key().verify(signature, tags.encode())      # raises if it does not hold
    readme = archive.read(f"{TOP}/data/说明.txt").decode()
    assert "openssl pkeyutl -verify -pubin -inkey signing-key.pem -rawin" in readme
    assert "python -m bagit --validate" in readme and "不含党员姓名" in readme
    summary = pypdfium2.PdfDocument(archive.read(f"{TOP}/data/摘要.pdf"))   # opened, not sniffed
    text = "".join(page.get_textpage().get_text_range() for page in summary).replace("\r", "")
    assert text.startswith("第一党支部2025年第3季度工作实录包摘要\nDEMO-01 2025-07-01 至 2025-09-30")
    assert "期初 19 人，期末 19 人。" in text and "支委会每月至少1次 3 3" in text
    assert "封存截至 2025-09-30。首次报送。" in text


def test_extract_matches_the_ledger_and_names_nobody(signed, demo_store):
    extract = json.loads(zipfile.ZipFile(signed.path).read(f"{TOP}/data/ledger-extract.json"))
    org = orgs.by_code(demo_store, "DEMO-01")
    period = parse_period("2025Q3")
    held = [m for m in records.find(demo_store, period.start, period.end, org_id=org.id)
            if m.status == records.HELD]
    assert [m["held_on"] for m in extract["meetings"]] == [m.held_on for m in held]
    findings = check(demo_store, org.id, period, today="2025-10-01", records_until=period.end)
    assert [f["status"] for f in extract["findings"]] == [f.status for f in findings]
    assert sum(extract["findings_by_status"].values()) == len(findings)
    assert extract["roster"]["members_at_end"] == 19
    committee = next(r for r in extract["requirements"] if r["rule_id"] == "jx-11-committee")
    assert (committee["required"], committee["held"]) == (3, 3)   # monthly, three months
    groups = next(r for r in extract["requirements"] if r["rule_id"] == "jx-11-group")
    assert groups["required"] == 6                                  # two 党小组 × three months
    assert extract["continuity"]["sealed_through"] == "2025-09-30"
    assert extract["continuity"]["previous"] is None and extract["correction"] is None
    assert extract["organisation"]["parent"] == {"code": "DEMO", "name": "示范社区党委",
                                                 "kind": "党委"}
    text = json.dumps(extract, ensure_ascii=False)
    for row in demo_store.query("SELECT name, id_number, phone FROM members"):
        assert row["name"] not in text
        for secret in (row["id_number"], row["phone"]):
            assert not secret or secret not in text


def test_export_seals_the_period_and_remembers_the_bundle(demo_store, tmp_path):
    key = Ed25519PrivateKey.generate()
    meeting = records.find(demo_store, "2025-07-01", "2025-09-30")[0]
    count, head = audit.head(demo_store)
    built = build_bundle(demo_store, "DEMO-01", "2025Q3", tmp_path / "b.zip", key, today=TODAY)
    assert built.extract["continuity"]["audit_entries"] == count
    assert built.extract["continuity"]["audit_head"] == head
    assert demo_store.sealed_through() == "2025-09-30"
    sent = demo_store.query("SELECT identifier, period, audit_entries, audit_head, correction_of, "
                            "file_name FROM bundles_sent")
    assert sent == [{"identifier": "DEMO-01-2025Q3", "period": "2025Q3", "audit_entries": count,
                     "audit_head": head, "correction_of": None, "file_name": "b.zip"}]
    assert audit.head(demo_store)[0] == count + 2          # the seal and the bundle, audited
    kept = anchors.listed(demo_store.path)[-1]              # the head it carries, kept outside
    assert (kept.entries, kept.head, kept.source) == (count, head, "报送包 DEMO-01-2025Q3（b.zip）")
    with pytest.raises(SealedPeriodError, match="更正原因"):
        demo_store.update("meetings", meeting.id, {"place": "改过的地点"})
    demo_store.update("meetings", meeting.id, {"place": "改过的地点"}, reason="地点记错")
    later = records.find(demo_store, "2025-10-01", "2025-12-31")[0]
    demo_store.update("meetings", later.id, {"place": "下季度照常修改"})
    places = {r["id"]: r["place"] for r in demo_store.query("SELECT id, place FROM meetings")}
    assert (places[meeting.id], places[later.id]) == ("改过的地点", "下季度照常修改")
    reasons = demo_store.query("SELECT row_id, reason FROM audit_log WHERE table_name = 'meetings' "
                               "ORDER BY id DESC LIMIT 2")
    assert reasons == [{"row_id": later.id, "reason": None},
                       {"row_id": meeting.id, "reason": "地点记错"}]


def test_second_export_of_a_sealed_period_is_a_labelled_correction(demo_store, tmp_path):
    key = Ed25519PrivateKey.generate()
    first = build_bundle(demo_store, "DEMO-01", "2025Q3", tmp_path / "b.zip", key, today=TODAY)
    meeting = records.find(demo_store, "2025-07-01", "2025-09-30",
                           org_id=orgs.by_code(demo_store, "DEMO-01").id)[0]
    demo_store.update("meetings", meeting.id, {"place": "改过的地点"}, reason="地点记错")
    later = records.find(demo_store, "2025-10-01", "2025-12-31")[0]
    demo_store.update("meetings", later.id, {"place": "下季度的修改不算"})
    second = build_bundle(demo_store, "DEMO-01", "2025Q3", tmp_path / "c.zip", key, today=TODAY)
    assert second.identifier == "DEMO-01-2025Q3-C1" and second.correction
    correction = second.extract["correction"]
    assert correction["of"] == "DEMO-01-2025Q3"
    assert [(r["ref"], r["action"], r["reason"]) for r in correction["records"]] == [
        (f"meeting:{meeting.id}", "修改", "地点记错")]
    previous = second.extract["continuity"]["previous"]
    assert previous == {"id": "DEMO-01-2025Q3",
                        "audit_entries": first.extract["continuity"]["audit_entries"],
                        "audit_head": first.extract["continuity"]["audit_head"]}
    info = zipfile.ZipFile(second.path).read("DEMO-01-2025Q3-C1/bag-info.txt").decode()
    assert "Shilu-Corrects: DEMO-01-2025Q3" in info and "（更正）" in info
    report = verify_bundle(second.path, registry_for("DEMO-01", key))
    assert report.ok and report.identifier == "DEMO-01-2025Q3-C1"


def test_a_read_only_ledger_writes_no_bundle_and_seals_nothing(demo_store, tmp_path):
    """Issue 11: the bundle went out and the seal crashed. Now the seal is written first in the
    same transaction as the file: a ledger that cannot be written stops the export before it."""
    path = demo_store.path
    demo_store.close()
    reader = open_store(path)
    reader.conn.execute("PRAGMA query_only = ON")        # as a ledger on a write-protected stick
    try:
        with pytest.raises(BundleError, match="实录包未导出，期间未封存"):
            build_bundle(reader, "DEMO-01", "2025Q3", tmp_path / "b.zip",
                         Ed25519PrivateKey.generate(), today=TODAY)
    finally:
        reader.close()
    assert not (tmp_path / "b.zip").exists()
    again = open_store(path)
    assert again.sealed_through() is None and again.query("SELECT * FROM bundles_sent") == []
    again.close()


def test_a_failed_commit_leaves_no_bundle(demo_store, tmp_path, monkeypatch):
    """The zip is written under a temp name inside the ledger transaction and put in place only
    after the commit: if the commit fails, no bundle (and no temp file) is left behind."""
    real = demo_store.transaction

    @contextlib.contextmanager
    def failing_commit():
        outermost = not demo_store.conn.in_transaction
        with real():
            yield demo_store
            if outermost and list(tmp_path.glob(".b.zip.*.part")):   # the export's transaction
                raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(demo_store, "transaction", failing_commit)
    with pytest.raises(BundleError, match="实录包未导出，期间未封存"):
        build_bundle(demo_store, "DEMO-01", "2025Q3", tmp_path / "b.zip",
                     Ed25519PrivateKey.generate(), today=TODAY)
    monkeypatch.undo()
    assert not (tmp_path / "b.zip").exists() and not list(tmp_path.glob(".b.zip.*"))
    assert demo_store.sealed_through() is None


def test_refuses_unfinished_period_a_committee_and_a_missing_folder(demo_store, tmp_path):
    key = Ed25519PrivateKey.generate()
    with pytest.raises(BundleError, match="期间结束后才能报送"):
        build_bundle(demo_store, "DEMO-01", "2025Q4", tmp_path / "b.zip", key, today="2025-12-01")
    with pytest.raises(BundleError, match="按党支部报送"):
        build_bundle(demo_store, "DEMO", "2025Q3", tmp_path / "b.zip", key, today=TODAY)
    with pytest.raises(BundleError, match="无法识别的期间"):
        build_bundle(demo_store, "DEMO-01", "2025Q5", tmp_path / "b.zip", key, today=TODAY)
    with pytest.raises(BundleError, match="不存在"):
        build_bundle(demo_store, "DEMO-01", "2025Q3", tmp_path / "usb" / "b.zip", key, today=TODAY)
    assert demo_store.sealed_through() is None
    assert not list(tmp_path.glob("*.zip"))


def test_a_read_only_target_leaves_nothing_and_seals_nothing(demo_store, tmp_path, monkeypatch):
    target = tmp_path / "usb"
    target.mkdir()
    real_mkstemp = durable.tempfile.mkstemp

    def read_only(*args, dir=None, **kwargs):   # root ignores chmod: fail as a read-only mount
        if dir is not None and Path(dir) == target:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkstemp(*args, dir=dir, **kwargs)
    monkeypatch.setattr(durable.tempfile, "mkstemp", read_only)
    with pytest.raises(ExportWriteError, match="只读"):
        build_bundle(demo_store, "DEMO-01", "2025Q3", target / "b.zip",
                     Ed25519PrivateKey.generate(), today=TODAY)
    assert list(target.iterdir()) == []
    assert demo_store.sealed_through() is None


def test_key_pair_encrypted_with_a_passphrase(tmp_path):
    public = keys.init_key(tmp_path, "长城长城123")
    pem = (tmp_path / keys.PRIVATE_NAME).read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in pem
    assert (tmp_path / keys.PRIVATE_NAME).stat().st_mode & 0o077 == 0
    private = keys.load_private(tmp_path, "长城长城123")
    assert keys.public_text(private.public_key()) == keys.public_text(public)
    assert keys.public_text(keys.load_public(tmp_path)) == keys.public_text(public)
    fingerprint = keys.fingerprint(public)
    assert len(fingerprint.split()) == 8 and all(len(g) == 4 for g in fingerprint.split())
    with pytest.raises(BundleError, match="口令不对"):
        keys.load_private(tmp_path, "wrong-passphrase")
    with pytest.raises(BundleError, match="不能覆盖"):
        keys.init_key(tmp_path, "another-passphrase")
    with pytest.raises(BundleError, match="口令太短"):
        keys.init_key(tmp_path / "other", "123")


def test_registry_round_trip(tmp_path):
    from desktop_app.core.bundle import trust
    key = Ed25519PrivateKey.generate().public_key()
    path = tmp_path / "trusted.json"
    assert trust.load(path) == {}
    entry = trust.trust(path, "DEMO-01", key, on_date=TODAY)
    assert trust.load(path) == {"DEMO-01": entry}
    assert entry.fingerprint == keys.fingerprint(key)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(BundleError, match="无法读取或格式不对"):
        trust.load(path)


def test_registry_for_helper_matches_trust_module(signed, tmp_path):
    """The helper other tests verify against must equal what `trust.trust` really records."""
    from desktop_app.core.bundle import trust
    path = tmp_path / "trusted.json"
    trust.trust(path, "DEMO-01", signed.key.public_key(), on_date=TODAY)
    assert registry_for("DEMO-01", signed.key) == trust.load(path)
