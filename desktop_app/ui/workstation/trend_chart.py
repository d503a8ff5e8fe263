"""A small bar chart of one figure across periods, drawn with QPainter like bar_chart.py.

Not colour alone: every bar carries its figure, and when a bar stands against what was due (三会一课
已开/应开) the due bar is a hatched outline beside it and a shortfall is marked 未达 in words.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.ui.bar_chart import HELD, REQUIRED, SHORT, TEXT

AXIS = QColor("#9e9e9e")


class PeriodBars(QWidget):
    def __init__(self, title: str, color: QColor = HELD, parent: QWidget | None = None):
        super().__init__(parent)
        self.title, self.color = title, color
        self.labels: list[str] = []
        self.short: list[str] = []
        self.values: list[int] = []
        self.due: list[int] | None = None
        self.setMinimumHeight(self.fontMetrics().height() * 6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_values(self, labels: list[str], values: list[int], due: list[int] | None = None,
                   short: list[str] | None = None) -> None:
        """One bar per period: `labels` under the bars (`short` ones, e.g. 2025Q3, when many
        periods leave too little room), `values` on them, `due` (if given) beside."""
        self.labels, self.values, self.due = list(labels), list(values), due and list(due)
        self.short = list(short or labels)
        self.setAccessibleName(self.title)
        self.setAccessibleDescription("；".join(self.figures()))
        self.update()

    def figures(self) -> list[str]:
        """What each bar says, in period order ("2025年第3季度 17/18")."""
        if self.due is None:
            return [f"{label} {value}" for label, value in zip(self.labels, self.values)]
        return [f"{label} {value}/{due}" for label, value, due in zip(self.labels, self.values, self.due)]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = painter.fontMetrics().height()
        painter.setPen(TEXT)
        painter.drawText(QRectF(4, 0, self.width() - 8, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        if not self.values:
            return
        top, bottom = line * 2.4, self.height() - line - 6
        left, right = 6.0, self.width() - 6.0
        peak = max([*self.values, *(self.due or [])]) or 1
        scale = max(bottom - top, 1) / peak
        slot = (right - left) / len(self.values)
        width = min(max(6.0, slot * (0.3 if self.due is not None else 0.5)), line * 2.5)
        for index, value in enumerate(self.values):
            x = left + index * slot + slot / 2
            due = self.due[index] if self.due is not None else None
            if due is None:
                self._bar(painter, QRectF(x - width / 2, bottom - value * scale, width, value * scale))
            else:
                self._bar(painter, QRectF(x - width - 1, bottom - due * scale, width, due * scale),
                          hatched=True)
                self._bar(painter, QRectF(x + 1, bottom - value * scale, width, value * scale))
            short = due is not None and value < due
            head = bottom - max(value, due or 0) * scale
            painter.setPen(SHORT if short else TEXT)
            figure = f"{value}/{due}" if due is not None else str(value)
            if short:
                wide = painter.fontMetrics().horizontalAdvance(f"{figure}　未达") <= slot - 2
                figure = f"{figure}　未达" if wide else f"{figure}!"
            painter.drawText(QRectF(x - slot / 2, head - line - 2, slot, line),
                             Qt.AlignmentFlag.AlignCenter, figure)
            painter.setPen(TEXT)
            label = self.labels[index]
            if painter.fontMetrics().horizontalAdvance(label) > slot - 2:
                label = painter.fontMetrics().elidedText(self.short[index],
                                                         Qt.TextElideMode.ElideRight, int(slot) - 2)
            painter.drawText(QRectF(x - slot / 2, bottom + 3, slot, line),
                             Qt.AlignmentFlag.AlignCenter, label)
        painter.setPen(QPen(AXIS))
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))

    def _bar(self, painter: QPainter, rect: QRectF, hatched: bool = False) -> None:
        if rect.height() <= 0:
            return
        if hatched:
            painter.setPen(QPen(REQUIRED, 1))
            painter.setBrush(QBrush(REQUIRED, Qt.BrushStyle.BDiagPattern))
        else:
            painter.setPen(QPen(self.color, 1))
            painter.setBrush(QBrush(self.color))
        painter.drawRect(rect)
