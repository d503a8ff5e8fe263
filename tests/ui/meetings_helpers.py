"""Driving the 三会一课 page and the meeting editor the way a secretary does."""
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.ui.attendance_grid import COLUMNS
from desktop_app.ui.pages.meetings_page import MeetingsPage

ABSENT_COLUMN = COLUMNS.index("缺席")


def make_page(qtbot, ctx) -> MeetingsPage:
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    wait_listed(qtbot, page)
    return page


def wait_listed(qtbot, page) -> None:
    """Listings are counted on the worker: wait until the table shows the latest one."""
    qtbot.waitUntil(lambda: not page.listing and not page._search_timer.isActive())


def new_from_menu(qtbot, page, kind: str):
    action = next(a for a in page.form.newButton.menu().actions() if a.text() == kind)
    action.trigger()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible())
    return page.editor


def click_cell(qtbot, table, index):
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_save(qtbot, editor):
    qtbot.mouseClick(editor.form.buttonBox.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def fill_branch_meeting(qtbot, editor, title: str, on: QDate, minutes: str = "") -> None:
    """Title, kind, date typed; 全部出席 clicked; the second member on the sheet marked 缺席."""
    form = editor.form
    form.kindCombo.setCurrentText("支部党员大会")
    form.dateEdit.setDate(on)
    form.titleEdit.clear()
    form.titleEdit.insert(title)       # Chinese arrives through the input method, not key codes
    if minutes:
        form.minutesEdit.setPlainText(minutes)
    form.tabs.setCurrentWidget(form.attendanceTab)
    qtbot.mouseClick(form.allPresentButton, Qt.MouseButton.LeftButton)
    click_cell(qtbot, form.attendanceTable, editor.model.index(1, ABSENT_COLUMN))
