"""The 党费 page driven through its real widgets on an EMPTY ledger: bases typed into the table,
the opening "全部已交至 2025年12月" with one exception, January collected with 全部已交 and one
exception clicked, arrears, settlement inside the quarter's last month, and the PDFs. Screenshots
at 1366×768 go to /tmp/dues-shots/ to be looked at."""
from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from desktop_app.core import members, orgs
from desktop_app.core.dues import ledger
from desktop_app.core.members import Member
from desktop_app.ui.context import AppContext
from desktop_app.ui.pages.dues_page import DuesPage
from desktop_app.ui.worker import Worker

SHOTS = Path("/tmp/dues-shots")
NAMES = ("张一", "李二", "王三", "赵四")


def context(qtbot, store, today):
    return AppContext(store, Worker(), today=lambda: today)


@pytest.fixture
def page(qtbot, store):
    org = orgs.create(store, "ZB", "某社区第一党支部", "党支部", rule_profile="national-2018")
    for name in NAMES:
        members.add(store, Member(name=name, joined_on="2001-07-01"), org, since="2001-07-01")
    ctx = context(qtbot, store, "2026-01-20")
    widget = DuesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    yield widget
    ctx.worker.wait_idle()


def shot(widget, name):
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def row_of(table, name):
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)


def type_into(table, row, column, text):
    table.item(row, column).setText(text)


def click_cell(qtbot, view, row, column):
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def set_bases(page, incomes):
    page.form.tabs.setCurrentWidget(page.form.basesTab)
    table = page.form.basesTable
    for name, income in incomes.items():
        type_into(table, row_of(table, name), 2, income)
    assert page.setup.save_bases()


def test_a_first_month_on_the_dues_page(qtbot, page, monkeypatch, tmp_path):
    store, form = page.ctx.store, page.form
    assert form.tabs.count() == 5
    # Bases: incomes at the bracket edges (在职 3000 → 15.00, 5000.01 → 75.00), one fixed amount.
    set_bases(page, {"张一": "3000", "李二": "5000.01", "王三": "4,000"})
    table = form.basesTable
    type_into(table, row_of(table, "赵四"), 3, "25")
    form.saveBasesButton.click()
    monthly = {table.item(r, 0).text(): table.item(r, 4).text() for r in range(table.rowCount())}
    assert monthly == {"张一": "15.00", "李二": "75.00", "王三": "40.00", "赵四": "25.00"}
    assert table.item(row_of(table, "赵四"), 5).text() == "固定金额（未填收入）"
    shot(page, "1-bases")

    # Opening: all paid through December 2025, 王三 only through September.
    form.tabs.setCurrentWidget(form.openingTab)
    form.throughEdit.setDate(QDate(2025, 12, 1))
    type_into(form.openingTable, row_of(form.openingTable, "王三"), 1, "2025年9月")
    form.saveOpeningButton.click()
    assert "全部已交至 2025年12月，例外 1 人" in form.openingState.text()
    shot(page, "2-opening")

    # January: 全部已交, then click 李二's cell back to 未交, and save.
    form.tabs.setCurrentWidget(form.collectTab)
    assert form.monthCombo.currentData() == "2026-01"
    form.collectorEdit.setText("组织委员")
    form.paidOnEdit.setDate(QDate(2026, 1, 15))
    qtbot.mouseClick(form.allPaidButton, Qt.MouseButton.LeftButton)
    grid = page.grid
    names = [grid.index(r, 0).data() for r in range(grid.rowCount())]
    click_cell(qtbot, form.gridView, names.index("李二"), 1)
    assert grid.index(names.index("李二"), 1).data() == ""
    assert grid.index(names.index("张一"), 1).data() == "待交"
    assert "本月未交 1 人" in form.stateLabel.text()
    shot(page, "3-grid-marked")
    form.saveButton.click()
    qtbot.waitUntil(lambda: page.saved is not None, timeout=5000)
    assert "开具收据 3 张，共 80.00 元；未交：李二" in form.stateLabel.text()
    cells = {grid.index(r, 0).data(): grid.index(r, 1).data() for r in range(grid.rowCount())}
    assert cells == {"张一": "✔ 15.00", "李二": "未交", "王三": "✔ 40.00", "赵四": "✔ 25.00"}
    assert grid.headerData(1, Qt.Orientation.Horizontal) == "1月✓"
    assert grid.index(names.index("张一"), 2).data() == ""          # February not collected yet
    shot(page, "4-grid-saved")

    # Arrears: 王三 (Oct–Dec before Shilu, by the opening) and 李二 (January).
    form.tabs.setCurrentWidget(form.arrearsTab)
    arrears = {form.arrearsTable.item(r, 0).text(): form.arrearsTable.item(r, 2).text()
               for r in range(form.arrearsTable.rowCount())}
    # January's sheet is entered, so January counts: 李二 owes it; 王三 owes Oct–Dec 2025.
    assert arrears == {"王三": "3个月", "李二": "1个月"}
    owed = {form.arrearsTable.item(r, 0).text(): form.arrearsTable.item(r, 3).text()
            for r in range(form.arrearsTable.rowCount())}
    assert owed == {"王三": "0.00（另3个月未核定基数）", "李二": "75.00"}
    assert "连续6个月未交按党章第九条处理" in form.arrearsLabel.text()
    shot(page, "5-arrears")

    # 李二 pays January late (补交) while February is chosen: only that cell is saved, and
    # February's sheet is not entered by it.
    form.monthCombo.setCurrentIndex(1)
    click_cell(qtbot, form.gridView, names.index("李二"), 1)
    assert grid.index(names.index("李二"), 1).data() == "待交"
    page.saved = None
    form.saveButton.click()
    qtbot.waitUntil(lambda: page.saved is not None, timeout=5000)
    assert grid.index(names.index("李二"), 1).data() == "✔ 75.00"
    assert "2026-02" not in grid.grid.entered
    form.monthCombo.setCurrentIndex(0)

    # Receipts open in the print preview; 另存为 PDF beside 打印 keeps a copy.
    target = tmp_path / "收据.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF 文件 (*.pdf)"))
    form.receiptButton.click()
    qtbot.waitUntil(lambda: getattr(page, "print_preview", None) is not None, timeout=10000)
    assert len(page.print_preview.pdf) >= 1
    page.print_preview.save_action.trigger()
    assert "4 张收据" in form.stateLabel.text() and str(target) in form.stateLabel.text()   # 3 + 1 补交
    saved = pypdfium2.PdfDocument(str(target))          # opened and read, not only sniffed
    text = "".join(p.get_textpage().get_text_range() for p in saved)
    assert text.count("交纳人留存") == 4              # January's three and 李二's 补交
    for name, amount in (("张一", "15.00"), ("王三", "40.00"), ("赵四", "25.00"), ("李二", "75.00")):
        assert name in text and f"¥{amount} 元" in text
    page.print_preview.reject()


def test_settlement_is_refused_then_allowed_in_the_last_month(qtbot, store, monkeypatch):
    org = orgs.create(store, "ZB", "某社区第一党支部", "党支部", rule_profile="national-2018")
    ids = [members.add(store, Member(name=n, joined_on="2001-07-01"), org, since="2001-07-01")
           for n in NAMES]
    for member_id in ids:
        ledger.set_base(store, ledger_standard(), member_id, 2026, "在职", 400000)
    ctx = context(qtbot, store, "2026-03-05")
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.form.tabs.setCurrentWidget(page.form.openingTab)
    page.form.throughEdit.setDate(QDate(2026, 2, 1))
    page.form.saveOpeningButton.click()
    form = page.form
    form.tabs.setCurrentWidget(form.settleTab)
    assert form.quarterCombo.currentData() == "2026Q1"
    warnings = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("街道党工委", True))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    form.settleButton.click()
    assert warnings and "3月的党费尚未登记收缴" in warnings[0]
    # Collect March (everyone), then settle the same day.
    form.tabs.setCurrentWidget(form.collectTab)
    assert form.monthCombo.currentData() == "2026-03"
    form.paidOnEdit.setDate(QDate(2026, 3, 5))
    form.allPaidButton.click()
    form.saveButton.click()
    qtbot.waitUntil(lambda: page.saved is not None, timeout=5000)
    form.tabs.setCurrentWidget(form.settleTab)
    form.settleButton.click()
    assert len(warnings) == 1
    assert form.settleState.text() == "已于 2026-03-05 结算上交 160.00 元（交街道党工委）"
    assert not form.settleButton.isEnabled()
    sheet = [[form.sheetTable.item(r, c).text() for c in range(form.sheetTable.columnCount())]
             for r in range(form.sheetTable.rowCount())]
    assert sheet[0][:5] == ["1", "李二", "期初", "期初", "40.00"]          # roster (pinyin) order
    assert sheet[-1][1] == "合计" and sheet[-1][-2] == "160.00"
    page.show()
    shot(page, "6-settlement")
    ctx.worker.wait_idle()


def ledger_standard():
    from desktop_app.core.rules.profile import load_profile
    return load_profile("national-2018").dues_standard


def test_bad_rows_are_named_and_nothing_is_saved(qtbot, page, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    page.form.tabs.setCurrentWidget(page.form.basesTab)
    table = page.form.basesTable
    type_into(table, row_of(table, "张一"), 2, "4000")
    type_into(table, row_of(table, "李二"), 2, "四千")
    assert not page.setup.save_bases()
    assert "第1行 李二：月收入“四千”无法识别" in warnings[0]            # 李 sorts first
    assert page.ctx.store.query_one("SELECT count(*) AS n FROM dues_bases")["n"] == 0
    assert table.item(row_of(table, "李二"), 2).text() == "四千"          # the typing is kept
    page.form.tabs.setCurrentWidget(page.form.openingTab)
    type_into(page.form.openingTable, 0, 1, "去年九月")
    assert not page.setup.save_opening()
    assert "已交至月份“去年九月”无法识别" in warnings[1]


def test_last_years_bases_are_offered_and_saved_for_the_new_year(qtbot, page):
    store, form = page.ctx.store, page.form
    standard = ledger_standard()
    ids = {r["name"]: r["id"] for r in store.query("SELECT id, name FROM members")}
    ledger.set_base(store, standard, ids["张一"], 2025, "离退休", 500001)      # 1 % → 50.00
    ledger.set_base(store, standard, ids["李二"], 2025, "学生")
    form.yearCombo.setCurrentIndex(form.yearCombo.findData(2026))
    form.tabs.setCurrentWidget(form.basesTab)
    form.copyBasesButton.click()
    table = form.basesTable
    row = row_of(table, "张一")
    assert table.cellWidget(row, 1).currentText() == "离退休"
    assert table.item(row, 2).text() == "5000.01" and table.item(row, 5).text() == "沿用上年，待保存"
    assert store.query_one("SELECT count(*) AS n FROM dues_bases WHERE year = 2026")["n"] == 0
    form.saveBasesButton.click()
    assert ledger.monthly_fen(store, ids["张一"], "2026-01") == 5000
    assert ledger.monthly_fen(store, ids["李二"], "2026-01") == 20
    assert ledger.monthly_fen(store, ids["王三"], "2026-01") is None        # nothing to copy


def test_an_opening_past_the_start_date_asks_before_saving(qtbot, store, monkeypatch):
    org = orgs.create(store, "ZB", "某社区第一党支部", "党支部", rule_profile="national-2018",
                      records_from="2026-01-01")
    members.add(store, Member(name="张一", joined_on="2001-07-01"), org, since="2001-07-01")
    ctx = context(qtbot, store, "2026-03-05")
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    form = page.form
    form.tabs.setCurrentWidget(form.openingTab)
    assert form.throughEdit.date() == QDate(2025, 12, 1)                   # offered: before 启用
    form.throughEdit.setDate(QDate(2026, 2, 1))
    asked, answer = [], [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text: asked.append(text) or answer[0])
    form.saveOpeningButton.click()
    assert "包含启用后的 2 个月" in asked[0]
    assert store.query_one("SELECT count(*) AS n FROM dues_openings")["n"] == 0
    answer[0] = QMessageBox.StandardButton.Yes
    form.saveOpeningButton.click()
    assert store.query_one("SELECT paid_through FROM dues_openings")["paid_through"] == "2026-02"
    ctx.worker.wait_idle()
