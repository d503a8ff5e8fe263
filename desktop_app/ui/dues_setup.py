"""The 党费 page's two setting-up tabs: the year's bases (基数, set once a year from income by the
profile's standard or as a fixed amount) and the opening balance (期初: "全部已交至 M" and the
exceptions). Both validate every row first and save all rows or none, naming the row at fault."""
from __future__ import annotations

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QTableWidgetItem, QWidget

from desktop_app.core.dues import ledger, opening
from desktop_app.core.dues.bases import BaseLine, base_sheet
from desktop_app.core.dues.disclosure import yuan
from desktop_app.core.dues.money import parse_yuan
from desktop_app.core.dues.months import month_label, parse_month
from desktop_app.core.dues.standard import categories
from desktop_app.core.errors import WordedError
from desktop_app.core.rules.engine import profile_for
from desktop_app.ui.context import AppContext
from desktop_app.ui.rows_model import size_columns

BASE_COLUMNS = ("姓名", "类别", "月收入（元）", "固定金额（元）", "每月党费（元）", "依据")
OPENING_COLUMNS = ("姓名", "例外：实际已交至（如 2025-09，空白＝同上）")
NAME, CATEGORY, INCOME, AMOUNT, MONTHLY, HOW = range(6)


class _Refused(Exception):
    """Rolls the save back after every row was tried, so all faults are reported at once."""


def _item(text: str, editable: bool) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class DuesSetup(QObject):
    def __init__(self, page: QWidget, ctx: AppContext, form):
        super().__init__(page)
        self.page, self.ctx, self.form = page, ctx, form
        self.org_id: int | None = None
        self.year = 0
        self.lines: list[BaseLine] = []
        self.opening_members: list[tuple[int, str]] = []
        form.saveBasesButton.clicked.connect(self.save_bases)
        form.copyBasesButton.clicked.connect(self.copy_last_year)
        form.saveOpeningButton.clicked.connect(self.save_opening)

    def load(self, org_id: int, year: int) -> None:
        self.org_id, self.year = org_id, year
        self.standard = profile_for(self.ctx.store, org_id).dues_standard
        self.form.standardLabel.setText(f"{year}年度　标准：{self.standard.source}")
        self.lines = base_sheet(self.ctx.store, self.standard, org_id, year)
        self._fill_bases({})
        self._fill_opening()

    # --- bases ------------------------------------------------------------------------------
    def _fill_bases(self, suggested: dict[int, dict]) -> None:
        table = self.form.basesTable
        table.clear()
        table.setColumnCount(len(BASE_COLUMNS))
        table.setHorizontalHeaderLabels(BASE_COLUMNS)
        table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            given = suggested.get(line.member_id, {})
            category = given.get("category") or line.category or "在职"
            income = given.get("income_fen", line.income_fen)
            amount = given.get("amount_fen")
            fixed = line.amount_fen if line.income_fen is None and line.amount_fen else amount
            table.setItem(row, NAME, _item(line.name, False))
            combo = QComboBox()
            combo.addItems(categories(self.standard))
            combo.setCurrentText(category)
            table.setCellWidget(row, CATEGORY, combo)
            table.setItem(row, INCOME, _item("" if income is None else yuan(income), True))
            table.setItem(row, AMOUNT, _item("" if fixed is None else yuan(fixed), True))
            table.setItem(row, MONTHLY, _item("" if line.amount_fen is None else yuan(line.amount_fen),
                                              False))
            table.setItem(row, HOW, _item("沿用上年，待保存" if given else line.how, False))
        size_columns(table, BASE_COLUMNS, {"姓名": 6, "类别": 6, "月收入（元）": 7,
                                           "固定金额（元）": 7, "每月党费（元）": 7})
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
        missing = sum(1 for line in self.lines if line.amount_fen is None)
        self.form.basesHint.setText(
            "每年核定一次：填税后月收入按标准计算，或只填每月固定金额（单位代扣等）；两者都填时，"
            "固定金额为自愿多交。" + (f"　本年尚有 {missing} 人未核定。" if missing else ""))

    def copy_last_year(self) -> None:
        """Fill this year's empty rows from last year's bases (saved only with 保存基数)."""
        rows = {r["member_id"]: r for r in self.ctx.store.query(
            "SELECT * FROM dues_bases WHERE year = ?", [self.year - 1])}
        suggested = {line.member_id: {"category": rows[line.member_id]["category"],
                                      "income_fen": rows[line.member_id]["income_fen"],
                                      "amount_fen": None if rows[line.member_id]["income_fen"]
                                      else rows[line.member_id]["amount_fen"]}
                     for line in self.lines if line.amount_fen is None and line.member_id in rows}
        self._fill_bases(suggested)

    def base_rows(self) -> list[tuple[int, str, str, str, str]]:
        """(member id, name, category, income text, amount text) as typed."""
        table = self.form.basesTable
        return [(line.member_id, line.name, table.cellWidget(row, CATEGORY).currentText(),
                 table.item(row, INCOME).text(), table.item(row, AMOUNT).text())
                for row, line in enumerate(self.lines)]

    def save_bases(self) -> bool:
        faults, saved = [], 0
        set_on = min(self.ctx.today(), f"{self.year}-12-31")
        try:
            with self.ctx.store.transaction():
                for number, (member_id, name, category, income, amount) in \
                        enumerate(self.base_rows(), 1):
                    if not income.strip() and not amount.strip():
                        continue
                    try:
                        ledger.set_base(self.ctx.store, self.standard, member_id, self.year,
                                        category, parse_yuan(income, "月收入"),
                                        amount_fen=parse_yuan(amount, "固定金额"), set_on=set_on)
                        saved += 1
                    except WordedError as exc:
                        faults.append(f"第{number}行 {name}：{exc}")
                if faults:
                    raise _Refused
        except _Refused:
            QMessageBox.warning(self.page, "保存基数", "以下各行有误，均未保存：\n" + "\n".join(faults))
            return False
        self.load(self.org_id, self.year)
        self.form.stateLabel.setText(f"已保存 {self.year} 年党费基数 {saved} 人")
        return True

    # --- the opening balance -------------------------------------------------------------------
    def _fill_opening(self) -> None:
        store, table = self.ctx.store, self.form.openingTable
        current = opening.opening_of(store, self.org_id)
        through = current.paid_through if current else opening.suggested_through(
            store, self.org_id, self.ctx.today())
        self.form.throughEdit.setDate(QDate(int(through[:4]), int(through[5:7]), 1))
        self.opening_members = [(line.member_id, line.name) for line in self.lines]
        exceptions = current.exceptions if current else {}
        table.clear()
        table.setColumnCount(len(OPENING_COLUMNS))
        table.setHorizontalHeaderLabels(OPENING_COLUMNS)
        table.setRowCount(len(self.opening_members))
        for row, (member_id, name) in enumerate(self.opening_members):
            table.setItem(row, 0, _item(name, False))
            table.setItem(row, 1, _item(exceptions.get(member_id, ""), True))
        size_columns(table, OPENING_COLUMNS, {"姓名": 6})
        self.form.openingState.setText(
            f"当前期初：全部已交至 {month_label(current.paid_through)}，例外 {len(exceptions)} 人"
            if current else "尚未设置期初：设置前，启用以前的月份无法判断是否欠交")

    def save_opening(self) -> bool:
        date = self.form.throughEdit.date()
        through = f"{date.year():04d}-{date.month():02d}"
        exceptions, faults = {}, []
        for row, (member_id, name) in enumerate(self.opening_members):
            text = self.form.openingTable.item(row, 1).text().strip()
            if not text:
                continue
            try:
                exceptions[member_id] = parse_month(text, "已交至月份")
            except WordedError as exc:
                faults.append(f"第{row + 1}行 {name}：{exc}")
        if faults:
            QMessageBox.warning(self.page, "保存期初", "以下各行有误，均未保存：\n" + "\n".join(faults))
            return False
        note = opening.overlap_note(self.ctx.store, self.org_id, through)
        if note and QMessageBox.question(self.page, "保存期初", note + "\n\n仍然保存吗？") \
                != QMessageBox.StandardButton.Yes:
            return False
        opening.set_opening(self.ctx.store, self.org_id, through, exceptions, self.ctx.today())
        self.page.reload()
        self.form.stateLabel.setText(f"期初已保存：全部已交至 {month_label(through)}，例外 "
                                     f"{len(exceptions)} 人")
        return True
