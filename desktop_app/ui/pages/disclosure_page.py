"""党务公开: the disclosure checklist (each item's status and last posting) beside the chosen
item — its content (typed text, or the year's 先锋承诺), the 居务监督委员会 review, marking it
posted, and printing its board for the 公开栏 on the worker."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QHeaderView, QMessageBox, QTableWidgetItem,
                               QWidget)

from desktop_app.core import orgs
from desktop_app.core.disclosure import boards, checklist, commitments, items, texts
from desktop_app.core.disclosure.checklist import ItemStatus
from desktop_app.core.exports import board_pdf
from desktop_app.core.rules.profile import load_profile
from desktop_app.core.store import StoreError
from desktop_app.ui import export_actions, printing
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form

COLUMNS = ("序号", "公开事项", "公开栏", "更新频率", "状态", "最近公开", "审查")
WIDTHS = (3, 0, 3, 4, 4, 6, 9)      # in characters; 0 = takes what is left
STATUS_COLOURS = {checklist.POSTED: "#1b7f3b", checklist.STALE: "#b36b00",
                  checklist.NOT_POSTED: "#b3261e"}
PAPERS = (("A4 竖版", "A4"), ("A3 横版海报", "A3"))
# Where a board printed from the ledger takes its content, in the words of the sections.
DATA_SOURCES = {"cadres": "班子成员及职务（花名册）", "activity_plan": "“主题党日”年度计划",
                "stars": "星级评定（体检）", "pioneer": "已公布的先锋指数",
                "commitments": "本页录入的先锋承诺", "dues": "党费收缴记录",
                "appraisal": "民主评议党员结果"}
ISO = "yyyy-MM-dd"


class DisclosurePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("disclosure_page", self)
        self.statuses: list[ItemStatus] = []
        f = self.form
        f.itemTable.setColumnCount(len(COLUMNS))
        f.itemTable.setHorizontalHeaderLabels(COLUMNS)
        self._size_columns()
        f.splitter.setStretchFactor(0, 3)
        f.splitter.setStretchFactor(1, 2)
        f.splitter.setSizes([640, 420])
        for label, paper in PAPERS:
            f.paperCombo.addItem(label, paper)
        today = QDate.fromString(ctx.today(), ISO)
        f.yearSpin.setValue(today.year())
        f.postedDate.setDate(today)
        f.reviewDate.setDate(today)

        f.orgCombo.currentIndexChanged.connect(self._reload)
        f.yearSpin.valueChanged.connect(self._reload)
        f.itemTable.itemSelectionChanged.connect(self._show_item)
        f.saveContentButton.clicked.connect(self.save_content)
        f.reviewButton.clicked.connect(self.record_review)
        f.postButton.clicked.connect(self.mark_posted)
        f.printButton.clicked.connect(self.print_board)
        self.refresh()

    def _size_columns(self) -> None:
        table = self.form.itemTable
        char = table.fontMetrics().horizontalAdvance("中")
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate(WIDTHS):
            if width:
                header.resizeSection(column, width * char + 16)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    # --- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload from the ledger (when the section is shown again, or after a change)."""
        combo = self.form.orgCombo
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for org in orgs.all_orgs(self.ctx.store):
            if org.kind != "党小组":
                combo.addItem(("　" if org.parent_id else "") + org.name, org.id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)
        self._reload()

    @property
    def org_id(self) -> int | None:
        return self.form.orgCombo.currentData()

    @property
    def year(self) -> int:
        return self.form.yearSpin.value()

    def _reload(self) -> None:
        f = self.form
        selected = self.selected()
        self.statuses = []
        f.sourceLabel.clear()
        if self.org_id is not None:
            try:
                self.statuses = checklist.checklist(self.ctx.store, self.org_id, self.year,
                                                    self.ctx.today())
                profile = load_profile(orgs.profile_of(self.ctx.store, self.org_id))
                if profile.disclosure:
                    f.sourceLabel.setText(f"依据：{profile.disclosure.source}（{profile.title}）")
                else:
                    f.sourceLabel.setText(f"规则档案“{profile.title}”没有列出公开事项")
            except StoreError as exc:
                f.sourceLabel.setText(str(exc))
        f.itemTable.blockSignals(True)
        f.itemTable.setRowCount(len(self.statuses))
        for row, status in enumerate(self.statuses):
            self._fill_row(row, status)
        f.itemTable.blockSignals(False)
        counts = [sum(s.status == k for s in self.statuses) for k in STATUS_COLOURS]
        f.countLabel.setText("  ".join(f"{k} {n} 项" for k, n in zip(STATUS_COLOURS, counts)))
        ids = [s.item.id for s in self.statuses]
        f.itemTable.selectRow(ids.index(selected.item.id) if selected and selected.item.id in ids
                              else 0)
        self._show_item()

    def _fill_row(self, row: int, status: ItemStatus) -> None:
        review = ""
        if status.review:
            review = f"{status.review.reviewer} {status.review.reviewed_on}" + (
                "（待张贴）" if status.review_pending else "")
        elif items.needs_review(status.item):
            review = "须事先审查"
        values = (str(status.item.number), status.item.title, status.item.board, status.frequency,
                  status.status, status.posted_on or "—", review)
        for column, value in enumerate(values):
            cell = QTableWidgetItem(value)
            cell.setToolTip(status.reason if column == 4 else value)
            if column in (0, 2, 3, 4, 5):
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if column == 4:
                cell.setForeground(QColor(STATUS_COLOURS[status.status]))
            self.form.itemTable.setItem(row, column, cell)

    def selected(self) -> ItemStatus | None:
        rows = self.form.itemTable.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.statuses):
            return None
        return self.statuses[rows[0].row()]

    def select_item(self, number: int) -> None:
        self.form.itemTable.selectRow([s.item.number for s in self.statuses].index(number))

    # --- the chosen item -------------------------------------------------------------------
    def _show_item(self) -> None:
        f = self.form
        status = self.selected()
        f.detailPanel.setEnabled(status is not None)
        f.messageLabel.clear()
        if status is None:
            f.itemTitleLabel.setText("")
            f.itemInfoLabel.setText("")
            f.statusLabel.setText("")
            return
        item = status.item
        f.itemTitleLabel.setText(f"{item.number}. {item.title}")
        kind = f"内容取自{DATA_SOURCES[item.data]}" if item.data else "内容由本页录入"
        contacts = "可公开联系电话" if item.contacts else "不公开个人手机号码"
        lines = [f"{item.board}公开 · 更新频率：{status.frequency} · {contacts}", kind, item.note]
        f.itemInfoLabel.setText("\n".join(line for line in lines if line))
        colour = STATUS_COLOURS[status.status]
        f.statusLabel.setText(f"<b style='color:{colour}'>{status.status}</b>　{status.reason}")
        self._show_content(item)
        f.reviewBox.setVisible(items.needs_review(item))
        periodic = item.every in ("month", "quarter", "half_year")
        f.periodLabel.setVisible(periodic)
        f.periodEdit.setVisible(periodic)
        f.periodEdit.setText(self._default_period(item) if periodic else "")

    def _show_content(self, item) -> None:
        f = self.form
        entered, promised = item.kind == "entered", item.data == "commitments"
        f.contentBox.setVisible(entered or promised)
        f.membersLabel.setVisible(promised)
        f.membersEdit.setVisible(promised)
        if entered:
            text = texts.current(self.ctx.store, self.org_id, item.id)
            f.contentHint.setText("每行一段；以“一、”“第一条”开头的行印作小标题。"
                                  + ("" if item.contacts else "不得填写身份证号和个人手机号码（办公电话可以填写）。"))
            f.contentEdit.setPlainText(text.body if text else "")
        elif promised:
            made = commitments.for_year(self.ctx.store, self.org_id, self.year)
            short = f"（还差 {made.short_of_minimum} 项）" if made.short_of_minimum else ""
            f.contentHint.setText(f"{self.year}年党组织承诺，每行一项，每年不少于"
                                  f"{commitments.ORG_MINIMUM}项{short}")
            f.contentEdit.setPlainText("\n".join(made.organisation))
            f.membersEdit.setPlainText("\n".join(f"{n}：{t}" for n, t in made.members))

    def _default_period(self, item) -> str:
        month = int(self.ctx.today()[5:7]) if self.year == int(self.ctx.today()[:4]) else 12
        if item.every == "half_year":
            return f"{self.year}H{1 if month <= 6 else 2}"
        if item.every == "quarter":
            return f"{self.year}Q{(month - 1) // 3 + 1}"
        return f"{self.year}-{month:02d}"

    # --- actions ---------------------------------------------------------------------------
    def _attempt(self, title: str, action: Callable[[], object]) -> bool:
        try:
            action()
        except StoreError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        self._reload()
        return True

    def save_content(self) -> None:
        status, store, today = self.selected(), self.ctx.store, self.ctx.today()
        if status is None:
            return
        item, body = status.item, self.form.contentEdit.toPlainText()
        if item.kind == "entered":
            action = lambda: texts.save(store, self.org_id, item, body, today)  # noqa: E731
        else:
            members_text = self.form.membersEdit.toPlainText()

            def action():
                by_member = commitments.parse_member_lines(store, self.org_id, members_text, today)
                commitments.replace(store, self.org_id, self.year, body.splitlines(), by_member,
                                    today, item)
        if self._attempt("保存公开内容", action):
            self.form.messageLabel.setText("内容已保存。")

    def record_review(self) -> None:
        status, f = self.selected(), self.form
        if status and self._attempt("登记审查", lambda: checklist.record_review(
                self.ctx.store, self.org_id, status.item, f.reviewerEdit.text(),
                f.reviewDate.date().toString(ISO), f.opinionEdit.text(), self.ctx.today())):
            f.messageLabel.setText("审查已登记，可以张贴公开。")

    def mark_posted(self) -> None:
        status = self.selected()
        on = self.form.postedDate.date().toString(ISO)
        if status and self._attempt("登记公开", lambda: checklist.mark_posted(
                self.ctx.store, self.org_id, status.item, on, today=self.ctx.today())):
            self.form.messageLabel.setText(f"已登记 {on} 公开。")

    def print_board(self) -> None:
        status = self.selected()
        if status is None:
            return
        item, store, org_id = status.item, self.ctx.store, self.org_id
        try:
            period = boards.period_for(item, self.form.periodEdit.text().strip() or None,
                                       self.year)
        except StoreError as exc:
            QMessageBox.warning(self, "打印公开栏", str(exc))
            return
        posted_on, paper = self.form.postedDate.date().toString(ISO), self.form.paperCombo.currentData()
        personal: list[str] = []

        def write(target):
            board = boards.build(store, org_id, item, period, posted_on)
            personal.append(board.personal_data)
            return board_pdf.write_pdf(board, target, paper)

        printing.print_pdf(self.ctx, self, "公开栏",
                           f"公开栏{item.number:02d}-{item.title}-{period.label}", write,
                           lambda path: self._printed(path, personal[0]),
                           on_shown=lambda: self._previewed(personal[0]))

    def _previewed(self, personal: str) -> None:
        self.form.messageLabel.setText(personal_statement(personal))

    def _printed(self, path, personal: str) -> None:
        export_actions.show_saved(self.form.messageLabel, path, "已导出",
                                  (f"{personal_statement(personal)}张贴后请登记公开日期。",))


def personal_statement(personal: str) -> str:
    """What personal data a board shows, said before it is printed or saved."""
    return f"本栏公开的个人信息：{personal}。" if personal else "本栏不含个人信息。"
