"""What the Reports page's drill-down needs beyond ``report_inputs``: where each rep
sits in the organisation, sales per territory, and one rep's doctors with their last visit.

Plain facts for ``domain.kpi_rollup``; ids are the replica's 32-digit hex text, as in
``local_store.read.reports``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar
from domain.frequency import FrequencyRule
from domain.kpis import Period, SalesFact, TargetFact
from local_store.read.ids import hex_text
from local_store.replica import synced
from wire.in_lists import in_chunks

users_t = synced["users"]
districts_t = synced["districts"]
regions_t = synced["regions"]
doctors_t = synced["doctors"]
institutions_t = synced["institutions"]
visits_t = synced["visits"]
sales_t = synced["sales_records"]
targets_t = synced["targets"]



@dataclass(frozen=True, slots=True)
class RepPlace:
    rep_id: str
    district_id: str  # "" when the rep has none
    region_id: str


@dataclass(frozen=True, slots=True)
class OrgNames:
    places: dict[str, RepPlace]  # rep id -> place
    districts: dict[str, str]  # id -> name
    regions: dict[str, str]


def rep_places(conn: Connection, rep_ids: Collection[str]) -> OrgNames:
    """Each rep's district and region (the region from the district when the user row has none)."""
    district_region = {hex_text(r.id): (hex_text(r.region_id), r.name)
                       for r in conn.execute(sa.select(districts_t.c.id, districts_t.c.region_id,
                                                       districts_t.c.name))}
    regions = {hex_text(r.id): r.name for r in conn.execute(sa.select(regions_t.c.id, regions_t.c.name))}
    places: dict[str, RepPlace] = {}
    wanted = [uuid.UUID(hex=i) for i in rep_ids]
    for chunk in in_chunks(wanted):
        for r in conn.execute(sa.select(users_t.c.id, users_t.c.district_id, users_t.c.region_id)
                              .where(users_t.c.id.in_(chunk))):
            district = hex_text(r.district_id) if r.district_id is not None else ""
            region = hex_text(r.region_id) if r.region_id is not None \
                else district_region.get(district, ("", ""))[0]
            places[hex_text(r.id)] = RepPlace(hex_text(r.id), district, region)
    return OrgNames(places, {k: name for k, (_r, name) in district_region.items()}, regions)


def territory_sales(conn: Connection, territory_ids: Collection[str], period: Period
                    ) -> tuple[dict[str, list[SalesFact]], dict[str, list[TargetFact]]]:
    """Sales and territory-total targets of the period's months, per territory."""
    sales: dict[str, list[SalesFact]] = defaultdict(list)
    goals: dict[str, list[TargetFact]] = defaultdict(list)
    ids = [uuid.UUID(hex=t) for t in territory_ids]
    if not ids:
        return sales, goals
    first = period.first_day.replace(day=1)
    for r in conn.execute(sa.select(sales_t).where(
            sales_t.c.territory_id.in_(ids), ~sales_t.c.deleted,
            sales_t.c.month >= first, sales_t.c.month <= period.last_day)):
        sales[hex_text(r.territory_id)].append(SalesFact(
            hex_text(r.institution_id), hex_text(r.product_id), r.month,
                                                    float(r.quantity)))
    for r in conn.execute(sa.select(targets_t).where(
            targets_t.c.territory_id.in_(ids), ~targets_t.c.deleted, targets_t.c.institution_id.is_(None),
            targets_t.c.month >= first, targets_t.c.month <= period.last_day)):
        goals[hex_text(r.territory_id)].append(TargetFact(hex_text(r.product_id), r.month, float(r.quantity)))
    return sales, goals


@dataclass(frozen=True, slots=True)
class DoctorRow:
    doctor_id: str
    name: str
    grade: str | None
    institution_id: str
    institution: str
    required_per_month: int  # 0: not a target doctor


def territory_doctors(conn: Connection, territory_id: str, rule: FrequencyRule) -> list[DoctorRow]:
    """The active doctors of a territory, each with what the frequency rule asks of them."""
    d, i = doctors_t, institutions_t
    rows = conn.execute(
        sa.select(d.c.id, d.c.name, d.c.grade, d.c.target_override, d.c.institution_id,
                  i.c.name.label("inst"))
        .select_from(d.outerjoin(i, i.c.id == d.c.institution_id))
        .where(d.c.territory_id == uuid.UUID(hex=territory_id), ~d.c.deleted, d.c.status == "active")
        .order_by(d.c.name))
    return [DoctorRow(hex_text(r.id), r.name, r.grade, hex_text(r.institution_id), r.inst or "",
                      rule.required(r.grade) if rule.is_target(r.grade, r.target_override) else 0)
            for r in rows]


def last_visits(conn: Connection, doctor_ids: Sequence[str], before: dt.date, rule: FrequencyRule,
                calendar: CompanyCalendar) -> dict[str, dt.date]:
    """Each doctor's latest counted visit (by anyone: history follows the doctor) before ``before``."""
    v = visits_t
    end = calendar.start_of(before).replace(tzinfo=None)
    out: dict[str, dt.date] = {}
    wanted = [uuid.UUID(hex=i) for i in doctor_ids]
    for chunk in in_chunks(wanted):
        q = (sa.select(v.c.doctor_id, sa.func.max(v.c.started_at).label("last"))
             .where(v.c.doctor_id.in_(chunk), ~v.c.deleted,
                    v.c.status == "submitted", v.c.amends_visit_id.is_(None),
                    v.c.visit_type.in_(rule.counted_types), v.c.started_at < end)
             .group_by(v.c.doctor_id))
        for r in conn.execute(q):
            if r.last is not None:
                last = r.last if isinstance(r.last, dt.datetime) else dt.datetime.fromisoformat(str(r.last))
                out[hex_text(r.doctor_id)] = calendar.local_date(last)
    return out
