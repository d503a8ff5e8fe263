from collections import Counter

from PySide6.QtCore import Qt

from desktop_app.core import orgs, periods
from desktop_app.core.rules.engine import check
from desktop_app.ui.meeting_editor import MeetingEditor
from desktop_app.ui.member_dialog import MemberDialog
from desktop_app.ui.pages.home_page import TARGET_ROLE, HomePage
from desktop_app.ui.record_dialog import RecordDialog
from tests.ui.conftest import TODAY


def _page(qtbot, ctx) -> HomePage:
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitUntil(lambda: page.board is not None, timeout=20000)
    return page


def _click(qtbot, widget, row: int) -> None:
    item = widget.item(row)
    widget.scrollToItem(item)
    rect = widget.visualItemRect(item)
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _links(browser) -> list[tuple[str, int]]:
    """Each link in a QTextBrowser: (href, a character position in the middle of its text)."""
    found, block = [], browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href and (not found or found[-1][0] != href or found[-1][2] != fragment.position()):
                found.append((href, fragment.position() + fragment.length() // 2,
                              fragment.position() + fragment.length()))
            it += 1
        block = block.next()
    return [(href, middle) for href, middle, _ in found]


def _click_link(qtbot, browser, position: int) -> None:
    """Click the link text at `position` as the user would (scrolled into view first)."""
    cursor = browser.textCursor()
    cursor.setPosition(position)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(cursor)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row(widget, prefix: str) -> int:
    return next(i for i in range(widget.count()) if widget.item(i).text().startswith(prefix))


def test_a_todo_line_opens_the_meeting_behind_it(qtbot, ctx):
    page = _page(qtbot, ctx)
    row = _row(page.form.todoList, "【传达】")
    kind, meeting_id = page.form.todoList.item(row).data(TARGET_ROLE)
    meeting = ctx.store.get("meetings", meeting_id)
    assert kind == "meeting" and meeting["title"] in page.form.todoList.item(row).text()
    _click(qtbot, page.form.todoList, row)
    dialog = page.opener.last
    qtbot.addWidget(dialog)
    assert isinstance(dialog, MeetingEditor) and dialog.isVisible()
    assert dialog.meeting.id == meeting_id
    assert dialog.form.titleEdit.text() == meeting["title"]


def test_a_political_birthday_opens_the_member(qtbot, ctx):
    page = _page(qtbot, ctx)
    row = _row(page.form.todoList, "【政治生日】")
    _, member_id = page.form.todoList.item(row).data(TARGET_ROLE)
    _click(qtbot, page.form.todoList, row)
    dialog = page.opener.last
    qtbot.addWidget(dialog)
    assert isinstance(dialog, MemberDialog)
    name = ctx.store.get("members", member_id)["name"]
    assert dialog.edit("name").text() == name and name in page.form.todoList.item(row).text()


def test_a_finding_opens_with_its_evidence_and_each_link_opens_the_record(qtbot, ctx):
    page = _page(qtbot, ctx)
    row = _row(page.form.findingsList, "✖ 逾期")
    finding = page.form.findingsList.item(row).data(TARGET_ROLE)[1]
    assert finding.title in page.form.findingsList.item(row).text()
    _click(qtbot, page.form.findingsList, row)
    dialog = page.opener.last
    qtbot.addWidget(dialog)
    assert isinstance(dialog, RecordDialog) and dialog.form.titleLabel.text() == finding.title
    assert finding.citation.split("：")[0] in dialog.form.body.toPlainText()
    links = _links(dialog.form.body)
    meetings = [h for h, _ in links if h.startswith("meeting:")]
    assert meetings == [f"meeting:{i}" for i in finding.meeting_ids]
    assert {h.partition(":")[0] for h, _ in links} == {"meeting", "member"}
    for href, position in links:
        _click_link(qtbot, dialog.form.body, position)
        opened = page.opener.last
        qtbot.addWidget(opened)
        kind, _, number = href.partition(":")
        if kind == "meeting":
            assert isinstance(opened, MeetingEditor) and opened.meeting.id == int(number)
            assert opened.form.titleEdit.text() == ctx.store.get("meetings", int(number))["title"]
        else:
            assert isinstance(opened, MemberDialog)
            assert opened.edit("name").text() == ctx.store.get("members", int(number))["name"]
        opened.close()


def test_summary_counts_are_the_engines(qtbot, ctx):
    page = _page(qtbot, ctx)
    root = orgs.root(ctx.store).id
    expected = Counter(f.status for f in check(ctx.store, root, periods.year(2025), today=TODAY))
    table = page.form.summaryTable
    year_row = 2
    for column in range(table.columnCount()):
        status = table.horizontalHeaderItem(column).text()
        assert table.item(year_row, column).text() == f"{expected[status]} 项"
    table.selectRow(0)
    assert page.scope == "本月" and page.form.scopeLabel.text().startswith("本月")


def test_chart_shows_required_and_held_per_month(qtbot, ctx):
    page = _page(qtbot, ctx)
    bars = page.chart.bars
    assert [b.month for b in bars] == list(range(1, 13))
    assert all(0 <= b.held <= b.required for b in bars)
    assert any(b.held < b.required for b in bars)      # the demo leaves gaps
    assert "2月 已开" in page.chart.accessibleDescription()


def test_shown_again_it_recomputes_only_after_a_change(qtbot, ctx):
    page = _page(qtbot, ctx)
    board = page.board
    page.refresh()
    ctx.worker.wait_idle()
    assert page.board is board                          # nothing changed: nothing recomputed
    member = ctx.store.query_one("SELECT id FROM members ORDER BY id LIMIT 1")
    ctx.store.update("members", member["id"], {"phone": "13900000000"})
    page.refresh()
    qtbot.waitUntil(lambda: page.board is not board, timeout=20000)


def test_the_figures_say_computing_quietly_and_a_failure_in_chinese(qtbot, ctx, monkeypatch):
    import sqlite3

    from desktop_app.core import dashboard
    from desktop_app.ui.pages.home_page import COMPUTING
    page = HomePage(ctx)
    qtbot.addWidget(page)
    assert page.todo_texts() == [COMPUTING]               # no progress dialog in front
    qtbot.waitUntil(lambda: page.board is not None, timeout=20000)
    assert COMPUTING not in page.todo_texts()

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(dashboard, "build", broken)
    page.form.refreshButton.click()
    qtbot.waitUntil(lambda: page.todo_texts()[0].startswith("首页未能汇总："), timeout=20000)
    assert "Traceback" not in page.todo_texts()[0] and page.form.scopeLabel.text() == "首页未能汇总"
