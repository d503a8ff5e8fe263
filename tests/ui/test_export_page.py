"""导出/报送 through the page: the 台账 and 花名册 written and readable, personal data as chosen; a key
made, a bundle exported for a finished quarter and the period sealed, then verified as trusted
through 上级核验; a wrong passphrase writes and seals nothing."""
import shutil
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from desktop_app.core import orgs
from desktop_app.core.bundle import history, keys, trust
from desktop_app.core.exports import book
from desktop_app.ui.pages.export_page import ExportPage
from desktop_app.ui.passphrase_dialog import PassphraseDialog

PASSPHRASE = "支部口令2025"


@pytest.fixture(autouse=True)
def registry_in_tmp(tmp_path, monkeypatch):
    """Never read or write the real user's registry of trusted keys."""
    path = tmp_path / "trusted-keys.json"
    monkeypatch.setattr(trust, "default_path", lambda: path)
    monkeypatch.setattr(history, "default_path", lambda: tmp_path / "upstream-history.sqlite")
    return path


class Dialogs:
    """Stands in for the static dialogs: records what was said, answers as told."""

    def __init__(self, monkeypatch):
        self.said: list[str] = []
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.Yes
        self.save_to: Path | None = None
        self.suggested: list[str] = []
        self.passphrases: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: self.said.append(text))
        monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: self.said.append(text))
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)
        monkeypatch.setattr(PassphraseDialog, "ask", self._passphrase)

    def _question(self, parent, title, text, *args):
        self.asked.append(text)
        return self.answer

    def _save(self, parent, title, start, filters=""):
        self.suggested.append(Path(start).name)
        return (str(self.save_to), "") if self.save_to else ("", "")

    def _passphrase(self, parent, message, confirm=False):
        return self.passphrases.pop(0) if self.passphrases else None


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


@pytest.fixture
def page(qtbot, ctx):
    widget = ExportPage(ctx)
    qtbot.addWidget(widget)
    return widget


def test_ledger_exported_through_the_page_masks_ids_unless_asked(qtbot, page, ctx, dialogs, tmp_path):
    form = page.form
    assert form.orgCombo.currentData() == orgs.by_code(ctx.store, "DEMO-01").id
    assert form.yearSpin.value() == 2025
    assert form.sensitiveWarning.isHidden()
    person = ctx.store.query_one("SELECT id_number, phone FROM members "
                                 "WHERE id_number IS NOT NULL ORDER BY id")

    dialogs.save_to = tmp_path / "台账.xlsx"
    form.ledgerButton.click()
    qtbot.waitUntil(lambda: "已导出" in form.yearResultLabel.text(), timeout=20000)
    assert dialogs.suggested[-1] == "第一党支部2025年工作台账.xlsx"
    book = openpyxl.load_workbook(dialogs.save_to)
    assert "三会一课台账" in book.sheetnames and book["三会一课台账"].max_row > 3
    cells = {str(c) for row in book["花名册"].iter_rows(values_only=True) for c in row if c}
    assert person["id_number"] not in cells
    assert "隐去部分数字" in form.yearResultLabel.text()

    form.sensitiveCheck.setChecked(True)
    assert not form.sensitiveWarning.isHidden()
    dialogs.save_to = tmp_path / "台账-完整.xlsx"
    form.ledgerButton.click()
    qtbot.waitUntil(lambda: "台账-完整" in form.yearResultLabel.text(), timeout=20000)
    book = openpyxl.load_workbook(dialogs.save_to)
    cells = {str(c) for row in book["花名册"].iter_rows(values_only=True) for c in row if c}
    full_ids = {m["id_number"] for m in ctx.store.query(
        "SELECT id_number FROM members WHERE id_number IS NOT NULL")} & cells
    assert full_ids                                        # full numbers are in, as asked
    assert "完整的身份证号和联系电话" in form.yearResultLabel.text()


def test_roster_written_and_book_suggests_a_chinese_name(qtbot, page, ctx, dialogs, tmp_path):
    form = page.form
    form.bookButton.click()                                    # cancelled: nothing runs
    assert dialogs.suggested == ["第一党支部2025年工作实录.pdf"]
    assert form.yearResultLabel.text() == ""

    dialogs.save_to = tmp_path / "花名册"                      # the extension is added
    form.rosterButton.click()
    qtbot.waitUntil(lambda: "已导出" in form.yearResultLabel.text(), timeout=20000)
    written = tmp_path / "花名册.xlsx"
    sheet = openpyxl.load_workbook(written)["花名册"]
    assert "截至 2025-12-31" in sheet["A1"].value
    count = int(sheet["A1"].value.split("共 ")[1].split(" 人")[0])
    assert count > 30 and f"在册党员 {count} 人" in form.yearResultLabel.text()


def _make_key(qtbot, page, dialogs) -> Path:
    folder = keys.key_folder(page.ctx.store.path)
    assert not page.form.initKeyButton.isHidden() and page.form.exportKeyButton.isHidden()
    dialogs.passphrases = [PASSPHRASE]
    page.form.initKeyButton.click()
    assert keys.has_key(folder)
    return folder


def _choose_period(page, data: str) -> None:
    form = page.form
    form.kindCombo.setCurrentText("季度")
    form.periodCombo.setCurrentIndex(form.periodCombo.findData(data))


def test_bundle_exported_sealed_and_verified_as_trusted(qtbot, page, ctx, dialogs, tmp_path, monkeypatch):
    form = page.form
    folder = _make_key(qtbot, page, dialogs)
    fingerprint = keys.fingerprint(keys.load_public(folder))
    assert form.fingerprintLabel.text() == fingerprint and not form.exportKeyButton.isHidden()
    assert fingerprint in dialogs.said[-1]

    dialogs.save_to = tmp_path / "公钥.pem"
    form.exportKeyButton.click()
    assert keys.fingerprint(keys.read_public_file(dialogs.save_to)) == fingerprint

    # The upstream office registers the key after comparing the fingerprint.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("DEMO-01", True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "公钥.pem"), ""))
    form.trustButton.click()
    assert fingerprint in dialogs.asked[-1]
    assert trust.load(trust.default_path())["DEMO-01"].fingerprint == fingerprint
    assert "DEMO-01" in form.trustLabel.text()

    assert form.periodCombo.itemData(0) == "2025Q3"            # Q4 ends today: not offered
    _choose_period(page, "2025Q2")
    form.branchCombo.setCurrentIndex(form.branchCombo.findData("DEMO-01"))
    dialogs.save_to = tmp_path / "实录包.zip"
    dialogs.passphrases = [PASSPHRASE]
    form.bundleButton.click()
    assert "2025-06-30" in dialogs.asked[-1] and "封存" in dialogs.asked[-1]   # warned first
    assert dialogs.suggested[-1] == "第一党支部2025年第2季度工作实录包.zip"
    qtbot.waitUntil(lambda: "已导出工作实录包" in form.bundleResultLabel.text(), timeout=30000)
    assert ctx.store.sealed_through() == "2025-06-30"
    assert form.periodCombo.currentText() == "2025年第2季度（已封存）"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(dialogs.save_to), ""))
    form.verifyButton.click()
    qtbot.waitUntil(lambda: page.checking.report is not None, timeout=20000)
    report = page.checking.report
    assert report.ok and report.org_code == "DEMO-01" and report.period == "2025Q2"
    shown = form.verifyView.toPlainText()
    assert "有效" in shown and fingerprint in shown and "第一党支部" in shown

    # A folder with the bundle and a broken one: summarised, then saved as xlsx.
    inbox = tmp_path / "收到的实录包"
    inbox.mkdir()
    shutil.copy(dialogs.save_to, inbox / "一支部.zip")
    (inbox / "坏包.zip").write_bytes(b"not a zip")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(inbox))
    form.aggregateButton.click()
    qtbot.waitUntil(lambda: form.summaryTable.rowCount() == 2, timeout=20000)
    verdicts = sorted(form.summaryTable.item(r, 3).text() for r in range(2))
    assert verdicts == ["无法读取", "有效"] and "无法读取 1" in form.verifyView.toPlainText()
    dialogs.save_to = tmp_path / "汇总.xlsx"
    form.saveSummaryButton.click()
    qtbot.waitUntil(lambda: "已保存汇总表" in form.verifyView.toPlainText(), timeout=20000)
    assert openpyxl.load_workbook(dialogs.save_to)["汇总"].max_row == 3


def test_bundle_with_the_book_ticked_carries_the_pdf_laid_out_off_the_gui_thread(
        qtbot, page, ctx, dialogs, tmp_path, monkeypatch):
    form = page.form
    _make_key(qtbot, page, dialogs)
    threads, steps, write_book = [], [], book.write_book

    def watched(*args, progress=None, **kwargs):
        threads.append(threading.current_thread())

        def told(done, total, text):
            steps.append(text)
            progress(done, total, text)
        return write_book(*args, progress=told, **kwargs)
    monkeypatch.setattr(book, "write_book", watched)
    _choose_period(page, "2025Q3")
    form.branchCombo.setCurrentIndex(form.branchCombo.findData("DEMO-01"))
    assert not form.bookCheck.isChecked()
    form.bookCheck.click()
    dialogs.save_to = tmp_path / "实录包.zip"
    dialogs.passphrases = [PASSPHRASE]
    told = len(dialogs.said)
    form.bundleButton.click()
    qtbot.waitUntil(lambda: "已导出工作实录包" in form.bundleResultLabel.text()
                    or len(dialogs.said) > told, timeout=180_000)      # seconds of layout
    assert dialogs.said[told:] == []
    assert threads and threads[0] is not threading.main_thread()
    assert "正在排版" in steps and steps[-1] == "已完成"
    with zipfile.ZipFile(dialogs.save_to) as archive:
        pdf = archive.read("DEMO-01-2025Q3/data/2025年度工作实录.pdf")
        readme = archive.read("DEMO-01-2025Q3/data/说明.txt").decode()
    assert pdf.startswith(b"%PDF") and "2025年度工作实录.pdf：含个人信息" in readme
    assert "含个人信息：data/2025年度工作实录.pdf" in form.bundleResultLabel.text()
    assert ctx.store.sealed_through() == "2025-09-30"


def test_wrong_passphrase_writes_and_seals_nothing(qtbot, page, ctx, dialogs, tmp_path):
    _make_key(qtbot, page, dialogs)
    _choose_period(page, "2025Q1")
    out = tmp_path / "out"
    out.mkdir()
    dialogs.save_to = out / "实录包.zip"
    dialogs.passphrases = ["不是这个口令"]
    page.form.bundleButton.click()
    assert "口令不对" in dialogs.said[-1] and "没有导出任何文件" in dialogs.said[-1]
    assert list(out.iterdir()) == []
    assert ctx.store.sealed_through() is None


def test_bundle_refused_for_an_unfinished_period_or_when_not_confirmed(qtbot, page, ctx, dialogs,
                                                                       tmp_path):
    _make_key(qtbot, page, dialogs)
    form = page.form
    form.periodCombo.setEditText("2025年第四季度")
    dialogs.save_to = tmp_path / "实录包.zip"
    form.bundleButton.click()
    assert "2025-12-31 才结束" in dialogs.said[-1] and dialogs.asked == []

    form.periodCombo.setEditText("2025H1")
    dialogs.answer = QMessageBox.StandardButton.No
    dialogs.passphrases = [PASSPHRASE]
    form.bundleButton.click()
    assert "2025-06-30" in dialogs.asked[-1]
    assert dialogs.passphrases == [PASSPHRASE]                 # not even asked
    assert not dialogs.save_to.exists() and ctx.store.sealed_through() is None


def test_passphrase_dialog_checks_both_entries(qtbot):
    dialog = PassphraseDialog(None, "设口令", confirm=True)
    qtbot.addWidget(dialog)
    form = dialog.form
    ok = form.buttonBox.button(form.buttonBox.StandardButton.Ok)
    form.passphraseEdit.setText("abc")
    form.confirmEdit.setText("abc")
    ok.click()
    assert "太短" in form.errorLabel.text() and dialog.result() != QDialog.DialogCode.Accepted
    form.passphraseEdit.setText("abcdef1")
    form.confirmEdit.setText("abcdef2")
    ok.click()
    assert "不一致" in form.errorLabel.text() and dialog.result() != QDialog.DialogCode.Accepted
    form.confirmEdit.setText("abcdef1")
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.passphrase() == "abcdef1"


def test_backup_button_opens_the_backup_dialog(qtbot, page):
    page.form.backupButton.click()
    dialog = page.backup_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "备份" in dialog.windowTitle()
    dialog.reject()


def test_a_ledger_without_a_file_offers_no_key_and_no_backup(qtbot, empty_ctx):
    page = ExportPage(empty_ctx)
    qtbot.addWidget(page)
    form = page.form
    assert "临时账本" in form.keyStatusLabel.text()
    assert form.initKeyButton.isHidden() and form.exportKeyButton.isHidden()
    assert not form.bundleButton.isEnabled() and not form.backupButton.isEnabled()
    assert form.branchCombo.count() == 0 and form.orgCombo.count() == 0
    assert not form.bookButton.isEnabled() and not form.ledgerButton.isEnabled()
