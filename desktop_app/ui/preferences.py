"""This PC's preferences (not the ledger's): each declared once with its default and type.

They live in QSettings (an .ini under the user's config folder), so two secretaries sharing a
ledger on a stick keep their own 字号 and window size on their own PCs.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings

# 字号 → the application's base point size. 标准 is what Qt would pick on a 1366×768 office PC.
FONT_SIZES = {"标准": 10.5, "大": 12.5, "特大": 15.0}


class Preference(NamedTuple):     # not a dataclass: read before the window shows, kept light
    key: str
    default: Any
    type: type


FONT_SIZE = Preference("ui/font_size", "标准", str)
WINDOW_GEOMETRY = Preference("ui/main_window_geometry", QByteArray(), QByteArray)
# "upstream": this PC is the upstream office's; an empty ledger opens the upstream workstation.
START_MODE = Preference("ui/start_mode", "", str)
UPSTREAM = "upstream"
REVIEWER = Preference("upstream/reviewer", "", str)     # the 审核单位 last written on a 回执


def folder_for(kind: str) -> Preference:
    """The last folder used for one kind of file ("roster", "bundle", "backup", "pdf" …)."""
    return Preference(f"folders/{kind}", "", str)


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Shilu", "Shilu")


def get(pref: Preference):
    value = _settings().value(pref.key, pref.default)
    try:
        return pref.type(value) if value is not None else pref.default
    except (TypeError, ValueError):
        return pref.default   # a hand-edited .ini never stops the app


def put(pref: Preference, value) -> None:
    settings = _settings()
    settings.setValue(pref.key, value)
    settings.sync()
