from PySide6.QtWidgets import QApplication

from desktop_app.core import orgs
from desktop_app.ui import app as app_module
from desktop_app.ui.app import Launcher, apply_cjk_font


def test_demo_ledger_is_generated_off_the_gui_thread_then_shown(qtbot, empty_ctx, monkeypatch):
    monkeypatch.setattr(app_module, "DEMO_SIZE", {"members": 12, "years": 1, "seed": 3})
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
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.instance_lock import InstanceLock
    from desktop_app.ui.app import run_gui

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    ledger = tmp_path / "ledger.sqlite"
    with InstanceLock(ledger, user="张三"):
        assert run_gui(ledger, demo=False) == 2
    assert "正在使用" in shown[0] and "张三" in shown[0]
    assert not ledger.exists()     # refused before the file was even created


def test_an_unexpected_error_in_a_slot_is_shown_in_chinese(qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

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
