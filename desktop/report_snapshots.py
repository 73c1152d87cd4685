"""The server's KPI snapshots on the Reports page: a rep's standing, a manager's ranking.

A rep's replica never holds a peer's figures, so "your rank N of M, district median X"
can only come from the rep's own snapshot, which the server computes with the same
``domain.kpis`` functions over everyone (docs/kpis.md). A manager's team ranking is the
server's when a snapshot of the period exists for every rep shown: the DM sees the
server's ranks in the district; an RM, whose reps span districts, sees them ranked by
the same rule over the server's figures. Without snapshots (never synced, a period
not computed) the page keeps ranking on the device.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.kpis import RepKpis, median, rank
from local_store.read.kpi_snapshots import KpiSnapshot, period_snapshots
from local_store.read.reports import Person

__all__ = ["KpiSnapshot", "ServerRanking", "own_standing", "period_snapshots", "server_ranking"]


@dataclass(frozen=True, slots=True)
class ServerRanking:
    ranks: Mapping[str, int]  # rep id -> place
    kpis: Mapping[str, RepKpis]  # rep id -> the server's figures
    median_coverage: float | None
    computed_at: dt.datetime


def own_standing(me: Person, snapshots: Sequence[KpiSnapshot]) -> KpiSnapshot | None:
    """The rep's own snapshot of the period (None: not computed or not synced yet)."""
    return next((s for s in snapshots if s.audience == "self" and s.subject_kind == "rep"
                 and s.subject_id == me.user_id), None)


def _kpis(s: KpiSnapshot) -> RepKpis:
    return RepKpis(s.visits or 0, s.coverage, s.visits_per_working_day, s.average_quality,
                   s.share_on_plan, {})


def server_ranking(people: Sequence[Person], snapshots: Sequence[KpiSnapshot]
                   ) -> ServerRanking | None:
    """The team's ranking from the managers' snapshots, or None when any rep shown
    lacks one (a partial server ranking would disagree with the device's)."""
    rows = {s.subject_id: s for s in snapshots
            if s.subject_kind == "rep" and s.audience == "managers"}
    if not people or any(p.user_id not in rows for p in people):
        return None
    mine = [rows[p.user_id] for p in people]
    districts = {s.district_id for s in mine}
    if len(districts) == 1 and all(s.rank is not None for s in mine):
        ranks = {s.subject_id: int(s.rank or 0) for s in mine}
        middle = mine[0].parent_median
    else:
        ranks = rank({s.subject_id: s.coverage for s in mine})
        middle = median(s.coverage for s in mine)
    return ServerRanking(ranks, {s.subject_id: _kpis(s) for s in mine}, middle,
                         max(s.computed_at for s in mine))
