"""The 回执 round trip through the window: the office verifies a bundle, 出具回执 (退回 with a
comment on one meeting), the branch registers the office's key and imports the receipt; the
period reopens and the comments appear in 首页's to-do. The review dialog refuses a 退回 without
a reason."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from desktop_app.core import dashboard, orgs
from desktop_app.core.bundle import history, keys, trust
from desktop_app.core.bundle.build import build_bundle
from desktop_app.core.bundle.verify import verify_bundle
from desktop_app.core.meetings import records
from desktop_app.ui.pages.export_page import ExportPage
from desktop_app.ui.passphrase_dialog import PassphraseDialog
from desktop_app.ui.review_dialog import Review, ReviewDialog
from tests.core.bundle_helpers import registry_for

PASSPHRASE = "上级口令2026"


@pytest.fixture
def page(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(trust, "default_path", lambda: tmp_path / "trusted-keys.json")
    monkeypatch.setattr(history, "default_path", lambda: tmp_path / "upstream-history.sqlite")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(PassphraseDialog, "ask", lambda *a, **k: PASSPHRASE)
    widget = ExportPage(ctx)
    widget.said = said
    qtbot.addWidget(widget)
    return widget


def test_review_then_import_reopens_the_period(qtbot, page, ctx, tmp_path, monkeypatch):
    store, form = ctx.store, page.form
    folder = keys.key_folder(store.path)
    office_public = keys.init_key(folder, PASSPHRASE)          # this installation signs receipts
    branch = Ed25519PrivateKey.generate()
    bundle = build_bundle(store, "DEMO-01", "2025Q2", tmp_path / "q2.zip", branch,
                          today=ctx.today()).path
    trust.trust(trust.default_path(), "DEMO-01", branch.public_key())
    extract = verify_bundle(bundle, registry_for("DEMO-01", branch)).extract
    meeting = records.get(store, int(extract["meetings"][0]["ref"].split(":")[1]))

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    assert not form.reviewButton.isEnabled()
    form.verifyButton.click()
    qtbot.waitUntil(lambda: page.checking.report is not None, timeout=20000)
    assert form.reviewButton.isEnabled()
    chosen = Review("退回", "支委会记录不全", {f"meeting:{meeting.id}": "缺少记录正文"}, "示范社区党委")
    monkeypatch.setattr(ReviewDialog, "ask", lambda *a, **k: chosen)
    receipt_path = tmp_path / "回执.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(receipt_path), ""))
    assert page.checking.review() == receipt_path
    assert "已签发回执（退回）" in form.verifyView.toPlainText()

    # the branch: register the office's key (after comparing it), then import the receipt
    pem = tmp_path / "office.pem"
    pem.write_bytes(keys.public_pem(office_public))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pem), ""))
    form.upstreamKeyButton.click()
    assert keys.fingerprint(office_public) in form.bundleResultLabel.text()
    assert store.sealed_through() == "2025-06-30"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(receipt_path), ""))
    form.receiptButton.click()
    shown = form.bundleResultLabel.text()
    assert "已导入回执" in shown and "缺少记录正文" in shown and "重新开放" in shown
    assert store.sealed_through() is None
    todo = dashboard.todo(store, orgs.by_code(store, "DEMO-01").id, ctx.today(), [], [])
    receipts = [i for i in todo if i.kind == "回执"]
    assert receipts[0].text == "示范社区党委退回了 DEMO-01-2025Q2：支委会记录不全"
    assert receipts[1].target == ("meeting", meeting.id) and "缺少记录正文" in receipts[1].text

    form.receiptButton.click()                                  # the same receipt again
    assert "已导入过" in page.said[-1]


def test_review_dialog_needs_a_reason_to_return(qtbot, ctx, tmp_path):
    key = Ed25519PrivateKey.generate()
    bundle = build_bundle(ctx.store, "DEMO-01", "2025Q2", tmp_path / "q2.zip", key,
                          today=ctx.today()).path
    report = verify_bundle(bundle, registry_for("DEMO-01", key))
    dialog = ReviewDialog(None, report, "示范社区党委")
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.itemsTable.rowCount() == len(report.extract["meetings"]) + len(report.extract["findings"])
    assert "DEMO-01-2025Q2" in form.bundleLabel.text()
    form.returnRadio.setChecked(True)
    form.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "退回须写明审核意见" in form.errorLabel.text() and not dialog.result()
    form.commentEdit.setPlainText("党课次数不足")
    form.itemsTable.item(0, 1).setText("  请补充  ")
    form.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 1
    assert dialog.review() == Review("退回", "党课次数不足",
                                     {report.extract["meetings"][0]["ref"]: "请补充"}, "示范社区党委")


def test_the_meeting_editor_shows_the_upstream_comment(qtbot, ctx, tmp_path):
    from desktop_app.core.bundle import receipt
    from desktop_app.core.bundle.receipt_import import import_receipt, register_upstream_key
    from desktop_app.ui.meeting_editor import MeetingEditor
    store = ctx.store
    branch, office = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    bundle = build_bundle(store, "DEMO-01", "2025Q2", tmp_path / "q2.zip", branch, today=ctx.today())
    report = verify_bundle(bundle.path, registry_for("DEMO-01", branch))
    meeting = records.get(store, int(report.extract["meetings"][0]["ref"].split(":")[1]))
    register_upstream_key(store, office.public_key())
    import_receipt(store, receipt.write(report, "通过", "", {f"meeting:{meeting.id}": "记录规范"},
                                        "示范社区党委", office, tmp_path / "r.json", "2026-01-20"))
    editor = MeetingEditor(ctx, records.get(store, meeting.id))
    qtbot.addWidget(editor)
    label = editor.form.upstreamLabel
    assert not label.isHidden()
    assert label.text() == ("上级审核意见：\n• 示范社区党委（2026-01-20，通过 DEMO-01-2025Q2）：记录规范")
    other = records.find(store, "2025-07-01", "2025-09-30")[0]
    second = MeetingEditor(ctx, records.get(store, other.id))
    qtbot.addWidget(second)
    assert second.form.upstreamLabel.isHidden()
