"""A colleague's exemplary visit, read from the district's shared snapshot (read-only).

The visit itself is in the colleague's territory, not in this replica; the server
shared what a teammate learns from: who, which doctor, the purpose, the products with
their key messages and the doctor's reaction, the feedback, the result, the next
step, the quality score and who marked it exemplary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common import format_when, heading
from desktop.ui.doctors_labels import VISIT_TYPES, label
from desktop.ui.visits_model import quality_text


def _as_utc(value: Any) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class SharedVisitDialog(QDialog):
    """Shows one ``shared_visits`` snapshot; nothing in it can be edited."""

    def __init__(self, snapshot: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Good practice"))
        self.resize(640, 560)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = heading(" · ".join(x for x in (snapshot.get("doctor_name"),
                                                     snapshot.get("institution_name")) if x), 3)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.byline = QLabel(
            self.tr("%1, %2 — marked exemplary by %3 on %4")
            .replace("%1", str(snapshot.get("rep_name") or ""))
            .replace("%2", format_when(_as_utc(snapshot.get("started_at")), ""))
            .replace("%3", str(snapshot.get("reviewer_name") or ""))
            .replace("%4", format_when(_as_utc(snapshot.get("shared_at")), "")))
        self.byline.setWordWrap(True)
        self.byline.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.byline)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        rows = (
            ("visit_type", self.tr("Type"), label(VISIT_TYPES, snapshot.get("visit_type"))),
            ("department_name", self.tr("Department"), snapshot.get("department_name")),
            ("purpose", self.tr("Purpose"), snapshot.get("purpose")),
            ("products", self.tr("Products detailed"), self._products(snapshot)),
            ("doctor_feedback", self.tr("Doctor feedback"), snapshot.get("doctor_feedback")),
            ("result", self.tr("Result"), snapshot.get("result")),
            ("next_step", self.tr("Next step"), snapshot.get("next_step")),
            ("quality", self.tr("Quality"), quality_text(snapshot.get("quality_score"))),
        )
        for key, caption, value in rows:
            text = QLabel(str(value or "—"))
            text.setWordWrap(True)
            self.fields[key] = text
            form.addRow(caption, text)
        layout.addLayout(form)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(buttons)

    def _products(self, snapshot: Mapping[str, Any]) -> str:
        lines = []
        for i, entry in enumerate(snapshot.get("products") or [], start=1):
            line = f"{i}. {entry.get('product_name') or ''}"
            if entry.get("key_message"):
                line += self.tr(" — key message: %1").replace("%1", str(entry["key_message"]))
            if entry.get("reaction"):
                line += self.tr(" — reaction: %1").replace("%1", str(entry["reaction"]))
            lines.append(line)
        return "\n".join(lines)
