"""One line on the Reports page about the server's KPI snapshot of the period.

A rep: "Your rank 3 of 6 in the district · district median coverage 62%" from their
own snapshot (offline, from the replica), or why it is missing. A manager: whether the
team ranking is the server's (and when it was computed) or the device's own.
"""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QLabel, QWidget

from desktop.reports import ReportView


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


class KpiStanding(QLabel):
    """Follows ``loaded`` (the Reports page's signal carrying each ``ReportView``)."""

    def __init__(self, loaded: SignalInstance, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        loaded.connect(self.show_view)

    def show_view(self, view: ReportView) -> None:
        self.setText(self.text_for(view))
        self.setVisible(bool(self.text()))

    def text_for(self, view: ReportView) -> str:
        if view.me.role == "rep":
            own = view.standing
            if own is None:
                return self.tr("Your rank in the district appears after the server has computed "
                               "this period and you have synced.")
            if own.rank is None or own.rank_of is None:
                return self.tr("Your coverage this period: %1 (the company does not show "
                               "ranks to reps).").replace("%1", _percent(own.coverage))
            if own.parent_median is None:  # a district too small to show a median safely
                return (self.tr("Your rank %1 of %2 in the district by coverage")
                        .replace("%1", str(own.rank)).replace("%2", str(own.rank_of)))
            return (self.tr("Your rank %1 of %2 in the district by coverage · district median %3")
                    .replace("%1", str(own.rank)).replace("%2", str(own.rank_of))
                    .replace("%3", _percent(own.parent_median)))
        if not view.team:
            return ""
        if view.ranking_source == "server" and view.ranking_computed_at is not None:
            when = view.ranking_computed_at.strftime("%Y-%m-%d %H:%M")
            return self.tr("Team ranking (below): as computed by the server, %1 UTC.").replace("%1", when)
        return self.tr("Team ranking (below): computed on this computer; the server has not "
                       "computed this period yet.")
