"""Build a signed bundle for one 党支部 and one finished period, and seal the period: one outcome.

The bag is made in memory (`bag.make`, BagIt 1.0), its tag manifest signed (`signature.sign`),
and written as one zip with the bag under one top folder (RFC 8493 serialisation). The seal and
the record of the bundle sent are written in the same ledger transaction as the zip's temp file,
which takes its final name only after the commit: if the ledger cannot be written (read-only
stick, locked, full) no bundle appears, and a bundle under its name always has its period
sealed. (Killed between commit and rename, the period is sealed with no file: exporting again
makes a correction bundle.)

With `with_book`, the year's 《工作实录》 (the period's year, as the ledger stands, for the January
inspection) is laid out in the same transaction and carried as data/2025年度工作实录.pdf: listed
in the manifest, so signed like the rest, and named with its personal data in 说明.txt and
bag-info (the book carries names; the extract does not). Laying it out takes seconds:
`progress(done, total, text)` reports it, as the book export does.
"""
from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core import durable, orgs
from desktop_app.core.bundle import BundleError, bag, keys, readme, signature, summary_pdf
from desktop_app.core.bundle.extract import PERSONAL_DATA, ledger_extract
from desktop_app.core.bundle.layout import (BOOK_PDF, EXTRACT, README, SIGNED_FILE, SUMMARY_PDF,
                                             period_id)
from desktop_app.core.bundle import continuity
from desktop_app.core.exports import book
from desktop_app.core.errors import WordedError
from desktop_app.core.periods import parse_period
from desktop_app.core.store import Store, StoreError, anchors

SOFTWARE = "Shilu 工作实录"


@dataclass(frozen=True)
class BuiltBundle:
    path: Path
    identifier: str       # DEMO-01-2025Q3, DEMO-01-2025Q3-C1 for a correction
    fingerprint: str
    extract: dict
    book: str | None = None     # data/ name of the year's book, when it was put in

    @property
    def correction(self) -> bool:
        return self.extract["correction"] is not None


def build_bundle(store: Store, org_code: str, period_text: str, out: Path,
                 private_key: Ed25519PrivateKey, *, today: str | None = None,
                 with_book: bool = False, progress: book.Progress | None = None) -> BuiltBundle:
    try:
        period = parse_period(period_text)
    except ValueError as exc:
        raise BundleError(str(exc)) from exc
    today = today or date.today().isoformat()
    if period.end >= today:
        raise BundleError(f"{period.label}到 {period.end} 才结束：期间结束后才能报送。")
    out = Path(out).resolve()
    if out.suffix.lower() != ".zip":        # the upstream side reads only .zip files
        raise BundleError(f"实录包须保存为 .zip 文件，而不是“{out.name}”：请改为 {out.stem}.zip。"
                          "没有导出任何文件，也没有封存任何记录。")
    if not out.parent.is_dir():
        raise BundleError(f"文件夹 {out.parent} 不存在（U 盘是否已拔出？）。")
    identifier = None
    try:
        # The zip is written to a temp name inside the transaction and put in place only after
        # the seal has committed: a bundle under its final name always has its period sealed.
        with durable.write_atomically(out) as temp:
            with store.transaction():
                pid = period_id(period)
                extract = ledger_extract(store, org_code, period, pid, today)
                code = extract["organisation"]["code"]
                identifier = continuity.identifier(store, code, pid)
                payload = _payload(extract)
                book_name = None
                if with_book:
                    book_name, payload[book_name] = _book(store, extract, today, progress)
                    payload[README] = readme.text(extract, book_name).encode("utf-8")
                files = bag.make(payload, _bag_info(extract, identifier, today, book_name))
                signature.sign(files, private_key)
                _record(store, extract, identifier, bag.sha256(files[SIGNED_FILE]), out, today)
                _zip(identifier, files, temp)
    except durable.ExportWriteError as exc:
        if identifier and store.query_one("SELECT 1 FROM bundles_sent WHERE identifier = ?",
                                          [identifier]):
            # the seal committed, then the stick went before the zip took its name
            raise BundleError(f"{exc} 期间已封存并记为已报送 {identifier}：请插好 U 盘重新导出"
                              "（将作为更正包；上级会看到前一个包没有收到）。") from exc
        raise
    except StoreError as exc:       # read-only, locked or full, already worded by the store
        raise BundleError(f"{exc} 实录包未导出，期间未封存。") from exc
    except sqlite3.Error as exc:
        raise BundleError(f"账本无法写入（{_sqlite_reason(exc)}），实录包未导出，期间未封存："
                          "请把账本放在可写的位置后重试。") from exc
    head = extract["continuity"]
    if store.path is not None:      # the head this bundle carries, kept outside the ledger too
        anchors.record(store.path, head["audit_entries"], head["audit_head"],
                       f"报送包 {identifier}（{out.name}）")
    return BuiltBundle(out, identifier, keys.fingerprint(private_key.public_key()), extract,
                       book_name)


def _payload(extract: dict) -> dict[str, bytes]:
    return {EXTRACT: (json.dumps(extract, ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
            README: readme.text(extract).encode("utf-8"),
            SUMMARY_PDF: summary_pdf.render(extract)}


def _book(store: Store, extract: dict, today: str, progress) -> tuple[str, bytes]:
    """The name and bytes of the year's book for the branch, laid out in a temp folder."""
    year = int(extract["period"]["end"][:4])
    org = orgs.by_code(store, extract["organisation"]["code"])
    try:
        with tempfile.TemporaryDirectory(prefix="shilu-book-") as folder:
            path = book.write_book(store, org.id, year, Path(folder) / "book.pdf",
                                   progress=progress, printed_on=today)
            return BOOK_PDF.format(year=year), path.read_bytes()
    except (WordedError, OSError) as exc:      # no Chinese font, temp folder full …
        raise BundleError(f"{year} 年度《工作实录》未能生成（{exc}），实录包未导出，期间未封存。") from exc


def book_personal_data(book_name: str) -> str:
    """What a bag with the book carries (bag-info's Shilu-Personal-Data, one line)."""
    return (f"含个人信息：data/{book_name}（年度《工作实录》全本）有{book.PERSONAL_DATA}；"
            f"data/{EXTRACT} {PERSONAL_DATA}")


def _record(store: Store, extract: dict, identifier: str, digest: str, out: Path,
            today: str) -> None:
    """The seal (unless already sealed further) and the bundle sent, in the export's transaction."""
    period, head = extract["period"], extract["continuity"]
    if (store.sealed_through() or "") < period["end"]:
        store.seal_through(period["end"], f"已报送上级：{identifier}（{out.name}）")
    correction = extract["correction"]
    store.insert("bundles_sent", {
        "identifier": identifier, "org_code": extract["organisation"]["code"],
        "period": period["text"], "period_start": period["start"], "period_end": period["end"],
        "audit_entries": head["audit_entries"], "audit_head": head["audit_head"], "digest": digest,
        "correction_of": correction["of"] if correction else None, "file_name": out.name,
        "sent_on": today})


def _bag_info(extract: dict, identifier: str, today: str, book_name: str | None) -> dict:
    org, period, parent = extract["organisation"], extract["period"], extract["organisation"]["parent"]
    correction = extract["correction"]
    info = {
        "Source-Organization": org["name"],
        "External-Identifier": identifier,
        "External-Description": f"{org['name']}{period['label']}工作实录包"
                                + ("（更正）" if correction else ""),
        "Bagging-Date": today,
        "Bag-Software-Agent": SOFTWARE,
        "Shilu-Organization-Code": org["code"],
        "Shilu-Period": period["text"],
        "Shilu-Period-Start": period["start"],
        "Shilu-Period-End": period["end"],
        "Shilu-Profile": extract["profile"]["id"],
        "Shilu-Personal-Data": book_personal_data(book_name) if book_name else PERSONAL_DATA,
        "Shilu-Audit-Head": f"{extract['continuity']['audit_entries']} "
                            f"{extract['continuity']['audit_head']}",
    }
    if parent:
        info["Shilu-Parent-Organization"] = f"{parent['name']}（{parent['code']}）"
    if correction:
        info["Shilu-Corrects"] = correction["of"]
    return info


def _zip(top: str, files: dict[str, bytes], target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(f"{top}/{name}", files[name])


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return "账本所在位置只读"
    if "locked" in text or "busy" in text:
        return "账本正被另一个程序写入"
    if "full" in text:
        return "磁盘已满"
    return "数据库错误"
