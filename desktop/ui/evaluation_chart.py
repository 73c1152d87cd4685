"""A small line chart drawn with QPainter: monthly scores per person and the team
average (thick), on the template's scale. No Qt Charts (PySide6-Addons stays out)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#1e88e5", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#e53935", "#6d4c41",
           "#3949ab", "#c0ca33", "#d81b60")
AVERAGE_COLOUR = "#212121"
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 36, 150, 12, 28
MIN_HEIGHT = 240


class TrendChart(QWidget):
    """``set_data(months, series, average, low, high)``; series: name -> month -> value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.months: Sequence[str] = ()
        self.series: Mapping[str, Mapping[str, float]] = {}
        self.average: Mapping[str, float] = {}
        self.average_label = ""
        self.low, self.high = 1.0, 5.0
        self.empty_text = ""

    def set_data(self, months: Sequence[str], series: Mapping[str, Mapping[str, float]],
                 average: Mapping[str, float], *, low: float, high: float,
                 average_label: str, empty_text: str) -> None:
        self.months, self.series, self.average = months, series, average
        self.low, self.high = low, high
        self.average_label, self.empty_text = average_label, empty_text
        self.update()

    def _point(self, plot: QRectF, index: int, value: float) -> QPointF:
        step = plot.width() / max(len(self.months) - 1, 1)
        share = (value - self.low) / max(self.high - self.low, 1e-9)
        return QPointF(plot.left() + index * step, plot.bottom() - share * plot.height())

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = QRectF(MARGIN_LEFT, MARGIN_TOP, self.width() - MARGIN_LEFT - MARGIN_RIGHT,
                      self.height() - MARGIN_TOP - MARGIN_BOTTOM)
        text_pen = QPen(self.palette().text().color())
        grid = QPen(QColor("#e0e0e0"))
        p.setPen(text_pen)
        if not self.months or not (self.series or self.average):
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        level = int(self.low)
        while level <= self.high:
            y = self._point(plot, 0, level).y()
            p.setPen(grid)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text_pen)
            p.drawText(QRectF(0, y - 8, MARGIN_LEFT - 6, 16),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(level))
            level += 1
        every = max(len(self.months) // 8, 1)
        for i, month in enumerate(self.months):
            if i % every == 0:
                x = self._point(plot, i, self.low).x()
                p.drawText(QRectF(x - 30, plot.bottom() + 4, 60, 18),
                           Qt.AlignmentFlag.AlignHCenter, month)
        index = {m: i for i, m in enumerate(self.months)}
        legend_y = plot.top()
        for n, (name, values) in enumerate(sorted(self.series.items())):
            colour = QColor(PALETTE[n % len(PALETTE)])
            self._line(p, plot, index, values, QPen(colour, 1.5))
            legend_y = self._legend(p, plot, legend_y, colour, name, 1.5)
        if self.average:
            colour = QColor(AVERAGE_COLOUR)
            self._line(p, plot, index, self.average, QPen(colour, 3.0))
            self._legend(p, plot, legend_y, colour, self.average_label, 3.0)
        p.end()

    def _line(self, p: QPainter, plot: QRectF, index: Mapping[str, int],
              values: Mapping[str, float], pen: QPen) -> None:
        points = [self._point(plot, index[m], v) for m, v in sorted(values.items()) if m in index]
        if not points:
            return
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        p.setPen(pen)
        p.drawPath(path)
        p.setBrush(pen.color())
        for point in points:
            p.drawEllipse(point, 2.5, 2.5)
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _legend(self, p: QPainter, plot: QRectF, y: float, colour: QColor, name: str,
                width: float) -> float:
        x = plot.right() + 12
        p.setPen(QPen(colour, width))
        p.drawLine(QPointF(x, y + 8), QPointF(x + 18, y + 8))
        p.setPen(QPen(self.palette().text().color()))
        p.drawText(QRectF(x + 24, y, MARGIN_RIGHT - 40, 16),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        return y + 18
