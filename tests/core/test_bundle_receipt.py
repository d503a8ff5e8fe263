"""The signed 回执 round trip (issue 15 part 2): review → import → comments on the records they
concern and in the to-do → 退回 reopens the period with the upstream reason in the audit log →
the re-export is a correction bundle. Receipts from an unregistered key, for another ledger's
bundle, altered, or imported twice are refused."""
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core.bundle import BundleError, receipt
from desktop_app.core.bundle.build import build_bundle
from desktop_app.core.bundle.receipt_import import (comments_on, import_receipt, mark_done,
                                                    open_receipts, register_upstream_key)
from desktop_app.core.bundle.verify import verify_bundle
from desktop_app.core.meetings import records
from desktop_app.core.store import anchors
from tests.core.bundle_helpers import TODAY, registry_for

OFFICE = "示范街道党工委"


@pytest.fixture
def sent(demo_store, tmp_path):
    """DEMO-01's Q3 bundle, sent, and the office's key registered on the branch."""
    branch, office = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    built = build_bundle(demo_store, "DEMO-01", "2025Q3", tmp_path / "q3.zip", branch, today=TODAY)
    register_upstream_key(demo_store, office.public_key())
    report = verify_bundle(built.path, registry_for("DEMO-01", branch))
    assert report.ok
    return demo_store, report, office, branch


def _write(report, office, tmp_path, decision="退回", items=None, name="回执.json"):
    return receipt.write(report, decision, "支委会记录不全，请补充后重报。", items or {}, OFFICE,
                         office, tmp_path / name, today="2026-01-20")


def test_returned_receipt_reopens_the_period_with_the_reason_logged(sent, tmp_path):
    store, report, office, branch = sent
    meeting = records.get(store, int(report.extract["meetings"][0]["ref"].split(":")[1]))
    path = _write(report, office, tmp_path, items={f"meeting:{meeting.id}": "缺少会议记录正文"})
    assert store.sealed_through() == "2025-09-30"

    got = import_receipt(store, path, today="2026-01-21")
    assert (got.bundle, got.decision, got.reviewer) == ("DEMO-01-2025Q3", "退回", OFFICE)
    assert [(c.ref, c.label, c.comment) for c in got.comments] == [
        (f"meeting:{meeting.id}", f"{meeting.held_on} {meeting.kind}", "缺少会议记录正文")]
    assert got.reopened_from == "2025-07-01"
    kept = anchors.listed(store.path)[-1]           # the head the office signed for, as an anchor
    sent_row = store.query_one("SELECT audit_entries, audit_head FROM bundles_sent")
    assert (kept.entries, kept.head) == (sent_row["audit_entries"], sent_row["audit_head"])
    assert kept.source == "回执 DEMO-01-2025Q3（示范街道党工委，退回）"
    assert store.sealed_through() is None                      # reopened
    logged = store.query("SELECT action, reason FROM audit_log WHERE table_name = 'seals' "
                         "ORDER BY id DESC LIMIT 1")[0]
    assert logged["action"] == "delete"
    assert logged["reason"] == ("上级退回 DEMO-01-2025Q3（示范街道党工委，2026-01-20）："
                                "支委会记录不全，请补充后重报。")
    assert [c["comment"] for c in comments_on(store, f"meeting:{meeting.id}")] == ["缺少会议记录正文"]
    assert [r["decision"] for r in open_receipts(store)] == ["退回"]

    # corrections need no reason prompt now; the re-export is a correction bundle listing them
    store.update("meetings", meeting.id, {"place": "支部活动室"})
    again = build_bundle(store, "DEMO-01", "2025Q3", tmp_path / "q3c.zip", branch, today=TODAY)
    assert again.identifier == "DEMO-01-2025Q3-C1"
    assert [(r["ref"], r["reason"]) for r in again.extract["correction"]["records"]] == [
        (f"meeting:{meeting.id}", "上级退回后修改（期间已重新开放）")]
    assert store.sealed_through() == "2025-09-30"
    mark_done(store, got.receipt_id, "2026-01-22")
    assert open_receipts(store) == []


def test_passed_receipt_keeps_the_seal(sent, tmp_path):
    store, report, office, _ = sent
    got = import_receipt(store, _write(report, office, tmp_path, decision="通过"))
    assert got.reopened_from is None and store.sealed_through() == "2025-09-30"


def test_refused_receipts(sent, tmp_path):
    store, report, office, _ = sent
    stranger = Ed25519PrivateKey.generate()
    forged = _write(report, stranger, tmp_path, name="forged.json")
    with pytest.raises(BundleError, match="不是登记的上级公钥"):
        import_receipt(store, forged)

    genuine = _write(report, office, tmp_path)
    document = json.loads(genuine.read_text(encoding="utf-8"))
    document["receipt"]["decision"] = "通过"                    # softened after signing
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(BundleError, match="签发后被改动过"):
        import_receipt(store, altered)

    document = json.loads(genuine.read_text(encoding="utf-8"))
    document["receipt"]["comment"] = "\x1b[2J"
    garbled = tmp_path / "garbled.json"
    garbled.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(BundleError, match="“审核意见”（receipt.comment）格式不对"):
        import_receipt(store, garbled)

    import_receipt(store, genuine)
    with pytest.raises(BundleError, match="已导入过"):
        import_receipt(store, genuine)
    assert store.query("SELECT count(*) AS n FROM receipts")[0]["n"] == 1


def test_a_receipt_for_another_ledgers_bundle_is_refused(sent, tmp_path, demo_template):
    store, report, office, _ = sent
    other = report.__class__(**{**report.__dict__, "digest": "0" * 64})
    with pytest.raises(BundleError, match="不是本账本发出的"):
        import_receipt(store, _write(other, office, tmp_path))


def test_no_registered_upstream_key(demo_store, tmp_path):
    with pytest.raises(BundleError, match="还没有登记上级的公钥"):
        import_receipt(demo_store, tmp_path / "any.json")


def test_review_refuses_what_it_cannot_stand_behind(sent, tmp_path):
    _, report, office, _ = sent
    with pytest.raises(BundleError, match="包中没有记录 meeting:999999"):
        _write(report, office, tmp_path, items={"meeting:999999": "?"})
    with pytest.raises(BundleError, match="退回须写明审核意见"):
        receipt.write(report, "退回", " ", {}, OFFICE, office, tmp_path / "r.json")
    unregistered = verify_bundle(report.path, {})
    with pytest.raises(BundleError, match="完整但签名人未登记"):
        _write(unregistered, office, tmp_path)
