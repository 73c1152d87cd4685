"""What the prints read from the replica: visits with their names, review threads,
doctor profiles, the people, and visit counts per target doctor.

Plain frozen rows (no printing types: ``local_store`` sits below ``desktop``);
``desktop.printing_data`` turns them into the printing package's dataclasses. Ranges
are half-open UTC ``[start, end)``; the caller turns calendar days of the company time
zone into them. Ids are the replica's 32-digit hex text.

Counting rule (as the Doctors screen's ``_counted_visits``): a visit counts when it is
not deleted and is not a correction of another visit; prints also require it to be
submitted (a draft is not yet a visit). Corrections are left out of the lists too:
their visit is listed once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.read.ids import stored_id
from local_store.replica import synced
from wire.in_lists import in_chunks

visits_t = synced["visits"]
doctors_t = synced["doctors"]
institutions_t = synced["institutions"]
departments_t = synced["departments"]
users_t = synced["users"]
territories_t = synced["territories"]
districts_t = synced["districts"]
products_t = synced["products"]
comments_t = synced["visit_comments"]
reviews_t = synced["visit_reviews"]
companions_t = synced["visit_companions"]

SUBMITTED = "submitted"
ACTIVE_DOCTOR = "active"
ID_BATCH = 500


def hex_id(value: uuid.UUID | str) -> str:
    """Any spelling of a uuid -> the replica's stored hex form."""
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex



def _db_time(value: dt.datetime) -> dt.datetime:
    """A bound value comparable with the stored column (naive UTC)."""
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def _utc(value: object) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class PrintVisitRow:
    id: str
    rep_id: str
    rep_name: str
    doctor_id: str
    doctor_name: str
    doctor_grade: str | None
    institution: str
    department: str
    visit_type: str
    started_at: dt.datetime  # aware, UTC
    ended_at: dt.datetime | None
    purpose: str
    products: tuple[dict[str, Any], ...]
    feedback: str
    result: str
    next_step: str
    quality: float | None
    quality_explanation: tuple[dict[str, Any], ...]
    status: str
    accompanied_by: str
    amends_visit_id: str | None
    planned_visit_id: str | None = None


@dataclass(frozen=True, slots=True)
class PrintUser:
    id: str
    username: str
    display_name: str
    role: str
    territory_id: str | None
    territory_name: str
    district_id: str | None = None
    region_id: str | None = None


@dataclass(frozen=True, slots=True)
class PrintComment:
    author: str
    kind: str
    written_at: dt.datetime | None
    text: str


@dataclass(frozen=True, slots=True)
class PrintReview:
    reviewer: str
    reviewed_at: dt.datetime | None
    exemplary: bool


@dataclass(frozen=True, slots=True)
class PrintDoctor:
    id: str
    name: str
    grade: str | None
    title: str
    institution: str
    department: str
    specialty: str
    territory_id: str | None


@dataclass(frozen=True, slots=True)
class DoctorCount:
    """One active doctor of a territory, and the submitted visits to them in a range."""

    doctor_id: str
    grade: str | None
    done: int


def _visit_select() -> sa.Select[Any]:
    rep = users_t.alias("rep")
    companion = users_t.alias("companion")
    return (
        sa.select(stored_id(visits_t.c.id), stored_id(visits_t.c.rep_id), rep.c.display_name,
                  stored_id(visits_t.c.doctor_id), doctors_t.c.name, doctors_t.c.grade, institutions_t.c.name,
                  departments_t.c.name,
                  visits_t.c.visit_type, visits_t.c.started_at, visits_t.c.ended_at, visits_t.c.purpose,
                  visits_t.c.products_detailed, visits_t.c.doctor_feedback, visits_t.c.result,
                  visits_t.c.next_step, visits_t.c.quality_score, visits_t.c.quality_explanation,
                  visits_t.c.status, companion.c.display_name, stored_id(visits_t.c.amends_visit_id),
                  stored_id(visits_t.c.planned_visit_id))
        .select_from(visits_t)
        .join(doctors_t, doctors_t.c.id == visits_t.c.doctor_id, isouter=True)
        .join(institutions_t, institutions_t.c.id == sa.func.coalesce(visits_t.c.institution_id,
                                                                       doctors_t.c.institution_id),
              isouter=True)
        .join(departments_t, departments_t.c.id == sa.func.coalesce(visits_t.c.department_id,
                                                                     doctors_t.c.department_id),
              isouter=True)
        .join(rep, rep.c.id == visits_t.c.rep_id, isouter=True)
        .join(companion, companion.c.id == visits_t.c.accompanied_by_id, isouter=True)
        .where(~visits_t.c.deleted)
    )


def _row(r: Sequence[Any]) -> PrintVisitRow:
    products = tuple(p for p in (r[12] if isinstance(r[12], list) else []) if isinstance(p, dict))
    explanation = tuple(e for e in (r[17] if isinstance(r[17], list) else []) if isinstance(e, dict))
    return PrintVisitRow(
        id=r[0], rep_id=r[1], rep_name=r[2] or "", doctor_id=r[3], doctor_name=r[4] or "",
        doctor_grade=r[5], institution=r[6] or "", department=r[7] or "", visit_type=r[8] or "",
        started_at=_utc(r[9]) or dt.datetime.min.replace(tzinfo=dt.UTC), ended_at=_utc(r[10]),
        purpose=r[11] or "", products=products, feedback=r[13] or "", result=r[14] or "",
        next_step=r[15] or "", quality=r[16], quality_explanation=explanation, status=r[18] or "",
        accompanied_by=r[19] or "", amends_visit_id=r[20], planned_visit_id=r[21])


def visits_between(conn: Connection, start: dt.datetime, end: dt.datetime, *,
                   rep_ids: Sequence[str] | None = None) -> list[PrintVisitRow]:
    """The visits (drafts included, corrections not) started in ``[start, end)``, of
    ``rep_ids`` (None: everyone in the replica), in time order."""
    query = (_visit_select()
             .where(visits_t.c.started_at >= _db_time(start), visits_t.c.started_at < _db_time(end),
                    visits_t.c.amends_visit_id.is_(None))
             .order_by(visits_t.c.started_at, visits_t.c.id))
    if rep_ids is not None:
        query = query.where(stored_id(visits_t.c.rep_id).in_([hex_id(i) for i in rep_ids]))
    return _with_companions(conn, [_row(r) for r in conn.execute(query)])


def doctor_visits(conn: Connection, doctor_id: str) -> list[PrintVisitRow]:
    """Every visit the replica holds for one doctor (drafts included, corrections not)."""
    query = (_visit_select()
             .where(stored_id(visits_t.c.doctor_id) == hex_id(doctor_id),
                    visits_t.c.amends_visit_id.is_(None))
             .order_by(visits_t.c.started_at.desc(), visits_t.c.id))
    return _with_companions(conn, [_row(r) for r in conn.execute(query)])


def visit_by_id(conn: Connection, visit_id: str) -> PrintVisitRow | None:
    row = conn.execute(_visit_select().where(stored_id(visits_t.c.id) == hex_id(visit_id))).first()
    return _with_companions(conn, [_row(row)])[0] if row is not None else None


def _with_companions(conn: Connection, rows: list[PrintVisitRow]) -> list[PrintVisitRow]:
    """``accompanied_by`` as every companion's name (their rows, in the order recorded,
    then the single column of an older visit, already in the row)."""
    names: dict[str, list[str]] = {}
    for chunk in in_chunks([r.id for r in rows]):
        for visit_id, name in conn.execute(
                sa.select(stored_id(companions_t.c.visit_id), users_t.c.display_name)
                .select_from(companions_t.join(users_t, users_t.c.id == companions_t.c.user_id))
                .where(stored_id(companions_t.c.visit_id).in_(chunk), ~companions_t.c.deleted)
                .order_by(companions_t.c.updated_at, companions_t.c.id)):
            here = names.setdefault(str(visit_id), [])
            if name and str(name) not in here:
                here.append(str(name))
    out = []
    for row in rows:
        found = names.get(row.id)
        if found:
            if row.accompanied_by and row.accompanied_by not in found:
                found = [*found, row.accompanied_by]
            row = replace(row, accompanied_by="、".join(found))
        out.append(row)
    return out


def visit_thread(conn: Connection, visit_id: str) -> tuple[list[PrintComment], list[PrintReview]]:
    """A visit's comments and reviews, oldest first, with their authors' names."""
    key = hex_id(visit_id)
    comments = [PrintComment(author=str(name or ""), kind=str(kind), written_at=_utc(at),
                             text=str(text or ""))
                for name, kind, at, text in conn.execute(
                    sa.select(users_t.c.display_name, comments_t.c.kind, comments_t.c.updated_at,
                              comments_t.c.text)
                    .select_from(comments_t)
                    .join(users_t, users_t.c.id == comments_t.c.author_id, isouter=True)
                    .where(stored_id(comments_t.c.visit_id) == key, ~comments_t.c.deleted)
                    .order_by(comments_t.c.updated_at, comments_t.c.id))]
    reviews = [PrintReview(reviewer=str(name or ""), reviewed_at=_utc(at), exemplary=bool(exemplary))
               for name, at, exemplary in conn.execute(
                   sa.select(users_t.c.display_name, reviews_t.c.reviewed_at, reviews_t.c.exemplary)
                   .select_from(reviews_t)
                   .join(users_t, users_t.c.id == reviews_t.c.reviewer_id, isouter=True)
                   .where(stored_id(reviews_t.c.visit_id) == key, ~reviews_t.c.deleted)
                   .order_by(reviews_t.c.reviewed_at, reviews_t.c.id))]
    return comments, reviews


def doctor_profile(conn: Connection, doctor_id: str) -> PrintDoctor | None:
    row = conn.execute(
        sa.select(stored_id(doctors_t.c.id), doctors_t.c.name, doctors_t.c.grade, doctors_t.c.title,
                  institutions_t.c.name, departments_t.c.name, doctors_t.c.specialty,
                  stored_id(doctors_t.c.territory_id))
        .select_from(doctors_t)
        .join(institutions_t, institutions_t.c.id == doctors_t.c.institution_id, isouter=True)
        .join(departments_t, departments_t.c.id == doctors_t.c.department_id, isouter=True)
        .where(stored_id(doctors_t.c.id) == hex_id(doctor_id), ~doctors_t.c.deleted)).first()
    if row is None:
        return None
    return PrintDoctor(id=row[0], name=row[1] or "", grade=row[2], title=row[3] or "",
                       institution=row[4] or "", department=row[5] or "", specialty=row[6] or "",
                       territory_id=row[7])


def product_names(conn: Connection) -> dict[str, tuple[str, str | None]]:
    """Every product by id: (name, English name)."""
    rows = conn.execute(sa.select(stored_id(products_t.c.id), products_t.c.name, products_t.c.name_en))
    return {str(key): (str(name), None if name_en is None else str(name_en)) for key, name, name_en in rows}


def _user_select() -> sa.Select[Any]:
    return (sa.select(stored_id(users_t.c.id), users_t.c.username, users_t.c.display_name, users_t.c.role,
                      stored_id(users_t.c.territory_id), territories_t.c.name,
                      stored_id(users_t.c.district_id),
                      stored_id(users_t.c.region_id))
            .select_from(users_t)
            .join(territories_t, territories_t.c.id == users_t.c.territory_id, isouter=True)
            .where(~users_t.c.deleted))


def _user(r: Sequence[Any]) -> PrintUser:
    return PrintUser(id=r[0], username=r[1] or "", display_name=r[2] or r[1] or "", role=r[3] or "",
                     territory_id=r[4], territory_name=r[5] or "", district_id=r[6], region_id=r[7])


def user_by_id(conn: Connection, user_id: str) -> PrintUser | None:
    row = conn.execute(_user_select().where(stored_id(users_t.c.id) == hex_id(user_id))).first()
    return _user(row) if row is not None else None


def user_by_username(conn: Connection, username: str) -> PrintUser | None:
    row = conn.execute(_user_select().where(sa.func.lower(users_t.c.username) == username.lower())).first()
    return _user(row) if row is not None else None


def team_reps(conn: Connection, manager: PrintUser) -> list[PrintUser]:
    """The active reps a manager leads, by name: as the server scopes a manager (a DM the
    reps of their district's territories, an RM of their region's, an admin all), plus
    anyone whose ``manager_id`` names them. A rep leads nobody."""
    led = stored_id(users_t.c.manager_id) == hex_id(manager.id)
    if manager.role == "admin":
        led = sa.true()
    elif manager.role == "dm" and manager.district_id:
        led = sa.or_(led, stored_id(territories_t.c.district_id) == manager.district_id)
    elif manager.role == "rm" and manager.region_id:
        in_region = (sa.select(districts_t.c.id)
                     .where(stored_id(districts_t.c.region_id) == manager.region_id))
        led = sa.or_(led, territories_t.c.district_id.in_(in_region))
    elif manager.role == "rep":
        return []
    rows = conn.execute(_user_select().where(led, users_t.c.role == "rep", users_t.c.active.is_(True),
                                             stored_id(users_t.c.id) != manager.id)
                        .order_by(users_t.c.display_name, users_t.c.username))
    return [_user(r) for r in rows]


def territory_doctor_counts(conn: Connection, territory_id: str, start: dt.datetime, end: dt.datetime,
                            rep_id: str | None = None) -> list[DoctorCount]:
    """Every active doctor of the territory with the submitted visits (of ``rep_id``, or
    anyone's) to them started in ``[start, end)``; frequency attainment is built on it."""
    counted = sa.and_(visits_t.c.doctor_id == doctors_t.c.id, ~visits_t.c.deleted,
                      visits_t.c.amends_visit_id.is_(None), visits_t.c.status == SUBMITTED,
                      visits_t.c.started_at >= _db_time(start), visits_t.c.started_at < _db_time(end))
    if rep_id is not None:
        counted = sa.and_(counted, stored_id(visits_t.c.rep_id) == hex_id(rep_id))
    rows = conn.execute(
        sa.select(stored_id(doctors_t.c.id), doctors_t.c.grade, sa.func.count(visits_t.c.id))
        .select_from(doctors_t)
        .join(visits_t, counted, isouter=True)
        .where(stored_id(doctors_t.c.territory_id) == hex_id(territory_id), ~doctors_t.c.deleted,
               doctors_t.c.status == ACTIVE_DOCTOR)
        .group_by(doctors_t.c.id, doctors_t.c.grade)
        .order_by(doctors_t.c.id))
    return [DoctorCount(doctor_id=str(d), grade=None if g is None else str(g), done=int(str(n)))
            for d, g, n in rows]
