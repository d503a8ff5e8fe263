"""Run a core export on the worker where the core may refuse in words (a bundle, key or font
problem): the refusal is shown as it is worded, not as an internal error.

The worker's own `describe_error` knows store and file errors; these refusals are ordinary
outcomes of the export and bundle cores, so they come back as a result and are shown here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.bundle import BundleError
from desktop_app.core.exports.fonts import FontMissingError
from desktop_app.ui.context import AppContext
from desktop_app.ui.worker import Job, Progress

REFUSALS = (BundleError, FontMissingError)


@dataclass(frozen=True)
class Refused:
    message: str


def run(ctx: AppContext, parent: QWidget, title: str, task: Callable[[Progress], Any],
        on_done: Callable[[Any], None], *, cancellable: bool = True) -> Job:
    """`ctx.worker.run` with the core's worded refusals shown in a warning box."""
    def guarded(progress: Progress):
        try:
            return task(progress)
        except REFUSALS as exc:
            return Refused(str(exc))

    def done(result) -> None:
        if isinstance(result, Refused):
            QMessageBox.warning(parent, f"{title}未完成", result.message)
        else:
            on_done(result)

    return ctx.worker.run(parent, title, guarded, done, cancellable=cancellable)
