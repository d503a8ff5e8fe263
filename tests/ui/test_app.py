import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop_app.core import orgs
from desktop_app.ui import opening
from desktop_app.ui.app import apply_cjk_font, run_gui
from desktop_app.ui.damaged_ledger_dialog import DamagedLedgerDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.opening import Launcher
from desktop_app.ui.pages.home_page import COMPUTING, HomePage


def test_demo_ledger_is_generated_off_the_gui_thread_then_shown(qtbot, empty_ctx, monkeypatch):
    monkeypatch.setattr(opening, "DEMO_SIZE", {"members": 12, "years": 1, "seed": 3})
    launcher = Launcher(empty_ctx, demo=True)
    with qtbot.waitSignal(launcher.window_shown, timeout=30000) as shown:
        launcher.start()
        assert launcher.window is None           # the GUI thread is free while the demo is made
    window = shown.args[0]
    qtbot.addWidget(window)
    assert window.windowTitle() == orgs.root(empty_ctx.store).name   # Qt adds 工作实录
    assert empty_ctx.store.query_one("SELECT count(*) AS n FROM members")["n"] == 12


def test_a_ledger_without_organisation_starts_with_the_wizard(qtbot, empty_ctx):
    launcher = Launcher(empty_ctx, demo=False)
    launcher.start()
    qtbot.addWidget(launcher.wizard)
    assert launcher.wizard.isVisible() and launcher.window is None
    with qtbot.waitSignal(launcher.gave_up) as gave_up:
        launcher.wizard.reject()
    assert gave_up.args == [0]


def test_an_existing_ledger_opens_straight_into_the_window(qtbot, ctx):
    launcher = Launcher(ctx, demo=True)
    launcher.start()
    qtbot.addWidget(launcher.window)
    assert launcher.window.isVisible()
    assert ctx.store.query_one("SELECT count(*) AS n FROM members")["n"] == 40  # not regenerated


def test_cjk_font_comes_first(qapp):
    before = QApplication.font()
    try:
        assert apply_cjk_font(qapp, "linux") == "WenQuanYi Micro Hei"
        assert QApplication.font().families()[0] == "WenQuanYi Micro Hei"
        assert apply_cjk_font(qapp, "sunos") is None
    finally:
        QApplication.setFont(before)


def test_a_ledger_open_elsewhere_is_refused_with_the_holder_named(qapp, tmp_path, monkeypatch):
    from desktop_app.core.instance_lock import InstanceLock

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    ledger = tmp_path / "ledger.sqlite"
    with InstanceLock(ledger, user="张三"):
        assert run_gui(ledger, demo=False) == 2
    assert "正在使用" in shown[0] and "张三" in shown[0]
    assert not ledger.exists()     # refused before the file was even created


def test_an_unexpected_error_in_a_slot_is_shown_in_chinese(qapp, monkeypatch):
    from desktop_app.core.store import StoreError
    from desktop_app.ui.app import report_unexpected

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    for exc in (StoreError("找不到记录：members 第 9 条"), KeyError("x")):
        try:
            raise exc
        except Exception as caught:
            report_unexpected(type(caught), caught, caught.__traceback__)
    assert shown[0] == "找不到记录：members 第 9 条"
    assert "程序内部错误（KeyError）" in shown[1] and "Traceback" not in shown[1]


@pytest.fixture
def no_surprises(monkeypatch):
    """run_gui shows an unexpected error in a message box (sys.excepthook): here it is recorded
    and fails the test instead of waiting offscreen for a click."""
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    yield
    assert said == []


def _probe(check) -> QTimer:
    """Call `check()` on every turn of the event loop run_gui starts, until it returns True."""
    timer = QTimer()
    timer.timeout.connect(lambda: check() and timer.stop())
    timer.start(1)
    return timer


def test_the_window_shows_first_and_the_ledger_opens_in_it(qapp, demo_store, monkeypatch,
                                                           no_surprises):
    db = Path(demo_store.path)
    demo_store.close()
    monkeypatch.setattr(opening, "_start_backups", lambda running, ctx, window: None)
    seen = {}

    def first_turn():          # queued before run_gui: the loop's first turn, the check not in
        window = next(w for w in qapp.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())
        seen.update(window=window, ctx=window.ctx,
                    page=window.form.stack.currentWidget().findChild(QLabel).text())

    def filled() -> bool:
        home = seen["window"].findChild(HomePage)
        if home is None or home.board is None:
            return False
        seen["todo"] = home.todo_texts()
        seen["title"] = seen["window"].windowTitle()
        seen["window"].close()
        return True

    QTimer.singleShot(0, first_turn)
    timer = _probe(lambda: "window" in seen and filled())
    assert run_gui(db, demo=False) == 0
    timer.stop()
    assert seen["ctx"] is None and seen["page"] == "正在打开账本……"
    assert seen["title"] == "示范社区党委" and seen["todo"] and COMPUTING not in seen["todo"]


def test_a_damaged_ledger_at_start_is_offered_a_backup_over_the_shown_window(qapp, tmp_path,
                                                                             no_surprises):
    db = tmp_path / "ledger.sqlite"
    db.write_bytes(os.urandom(20000))
    seen = {}

    def dialog_up() -> bool:
        dialogs = [w for w in qapp.topLevelWidgets()
                   if isinstance(w, DamagedLedgerDialog) and w.isVisible()]
        if dialogs:
            seen.update(text=dialogs[0].text(), over=dialogs[0].parentWidget())
            dialogs[0].form.quitButton.click()
        return bool(dialogs)

    timer = _probe(dialog_up)
    assert run_gui(db, demo=False) == 2
    timer.stop()
    assert "不是账本文件" in seen["text"] and isinstance(seen["over"], MainWindow)
    assert not seen["over"].isVisible()
    assert len(db.read_bytes()) == 20000            # left as it was, never opened


def test_a_check_that_fails_is_said_in_chinese_and_nothing_opens(qapp, tmp_path, monkeypatch,
                                                                 no_surprises):
    from desktop_app.core import integrity
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))

    def refused(path, thorough):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(integrity, "check_file", refused)
    db = tmp_path / "ledger.sqlite"
    assert run_gui(db, demo=False) == 2
    assert shown and "读写文件失败" in shown[0] and "Traceback" not in shown[0]
    assert not db.exists()
