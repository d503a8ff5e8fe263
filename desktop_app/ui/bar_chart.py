"""The year at a glance: meetings required vs held per month, drawn with QPainter.

QtCharts is not in pyside6-essentials, and two bars a month need little. Not colour alone: the
required bar is an outline with hatching, the held bar solid, each month carries "已开/应开" in
figures, and a month that fell short is marked 未达 in words.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.core.dashboard import MonthBar

HELD = QColor("#b71c1c")
REQUIRED = QColor("#9e9e9e")
SHORT = QColor("#c62828")
TEXT = QColor("#333333")


class MeetingsChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[MonthBar] = []
        self.setMinimumHeight(230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, bars: list[MonthBar]) -> None:
        self.bars = list(bars)
        described = "；".join(f"{b.month}月 已开{b.held}次/应开{b.required}次" for b in bars
                             if b.required or b.held)
        self.setAccessibleDescription(f"各月会议：{described}")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        self._legend(painter, line)
        if not self.bars:
            return
        top, bottom = line * 2 + 8, self.height() - line - 8
        left, right = metrics.horizontalAdvance("00") + 10, self.width() - 6
        peak = max(max(b.required, b.held) for b in self.bars) or 1
        scale = (bottom - top - line - 4) / peak
        painter.setPen(QPen(QColor("#e0e0e0")))
        for value in _ticks(peak):
            y = bottom - value * scale
            painter.drawLine(int(left), int(y), int(right), int(y))
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, y - line / 2, left - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
            painter.setPen(QPen(QColor("#e0e0e0")))
        slot = (right - left) / len(self.bars)
        width = max(4.0, slot * 0.3)
        for index, bar in enumerate(self.bars):
            x = left + index * slot + slot / 2
            self._bar(painter, QRectF(x - width - 1, bottom - bar.required * scale, width,
                                      bar.required * scale), required=True)
            if not bar.future:
                self._bar(painter, QRectF(x + 1, bottom - bar.held * scale, width,
                                          bar.held * scale), required=False)
            painter.setPen(TEXT)
            painter.drawText(QRectF(x - slot / 2, bottom + 2, slot, line),
                             Qt.AlignmentFlag.AlignCenter, f"{bar.month}月")
            if bar.required or bar.held:
                short = not bar.future and bar.held < bar.required
                label = "未开" if bar.future else f"{bar.held}/{bar.required}"
                head = bottom - max(bar.required, bar.held) * scale
                painter.setPen(SHORT if short else TEXT)
                painter.drawText(QRectF(x - slot / 2, head - line * (2 if short else 1) - 2, slot,
                                        line), Qt.AlignmentFlag.AlignCenter, label)
                if short:
                    painter.drawText(QRectF(x - slot / 2, head - line - 2, slot, line),
                                     Qt.AlignmentFlag.AlignCenter, "未达")
        painter.setPen(QPen(TEXT))
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))

    def _bar(self, painter: QPainter, rect: QRectF, required: bool) -> None:
        if rect.height() <= 0:
            return
        if required:
            painter.setPen(QPen(REQUIRED, 1))
            painter.setBrush(QBrush(REQUIRED, Qt.BrushStyle.BDiagPattern))
        else:
            painter.setPen(QPen(HELD, 1))
            painter.setBrush(QBrush(HELD))
        painter.drawRect(rect)

    def _legend(self, painter: QPainter, line: int) -> None:
        x = 8.0
        for required, text in ((True, "应开（按规则，季度、年度要求计在期末月）"),
                               (False, "已开（计入要求的会议）")):
            self._bar(painter, QRectF(x, 4, line, line - 2), required)
            painter.setPen(TEXT)
            painter.drawText(QRectF(x + line + 4, 2, 600, line + 2),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += line + 16 + painter.fontMetrics().horizontalAdvance(text)


def _ticks(peak: int) -> list[int]:
    step = max(1, -(-peak // 4))
    return list(range(0, peak + 1, step))
