"""Meetings GUI figures on the benchmark ledger (300 members, 10 years): opening the 三会一课 page,
switching year, a search typed in the box, opening a new 支部党员大会 editor for the largest branch,
全部出席 plus two exceptions and saving, and the 主题党日 page. Run by hand:
`python bench/bench_meetings_ui.py` (offscreen unless a display)."""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.ledger import CACHE, bench_ledger  # noqa: E402


def main() -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop_app.core import members, orgs
    from desktop_app.core.store import open_store
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.pages.activity_days_page import ActivityDaysPage
    from desktop_app.ui.pages.meetings_page import MeetingsPage
    from desktop_app.ui.worker import Worker

    app = QApplication.instance() or QApplication([])
    copy = CACHE / "meetings-ui.sqlite"
    shutil.copy(bench_ledger(), copy)
    store = open_store(copy, actor="bench")
    today = store.query_one("SELECT max(held_on) AS d FROM meetings WHERE status = '已召开'")["d"]
    ctx = AppContext(store, Worker(), today=lambda: today)
    figures: dict[str, float] = {}

    def timed(label: str, action, page=None):
        """Milliseconds until the action is done and, for the records page, its listing shown
        (counted on the worker while the window stays responsive)."""
        started = time.perf_counter()
        result = action()
        app.processEvents()
        while page is not None and page.listing:      # sleep in the event loop, not spin
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        figures[label] = (time.perf_counter() - started) * 1000
        return result

    page = _shown(MeetingsPage(ctx))
    timed("三会一课 page: first year listed", lambda: None, page)
    timed("previous year listed", lambda: page.form.yearCombo.setCurrentIndex(1), page)
    page.form.yearCombo.setCurrentIndex(0)
    timed("one month listed", lambda: page.form.periodCombo.setCurrentIndex(
        page.form.periodCombo.findText("3月")), page)
    page.form.searchEdit.setText("党章")
    page._search_timer.stop()
    timed("search '党章' listed", page.reload, page)
    page.form.searchEdit.clear()
    page._search_timer.stop()
    root = orgs.root(store)
    whole = timed("new editor, whole 党委 (应到 everyone)",
                  lambda: page.new_meeting("支部党员大会", org_id=root.id))
    figures["  (sheet rows)"] = whole.model.rowCount()
    timed("全部出席 on the whole sheet", whole.model.all_present)
    timed("save the whole sheet", whole.save)
    branches = [o for o in orgs.all_orgs(store) if o.kind == "党支部"]
    largest = max(branches, key=lambda o: len(members.expected_on(store, o.id, today)))
    page.form.orgCombo.setCurrentIndex(page.form.orgCombo.findData(largest.id))
    editor = timed("new 支部党员大会 editor", lambda: page.new_meeting("支部党员大会"))
    size = editor.model.rowCount()
    timed("全部出席 + 2 exceptions", lambda: (editor.model.all_present(),
                                           editor.model.set_status(1, "请假"),
                                           editor.model.update_row(1, leave_reason="出差"),
                                           editor.model.set_status(2, "缺席")))
    timed("save (record + sheet, one transaction)", editor.save)
    timed("主题党日 page built and shown", lambda: _shown(ActivityDaysPage(ctx)))
    print(f"ledger: {copy.name}, largest branch {largest.name}: {size} expected")
    for label, ms in figures.items():
        print(f"  {label:<40} {ms:8.1f}" + ("" if label.startswith(" ") else " ms"))
    store.close()


def _shown(widget):
    widget.resize(1100, 720)
    widget.show()
    return widget


if __name__ == "__main__":
    main()
