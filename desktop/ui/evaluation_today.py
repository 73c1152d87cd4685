"""Today's evaluations card: the evaluatee's open action items (ticked done here) and,
for a manager, evaluations made this month against the target and drafts to finish.
Hidden when there is nothing to say."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from desktop import evaluations as ev
from desktop.ops import Ops
from desktop.ui.common import heading

WATCHED = frozenset({"evaluations", "evaluation_action_items", "evaluation_templates"})


class TodayEvaluationsCard(QWidget):
    def __init__(self, ops: Ops, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(heading(self.tr("Evaluations"), 2))
        self.summary = QLabel()
        self.layout_.addWidget(self.summary)
        self.checks: list[QCheckBox] = []
        ops.changed.connect(lambda tables: self.refresh() if tables & WATCHED else None)
        self.hide()
        self.refresh()

    def refresh(self) -> None:
        self.ops.query(ev.today_evaluations, self._show)

    def _show(self, data: ev.TodayEvaluations) -> None:
        for check in self.checks:
            check.hide()
            check.deleteLater()
        self.checks = []
        lines = []
        if self.role in ("dm", "rm") and data.monthly_target:
            lines.append(self.tr("Evaluations made this month: {n} of {target}").format(
                n=data.made_this_month, target=data.monthly_target))
        if data.visits_to_review:
            lines.append(self.tr("Team visits of the last 7 days not reviewed yet: {n}").format(
                n=data.visits_to_review))
        if data.drafts:
            lines.append(self.tr("Drafts to finish: {n}").format(n=data.drafts))
        if data.open_items:
            lines.append(self.tr("Your action items from evaluations:"))
        self.summary.setText("\n".join(lines))
        for item in data.open_items:
            due = QLocale().toString(QDate(item.due_date.year, item.due_date.month,
                                           item.due_date.day), QLocale.FormatType.ShortFormat) \
                if item.due_date else "—"
            check = QCheckBox(self.tr("{text} (due {due})").format(text=item.text, due=due))
            check.toggled.connect(lambda done, i=item.id: self._done(i, done))
            self.layout_.addWidget(check)
            self.checks.append(check)
        self.setVisible(bool(lines))

    def _done(self, item_id: uuid.UUID, done: bool) -> None:
        self.ops.write(lambda r: ev.set_item_done(r, item_id, done),
                       changes={"evaluation_action_items"})
