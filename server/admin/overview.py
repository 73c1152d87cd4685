"""The company at a glance, per region and district: aggregates only, never rows.

An admin's replica holds no territory data (``server.auth.scoping``: admins subscribe to
the global scope only), so the desktop's Company page asks the server for these
figures instead (``GET /api/v1/admin/overview``). Each figure is one grouped query over
the whole company, folded into districts here: the answer's size grows with the number
of districts and users, never with doctors or visits.

Visits are the counted ones of the frequency rule in force (submitted, of a counting
type, not an amendment), placed on the company calendar; a visit stays with the
territory it was made in. Coverage and frequency attainment are for this month so far,
of the doctors each district holds now (``domain.kpis`` in words: share of target
doctors seen at least once; visits done, capped per doctor, against visits required).
The answer carries the numerators and denominators, so a region's or the company's
ratio is computed from sums, not averaged from ratios.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.frequency import COUNTED_STATUS, FrequencyRule
from domain.grading import GRADES
from domain.roles import Role
from server.rules.service import company_calendar, frequency_rule_in_force
from server.sync.feed import utcnow
from server.tables import districts, doctors, regions, territories, users, visits
from wire.overview import Figures

UNGRADED = "-"
ACTIVE = "active"


def company_overview(conn: Connection, now: dt.datetime | None = None) -> dict[str, Any]:
    """Regions → districts with their figures, the company totals and every user."""
    now = now or utcnow()
    calendar = company_calendar(conn)
    today = calendar.today(now)
    this_month = calendar.month(today)
    last_month = calendar.month(this_month.first_day - dt.timedelta(days=1))
    rule = frequency_rule_in_force(conn, today)

    district_of = _territory_districts(conn)
    figures: dict[uuid.UUID, Figures] = defaultdict(Figures)
    for district_id in district_of.values():
        figures[district_id].territories += 1
    _count_people(conn, district_of, figures)
    _count_doctors(conn, district_of, figures)
    _count_institutions(conn, figures)
    _count_visits(conn, rule, district_of, figures, this_month.start, this_month.end,
                  last_month.start)
    _count_attainment(conn, rule, district_of, figures, this_month.start, this_month.end)

    region_institutions = _institutions_per_region(conn)
    out_regions = []
    for region in conn.execute(sa.select(regions.c.id, regions.c.code, regions.c.name)
                               .where(~regions.c.deleted).order_by(regions.c.code)).mappings():
        out_districts = [
            {"id": str(d["id"]), "code": d["code"], "name": d["name"],
             **figures[d["id"]].as_json()}
            for d in conn.execute(
                sa.select(districts.c.id, districts.c.code, districts.c.name)
                .where(districts.c.region_id == region["id"], ~districts.c.deleted)
                .order_by(districts.c.code)).mappings()]
        out_regions.append({"id": str(region["id"]), "code": region["code"],
                            "name": region["name"],
                            "institutions": region_institutions.get(region["id"], 0),
                            "districts": out_districts})
    return {
        "generated_at": now.isoformat(),
        "today": today.isoformat(),
        "month": this_month.first_day.isoformat(),
        "previous_month": last_month.first_day.isoformat(),
        "grades": [*GRADES, UNGRADED],
        "regions": out_regions,
        "company": _company_totals(conn),
        "users": _users(conn),
    }


def _territory_districts(conn: Connection) -> dict[uuid.UUID, uuid.UUID]:
    t = territories
    return {row.id: row.district_id for row in conn.execute(
        sa.select(t.c.id, t.c.district_id).where(~t.c.deleted))}


def _count_people(conn: Connection, district_of: dict[uuid.UUID, uuid.UUID],
                  figures: dict[uuid.UUID, Figures]) -> None:
    """Active reps by their territory's district; active DMs by their district."""
    u = users
    rows: Any = conn.execute(sa.select(u.c.role, u.c.territory_id, u.c.district_id, sa.func.count())
                        .where(~u.c.deleted, u.c.active,
                               u.c.role.in_((Role.REP.value, Role.DM.value)))
                        .group_by(u.c.role, u.c.territory_id, u.c.district_id))
    for role, territory_id, district_id, n in rows:
        if role == Role.REP.value:
            district = district_of.get(territory_id) if territory_id else district_id
            if district is not None:
                figures[district].reps += n
        elif district_id is not None:
            figures[district_id].managers += n


def _count_doctors(conn: Connection, district_of: dict[uuid.UUID, uuid.UUID],
                   figures: dict[uuid.UUID, Figures]) -> None:
    d = doctors
    rows: Any = conn.execute(sa.select(d.c.territory_id, d.c.grade, sa.func.count())
                        .where(~d.c.deleted, d.c.status == ACTIVE, d.c.territory_id.is_not(None))
                        .group_by(d.c.territory_id, d.c.grade))
    for territory_id, grade, n in rows:
        district = district_of.get(territory_id)
        if district is None:
            continue
        fig = figures[district]
        fig.doctors += n
        key = grade if grade in GRADES else UNGRADED
        fig.doctors_by_grade[key] = fig.doctors_by_grade.get(key, 0) + n


def _institutions_query(group_column: sa.ColumnElement[Any]) -> sa.Select[Any]:
    """Distinct institutions where a group's active doctors work."""
    d, t = doctors, territories
    return (sa.select(group_column, sa.func.count(sa.distinct(d.c.institution_id)))
            .select_from(d.join(t, t.c.id == d.c.territory_id)
                         .join(districts, districts.c.id == t.c.district_id))
            .where(~d.c.deleted, d.c.status == ACTIVE)
            .group_by(group_column))


def _count_institutions(conn: Connection, figures: dict[uuid.UUID, Figures]) -> None:
    rows: Any = conn.execute(_institutions_query(territories.c.district_id))
    for district_id, n in rows:
        figures[district_id].institutions = n


def _institutions_per_region(conn: Connection) -> dict[uuid.UUID, int]:
    rows: Any = conn.execute(_institutions_query(districts.c.region_id))
    return {region_id: n for region_id, n in rows}


def _counted(rule: FrequencyRule) -> list[sa.ColumnElement[bool]]:
    v = visits
    return [~v.c.deleted, v.c.status == COUNTED_STATUS, v.c.amends_visit_id.is_(None),
            v.c.visit_type.in_(rule.counted_types)]


def _count_visits(conn: Connection, rule: FrequencyRule,
                  district_of: dict[uuid.UUID, uuid.UUID],
                  figures: dict[uuid.UUID, Figures],
                  month_start: dt.datetime, month_end: dt.datetime,
                  last_month_start: dt.datetime) -> None:
    v = visits
    this_month = (v.c.started_at >= month_start).label("this_month")
    rows: Any = conn.execute(sa.select(v.c.territory_id, this_month, sa.func.count())
                        .where(*_counted(rule), v.c.started_at >= last_month_start,
                               v.c.started_at < month_end)
                        .group_by(v.c.territory_id, this_month))
    for territory_id, is_this_month, n in rows:
        district = district_of.get(territory_id)
        if district is None:
            continue
        if is_this_month:
            figures[district].visits_this_month += n
        else:
            figures[district].visits_last_month += n


def _count_attainment(conn: Connection, rule: FrequencyRule,
                      district_of: dict[uuid.UUID, uuid.UUID],
                      figures: dict[uuid.UUID, Figures],
                      month_start: dt.datetime, month_end: dt.datetime) -> None:
    """Coverage and frequency of this month so far: one pass over the doctors (server side)."""
    v, d = visits, doctors
    seen: dict[uuid.UUID, int] = dict(conn.execute(sa.select(v.c.doctor_id, sa.func.count())
                             .where(*_counted(rule), v.c.started_at >= month_start,
                                    v.c.started_at < month_end)
                             .group_by(v.c.doctor_id)).all())
    rows: Any = conn.execute(sa.select(d.c.id, d.c.territory_id, d.c.grade, d.c.target_override)
                        .where(~d.c.deleted, d.c.status == ACTIVE, d.c.territory_id.is_not(None))
                        .execution_options(yield_per=5000))
    for doctor_id, territory_id, grade, override in rows:
        if not rule.is_target(grade, override):
            continue
        district = district_of.get(territory_id)
        if district is None:
            continue
        fig = figures[district]
        done = seen.get(doctor_id, 0)
        required = rule.required(grade)
        fig.target_doctors += 1
        fig.targets_visited += done > 0
        fig.visits_required += required
        fig.visits_done += min(done, required)


def _company_totals(conn: Connection) -> dict[str, int]:
    """What does not sum from districts: every active doctor and institution, assigned or not."""
    d = doctors
    institutions = doctors.metadata.tables["institutions"]
    return {
        "doctors": conn.execute(sa.select(sa.func.count()).select_from(d).where(
            ~d.c.deleted, d.c.status == ACTIVE)).scalar_one(),
        "unassigned_doctors": conn.execute(sa.select(sa.func.count()).select_from(d).where(
            ~d.c.deleted, d.c.status == ACTIVE, d.c.territory_id.is_(None))).scalar_one(),
        "institutions": conn.execute(sa.select(sa.func.count()).select_from(institutions).where(
            ~institutions.c.deleted, institutions.c.status == ACTIVE)).scalar_one(),
    }


def _users(conn: Connection) -> list[dict[str, Any]]:
    """Every user with role and place (names, not ids: the page shows them as they are)."""
    u, t = users, territories
    district, region = districts.alias("d"), regions.alias("r")
    td = districts.alias("td")
    tr = regions.alias("tr")
    query = (sa.select(u.c.username, u.c.display_name, u.c.role, u.c.active,
                       sa.func.coalesce(tr.c.name, region.c.name).label("region"),
                       sa.func.coalesce(td.c.name, district.c.name).label("district"),
                       t.c.name.label("territory"))
             .select_from(u.outerjoin(t, t.c.id == u.c.territory_id)
                          .outerjoin(td, td.c.id == t.c.district_id)
                          .outerjoin(tr, tr.c.id == td.c.region_id)
                          .outerjoin(district, district.c.id == u.c.district_id)
                          .outerjoin(region, region.c.id == sa.func.coalesce(
                              district.c.region_id, u.c.region_id)))
             .where(~u.c.deleted)
             .order_by(u.c.username))
    return [dict(row) for row in conn.execute(query).mappings()]
