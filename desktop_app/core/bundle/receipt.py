"""The signed 回执 (review receipt, issue 15 part 2): the upstream office reviews a bundle —
通过 or 退回, an overall 审核意见 and comments on single records or findings — and sends back a
small JSON file signed with its own Ed25519 key; the branch imports it after checking it
against the upstream key it registered.

Receipt file: {"format": "shilu-receipt/1", "receipt": {...}, "signature": base64}; the signature
covers the canonical JSON of `receipt` and nothing else is in the file, so nothing unsigned can
be changed. Schema: resources/schemas/receipt.schema.json.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app.core import durable
from desktop_app.core.bundle import BundleError, keys
from desktop_app.core.bundle.schema import RECEIPT_SCHEMA, JsonRefused, parse_json
from desktop_app.core.bundle.text import shown
from desktop_app.core.bundle.verify import VerifyReport
from desktop_app.core.store.canonical import canonical_json

FORMAT = "shilu-receipt/1"
PASS, RETURN = "通过", "退回"
MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class Receipt:
    body: dict           # the signed part
    digest: str          # sha256 of the file: a receipt is imported once

    @property
    def decision(self) -> str:
        return self.body["decision"]


def write(report: VerifyReport, decision: str, comment: str, items: dict[str, str],
          reviewer: str, private_key: Ed25519PrivateKey, out: Path,
          today: str | None = None) -> Path:
    """Sign and write a receipt for a bundle that verified 有效 here."""
    if not report.ok:
        raise BundleError(f"{shown(report.path.name)} 校验结果为“{report.verdict.word}”，不能出具回执。")
    if decision not in (PASS, RETURN):
        raise BundleError("审核结论只能是“通过”或“退回”。")
    if decision == RETURN and not comment.strip():
        raise BundleError("退回须写明审核意见（退回原因）。")
    known = {m["ref"] for m in report.extract["meetings"]} | {
        f"finding:{f['rule_id']}" for f in report.extract["findings"]}
    unknown = sorted(set(items) - known)
    if unknown:
        raise BundleError(f"包中没有记录 {shown(unknown[0])}：意见只能针对包中的会议（meeting:编号）"
                          "或检查项（finding:规则编号）。")
    body = {"bundle": {"identifier": report.identifier, "digest": report.digest,
                       "org_code": report.org_code, "period": report.period},
            "decision": decision, "comment": comment.strip(),
            "items": [{"ref": ref, "comment": text.strip()} for ref, text in sorted(items.items())],
            "reviewer": reviewer, "reviewed_on": today or date.today().isoformat()}
    signed = canonical_json(body).encode("utf-8")
    document = {"format": FORMAT, "receipt": body,
                "signature": base64.b64encode(private_key.sign(signed)).decode("ascii")}
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    try:                           # the same checks the branch will make, before it leaves
        parse_json(text.encode("utf-8"), out.name, RECEIPT_SCHEMA)
    except JsonRefused as exc:
        raise BundleError(f"回执内容不合格式：{exc}") from None
    with durable.write_atomically(out) as temp:
        temp.write_text(text, encoding="utf-8")
    return out


def read(path: Path, upstream: Ed25519PublicKey) -> Receipt:
    """A receipt whose signature holds under the registered upstream key; BundleError otherwise."""
    name = shown(Path(path).name)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BundleError(f"无法读取回执 {name}：{durable.describe_error(exc)}") from exc
    if len(raw) > MAX_BYTES:
        raise BundleError(f"{name} 太大，不是回执文件。")
    try:
        document = parse_json(raw, name, RECEIPT_SCHEMA)
    except JsonRefused as exc:
        raise BundleError(f"{exc}（不是本软件出具的回执，或已损坏）") from None
    try:
        upstream.verify(base64.b64decode(document["signature"]),
                        canonical_json(document["receipt"]).encode("utf-8"))
    except (InvalidSignature, ValueError):
        raise BundleError(f"回执 {name} 的签名不是登记的上级公钥（指纹 {keys.fingerprint(upstream)}）"
                          "签发的，或回执在签发后被改动过：未导入。") from None
    return Receipt(document["receipt"], hashlib.sha256(raw).hexdigest())
