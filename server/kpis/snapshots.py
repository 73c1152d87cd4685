"""``snapshot_kpis``: every rep's, district's and region's KPIs for a period, stored as
synced ``kpi_snapshots`` rows (docs/kpis.md, "Snapshots").

The figures come from ``domain.kpis`` over the facts of ``server.kpis.facts``, exactly
as the device computes them from its replica: a rep's own visits against their target
doctors; a district or a region pools its reps' visits and targets (the team figures a
manager's Reports page shows). Each subject is ranked by coverage among its siblings
(reps in their district, districts in their region, regions in the company) with the
siblings' median beside it.

Who sees what is decided by the rows' scope columns (``wire.schema``): the managers'
row of a rep or a district carries ``district_id`` (that district's DM and the
region's RM), a region's ``region_id`` (its RM). A rep gets a second row of their own
(``owner_id``) with their own figures and, when the company allows it, their rank and
the district median (in a district of at least ``MEDIAN_MIN_REPS`` reps): never a
peer's figures.

A run is idempotent: rows have ids derived from (period, subject, audience) and only a
row whose figures changed is written, one feed entry per scope it lives in.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.kpis import (
    RepKpis,
    SalesFact,
    TargetDoctor,
    TargetFact,
    VisitFact,
    median,
    rank,
    rep_kpis,
    ride_along_days,
    sales_attainment,
)
from server.kpis.facts import CompanyFacts, read_facts
from server.kpis.periods import SnapshotPeriod, default_periods
from server.rules.service import company_calendar, frequency_rule_in_force
from server.sync.feed import ChangeSet, publish, utcnow
from server.sync.rows import insert_rows, update_row
from server.tables import synced

snapshots_t = synced["kpi_snapshots"]
RANKED_BY = "coverage"  # as the device's team ranking (desktop.reports.RANKED_BY)
_NAMESPACE = uuid.UUID("0b7f6a52-4d0e-4f47-9d7e-6b1c0f3a5e21")
# A rep's own row shows the district median only in a district of at least this many
# reps: the median of two is their mean, and the rep would work out the peer's figure.
MEDIAN_MIN_REPS = 3
_DIGITS = 9  # floats are stored rounded: a re-run that only sums in another order is no change
# What decides whether a stored snapshot changed (everything but the stamps).
FIGURES = ("period", "period_kind", "first_day", "last_day", "subject_kind", "subject_id",
           "audience", "owner_id", "district_id", "region_id", "visits", "coverage",
           "visits_per_working_day", "average_quality", "share_on_plan", "frequency", "sales",
           "sales_quantity", "sales_target", "sales_attainment", "ride_along_days", "ranked_by",
           "rank", "rank_of", "parent_median")


@dataclass(slots=True)
class SnapshotReport:
    periods: list[str]
    subjects: int = 0  # snapshot rows computed
    inserted: int = 0
    updated: int = 0
    seconds: float = 0.0
    per_period: dict[str, tuple[int, int]] = field(default_factory=dict)  # label: (ins, upd)

    @property
    def written(self) -> int:
        return self.inserted + self.updated


def snapshot_id(label: str, subject_kind: str, subject_id: str, audience: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{label}|{subject_kind}|{subject_id}|{audience}")


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), _DIGITS)


def _uuid(hex_key: str | None) -> uuid.UUID | None:
    return uuid.UUID(hex=hex_key) if hex_key else None


@dataclass(frozen=True, slots=True)
class _Subject:
    kind: str  # rep | district | region
    key: str
    kpis: RepKpis
    sales: dict[str, Any]
    sales_quantity: float | None
    sales_target: float | None
    sales_attainment: float | None
    ride_along_days: int | None


def _subject(kind: str, subject_key: str, visits: Sequence[VisitFact],
             targets: Sequence[TargetDoctor], sales: Iterable[SalesFact],
             goals: Iterable[TargetFact], snap: SnapshotPeriod, manager: str | None) -> _Subject:
    period = snap.period
    kpis = rep_kpis(visits, targets, period)
    by_product = sales_attainment(sales, goals, period)
    sold = sum(s.quantity for s in by_product.values())
    wanted = sum(s.target for s in by_product.values())
    return _Subject(
        kind, subject_key, kpis,
        {p: {"quantity": _round(s.quantity), "target": _round(s.target),
             "attainment": _round(s.attainment)} for p, s in by_product.items()},
        _round(sold) if by_product else None, _round(wanted) if by_product else None,
        _round(sold / wanted) if wanted else None,
        ride_along_days(visits, manager, period) if manager else None)


def _row(snap: SnapshotPeriod, subject: _Subject, audience: str, *, owner: str | None = None,
         district: str | None = None, region: str | None = None,
         place: tuple[int, int, float | None] | None = None) -> dict[str, Any]:
    k = subject.kpis
    return {
        "id": snapshot_id(snap.label, subject.kind, subject.key, audience),
        "period": snap.label, "period_kind": snap.kind,
        "first_day": snap.period.first_day, "last_day": snap.period.last_day,
        "subject_kind": subject.kind, "subject_id": uuid.UUID(hex=subject.key),
        "audience": audience, "owner_id": _uuid(owner), "district_id": _uuid(district),
        "region_id": _uuid(region),
        "visits": k.visits, "coverage": _round(k.coverage),
        "visits_per_working_day": _round(k.visits_per_working_day),
        "average_quality": _round(k.average_quality), "share_on_plan": _round(k.share_on_plan),
        "frequency": {g: {"doctors": a.doctors, "required": _round(a.required), "done": a.done,
                          "attainment": _round(a.attainment)} for g, a in k.frequency.items()},
        "sales": subject.sales, "sales_quantity": subject.sales_quantity,
        "sales_target": subject.sales_target, "sales_attainment": subject.sales_attainment,
        "ride_along_days": subject.ride_along_days,
        "ranked_by": RANKED_BY if place else None,
        "rank": place[0] if place else None, "rank_of": place[1] if place else None,
        "parent_median": _round(place[2]) if place else None,
    }


def _places(subjects: Mapping[str, _Subject], groups: Mapping[str, Sequence[str]]
            ) -> dict[str, tuple[int, int, float | None]]:
    """(rank, siblings, siblings' median coverage) of every subject, per parent group."""
    out: dict[str, tuple[int, int, float | None]] = {}
    for members in groups.values():
        values = {m: subjects[m].kpis.coverage for m in members}
        places = rank(values)
        middle = median(values.values())
        for m in members:
            out[m] = (places[m], len(members), middle)
    return out


def compute_rows(facts: CompanyFacts, snap: SnapshotPeriod, *,
                 ranks_for_reps: bool) -> list[dict[str, Any]]:
    """Every snapshot row of the period (pure: the facts are already read)."""
    reps: dict[str, _Subject] = {}
    by_district: dict[str, list[str]] = defaultdict(list)
    for rep in facts.reps.values():
        territory = rep.territory_id or ""
        reps[rep.user_id] = _subject("rep", rep.user_id, facts.visits.get(rep.user_id, []),
                                     facts.targets.get(rep.user_id, []),
                                     facts.sales.get(territory, ()),
                                     facts.sales_targets.get(territory, ()), snap, None)
        if rep.district_id:
            by_district[rep.district_id].append(rep.user_id)
    district_subjects: dict[str, _Subject] = {}
    by_region: dict[str, list[str]] = defaultdict(list)
    region_members: dict[str, list[str]] = defaultdict(list)
    for district, members in by_district.items():
        district_subjects[district] = _pooled("district", district, members, facts, snap,
                                              facts.district_manager.get(district))
        region = facts.district_region.get(district)
        if region:
            by_region[region].append(district)
            region_members[region].extend(members)
    region_subjects = {region: _pooled("region", region, members, facts, snap,
                                       facts.region_manager.get(region))
                       for region, members in region_members.items()}

    rep_places = _places(reps, by_district)
    district_places = _places(district_subjects, by_region)
    region_places = _places(region_subjects, {"company": sorted(region_subjects)})
    rows: list[dict[str, Any]] = []
    for rep in facts.reps.values():
        subject = reps[rep.user_id]
        place = rep_places.get(rep.user_id)
        if rep.district_id:
            rows.append(_row(snap, subject, "managers", district=rep.district_id, place=place))
        rows.append(_row(snap, subject, "self", owner=rep.user_id,
                         place=_own_place(place) if ranks_for_reps else None))
    for district, subject in district_subjects.items():
        rows.append(_row(snap, subject, "managers", district=district,
                         place=district_places.get(district)))
    for region, subject in region_subjects.items():
        rows.append(_row(snap, subject, "managers", region=region, place=region_places.get(region)))
    return rows


def _own_place(place: tuple[int, int, float | None] | None
               ) -> tuple[int, int, float | None] | None:
    """What a rep's own row may say of the district: the median only where it cannot
    give a peer's figure away (``MEDIAN_MIN_REPS``)."""
    if place is None:
        return None
    return place if place[1] >= MEDIAN_MIN_REPS else (place[0], place[1], None)


def _pooled(kind: str, subject_key: str, members: Sequence[str], facts: CompanyFacts,
            snap: SnapshotPeriod, manager: str | None) -> _Subject:
    """A team's figures: every member's visits against every member's targets."""
    visits = [v for m in members for v in facts.visits.get(m, ())]
    targets = [t for m in members for t in facts.targets.get(m, ())]
    territories = {facts.reps[m].territory_id for m in members if facts.reps[m].territory_id}
    sales = [s for t in sorted(territories, key=str) for s in facts.sales.get(str(t), ())]
    goals = [g for t in sorted(territories, key=str) for g in facts.sales_targets.get(str(t), ())]
    return _subject(kind, subject_key, visits, targets, sales, goals, snap, manager)


def _same(stored: Mapping[str, Any], fresh: Mapping[str, Any]) -> bool:
    for name in FIGURES:
        a, b = stored.get(name), fresh[name]
        if isinstance(a, dt.datetime) or isinstance(b, dt.datetime):
            continue
        if isinstance(a, float) or isinstance(b, float):
            if a is None or b is None or abs(float(a) - float(b)) > 10 ** -_DIGITS:
                return False
        elif a != b:
            return False
    return True


def write_rows(conn: Connection, labels: Sequence[str], rows: Sequence[Mapping[str, Any]],
               computed_at: dt.datetime) -> tuple[int, int]:
    """Insert new snapshots, update changed ones, leave the rest; (inserted, updated)."""
    stored = {r["id"]: dict(r) for r in conn.execute(
        sa.select(snapshots_t).where(snapshots_t.c.period.in_(list(labels)))).mappings()}
    changes = ChangeSet()
    new = []
    updated = 0
    for row in rows:
        before = stored.get(row["id"])
        if before is None:
            new.append({**row, "computed_at": computed_at})
        elif before["deleted"] or not _same(before, row):
            fields = {k: v for k, v in row.items() if k != "id"}
            update_row(conn, changes, "kpi_snapshots", row["id"],
                       {**fields, "deleted": False, "computed_at": computed_at}, actor=None,
                       before=before)
            updated += 1
    insert_rows(conn, changes, "kpi_snapshots", new, actor=None)
    publish(conn, changes)
    return len(new), updated


def snapshot_kpis(conn: Connection, periods: Sequence[SnapshotPeriod] | None = None, *,
                  ranks_for_reps: bool = True, today: dt.date | None = None) -> SnapshotReport:
    """Recompute and store the snapshots of ``periods`` (default: the current and the
    previous month of the company calendar) in the caller's transaction."""
    started = time.perf_counter()
    calendar = company_calendar(conn)
    on = today or calendar.today()
    # A running period counts up to today, as on the device (domain Period.elapsed);
    # the row's last_day says up to which day.
    periods = [replace(p, period=p.period.elapsed(on))
               for p in (list(periods) if periods else default_periods(on))]
    rule = frequency_rule_in_force(conn)
    report = SnapshotReport([p.label for p in periods])
    computed_at = utcnow()
    for snap in periods:
        facts = read_facts(conn, snap.period, calendar, rule)
        rows = compute_rows(facts, snap, ranks_for_reps=ranks_for_reps)
        inserted, updated = write_rows(conn, [snap.label], rows, computed_at)
        report.subjects += len(rows)
        report.inserted += inserted
        report.updated += updated
        report.per_period[snap.label] = (inserted, updated)
    report.seconds = round(time.perf_counter() - started, 2)
    return report
