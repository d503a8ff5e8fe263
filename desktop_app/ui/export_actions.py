"""Ask where to save a printout, then write it on the worker (sign-in sheets, records, the plan).

The file name the secretary types keeps its extension if it has an allowed one; otherwise the
chosen filter's extension is added, so `签到表` becomes `签到表.pdf`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.ui import file_dialogs
from desktop_app.ui.context import AppContext

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
# Filter text shown in the save dialog, by extension.
FILTERS = {".pdf": "PDF 文件 (*.pdf)", ".docx": "Word/WPS 文档 (*.docx)",
           ".xlsx": "Excel/WPS 表格 (*.xlsx)"}


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
