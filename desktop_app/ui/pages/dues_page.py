"""党费: choose the organisation and year; collect a month (全部已交, then the exceptions), set the
year's bases and the opening balance (dues_setup.py), see arrears at their true length, settle a
quarter (月收季结) and export the internal disclosure sheet and receipts as PDF."""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QInputDialog, QMessageBox, QTableWidget, QTableWidgetItem,
                               QWidget)

from desktop_app.core.dues import arrears, collection, disclosure, ledger, receipts
from desktop_app.core.dues.disclosure import yuan
from desktop_app.core.dues.months import add_months, month_label
from desktop_app.core.errors import WordedError
from desktop_app.core.rules.engine import profile_for
from desktop_app.ui.context import AppContext
from desktop_app.ui.dues_grid import DuesGridModel
from desktop_app.ui.dues_setup import DuesSetup
from desktop_app.ui.export_actions import export, show_saved
from desktop_app.ui.printing import print_pdf
from desktop_app.ui.forms import load_form
from desktop_app.ui.org_combo import fill_org_combo
from desktop_app.ui.rows_model import size_columns

ISO = "yyyy-MM-dd"
ARREARS_COLUMNS = ("姓名", "欠交月数", "最长连续", "欠交金额（元）", "欠交月份")


def fill_table(table: QTableWidget, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A read-only table of texts; the last column takes the spare width."""
    table.setColumnCount(len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.verticalHeader().hide()
    size_columns(table, columns, {title: max(len(title), 4) + 1 for title in columns[:-1]})


class DuesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("dues_page", self)
        self.grid = DuesGridModel(self)
        self.form.gridView.setModel(self.grid)
        self.setup = DuesSetup(self, ctx, self.form)
        self.saved: collection.MonthCollection | None = None
        self._fill_years()
        self.form.paidOnEdit.setDate(QDate.fromString(ctx.today(), ISO))
        self.form.orgCombo.currentIndexChanged.connect(self.reload)
        self.form.yearCombo.currentIndexChanged.connect(self._year_chosen)
        self.form.monthCombo.currentIndexChanged.connect(self.show_grid)
        self.form.quarterCombo.currentIndexChanged.connect(self.show_sheet)
        self.form.gridView.clicked.connect(lambda index: self.grid.toggle(index.row(), index.column()))
        self.form.allPaidButton.clicked.connect(self.grid.all_paid)
        self.form.saveButton.clicked.connect(self.save_collection)
        self.form.receiptButton.clicked.connect(self.print_receipts)
        self.form.settleButton.clicked.connect(self.settle)
        self.form.sheetButton.clicked.connect(self.export_sheet)
        self.grid.changed.connect(self._count_marks)
        self.refresh()

    # --- choosing ---------------------------------------------------------------------------
    def _fill_years(self) -> None:
        year = int(self.ctx.today()[:4])
        for y in (year + 1, year, year - 1, year - 2):
            self.form.yearCombo.addItem(f"{y}年", y)
        self.form.yearCombo.setCurrentIndex(1)

    def org_id(self) -> int | None:
        return self.form.orgCombo.currentData()

    def year(self) -> int:
        return self.form.yearCombo.currentData()

    def refresh(self) -> None:
        fill_org_combo(self.form.orgCombo, self.ctx.store)
        self.reload()

    def _year_chosen(self) -> None:
        self._fill_months()
        self.reload()

    def _fill_months(self) -> None:
        """The year's months; the current month (or the year's last one) is chosen."""
        combo, year, today = self.form.monthCombo, self.year(), self.ctx.today()
        combo.blockSignals(True)
        combo.clear()
        for n in range(1, 13):
            combo.addItem(f"{n}月", f"{year}-{n:02d}")
        current = today[:7] if today[:4] == str(year) else f"{year}-12"
        combo.setCurrentIndex(combo.findData(current))
        quarters = self.form.quarterCombo
        quarters.blockSignals(True)
        quarters.clear()
        for q in range(1, 5):
            quarters.addItem(f"第{'一二三四'[q - 1]}季度", f"{year}Q{q}")
        quarters.setCurrentIndex((int(current[5:7]) - 1) // 3)
        quarters.blockSignals(False)
        combo.blockSignals(False)

    def reload(self) -> None:
        if self.form.monthCombo.count() == 0:
            self._fill_months()
        if self.org_id() is None:
            self.form.stateLabel.setText("账本中还没有组织，请先在向导或“组织”中建立")
            return
        self.show_grid()
        self.setup.load(self.org_id(), self.year())
        self.show_arrears()
        self.show_sheet()

    # --- the collection grid ------------------------------------------------------------------
    def month(self) -> str:
        return self.form.monthCombo.currentData()

    def show_grid(self) -> None:
        if self.org_id() is None:
            return
        grid = collection.year_grid(self.ctx.store, self.org_id(), self.year(), self.ctx.today())
        self.grid.show(grid, self.month())
        size_columns(self.form.gridView, self.grid.COLUMNS,
                     {title: 5 for title in self.grid.COLUMNS[1:]} | {"姓名": 5})

    def _count_marks(self) -> None:
        if self.grid.grid is None:
            return
        entered = self.grid.grid.entered.get(self.month())
        unpaid = len(self.grid.unpaid_this_month())
        marked = len(self.grid.pending)
        state = f"{month_label(self.month())}：" + (f"已于 {entered} 登记收缴" if entered else "尚未登记收缴")
        self.form.stateLabel.setText(f"{state}　本次标为已交 {marked} 格，本月未交 {unpaid} 人")

    def save_collection(self) -> None:
        org_id, month = self.org_id(), self.month()
        if org_id is None:
            return
        unpaid, late = self.grid.unpaid_this_month(), self.grid.extra_months()
        if not any(m == month for _, m in self.grid.pending):
            if late:
                unpaid = None                        # only 补交 was marked: no sheet for the month
            elif QMessageBox.question(
                    self, "保存本月收缴", f"{month_label(month)}没有标为已交的党员。登记为本月应交"
                    f"党员全部未交？（通常先点“全部已交”，再点未交的党员）") \
                    != QMessageBox.StandardButton.Yes:
                return
        paid_on = self.form.paidOnEdit.date().toString(ISO)
        collector = self.form.collectorEdit.text().strip() or None
        store = self.ctx.store
        self.ctx.worker.run(self, "保存党费收缴",
                            lambda progress: collection.save_sheet(store, org_id, month, paid_on,
                                                                   unpaid, late, collector),
                            self._saved, cancellable=False)

    def _saved(self, done: collection.MonthCollection) -> None:
        self.saved = done
        total = sum(r.total_fen for r in done.receipts)
        note = f"；未交：{'、'.join(done.unpaid)}" if done.unpaid else ""
        self.reload()
        self.form.stateLabel.setText(f"{month_label(done.month)}：开具收据 {len(done.receipts)} 张，"
                                     f"共 {yuan(total)} 元{note}")

    def print_receipts(self) -> None:
        org_id, month, store = self.org_id(), self.month(), self.ctx.store
        ids = receipts.receipt_ids(store, org_id, month=month) if org_id else []
        if not ids:
            QMessageBox.information(self, "打印收据", f"{month_label(month)}还没有开具收据。")
            return
        from desktop_app.core.dues.receipts_pdf import write_pdf
        print_pdf(self.ctx, self, "党费收据", f"党费收据-{month}",
                  lambda target: write_pdf(receipts.slips(store, ids), target),
                  lambda path: show_saved(self.form.stateLabel, path, lines=(f"{len(ids)} 张收据",)))

    # --- arrears --------------------------------------------------------------------------------
    def show_arrears(self) -> None:
        today, store, org_id = self.ctx.today(), self.ctx.store, self.org_id()
        # This month counts once its sheet is entered; before that, up to last month.
        through = today[:7] if collection.round_entered(store, org_id, today[:7]) \
            else add_months(today[:7], -1)
        through = min(through, f"{self.year()}-12")
        report = arrears.arrears(store, org_id, through)
        limits = [r.params["months"] for r in profile_for(store, org_id).rules
                  if r.type == "dues_arrears"]
        rows = []
        for a in report.arrears:
            run = f"{a.longest_run}个月" + ("（党章第九条）" if limits and a.longest_run >= limits[0] else "")
            owed = yuan(a.owed_fen) + (f"（另{a.unpriced}个月未核定基数）" if a.unpriced else "")
            rows.append((a.name, str(len(a.months)), run, owed,
                         "、".join(month_label(m) for m in a.months)))
        fill_table(self.form.arrearsTable, ARREARS_COLUMNS, rows)
        text = f"截至 {month_label(through)}：" + (f"{len(rows)} 人欠交" if rows else "无人欠交")
        if limits:
            text += f"；连续{limits[0]}个月未交按党章第九条处理"
        if report.unknown:
            text += f"。另有 {len(report.unknown)} 人尚无期初，无法判断（请在“期初”页设置）"
        self.form.arrearsLabel.setText(text)

    # --- settlement and the disclosure sheet -------------------------------------------------------
    def quarter(self) -> str:
        return self.form.quarterCombo.currentData()

    def show_sheet(self) -> None:
        if self.org_id() is None or self.quarter() is None:
            return
        sheet = disclosure.internal_sheet(self.ctx.store, self.org_id(), self.quarter())
        fill_table(self.form.sheetTable, sheet.header, [*sheet.rows, sheet.total_row])
        self.form.settleState.setText(sheet.settlement_text)
        self.form.settleButton.setEnabled(
            ledger.settlement_of(self.ctx.store, self.org_id(), self.quarter()) is None)

    def settle(self) -> None:
        org_id, quarter = self.org_id(), self.quarter()
        today = self.ctx.today()
        handed_to, ok = QInputDialog.getText(
            self, "季度结算", f"{quarter} 结算日期 {today}。交至（上级党组织）：")
        if not ok:
            return
        try:
            ledger.settle(self.ctx.store, org_id, quarter, today, handed_to.strip() or None)
        except WordedError as exc:
            QMessageBox.warning(self, "季度结算", str(exc))
            return
        self.show_sheet()

    def export_sheet(self) -> None:
        store, org_id, quarter = self.ctx.store, self.org_id(), self.quarter()
        from desktop_app.core.dues.disclosure_pdf import write_pdf
        sheet = disclosure.internal_sheet(store, org_id, quarter)
        export(self.ctx, self, "导出党费公示表", sheet.title, (".pdf",),
               lambda target: write_pdf(sheet, target),
               lambda path: show_saved(self.form.settleState, path))
