"""Every file dialog of the app: it starts in the last folder used for that kind of file, and for
bundles and backups it lists USB sticks first.

Kinds: "export" (PDF/Word/Excel printouts), "bundle", "key", "backup", "roster", "study",
"attachment". The folder is remembered per kind on this PC (preferences.folder_for).
Qt's static dialogs are used (native on Windows, Qt's own elsewhere); while one is open, a
short-lived event filter puts the removable drives at the top of the non-native dialog's sidebar.
"""
from __future__ import annotations

import ctypes
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStorageInfo, QUrl
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from desktop_app.ui import preferences

# Kinds that usually travel on a USB stick.
REMOVABLE_FIRST = {"bundle", "backup", "key"}
# Where Linux desktops mount removable media (udisks: /media/<user>/<label>, /run/media/<user>/…).
LINUX_MEDIA = ("/media/", "/run/media/")
DRIVE_REMOVABLE = 2   # GetDriveTypeW


def is_removable(root: str) -> bool:
    """Whether a mounted volume's root is a removable drive (USB stick, card)."""
    if sys.platform == "win32":
        return ctypes.windll.kernel32.GetDriveTypeW(root) == DRIVE_REMOVABLE
    if sys.platform == "darwin":
        return root.startswith("/Volumes/")
    return root.startswith(LINUX_MEDIA)


def removable_drives() -> list[Path]:
    """Mounted, ready removable drives, in mount order."""
    return [Path(v.rootPath()) for v in QStorageInfo.mountedVolumes()
            if v.isValid() and v.isReady() and is_removable(v.rootPath())]


def start_folder(kind: str) -> Path:
    """The last folder used for `kind` if it still exists; else a USB stick for bundles and
    backups; else the home folder."""
    last = preferences.get(preferences.folder_for(kind))
    if last and Path(last).is_dir():
        return Path(last)
    drives = removable_drives() if kind in REMOVABLE_FIRST else []
    return drives[0] if drives else Path.home()


def sidebar(kind: str) -> list[QUrl]:
    """Removable drives first (bundles, backups), then the last folder, home and the desktop."""
    places = [*(removable_drives() if kind in REMOVABLE_FIRST else []), start_folder(kind),
              Path.home(), Path.home() / "Desktop"]
    seen, urls = set(), []
    for place in places:
        if place.is_dir() and place not in seen:
            seen.add(place)
            urls.append(QUrl.fromLocalFile(str(place)))
    return urls


class _Sidebar(QObject):
    """Sets the sidebar of the file dialog that shows while it is installed."""

    def __init__(self, urls: list[QUrl]):
        super().__init__()
        self.urls = urls

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog):
            watched.setSidebarUrls(self.urls)
        return False


def _run(kind: str, call):
    app = QApplication.instance()
    hook = _Sidebar(sidebar(kind))
    app.installEventFilter(hook)
    try:
        return call()
    finally:
        app.removeEventFilter(hook)


def _remember(kind: str, folder: Path) -> None:
    preferences.put(preferences.folder_for(kind), str(folder))


def save_file(parent: QWidget, kind: str, title: str, name: str, filters: str) -> tuple[Path | None, str]:
    """Ask where to save `name`; (path or None when cancelled, the filter chosen)."""
    start = str(start_folder(kind) / name)
    chosen, used = _run(kind, lambda: QFileDialog.getSaveFileName(parent, title, start, filters))
    if not chosen:
        return None, used
    _remember(kind, Path(chosen).parent)
    return Path(chosen), used


def open_file(parent: QWidget, kind: str, title: str, filters: str) -> Path | None:
    start = str(start_folder(kind))
    chosen, _ = _run(kind, lambda: QFileDialog.getOpenFileName(parent, title, start, filters))
    if not chosen:
        return None
    _remember(kind, Path(chosen).parent)
    return Path(chosen)


def open_files(parent: QWidget, kind: str, title: str, filters: str) -> list[Path]:
    start = str(start_folder(kind))
    chosen, _ = _run(kind, lambda: QFileDialog.getOpenFileNames(parent, title, start, filters))
    if chosen:
        _remember(kind, Path(chosen[0]).parent)
    return [Path(name) for name in chosen]


def choose_folder(parent: QWidget, kind: str, title: str) -> Path | None:
    start = str(start_folder(kind))
    chosen = _run(kind, lambda: QFileDialog.getExistingDirectory(parent, title, start))
    if not chosen:
        return None
    _remember(kind, Path(chosen))
    return Path(chosen)

