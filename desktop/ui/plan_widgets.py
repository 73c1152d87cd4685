"""The Plan page's parts: the suggestion list, a day column of the week grid, the map.

Drag and drop carries ids in our own MIME types: a suggestion carries a doctor id
(``DOCTOR_MIME``), a planned visit in a day column carries its own id
(``PLANNED_MIME``) so it can move to another day. A day column turns a drop into its
``dropped`` signal; the page decides what to write.

``RouteMap`` draws the day's stops and path from their coordinates with QPainter: an
equirectangular projection fitted to the stops, no tiles and no network, so it works
in a hospital basement.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from desktop.planning import Outcome, Route

DOCTOR_MIME = "application/x-fieldrep-doctor"
PLANNED_MIME = "application/x-fieldrep-planned-visit"
ID_ROLE = Qt.ItemDataRole.UserRole
OUTCOME_COLOURS = {
    Outcome.PLANNED: QColor("#1565c0"),
    Outcome.DONE: QColor("#2e7d32"),
    Outcome.MISSED: QColor("#c62828"),
    Outcome.UNPLANNED: QColor("#ef6c00"),
}
MAP_MARGIN = 28.0
MAP_MIN_WIDTH = 160
MAP_MIN_HEIGHT = 200
STOP_RADIUS = 11.0
MAP_BACKGROUND = QColor("#f4f7fb")
PATH_COLOUR = QColor("#1565c0")


class SuggestionList(QListWidget):
    """Suggested doctors; dragging an item carries its doctor id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def mimeTypes(self) -> list[str]:
        return [DOCTOR_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem], /) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(DOCTOR_MIME, str(items[0].data(ID_ROLE)).encode())
        return data


class DayList(QListWidget):
    """One day of the week grid: its planned visits; accepts doctors and planned visits."""

    dropped = Signal(str, object, object)  # kind ("doctor"/"planned"), id, day

    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = day
        self.setAcceptDrops(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)

    def mimeTypes(self) -> list[str]:
        return [DOCTOR_MIME, PLANNED_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem], /) -> QMimeData:
        data = QMimeData()
        if items and items[0].data(ID_ROLE) is not None:
            data.setData(PLANNED_MIME, str(items[0].data(ID_ROLE)).encode())
        return data

    def _accepts(self, data: QMimeData) -> bool:
        return data.hasFormat(DOCTOR_MIME) or data.hasFormat(PLANNED_MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Never moves items itself: the page writes the change and reloads the week."""
        if self.accept_mime(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def accept_mime(self, data: QMimeData) -> bool:
        for mime, kind in ((DOCTOR_MIME, "doctor"), (PLANNED_MIME, "planned")):
            if data.hasFormat(mime):
                try:
                    row_id = uuid.UUID(bytes(data.data(mime).data()).decode())
                except ValueError:
                    return False
                self.dropped.emit(kind, row_id, self.day)
                return True
        return False


class RouteMap(QWidget):
    """The day's stops and path, drawn from coordinates (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.route: Route | None = None
        self.empty_text = ""
        self.setMinimumSize(MAP_MIN_WIDTH, MAP_MIN_HEIGHT)

    def show_route(self, route: Route | None, empty_text: str = "") -> None:
        self.route = route
        self.empty_text = empty_text
        self.update()

    def points(self) -> list[QPointF]:
        """Each located stop's position in the widget (in route order)."""
        route = self.route
        if route is None:
            return []
        located = [s for s in route.stops if s.located]
        if not located:
            return []
        lats = [s.latitude or 0.0 for s in located]
        lons = [s.longitude or 0.0 for s in located]
        mid_lat = math.radians((max(lats) + min(lats)) / 2)
        xs = [lon * math.cos(mid_lat) for lon in lons]
        ys = lats
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-4)
        width = self.width() - 2 * MAP_MARGIN
        height = self.height() - 2 * MAP_MARGIN
        scale = min(width, height) / span
        off_x = MAP_MARGIN + (width - (max(xs) - min(xs)) * scale) / 2
        off_y = MAP_MARGIN + (height - (max(ys) - min(ys)) * scale) / 2
        return [QPointF(off_x + (x - min(xs)) * scale, off_y + (max(ys) - y) * scale)
                for x, y in zip(xs, ys, strict=True)]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), MAP_BACKGROUND)
        points = self.points()
        if not points:
            painter.setPen(QColor("#777777"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.empty_text)
            return
        path = QPainterPath(points[0])
        for p in points[1:]:
            path.lineTo(p)
        painter.setPen(QPen(PATH_COLOUR, 2.5, Qt.PenStyle.DashLine))
        painter.drawPath(path)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        assert self.route is not None
        located = [s for s in self.route.stops if s.located]
        for n, (p, stop) in enumerate(zip(points, located, strict=True), 1):
            painter.setPen(QPen(QColor("white"), 2))
            painter.setBrush(QBrush(OUTCOME_COLOURS[Outcome.DONE] if n == 1 else PATH_COLOUR))
            painter.drawEllipse(p, STOP_RADIUS, STOP_RADIUS)
            painter.drawText(QRectF(p.x() - STOP_RADIUS, p.y() - STOP_RADIUS, 2 * STOP_RADIUS,
                                    2 * STOP_RADIUS), Qt.AlignmentFlag.AlignCenter, str(n))
            painter.setPen(QColor("#263238"))
            painter.drawText(QPointF(p.x() + STOP_RADIUS + 3, p.y() + 4), stop.name)
