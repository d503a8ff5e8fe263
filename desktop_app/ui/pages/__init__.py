"""The sections of the main window, in rail order: (title, factory).

A factory takes the `AppContext` and returns the page widget; `None` means the page is still being
built and the window shows `BuildingPage` instead. To add a page, put its factory on its line.
A page may define `refresh()`: the window calls it each time the section is shown.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.ui.context import AppContext
from desktop_app.ui.pages.activity_days_page import ActivityDaysPage
from desktop_app.ui.pages.meetings_page import MeetingsPage
from desktop_app.ui.pages.roster_page import RosterPage

PageFactory = Callable[[AppContext], QWidget]

PAGES: list[tuple[str, PageFactory | None]] = [
    ("首页", None),
    ("花名册", RosterPage),
    ("三会一课", MeetingsPage),
    ("主题党日", ActivityDaysPage),
    ("体检", None),
    ("先锋指数", None),
    ("党务公开", None),
    ("导出/报送", None),
]
