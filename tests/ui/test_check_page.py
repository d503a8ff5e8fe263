from PySide6.QtCore import Qt

from desktop_app.core import orgs, periods
from desktop_app.core.rules.engine import check
from desktop_app.ui.pages.check_page import CheckPage
from desktop_app.ui.record_dialog import RecordDialog
from tests.ui.conftest import TODAY


def _page(qtbot, ctx) -> CheckPage:
    page = CheckPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitUntil(lambda: page.period is not None, timeout=20000)
    return page


def _rerun(qtbot, page, change) -> None:
    before = page.period
    change()
    qtbot.waitUntil(lambda: page.period is not before, timeout=20000)


def test_the_list_is_the_engines_output_for_the_chosen_period(qtbot, ctx):
    page = _page(qtbot, ctx)
    _rerun(qtbot, page, lambda: page.form.kindCombo.setCurrentText("季度"))
    _rerun(qtbot, page, lambda: page.form.partCombo.setCurrentIndex(2))
    assert page.period == periods.quarter(2025, 3)
    root = orgs.root(ctx.store).id
    expected = check(ctx.store, root, periods.quarter(2025, 3), today=TODAY)
    shown = page.shown_findings()
    assert sorted(shown, key=repr) == sorted(expected, key=repr)
    assert "2025年第3季度" in page.form.countLabel.text()
    branch = orgs.find_by_name(ctx.store, "第二党支部")
    _rerun(qtbot, page, lambda: page.form.orgCombo.setCurrentIndex(page.form.orgCombo.findData(branch.id)))
    assert {f.org_id for f in page.shown_findings()} == {branch.id}


def test_status_filter_and_enter_opens_the_finding_with_its_source(qtbot, ctx):
    page = _page(qtbot, ctx)
    page.form.statusCombo.setCurrentText("逾期")
    shown = page.shown_findings()
    assert shown and all(f.status == "逾期" for f in shown)
    assert len(shown) == sum(1 for f in page.findings if f.status == "逾期")
    page.form.table.setFocus()
    page.form.table.selectRow(0)
    assert shown[0].citation.split("：")[0] in page.form.detail.toPlainText()
    qtbot.keyClick(page.form.table, Qt.Key.Key_Return)
    dialog = page.opener.last
    qtbot.addWidget(dialog)
    assert isinstance(dialog, RecordDialog) and dialog.form.titleLabel.text() == shown[0].title


def _click(qtbot, widget, row: int) -> None:
    item = widget.item(row)
    widget.scrollToItem(item)
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=widget.visualItemRect(item).center())
    assert widget.currentRow() == row


def test_warning_candidates_are_listed_and_open_the_member(qtbot, ctx):
    store = ctx.store
    branch = orgs.find_by_name(store, "第一党支部")
    # The 书记 (a 56-学时 quota) skips every 支委会/党员大会/党小组会/党课 of 2025 without leave.
    member_id = orgs.holders(store, branch.id, "书记", "2025-06-30")[0]
    with store.transaction():
        for row in store.query("SELECT a.id FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
                               "WHERE a.member_id = ? AND m.held_on LIKE '2025%' AND m.kind != '主题党日'",
                               [member_id]):
            store.update("attendance", row["id"], {"status": "缺席"})
    page = _page(qtbot, ctx)
    listing = page.form.attentionList
    name = store.get("members", member_id)["name"]
    rows = [i for i in range(listing.count()) if name in listing.item(i).text()]
    labels = {listing.item(i).text().split("】")[0] + "】" for i in rows}
    # On 31 December the year is still open: the engine warns (缺席偏多) rather than flags; the
    # 书记's 56 学时 (55条 #26) may be short too, depending on the 主题党日 the demo gave him.
    assert "【缺席偏多】" in labels and labels <= {"【缺席偏多】", "【学时未满】"}
    _click(qtbot, listing, rows[0])
    qtbot.keyClick(listing, Qt.Key.Key_Return)          # what the secretary presses on the line
    dialog = page.opener.last
    qtbot.addWidget(dialog)
    assert dialog.edit("name").text() == name


def test_the_check_says_computing_quietly_and_a_failure_in_chinese(qtbot, ctx, monkeypatch):
    import sqlite3

    from desktop_app.ui.pages import check_page
    page = CheckPage(ctx)
    qtbot.addWidget(page)
    assert page.form.countLabel.text() == "正在计算……"     # no progress dialog in front
    qtbot.waitUntil(lambda: page.period is not None, timeout=20000)
    assert "共" in page.form.countLabel.text()

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(check_page, "check", broken)
    page.form.runButton.click()
    qtbot.waitUntil(lambda: page.form.countLabel.text() == "体检未能完成", timeout=20000)
    said = page.form.detail.toPlainText()
    assert said.startswith("体检未能完成：") and "磁盘" in said
    assert "Traceback" not in said
