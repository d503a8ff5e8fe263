"""On the branch: register the upstream office's public key, import its signed 回执, show its
comments on the records they concern and list open receipts in 首页's to-do.

A 退回 reopens the period: the seals from its start on are removed through the store with the
upstream office's reason, so the audit log says who sent it back and why; corrections then need
no reason prompt until the period is exported again (as a correction bundle).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.core.bundle import BundleError, keys, receipt
from desktop_app.core.bundle.text import shown
from desktop_app.core.store import Store, anchors

UPSTREAM_KEY = "upstream_public_key"


@dataclass(frozen=True)
class Comment:
    ref: str              # meeting:12, finding:jx-11-lesson
    label: str            # 2025-08-14 支部委员会, or the finding's title
    comment: str


@dataclass(frozen=True)
class Imported:
    receipt_id: int
    bundle: str
    decision: str
    comment: str
    reviewer: str
    comments: list[Comment]
    reopened_from: str | None     # the period start reopened by a 退回


def register_upstream_key(store: Store, public: Ed25519PublicKey) -> str | None:
    """Store the key; return the fingerprint it replaces, if any."""
    before = upstream_key(store)
    store.set_setting(UPSTREAM_KEY, keys.public_text(public))
    return keys.fingerprint(before) if before and keys.public_text(before) != keys.public_text(public) \
        else None


def upstream_key(store: Store) -> Ed25519PublicKey | None:
    text = store.setting(UPSTREAM_KEY)
    return keys.public_from_text(text) if text else None


def import_receipt(store: Store, path: Path, today: str | None = None) -> Imported:
    public = upstream_key(store)
    if public is None:
        raise BundleError("还没有登记上级的公钥：先用 shilu receipt trust 上级公钥.pem 登记"
                          "（核对指纹后），才能导入回执。")
    got = receipt.read(path, public)
    body = got.body
    bundle = body["bundle"]
    sent = store.query_one("SELECT * FROM bundles_sent WHERE identifier = ? AND digest = ?",
                           [bundle["identifier"], bundle["digest"]])
    if sent is None:
        raise BundleError(f"回执针对的包 {shown(bundle['identifier'])} 不是本账本发出的"
                          "（或已被更正包取代前的另一份），未导入。")
    if store.query_one("SELECT id FROM receipts WHERE digest = ?", [got.digest]):
        raise BundleError(f"这份回执已导入过（{shown(bundle['identifier'])}）。")
    today = today or date.today().isoformat()
    with store.transaction():
        receipt_id = store.insert("receipts", {
            "bundle_identifier": bundle["identifier"], "bundle_digest": bundle["digest"],
            "org_code": bundle["org_code"], "period": bundle["period"], "decision": body["decision"],
            "comment": body["comment"], "reviewer": body["reviewer"],
            "reviewed_on": body["reviewed_on"], "imported_on": today, "digest": got.digest})
        for item in body["items"]:
            store.insert("receipt_comments", {"receipt_id": receipt_id, "ref": item["ref"],
                                              "comment": item["comment"]})
        reopened = None
        if body["decision"] == receipt.RETURN:
            reopened = _reopen(store, sent, body)
    if store.path is not None:      # the upstream office has signed for the head that bundle carried
        anchors.record(store.path, sent["audit_entries"], sent["audit_head"],
                       f"回执 {bundle['identifier']}（{body['reviewer']}，{body['decision']}）")
    return Imported(receipt_id, bundle["identifier"], body["decision"], body["comment"],
                    body["reviewer"], [Comment(i["ref"], label(store, i["ref"]), i["comment"])
                                       for i in body["items"]], reopened)


def _reopen(store: Store, sent: dict, body: dict) -> str:
    reason = f"上级退回 {body['bundle']['identifier']}（{body['reviewer']}，{body['reviewed_on']}）：" \
             f"{body['comment']}"
    for seal in store.query("SELECT id FROM seals WHERE period_end >= ? ORDER BY id",
                            [sent["period_start"]]):
        store.delete("seals", seal["id"], reason=reason)
    return sent["period_start"]


def label(store: Store, ref: str) -> str:
    """What a ref names, for a person: the meeting's date and kind, or the finding's rule."""
    kind, _, key = ref.partition(":")
    if kind == "meeting" and key.isdigit():
        row = store.query_one("SELECT held_on, kind FROM meetings WHERE id = ?", [int(key)])
        return f"{row['held_on']} {row['kind']}" if row else f"会议 {key}（已删除）"
    return f"检查项 {key}"


def comments_on(store: Store, ref: str) -> list[dict]:
    """The upstream comments on one record, newest first (shown on the record)."""
    return store.query("SELECT c.comment, r.reviewer, r.reviewed_on, r.decision, r.bundle_identifier "
                       "FROM receipt_comments c JOIN receipts r ON r.id = c.receipt_id "
                       "WHERE c.ref = ? ORDER BY r.reviewed_on DESC, c.id DESC", [ref])


def open_receipts(store: Store) -> list[dict]:
    """Receipts not yet ticked off, for 首页's to-do."""
    return store.query("SELECT * FROM receipts WHERE done_on IS NULL ORDER BY reviewed_on, id")


def mark_done(store: Store, receipt_id: int, today: str | None = None) -> None:
    store.update("receipts", receipt_id, {"done_on": today or date.today().isoformat()})
