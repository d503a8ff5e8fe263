"""The 体检 findings as a table: 结论, 组织, 规则, 情况, 依据, 证据; filtered by status."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.core.rules.findings import Finding
from desktop_app.ui.record_views import STATUS_COLOURS, STATUS_MARKS

COLUMNS = ("结论", "组织", "规则", "情况", "依据", "证据")
FINDING_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def evidence_text(finding: Finding) -> str:
    parts = []
    if finding.meeting_ids:
        parts.append(f"{len(finding.meeting_ids)} 次会议")
    if finding.member_ids:
        parts.append(f"{len(finding.member_ids)} 名党员")
    if finding.record_ids:
        parts.append(f"{len(finding.record_ids)} 条其他记录")
    return "，".join(parts) or "—"


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.org_names: dict[int, str] = {}

    def set_findings(self, findings: list[Finding], org_names: dict[int, str]) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self.org_names = org_names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.findings[index.row()]
        if role == FINDING_ROLE:
            return f
        if role == STATUS_ROLE:
            return f.status
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(QColor(STATUS_COLOURS[f.status]))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (STATUS_MARKS[f.status], self.org_names.get(f.org_id, ""), f.title, f.detail,
                    f.citation, evidence_text(f))[index.column()]
        return None
