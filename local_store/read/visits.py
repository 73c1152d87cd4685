"""Visit lists read from the replica: a rep's day or week, the team list, Good practice.

No Qt: the screens run these on the read pool (``Ops.query``); deleting and submitting
drafts are in ``local_store.visit_edits`` (writer thread, ``Ops.write``). Long lists
follow the id-first pattern of the Doctors screen: ``team_visit_ids`` returns the
ordered ids of a filter (cheap: one indexed query, no joins to names), ``visit_rows``
fetches the rows of one block of ids with their names; the table model asks for blocks
as they scroll into view.

Ids: lists carry ``VisitKey``s, the id as the replica stores it (32 hex digits).
Reading 10k+ ids as text instead of ``uuid.UUID`` halves the cost of opening the
team list; a screen turns a key into a UUID only for the row it acts on.

Times: the replica stores UTC. A "day" is a calendar day of the company's time zone
(the synced setting, never the computer's), turned into a UTC half-open range before
querying.

Status shown: ``draft`` or ``submitted`` as stored, except ``rejected`` when the
server refused one of this replica's changes to the visit and the user has not yet
fixed or discarded it (``rejected_changes``, unresolved).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from domain.calendar import CompanyCalendar
from local_store.drafts import journaled_visits
from local_store.read.plans import company_calendar
from local_store.read.search import doctor_search
from local_store.replica import rejected_changes, synced
from local_store.state import local_user_id
from wire.in_lists import in_chunks

DRAFT, SUBMITTED, REJECTED = "draft", "submitted", "rejected"
STATUSES = (DRAFT, SUBMITTED, REJECTED)
GOOD_PRACTICE_LIMIT = 500
ROW_BATCH = 500  # ids per IN (...) list: well under SQLite's bound-parameter limit

VisitKey = str

visits = synced["visits"]
users = synced["users"]
doctors = synced["doctors"]
institutions = synced["institutions"]
reviews = synced["visit_reviews"]
products = synced["products"]


# --- values -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One visit as the lists show it (``status``: draft, submitted or rejected)."""

    id: uuid.UUID
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    rep_id: uuid.UUID
    rep_name: str
    doctor_name: str
    institution_name: str
    visit_type: str
    status: str
    local_status: str
    quality: float | None
    reviewed: bool
    exemplary: bool
    rejection: str | None = None

    @property
    def submittable(self) -> bool:
        """Still a draft on this device (a rejected *submit* is a draft again only once fixed)."""
        return self.local_status == DRAFT


@dataclass(frozen=True, slots=True)
class TeamFilter:
    """The team list's filters; None / empty / False means "any"."""

    rep_id: uuid.UUID | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive
    doctor: str = ""
    status: str | None = None
    quality_below: float | None = None
    not_reviewed: bool = False


@dataclass(frozen=True, slots=True)
class RepAverage:
    rep_id: uuid.UUID
    rep_name: str
    visits: int
    scored: int
    average: float | None


@dataclass(frozen=True, slots=True)
class GoodPracticeRow:
    visit_id: uuid.UUID
    started_at: dt.datetime | None
    rep_name: str
    doctor_name: str
    institution_name: str
    visit_type: str
    quality: float | None
    reviewer_name: str
    reviewed_at: dt.datetime | None
    # The server's snapshot for the district team (``shared_visits``) when the visit
    # itself is not in this replica (a colleague's territory); None: open the visit.
    snapshot: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: uuid.UUID
    name: str


@dataclass(frozen=True, slots=True)
class VisitList:
    """Ids in display order plus the rows already fetched (all, or the first block)."""

    ids: list[VisitKey]
    rows: dict[VisitKey, VisitRow]
    # Visit forms kept only in the form journal (never a valid draft yet, e.g. no doctor
    # chosen), newest first: listed so that nothing typed is out of sight.
    unsaved: list[uuid.UUID] = field(default_factory=list)


# --- calendar ---------------------------------------------------------------------------


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def utc_range(calendar: CompanyCalendar, first: dt.date, last: dt.date
              ) -> tuple[dt.datetime, dt.datetime]:
    """[first 00:00, the day after ``last`` 00:00) of the company's days, as UTC."""
    return calendar.start_of(first), calendar.end_of_day(last)


def _db_time(value: dt.datetime) -> dt.datetime:
    """A bound value comparable with the stored column (naive UTC: SQLite keeps no zone)."""
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# --- rows by id -------------------------------------------------------------------------


def visit_key(visit_id: uuid.UUID | VisitKey) -> VisitKey:
    return visit_id.hex if isinstance(visit_id, uuid.UUID) else visit_id


def _key_column(column: sa.ColumnElement[Any]) -> sa.ColumnElement[str]:
    """The uuid column read and compared as its stored text (no UUID objects)."""
    return sa.type_coerce(column, sa.String())


def _rejected_ids() -> sa.Select[tuple[uuid.UUID]]:
    return (sa.select(rejected_changes.c.row_id)
            .where(rejected_changes.c.table_name == "visits", ~rejected_changes.c.resolved))


def visit_rows(conn: Connection, ids: Sequence[uuid.UUID | VisitKey]) -> dict[VisitKey, VisitRow]:
    """The rows of these visits (by key) with rep, doctor and institution names and review marks."""
    out: dict[VisitKey, VisitRow] = {}
    for chunk in in_chunks([visit_key(i) for i in ids], ROW_BATCH):
        rejected: dict[VisitKey, str] = {}
        row_key = _key_column(rejected_changes.c.row_id)
        for key, message, reason in conn.execute(
                sa.select(row_key, rejected_changes.c.message, rejected_changes.c.reason)
                .where(rejected_changes.c.table_name == "visits", ~rejected_changes.c.resolved,
                       row_key.in_(chunk))
                .order_by(rejected_changes.c.id)):
            rejected[str(key)] = str(message or reason or "")
        marks: dict[VisitKey, bool] = {}
        review_key = _key_column(reviews.c.visit_id)
        for key, exemplary in conn.execute(
                sa.select(review_key, reviews.c.exemplary)
                .where(~reviews.c.deleted, review_key.in_(chunk))):
            marks[str(key)] = marks.get(str(key), False) or bool(exemplary)
        query = (
            sa.select(_key_column(visits.c.id).label("key"), visits.c.id, visits.c.started_at,
                      visits.c.ended_at, visits.c.rep_id,
                      visits.c.visit_type, visits.c.status, visits.c.quality_score,
                      users.c.display_name.label("rep_name"),
                      doctors.c.name.label("doctor_name"),
                      institutions.c.name.label("institution_name"))
            .select_from(visits)
            .outerjoin(users, users.c.id == visits.c.rep_id)
            .outerjoin(doctors, doctors.c.id == visits.c.doctor_id)
            .outerjoin(institutions, institutions.c.id == visits.c.institution_id)
            .where(_key_column(visits.c.id).in_(chunk)))
        for r in conn.execute(query):
            out[r.key] = VisitRow(
                id=r.id, started_at=_utc(r.started_at), ended_at=_utc(r.ended_at),
                rep_id=r.rep_id, rep_name=r.rep_name or "", doctor_name=r.doctor_name or "",
                institution_name=r.institution_name or "", visit_type=r.visit_type,
                status=REJECTED if r.key in rejected else str(r.status),
                local_status=str(r.status),
                quality=None if r.quality_score is None else float(r.quality_score),
                reviewed=r.key in marks, exemplary=marks.get(r.key, False),
                rejection=rejected.get(r.key))
    return out


# --- a rep's own visits -------------------------------------------------------------------


def rep_visit_ids(conn: Connection, rep_id: uuid.UUID, first: dt.date, last: dt.date,
                  ) -> list[VisitKey]:
    """The rep's visits starting on days ``first``..``last`` (inclusive), earliest first."""
    start, end = utc_range(company_calendar(conn), first, last)
    return list(conn.execute(
        sa.select(_key_column(visits.c.id))
        .where(~visits.c.deleted, visits.c.rep_id == rep_id,
               visits.c.started_at >= _db_time(start), visits.c.started_at < _db_time(end))
        .order_by(visits.c.started_at, visits.c.id)).scalars())


def my_visits(replica: Engine, first: dt.date, last: dt.date,
              ) -> VisitList:
    """The signed-in user's visits of these days with all their rows (a day or a week is small)."""
    with replica.connect() as conn:
        me = local_user_id(conn)
        if me is None:
            return VisitList([], {})
        ids = rep_visit_ids(conn, me, first, last)
        journaled = [e.visit_id for e in journaled_visits(conn)]
        saved: set[uuid.UUID] = set(conn.execute(sa.select(visits.c.id).where(visits.c.id.in_(journaled)))
                    .scalars()) if journaled else set()
        return VisitList(ids, visit_rows(conn, ids), [v for v in journaled if v not in saved])






# --- the team list ------------------------------------------------------------------------


def _team_conditions(flt: TeamFilter, calendar: CompanyCalendar) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = [~visits.c.deleted]
    if flt.rep_id is not None:
        where.append(visits.c.rep_id == flt.rep_id)
    if flt.date_from is not None:
        where.append(visits.c.started_at >= _db_time(calendar.start_of(flt.date_from)))
    if flt.date_to is not None:
        where.append(visits.c.started_at < _db_time(calendar.end_of_day(flt.date_to)))
    text = flt.doctor.strip().lower()
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(visits.c.doctor_id.in_(
            sa.select(doctor_search.c.doctor_id)
            .where(doctor_search.c.text.like(pattern, escape="\\"))))
    if flt.status == REJECTED:
        where.append(visits.c.id.in_(_rejected_ids()))
    elif flt.status in (DRAFT, SUBMITTED):
        where.append(visits.c.status == flt.status)
    if flt.quality_below is not None:
        where.append(visits.c.quality_score < flt.quality_below)
    if flt.not_reviewed:
        where.append(~sa.exists().where(reviews.c.visit_id == visits.c.id, ~reviews.c.deleted))
    return where


def team_visit_ids(conn: Connection, flt: TeamFilter) -> list[VisitKey]:
    """Ids of the visits matching ``flt``, newest first (ids only: names come per block)."""
    return _team_scan(conn, flt)[0]


def rep_averages(conn: Connection, flt: TeamFilter) -> list[RepAverage]:
    """Per rep over the filtered visits: count, scored count, average quality (best first)."""
    return _team_scan(conn, flt)[1]


def _team_scan(conn: Connection, flt: TeamFilter,
               ) -> tuple[list[VisitKey], list[RepAverage]]:
    """One pass over the filtered visits gives both the ordered ids and the per-rep figures.

    With the replica's ``ix_visits_team_list`` index the pass reads the index only (no row of the wide visits
    table), which is what keeps a 10k-visit list quick; ids stay text and only the
    dozen rep ids are turned into UUIDs.
    """
    ids: list[VisitKey] = []
    stats: dict[str, list[float]] = {}
    for visit_id, rep, quality in conn.execute(
            sa.select(_key_column(visits.c.id), _key_column(visits.c.rep_id), visits.c.quality_score)
            .where(*_team_conditions(flt, company_calendar(conn)))
            .order_by(visits.c.started_at.desc(), visits.c.id)):
        rep_key = cast(str, rep)
        ids.append(cast(str, visit_id))
        entry = stats.get(rep_key)
        if entry is None:
            entry = stats[rep_key] = [0, 0, 0.0]
        entry[0] += 1
        if quality is not None:
            entry[1] += 1
            entry[2] += cast(float, quality)
    rep_ids = {rep: uuid.UUID(rep) for rep in stats}
    names = _names(conn, list(rep_ids.values()))
    averages = [RepAverage(rep_ids[rep], names.get(rep_ids[rep], ""), int(n), int(scored),
                           total / scored if scored else None)
                for rep, (n, scored, total) in stats.items()]
    averages.sort(key=lambda a: (a.average is None, -(a.average or 0.0), a.rep_name))
    return ids, averages


def _names(conn: Connection, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    out: dict[uuid.UUID, str] = {}
    for chunk in in_chunks(list(ids), ROW_BATCH):
        out.update({uuid.UUID(str(i)): str(n) for i, n in conn.execute(
            sa.select(users.c.id, users.c.display_name).where(users.c.id.in_(chunk)))})
    return out


def team_reps(conn: Connection) -> list[Person]:
    """Everyone with visits in this replica except the signed-in user, by name."""
    me = local_user_id(conn)
    # Deleted visits count too: their reps are still the team, and the index answers alone.
    found: list[uuid.UUID] = list(conn.execute(sa.select(visits.c.rep_id).distinct()).scalars())
    ids = [i for i in found if i != me]
    names = _names(conn, ids)
    return sorted((Person(i, names.get(i, str(i))) for i in ids), key=lambda p: p.name)


@dataclass(frozen=True, slots=True)
class TeamResult:
    ids: list[VisitKey]
    first_rows: dict[VisitKey, VisitRow]
    averages: list[RepAverage]


def team_search(replica: Engine, flt: TeamFilter, first: int,
                ) -> TeamResult:
    """One read for a filter change: the ids, the first ``first`` rows, the per-rep averages."""
    with replica.connect() as conn:
        ids, averages = _team_scan(conn, flt)
        return TeamResult(ids, visit_rows(conn, ids[:first]), averages)


def load_team_reps(replica: Engine) -> list[Person]:
    with replica.connect() as conn:
        return team_reps(conn)


def fetch_visit_rows(replica: Engine, ids: Sequence[VisitKey]) -> dict[VisitKey, VisitRow]:
    """One block of rows (read pool)."""
    with replica.connect() as conn:
        return visit_rows(conn, ids)


# --- replica index ------------------------------------------------------------------------

# Plain DDL, not an ``sa.Index`` on ``visits``: that would join the replica's metadata
# as a side effect of importing this module.
# --- Good practice --------------------------------------------------------------------------


def good_practice(conn: Connection, limit: int = GOOD_PRACTICE_LIMIT) -> list[GoodPracticeRow]:
    """Visits a manager marked exemplary, newest review first (one row per visit)."""
    reviewer = users.alias("reviewer")
    newest = (sa.select(reviews.c.visit_id, sa.func.max(reviews.c.reviewed_at).label("reviewed_at"))
              .where(~reviews.c.deleted, reviews.c.exemplary.is_(True))
              .group_by(reviews.c.visit_id).subquery())
    query = (
        sa.select(visits.c.id, visits.c.started_at, visits.c.visit_type, visits.c.quality_score,
                  users.c.display_name.label("rep_name"), doctors.c.name.label("doctor_name"),
                  institutions.c.name.label("institution_name"),
                  reviewer.c.display_name.label("reviewer_name"), newest.c.reviewed_at)
        .select_from(newest)
        .join(visits, visits.c.id == newest.c.visit_id)
        .join(reviews, sa.and_(reviews.c.visit_id == newest.c.visit_id,
                               reviews.c.reviewed_at == newest.c.reviewed_at,
                               reviews.c.exemplary.is_(True), ~reviews.c.deleted))
        .outerjoin(reviewer, reviewer.c.id == reviews.c.reviewer_id)
        .outerjoin(users, users.c.id == visits.c.rep_id)
        .outerjoin(doctors, doctors.c.id == visits.c.doctor_id)
        .outerjoin(institutions, institutions.c.id == visits.c.institution_id)
        .where(~visits.c.deleted)
        .order_by(newest.c.reviewed_at.desc(), visits.c.id)
        .limit(limit * 2))
    out: list[GoodPracticeRow] = []
    seen: set[uuid.UUID] = set()
    for r in conn.execute(query):
        if r.id in seen:  # two exemplary reviews with the same time: keep one
            continue
        seen.add(r.id)
        out.append(GoodPracticeRow(
            visit_id=r.id, started_at=_utc(r.started_at), rep_name=r.rep_name or "",
            doctor_name=r.doctor_name or "", institution_name=r.institution_name or "",
            visit_type=r.visit_type,
            quality=None if r.quality_score is None else float(r.quality_score),
            reviewer_name=r.reviewer_name or "", reviewed_at=_utc(r.reviewed_at)))
    shared = _shared_snapshots(conn, limit)
    local_ids = {r.visit_id for r in out}
    present: set[uuid.UUID] = set(conn.execute(sa.select(visits.c.id).where(
        visits.c.id.in_([s["visit_id"] for s in shared]))).scalars()) if shared else set()
    for snap in shared:
        if snap["visit_id"] in local_ids:
            continue
        out.append(GoodPracticeRow(
            visit_id=snap["visit_id"], started_at=_utc(snap["started_at"]),
            rep_name=snap["rep_name"] or "", doctor_name=snap["doctor_name"] or "",
            institution_name=snap["institution_name"] or "", visit_type=snap["visit_type"] or "",
            quality=None if snap["quality_score"] is None else float(snap["quality_score"]),
            reviewer_name=snap["reviewer_name"] or "", reviewed_at=_utc(snap["shared_at"]),
            snapshot=None if snap["visit_id"] in present else snap))
    out.sort(key=lambda r: (r.reviewed_at or dt.datetime.min.replace(tzinfo=dt.UTC)), reverse=True)
    return out[:limit]


def _shared_snapshots(conn: Connection, limit: int,
                      shared_id: uuid.UUID | None = None) -> list[dict[str, Any]]:
    """The district team's shared exemplary visits (server snapshots), newest first (or
    the one ``shared_id``), with the detailed products' names resolved from the catalogue."""
    shared = synced["shared_visits"]
    query = sa.select(shared).where(~shared.c.deleted)
    if shared_id is not None:
        query = query.where(shared.c.id == shared_id)
    rows = [dict(r) for r in conn.execute(
        query.order_by(shared.c.shared_at.desc()).limit(limit)).mappings()]
    names: dict[Any, Any] = (dict(conn.execute(sa.select(products.c.id, products.c.name)).all())
                             if rows else {})
    for row in rows:
        detailed = row.get("products_detailed") or []
        row["products"] = [
            {**entry, "product_name": names.get(_as_uuid(entry.get("product_id")), "")}
            for entry in detailed if isinstance(entry, dict)]
    return rows


def _as_uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def load_shared_visit(replica: Engine, shared_id: uuid.UUID) -> dict[str, Any] | None:
    """One shared snapshot (with product names) for the read-only viewer; None if gone."""
    with replica.connect() as conn:
        found = _shared_snapshots(conn, 1, shared_id)
    return found[0] if found else None


def load_good_practice(replica: Engine, limit: int = GOOD_PRACTICE_LIMIT) -> list[GoodPracticeRow]:
    with replica.connect() as conn:
        return good_practice(conn, limit)
