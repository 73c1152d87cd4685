"""Charts drawn once for screen and print: reportlab graphics, shown on screen as SVG.

A chart is a reportlab ``Drawing`` built from plain figures (no Qt). The printed team
summary places the Drawing in the PDF as vector graphics; the screen renders the same
Drawing to SVG (``svg_bytes``) and shows it with QtSvg, which ships with
PySide6-Essentials: one chart code, no second chart library.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

BAR = colors.HexColor("#1f6fb2")
BAR_PREVIOUS = colors.HexColor("#a9c7e4")
TARGET = colors.HexColor("#d9534f")
FONT = "Helvetica"


def attainment_bars(labels: Sequence[str], current: Sequence[float | None],
                    previous: Sequence[float | None] | None = None, *, width: float = 360,
                    height: float = 180, title: str = "", font: str = FONT,
                    legend: Sequence[str] = ()) -> Drawing:
    """Bars of attainment (0–1, shown in %) per label, with a line at 100 %; the previous
    period's bars beside them when given. ``legend`` names the bars and the 100 % line
    (in that order) under the title. Many labels are slanted so names do not overlap."""
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # the renderer starts in this font (a PDF embeds only it)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    chart = VerticalBarChart()
    slanted = len(labels) > 6
    chart.x, chart.y = 36, 44 if slanted else 28
    chart.width, chart.height = width - 50, height - chart.y - 24 - (10 if legend else 0)
    series = [[round(100 * (v or 0.0), 1) for v in current]]
    if previous is not None:
        series.insert(0, [round(100 * (v or 0.0), 1) for v in previous])
    chart.data = series
    chart.categoryAxis.categoryNames = [str(label) for label in labels] or [""]
    chart.categoryAxis.labels.fontName = font
    if slanted:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([100.0, *(v for row in series for v in row)])
    chart.valueAxis.valueMax = top * 1.1
    chart.valueAxis.valueStep = 25 if top <= 150 else 50
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars.strokeColor = None
    chart.bars[len(series) - 1].fillColor = BAR
    if previous is not None:
        chart.bars[0].fillColor = BAR_PREVIOUS
    drawing.add(chart)
    y100 = chart.y + chart.height * 100 / chart.valueAxis.valueMax
    drawing.add(Line(chart.x, y100, chart.x + chart.width, y100, strokeColor=TARGET,
                     strokeDashArray=[3, 2]))
    if title:
        drawing.add(String(chart.x, height - 14, title, fontName=font, fontSize=10))
    if legend:
        x, y = chart.x, height - 28
        for text, swatch in zip(legend, (BAR, TARGET), strict=False):
            drawing.add(Rect(x, y, 8, 8, fillColor=swatch, strokeColor=None))
            drawing.add(String(x + 11, y + 1, text, fontName=font, fontSize=8))
            x += 24 + stringWidth(text, font, 8)
    return drawing


def svg_bytes(drawing: Drawing) -> bytes:
    """The drawing as SVG, for QtSvg on screen."""
    text = renderSVG.drawToString(drawing)
    return text.encode("utf-8") if isinstance(text, str) else bytes(text)
