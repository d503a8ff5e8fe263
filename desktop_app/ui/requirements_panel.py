"""Under the meeting editor's topic ticks: the further kinds this record may also count as (a
组织生活会 that carries out the 民主评议党员, a 党课 given at the 党员大会), and, before saving,
which requirements of the organisation's profile the record will count for — with the
compliance topics the kind's agenda suggests, left for the secretary to tick only if discussed."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from desktop_app.core.meetings import kinds
from desktop_app.core.meetings.records import Meeting
from desktop_app.core.rules import preview
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.store import Store

FURTHER_KINDS = tuple(dict.fromkeys(k for ks in kinds.ALSO_COUNTS_AS.values() for k in ks))


class RequirementsPanel:
    """Widgets added to the editor's tags grid below `first_row`; the editor calls `show`."""

    def __init__(self, store: Store, box: QWidget, layout: QGridLayout, first_row: int):
        self.store = store
        self.boxes: dict[str, QCheckBox] = {}
        for i, kind in enumerate(FURTHER_KINDS):
            check = QCheckBox(f"同时计为{kind}", box)
            layout.addWidget(check, first_row, i)
            self.boxes[kind] = check
        self.label = QLabel(box)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #1b5e20;")
        layout.addWidget(self.label, first_row + 1, 0, 1, 4)

    def load(self, meeting: Meeting) -> None:
        for kind, check in self.boxes.items():
            check.setChecked(kind in meeting.also_kinds)

    def chosen(self, kind: str) -> list[str]:
        """The further kinds ticked that this kind may also count as."""
        allowed = kinds.ALSO_COUNTS_AS.get(kind, ())
        return [k for k, check in self.boxes.items() if k in allowed and check.isChecked()]

    def show(self, meeting: Meeting) -> None:
        allowed = kinds.ALSO_COUNTS_AS.get(meeting.kind, ())
        for kind, check in self.boxes.items():
            check.setVisible(kind in allowed)
        found = preview.requirements(self.store, profile_for(self.store, meeting.org_id), meeting)
        text = "保存后计入：" + ("；".join(found) if found else "（不计入规则档案的任何要求）")
        hints = [t for t in kinds.template(meeting.kind).suggests if t not in meeting.tags]
        if hints:
            text += f"\n如会上确已{'、'.join(hints)}，请勾选（模板不代为勾选）"
        self.label.setText(text)
