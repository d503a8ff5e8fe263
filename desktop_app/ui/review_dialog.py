"""出具回执 at the upstream office: 通过 or 退回 a bundle that verified 有效, with an overall 审核意见
and, if wanted, a comment on single meetings or findings of the bundle. The dialog only collects
the choice; `receipt.write` (core) signs and writes it."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidgetItem, QWidget

from desktop_app.core.bundle import receipt
from desktop_app.core.bundle.text import shown
from desktop_app.core.bundle.verify import VerifyReport
from desktop_app.ui.forms import load_form


@dataclass(frozen=True)
class Review:
    decision: str                 # 通过 / 退回
    comment: str
    items: dict[str, str]         # meeting:12 / finding:<rule id> -> comment
    reviewer: str


def rows_of(extract: dict) -> list[tuple[str, str]]:
    """(ref, what a person reads) for each meeting and finding the bundle carries."""
    meetings = [(m["ref"], f"{m['held_on']} {m['kind']}（实到 {m['attendance']['present']}/"
                           f"应到 {m['attendance']['expected']}）") for m in extract["meetings"]]
    findings = [(f"finding:{f['rule_id']}", f"检查项：{f['title']}（{f['status']}）")
                for f in extract["findings"]]
    return meetings + findings


class ReviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, report: VerifyReport, reviewer: str):
        super().__init__(parent)
        self.form = load_form("review_dialog", self)
        extract = report.extract
        self.form.bundleLabel.setText(
            f"{shown(extract['organisation']['name'])}（{shown(report.org_code)}）"
            f"{shown(extract['period']['label'])}，包编号 {shown(report.identifier)}"
            + ("（更正包）" if extract["correction"] else ""))
        self.form.reviewerEdit.setText(reviewer)
        self.refs = rows_of(extract)
        table = self.form.itemsTable
        table.setRowCount(len(self.refs))
        for row, (ref, text) in enumerate(self.refs):
            cell = QTableWidgetItem(text)
            cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 0, cell)
            table.setItem(row, 1, QTableWidgetItem(""))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = self.form.buttonBox
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("签发回执")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)

    def review(self) -> Review:
        f = self.form
        items = {ref: f.itemsTable.item(row, 1).text().strip()
                 for row, (ref, _) in enumerate(self.refs) if f.itemsTable.item(row, 1).text().strip()}
        return Review(receipt.RETURN if f.returnRadio.isChecked() else receipt.PASS,
                      f.commentEdit.toPlainText().strip(), items,
                      f.reviewerEdit.text().strip() or "上级党组织")

    def _accept_if_valid(self) -> None:
        chosen = self.review()
        if chosen.decision == receipt.RETURN and not chosen.comment:
            self.form.errorLabel.setText("退回须写明审核意见（退回原因）。")
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, report: VerifyReport, reviewer: str) -> Review | None:
        """The review chosen, or None when cancelled (tests patch this)."""
        dialog = cls(parent, report, reviewer)
        try:
            return dialog.review() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
