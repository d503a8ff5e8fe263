"""The upstream workstation as the office uses it: from an empty ledger and an empty data dir the
first-run wizard offers 我是上级党组织; the workstation opens a folder of three bundles (two
branches, two quarters), shows each verdict in its own word, warns about a key registered for two
branches, shows the selected branch's trend, writes a 退回 回执 through the real review dialog and
saves the summary workbook."""
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QDialogButtonBox, QFileDialog, QInputDialog,
                               QMessageBox)

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.bundle import keys, receipt
from desktop_app.ui import preferences
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.opening import Launcher
from desktop_app.ui.passphrase_dialog import PassphraseDialog
from desktop_app.ui.review_dialog import ReviewDialog
from desktop_app.ui.workstation.window import WorkstationWindow
from tests.core.trend_helpers import figures, make_inbox

PASSPHRASE = "上级口令2026"


@pytest.fixture(scope="module")
def inbox(demo_template, tmp_path_factory):
    return make_inbox(demo_template, tmp_path_factory.mktemp("workstation"))


@pytest.fixture
def office(qtbot, empty_ctx, tmp_path, monkeypatch):
    """The workstation reached from the first-run wizard, with the statics patched."""
    (tmp_path / "data").mkdir()                 # as paths.data_dir makes it: empty
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(PassphraseDialog, "ask", lambda *a, **k: PASSPHRASE)
    launcher = Launcher(empty_ctx, demo=False)
    launcher.start()
    qtbot.addWidget(launcher.wizard)
    launcher.wizard.org_page.form.upstreamButton.click()
    window = launcher.workstation
    qtbot.addWidget(window)
    assert window.isVisible() and not launcher.wizard.isVisible() and launcher.window is None
    assert preferences.get(preferences.START_MODE) == preferences.UPSTREAM
    window.said = said
    return window


def _register(window, monkeypatch, tmp_path, code, key):
    pem = tmp_path / f"{code}.pem"
    pem.write_bytes(keys.public_pem(key.public_key()))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (code, True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pem), ""))
    window.form.trustButton.click()


def _open(qtbot, window, monkeypatch, folder):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    before = window.checked
    window.form.openButton.click()
    qtbot.waitUntil(lambda: window.checked is not before, timeout=30000)


def _column(window, column, role=Qt.ItemDataRole.DisplayRole):
    model = window.form.verdictTable.model()
    return [model.index(r, column).data(role) for r in range(model.rowCount())]


def test_the_office_opens_a_stick_sees_the_trend_and_returns_a_bundle(
        qtbot, office, inbox, tmp_path, monkeypatch):
    form = office.form
    assert "还没有登记任何支部的公钥" in form.keysLabel.text()
    assert not form.summaryButton.isEnabled() and not form.reviewButton.isEnabled()

    _register(office, monkeypatch, tmp_path, "DEMO-01", inbox.one)
    _open(qtbot, office, monkeypatch, inbox.folder)
    assert _column(office, 0) == ["DEMO-01", "DEMO-01", "DEMO-02"]
    assert _column(office, 2) == ["2025年第2季度", "2025年第3季度", "2025年第3季度"]
    assert _column(office, 3) == ["有效", "有效", "完整但签名人未登记"]
    colours = _column(office, 3, Qt.ItemDataRole.ForegroundRole)
    assert [c.name() for c in colours] == ["#1a7f37", "#1a7f37", "#9a6700"]
    assert "不能确认是谁发的" in _column(office, 3, Qt.ItemDataRole.ToolTipRole)[2]
    assert "共 3 个实录包，有效 2，完整但签名人未登记 1" in form.resultLabel.text()
    form.verdictTable.selectRow(2)
    assert not form.reviewButton.isEnabled()
    assert "还没有有效的实录包" in form.trendLabel.text()

    # DEMO-02 registered, and by mistake its key for DEMO-03 too: the window warns
    _register(office, monkeypatch, tmp_path, "DEMO-02", inbox.two)
    _register(office, monkeypatch, tmp_path, "DEMO-03", inbox.two)
    assert "警告" in form.keysLabel.text() and "登记给了 DEMO-02、DEMO-03" in form.keysLabel.text()
    _open(qtbot, office, monkeypatch, inbox.folder)
    assert _column(office, 3) == ["有效", "有效", "有效"]
    for row, name in enumerate(("DEMO-01-2025Q2", "DEMO-01-2025Q3", "DEMO-02-2025Q3")):
        held, required, unmet, members = figures(inbox.folder / f"{name}.zip")
        assert [_column(office, c)[row] for c in (4, 5, 6)] == [f"{held}/{required}", str(unmet),
                                                                str(members)]

    form.verdictTable.selectRow(1)                                   # DEMO-01: two quarters
    assert "第一党支部（DEMO-01）" in form.trendLabel.text() and "2 个期间" in form.trendLabel.text()
    q2, q3 = (figures(inbox.folder / f"DEMO-01-2025Q{n}.zip") for n in (2, 3))
    meetings, unmet, members = office.charts
    assert meetings.figures() == [f"2025年第2季度 {q2[0]}/{q2[1]}", f"2025年第3季度 {q3[0]}/{q3[1]}"]
    assert unmet.figures() == [f"2025年第2季度 {q2[2]}", f"2025年第3季度 {q3[2]}"]
    assert members.figures() == [f"2025年第2季度 {q2[3]}", f"2025年第3季度 {q3[3]}"]
    form.verdictTable.selectRow(2)                                   # DEMO-02: one quarter
    assert len(meetings.figures()) == 1

    # 审核: no key yet → said so; make one (and save its public key for the branches)
    form.reviewButton.click()
    assert "本机还没有签名密钥" in office.said[-1]
    office_pem = tmp_path / "上级公钥.pem"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(office_pem), ""))
    form.keyButton.click()
    office_public = keys.read_public_file(office_pem)
    assert keys.fingerprint(office_public) in form.resultLabel.text()

    def fill_in(dialog):
        """The office's hand on the real dialog: 退回 without a reason first, then with one."""
        dialog.form.returnRadio.setChecked(True)
        ok = dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.click()
        assert dialog.form.errorLabel.text() == "退回须写明审核意见（退回原因）。"
        dialog.form.commentEdit.setPlainText("第三季度党课记录不全")
        dialog.form.itemsTable.item(0, 1).setText("请补充会议记录正文")
        dialog.form.reviewerEdit.setText("示范街道党工委")
        ok.click()
        return dialog.result()
    monkeypatch.setattr(ReviewDialog, "exec", fill_in)
    answer = tmp_path / "回执.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(answer), ""))
    form.reviewButton.click()
    qtbot.waitUntil(lambda: "已签发回执（退回）" in form.resultLabel.text(), timeout=20000)
    signed = receipt.read(answer, office_public)
    assert signed.decision == "退回" and signed.body["comment"] == "第三季度党课记录不全"
    assert signed.body["bundle"]["identifier"] == "DEMO-02-2025Q3"
    assert signed.body["reviewer"] == "示范街道党工委"
    assert [i["comment"] for i in signed.body["items"]] == ["请补充会议记录正文"]
    assert preferences.get(preferences.REVIEWER) == "示范街道党工委"

    workbook = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(workbook), ""))
    form.summaryButton.click()
    qtbot.waitUntil(lambda: "已保存汇总表" in form.resultLabel.text(), timeout=20000)
    rows = list(load_workbook(workbook)["汇总"].iter_rows(values_only=True))
    assert [r[3] for r in rows[1:]] == ["有效", "有效", "有效"]
    assert office.said == ["本机还没有签名密钥：先点“本机签名密钥…”生成，并把公钥交给各支部登记，支部才能核对回执。"]


def test_an_upstream_pc_starts_in_the_workstation_until_it_chooses_a_ledger(
        qtbot, empty_ctx, tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()                 # as paths.data_dir makes it: empty
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    preferences.put(preferences.START_MODE, preferences.UPSTREAM)
    shell = MainWindow()                        # start-up shows the branch window first
    qtbot.addWidget(shell)
    shell.show()
    launcher = Launcher(empty_ctx, demo=False, shell=shell)
    launcher.start()
    qtbot.addWidget(launcher.workstation)
    assert launcher.workstation.isVisible() and launcher.window is None
    assert not shell.isVisible()                # not an empty branch window behind it
    launcher.workstation.form.ledgerButton.click()
    qtbot.addWidget(launcher.wizard)
    assert launcher.wizard.isVisible() and not launcher.workstation.isVisible()
    assert preferences.get(preferences.START_MODE) == ""


def test_shilu_upstream_opens_the_workstation_and_no_ledger(qtbot, tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    shown = []

    def run_loop(*args):
        shown.extend(w for w in QApplication.topLevelWidgets()
                     if isinstance(w, WorkstationWindow) and w.isVisible())
        return 0
    monkeypatch.setattr(QApplication, "exec", run_loop)
    assert main(["--db", str(tmp_path / "ledger.sqlite"), "upstream"]) == 0
    assert len(shown) == 1 and shown[0].form.openButton.isEnabled()
    assert not shown[0].form.ledgerButton.isVisible()        # nothing to switch from
    shown[0].close()
    assert not (tmp_path / "ledger.sqlite").exists()
