"""Ask where to save a printout, then write it on the worker (sign-in sheets, records, the plan);
once saved, offer 打开 and 打开所在文件夹 (`show_saved`).

The file name the secretary types keeps its extension if it has an allowed one; otherwise the
chosen filter's extension is added, so `签到表` becomes `签到表.pdf`.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.ui import file_dialogs
from desktop_app.ui.context import AppContext

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
# Filter text shown in the save dialog, by extension.
FILTERS = {".pdf": "PDF 文件 (*.pdf)", ".docx": "Word/WPS 文档 (*.docx)",
           ".xlsx": "Excel/WPS 表格 (*.xlsx)", ".json": "回执文件 (*.json)"}


def safe_name(text: str) -> str:
    return _UNSAFE.sub("_", text).strip("_") or "导出"


def ask_path(parent: QWidget, title: str, stem: str, suffixes: tuple[str, ...]) -> Path | None:
    """The target chosen in the save dialog, with an allowed extension; None when cancelled."""
    filters = ";;".join(FILTERS[s] for s in suffixes)
    path, used_filter = file_dialogs.save_file(parent, "export", title,
                                               f"{safe_name(stem)}{suffixes[0]}", filters)
    if path is None:
        return None
    if path.suffix.lower() in suffixes:
        return path
    wanted = next((s for s in suffixes if FILTERS[s] == used_filter), suffixes[0])
    return path.with_name(path.name + wanted)


def export(ctx: AppContext, parent: QWidget, title: str, stem: str, suffixes: tuple[str, ...],
           write: Callable[[Path], Path], on_saved: Callable[[Path], None]) -> Path | None:
    """Ask for a target and run `write(target)` on the worker; `on_saved(path)` when written."""
    target = ask_path(parent, title, stem, suffixes)
    if target is not None:
        ctx.worker.run(parent, f"正在{title}", lambda progress: write(target), on_saved)
    return target


def saved_html(path: Path, verb: str = "已保存", lines: tuple[str, ...] = ()) -> str:
    """"已保存：<file>　打开　打开所在文件夹", then the given lines (escaped)."""
    path = Path(path)
    file_url = QUrl.fromLocalFile(str(path)).toString()
    folder_url = QUrl.fromLocalFile(str(path.parent)).toString()
    body = "".join(f"<br>{html.escape(line)}" for line in lines)
    return (f"<b>{verb}：</b>{html.escape(str(path))}　<a href=\"{file_url}\">打开</a>　"
            f"<a href=\"{folder_url}\">打开所在文件夹</a>{body}")


def show_saved(label: QLabel, path: Path, verb: str = "已保存", lines: tuple[str, ...] = ()) -> None:
    """Say on `label` where the file went, with links that open it or its folder."""
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setOpenExternalLinks(False)
    if not label.property("opensSavedFiles"):
        label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        label.setProperty("opensSavedFiles", True)
    label.setText(saved_html(path, verb, lines))
