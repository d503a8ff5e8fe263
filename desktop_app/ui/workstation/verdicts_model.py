"""The workstation's table of verdicts: one row per bundle in the opened folder, the verdict in
its own word and colour (its meaning on hover), figures only for a 有效 bundle. A model, not
items: a city's folder of 10,000 bundles shows at once."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop_app.core.bundle.aggregate import SummaryRow
from desktop_app.core.rules.findings import MISSING, OVERDUE
from desktop_app.ui.bundle_checker import VERDICT_TEXT, period_words
from desktop_app.ui.rows_model import RowsModel

FLAGGED = QColor("#9a6700")
WIDTHS = {"组织代码": 5, "组织": 6, "期间": 7, "校验结果": 9, "三会一课 已开/应开": 8, "未达标项": 4,
          "期末在册": 4, "连续性提示": 14}         # in Chinese characters; 说明 takes the rest
VERDICT, FLAGS, NOTE = 3, 7, 8


class VerdictsModel(RowsModel):
    COLUMNS = ("组织代码", "组织", "期间", "校验结果", "三会一课 已开/应开", "未达标项", "期末在册",
               "连续性提示", "说明")

    def set_rows(self, rows: list[SummaryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> SummaryRow:
        return self._rows[index]

    def cells(self, row: SummaryRow) -> tuple:
        unmet = row.by_status.get(OVERDUE, 0) + row.by_status.get(MISSING, 0)
        return (row.org_code, row.org_name, period_words(row.period), row.verdict.word,
                f"{row.held}/{row.required}" if row.valid else "", unmet if row.valid else "",
                row.members if row.valid else "", "；".join(row.flags), row.note)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.cells(row)[column])
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == VERDICT:
                return QColor(VERDICT_TEXT[row.verdict][0])
            return FLAGGED if column == FLAGS and row.flags else None
        if role == Qt.ItemDataRole.FontRole and column == VERDICT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == VERDICT:
                return VERDICT_TEXT[row.verdict][1]
            if column == FLAGS:
                return "；".join(row.flags) or None
            return row.note if column == NOTE or not row.valid else None   # why, without scrolling
        return None
