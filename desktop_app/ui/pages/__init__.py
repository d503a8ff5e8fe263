"""The sections of the main window, in rail order: (title, page).

A page is named as "module:factory" under `desktop_app.ui.pages` and imported on the first visit
to its section, so start-up pays only for the window (the roster alone pulls in pinyin tables and
openpyxl). The factory takes the `AppContext` and returns the page widget. `None` means the page is
still being built and the window shows `BuildingPage` instead: to add a page, name it on its line.
A page may define `refresh()`: the window calls it each time the section is shown again.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop_app.ui.context import AppContext

PageFactory = Callable[["AppContext"], QWidget]

PAGES: list[tuple[str, str | None]] = [
    ("首页", "home_page:HomePage"),
    ("花名册", "roster_page:RosterPage"),
    ("组织与班子", "org_page:OrgPage"),
    ("三会一课", "meetings_page:MeetingsPage"),
    ("主题党日", "activity_days_page:ActivityDaysPage"),
    ("学时", "study_page:StudyPage"),
    ("党费", "dues_page:DuesPage"),
    ("体检", "check_page:CheckPage"),
    ("先锋指数", "pioneer_page:PioneerPage"),
    ("党务公开", "disclosure_page:DisclosurePage"),
    ("导出/报送", "export_page:ExportPage"),
]


def load_factory(ref: str) -> PageFactory:
    """"roster_page:RosterPage" → the RosterPage class from desktop_app.ui.pages.roster_page."""
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
