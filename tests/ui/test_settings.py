"""设置: the 字号 changes the whole window at once and is remembered; the window keeps its place."""
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.ui import font_size, preferences
from desktop_app.ui.main_window import MainWindow


def open_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_sized()
    qtbot.waitExposed(window)
    return window


def test_font_size_setting_changes_the_main_window_font_and_is_remembered(qtbot, ctx):
    font_size.apply(QApplication.instance(), "标准")
    window = open_window(qtbot, ctx)
    assert window.font().pointSizeF() == 10.5
    rail_before = window.form.rail.font().pointSizeF()
    qtbot.mouseClick(window.form.settingsButton, Qt.MouseButton.LeftButton)
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    dialog.form.fontSizeCombo.setCurrentText("特大")
    qtbot.waitUntil(lambda: window.font().pointSizeF() == 15.0)
    assert window.form.rail.font().pointSizeF() > rail_before
    page = window.select_section("花名册")
    assert page.font().pointSizeF() == 15.0
    assert preferences.get(preferences.FONT_SIZE) == "特大"
    # The next start applies the remembered choice.
    QApplication.setFont(QApplication.font().__class__("Sans", 9))
    assert font_size.apply(QApplication.instance()) == "特大"
    assert QApplication.font().pointSizeF() == 15.0


def test_an_unknown_saved_size_falls_back_to_standard(qtbot):
    preferences.put(preferences.FONT_SIZE, "巨大")
    assert font_size.apply(QApplication.instance()) == "标准"


def test_window_reopens_where_it_was_left(qtbot, ctx):
    window = open_window(qtbot, ctx)
    assert window.isMaximized()   # the offscreen screen is small: first start fills it
    window.showNormal()
    window.setGeometry(QRect(40, 50, 700, 700))
    window.close()
    again = open_window(qtbot, ctx)
    assert not again.isMaximized()
    assert (again.width(), again.height()) == (700, 700)
