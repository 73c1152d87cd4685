"""Who came along on a visit: one check box per manager who can accompany the rep.

A visit may be accompanied by several managers at once (the DM and the RM riding
along together), so the form offers each of them as a check box rather than one
choice in a list. A companion stored on the visit who is no longer among the choices
(a manager who moved on) stays shown, checked, so saving the form never drops them
silently.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from desktop.visit_form_data import ManagerChoice


class CompanionPicker(QWidget):
    """The managers as check boxes; ``changed`` whenever one is ticked or cleared."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[uuid.UUID, QCheckBox] = {}
        self.empty = QLabel(self.tr("No manager to choose: sync to get your managers."))
        self.empty.setStyleSheet("color: palette(mid);")
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)

    def set_choices(self, managers: Sequence[ManagerChoice],
                    selected: Sequence[uuid.UUID]) -> None:
        """Offer ``managers`` (and any selected one who is not among them), ticking ``selected``."""
        for box in self.boxes.values():
            self._layout.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        known = {m.id for m in managers}
        entries = [(m.id, f"{m.name} ({self._role(m.role)})") for m in managers]
        entries += [(u, self.tr("A former manager")) for u in selected if u not in known]
        for position, (user_id, text) in enumerate(entries):
            box = QCheckBox(text)
            box.setChecked(user_id in selected)
            box.toggled.connect(lambda _on: self.changed.emit())
            self._layout.insertWidget(position, box)
            self.boxes[user_id] = box
        self.empty.setVisible(not entries)

    def _role(self, role: str) -> str:
        return self.tr("DM") if role == "dm" else self.tr("RM")

    def set_selected(self, selected: Sequence[uuid.UUID]) -> None:
        for user_id, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(user_id in selected)
            box.blockSignals(False)

    def selected(self) -> list[uuid.UUID]:
        """The ticked managers, in the order they are offered."""
        return [user_id for user_id, box in self.boxes.items() if box.isChecked()]

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)
