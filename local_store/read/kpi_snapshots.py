"""The server's KPI snapshots the replica holds for one period (docs/kpis.md).

A rep's replica holds their own snapshot only (``audience`` self: their figures, and
their rank and the district median when the company allows it); a manager's the
managers' rows of their team's reps and districts (an RM also their region's).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.replica import synced

snapshots_t = synced["kpi_snapshots"]


@dataclass(frozen=True, slots=True)
class KpiSnapshot:
    subject_kind: str  # rep | district | region
    subject_id: str  # 32 hex digits, as the report facts carry ids
    audience: str  # managers | self
    district_id: str | None
    visits: int | None
    coverage: float | None
    visits_per_working_day: float | None
    average_quality: float | None
    share_on_plan: float | None
    ranked_by: str | None
    rank: int | None
    rank_of: int | None
    parent_median: float | None
    computed_at: dt.datetime


def _hex(value: Any) -> str | None:
    if value is None:
        return None
    return value.hex if isinstance(value, uuid.UUID) else str(value).replace("-", "").lower()


def period_snapshots(conn: Connection, period_kind: str, first_day: dt.date) -> list[KpiSnapshot]:
    """Every snapshot of the period starting ``first_day`` in the replica."""
    t = snapshots_t
    rows = conn.execute(sa.select(t).where(t.c.period_kind == period_kind,
                                           t.c.first_day == first_day, ~t.c.deleted)).mappings()
    return [KpiSnapshot(r["subject_kind"], _hex(r["subject_id"]) or "", r["audience"],
                        _hex(r["district_id"]), r["visits"], r["coverage"],
                        r["visits_per_working_day"], r["average_quality"], r["share_on_plan"],
                        r["ranked_by"], r["rank"], r["rank_of"], r["parent_median"],
                        r["computed_at"])
            for r in rows]
