"""Everything the visit form reads, without Qt.

The form (``desktop.ui.visit_form``) runs ``open_form`` through ``Ops.query`` (read
pool); its writes (``autosave``, ``submit``, ``create_amendment``, ``discard_journal``)
are in ``local_store.visit_edits`` (writer thread, ``Ops.write``). ``preview`` is pure
(no database) so the quality score and the field checks follow every keystroke.

Form fields are named after the ``visits`` columns (``doctor_id``, ``visit_type``,
``started_at`` … ``next_visit_date``, ``planned_visit_id``, ``amends_visit_id``);
datetimes are aware UTC, ``products_detailed`` a list of
``{"product_id": str, "key_message": str, "reaction": str}``. One field is not a
column: ``companion_ids``, the managers who came along (a DM, an RM, both), stored as
one ``visit_companions`` row each. Old visits named a single companion in the
``accompanied_by_id`` column: it is still read (shown as one more companion), never
written again (``local_store.visit_edits.set_visit_companions`` turns it into rows the
next time the companions of such a draft change).

Autosave never loses what was typed: it saves a valid draft row (clearing the form
journal) or, when the fields cannot make a valid draft yet, keeps them in the
journal (``local_store.drafts``) and answers with the field errors, in one
transaction either way.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from domain.visit_quality import QualityResult, score_visit
from domain.visit_rules import (
    SUBMITTED,
    FieldError,
    Severity,
    VisitRules,
    duration_minutes,
    validate_visit,
)
from local_store import drafts, writes
from local_store import visit_rules as device_rules
from local_store.read.plans import company_calendar
from local_store.read.search import doctor_search
from local_store.replica import synced
from local_store.state import local_user_id

MANAGER_ROLES = ("dm", "rm")
# What the form edits as visit columns (and an amendment copies from the original).
FORM_FIELDS = ("doctor_id", "visit_type", "started_at", "ended_at", "purpose",
               "products_detailed", "doctor_feedback", "result", "next_step",
               "next_visit_date")
COMPANIONS = "companion_ids"  # the form's one field that is rows, not a column
LEGACY_COMPANION = "accompanied_by_id"  # read for old visits, never written
LINK_FIELDS = ("planned_visit_id", "amends_visit_id")
# The columns a new draft row cannot be saved without (the wire schema's required ones).
NEEDED_FOR_DRAFT = ("doctor_id", "visit_type", "started_at")

doctors = synced["doctors"]
institutions = synced["institutions"]
departments = synced["departments"]
products = synced["products"]
users = synced["users"]
visits = synced["visits"]
companions = synced["visit_companions"]
territories = synced["territories"]
districts = synced["districts"]
planned_visits = synced["planned_visits"]


# --- values -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DoctorChoice:
    id: uuid.UUID
    name: str
    institution_id: uuid.UUID | None
    institution_name: str
    department_id: uuid.UUID | None
    department_name: str
    search_text: str  # name, pinyin, initials, institution, department (lowercase)


@dataclass(frozen=True, slots=True)
class ProductChoice:
    id: str
    name: str
    code: str


@dataclass(frozen=True, slots=True)
class ManagerChoice:
    id: uuid.UUID
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class FormContext:
    """The choices and rules the form needs (loaded once per form). ``managers``: who
    can come along on the signed-in user's visits (their DM and RM; a DM's RM)."""

    doctors: tuple[DoctorChoice, ...]
    products: tuple[ProductChoice, ...]
    managers: tuple[ManagerChoice, ...]
    rules: VisitRules
    me: uuid.UUID | None

    @property
    def catalogue_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.products)

    def doctor(self, doctor_id: uuid.UUID | None) -> DoctorChoice | None:
        return next((d for d in self.doctors if d.id == doctor_id), None)


@dataclass(frozen=True, slots=True)
class LoadedVisit:
    """One visit as the form opens it.

    ``fields``: the saved row's form fields with its companions (``companion_ids``),
    overlaid by the journal when one exists (what the user typed last). ``exists``: a
    visits row is in the replica.
    ``doctor_in_scope``: the doctor is still in this replica (False after a
    reassignment while offline: the visit is kept and stays exportable).
    """

    visit_id: uuid.UUID
    fields: dict[str, Any]
    exists: bool
    status: str  # draft / submitted ("draft" for a new or journal-only visit)
    submitted_at: dt.datetime | None
    rep_id: uuid.UUID | None
    journaled_at: dt.datetime | None
    doctor_in_scope: bool
    doctor_name: str | None  # for a doctor no longer in the picker (from earlier visits)

    @property
    def locked(self) -> bool:
        return self.status == SUBMITTED


@dataclass(frozen=True, slots=True)
class FormState:
    context: FormContext
    visit: LoadedVisit


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """``saved``: the draft row now holds the fields; otherwise ``journaled`` with ``errors``."""

    visit_id: uuid.UUID
    saved: bool
    journaled: bool
    errors: list[FieldError] = field(default_factory=list)
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


@dataclass(frozen=True, slots=True)
class SubmitOutcome:
    visit_id: uuid.UUID
    submitted: bool
    errors: list[FieldError] = field(default_factory=list)
    submitted_at: dt.datetime | None = None
    saved: bool = True  # False: the fields only went to the journal (not a valid draft)


# --- reads ------------------------------------------------------------------------------


def load_context(conn: Connection) -> FormContext:
    """Doctors in scope (active, with institution and department), the active products,
    the managers who can accompany the signed-in user, the active visit rules."""
    rows = conn.execute(
        sa.select(doctors.c.id, doctors.c.name, doctors.c.institution_id,
                  doctors.c.department_id, institutions.c.name.label("inst"),
                  departments.c.name.label("dept"), doctor_search.c.text)
        .select_from(doctors)
        .outerjoin(institutions, institutions.c.id == doctors.c.institution_id)
        .outerjoin(departments, departments.c.id == doctors.c.department_id)
        .outerjoin(doctor_search, doctor_search.c.doctor_id == doctors.c.id)
        .where(doctors.c.deleted.is_(False), doctors.c.status == "active")
        .order_by(doctors.c.name)).all()
    doctor_choices = tuple(DoctorChoice(
        id=r.id, name=r.name, institution_id=r.institution_id, institution_name=r.inst or "",
        department_id=r.department_id, department_name=r.dept or "",
        search_text=(r.text or f"{r.name}|{r.inst or ''}|{r.dept or ''}").lower())
        for r in rows)
    product_choices = tuple(ProductChoice(str(r.id), r.name, r.code) for r in conn.execute(
        sa.select(products.c.id, products.c.name, products.c.code)
        .where(products.c.active.is_(True), products.c.deleted.is_(False))
        .order_by(products.c.name)))
    me = local_user_id(conn)
    return FormContext(doctor_choices, product_choices, companion_choices(conn, me),
                       device_rules.active_visit_rules(conn), me)


def companion_choices(conn: Connection, me: uuid.UUID | None) -> tuple[ManagerChoice, ...]:
    """The managers the replica knows who can accompany ``me``: the DM of my district
    and the RM of my region (a DM: their RM). A user whose place is unknown (no
    district or region in the replica) gets every active manager but themselves."""
    place = conn.execute(
        sa.select(sa.func.coalesce(users.c.district_id, territories.c.district_id),
                  sa.func.coalesce(users.c.region_id, districts.c.region_id))
        .select_from(users.outerjoin(territories, territories.c.id == users.c.territory_id)
                     .outerjoin(districts, districts.c.id == sa.func.coalesce(
                         users.c.district_id, territories.c.district_id)))
        .where(users.c.id == me)).first() if me is not None else None
    district_id, region_id = place if place is not None else (None, None)
    managers = sa.select(users.c.id, users.c.display_name, users.c.role).where(
        users.c.role.in_(MANAGER_ROLES), users.c.active.is_(True), users.c.deleted.is_(False))
    if me is not None:
        managers = managers.where(users.c.id != me)
    over_me = ([sa.and_(users.c.role == "dm", users.c.district_id == district_id)]
               if district_id is not None else [])
    if region_id is not None:
        over_me.append(sa.and_(users.c.role == "rm", users.c.region_id == region_id))
    if over_me:
        managers = managers.where(sa.or_(*over_me))
    return tuple(ManagerChoice(r.id, r.display_name, r.role) for r in conn.execute(
        managers.order_by(users.c.role, users.c.display_name)))


def saved_companion_ids(conn: Connection, visit_id: uuid.UUID,
                        legacy: uuid.UUID | None = None) -> list[uuid.UUID]:
    """The visit's companions as stored: its live ``visit_companions`` rows (in the
    order they were recorded), then the old single-companion column if it names
    someone else."""
    found = list(dict.fromkeys(conn.execute(
        sa.select(companions.c.user_id).where(companions.c.visit_id == visit_id,
                                              companions.c.deleted.is_(False))
        .order_by(companions.c.updated_at, companions.c.id)).scalars()))
    if legacy is not None and legacy not in found:
        found.append(legacy)
    return found


def form_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """A visits row's form fields (its columns; the companions come from their rows)."""
    out = {name: row.get(name) for name in (*FORM_FIELDS, *LINK_FIELDS)}
    for name in ("started_at", "ended_at"):
        value = out.get(name)
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            out[name] = value.replace(tzinfo=dt.UTC)
    return out


def doctor_row(conn: Connection, doctor_id: Any) -> dict[str, Any] | None:
    if doctor_id is None:
        return None
    row = conn.execute(sa.select(doctors).where(doctors.c.id == doctor_id)).mappings().first()
    return dict(row) if row is not None else None


def load_visit(conn: Connection, visit_id: uuid.UUID) -> LoadedVisit | None:
    """The visit row and its journal; None when the replica has neither."""
    row = writes.get_local_row(conn, "visits", visit_id)
    if row is not None and row["deleted"]:
        row = None
    journal = drafts.read_journal(conn, visit_id)
    if row is None and journal is None:
        return None
    fields = form_fields(row) if row is not None else {}
    if row is not None:
        fields[COMPANIONS] = saved_companion_ids(conn, visit_id, row.get(LEGACY_COMPANION))
    locked = row is not None and row["status"] == SUBMITTED
    if journal is not None and not locked:
        fields.update(journal.fields)
    doctor = doctor_row(conn, fields.get("doctor_id"))
    in_scope = fields.get("doctor_id") is None or (doctor is not None and not doctor["deleted"])
    submitted_at = row.get("submitted_at") if row is not None else None
    if isinstance(submitted_at, dt.datetime) and submitted_at.tzinfo is None:
        submitted_at = submitted_at.replace(tzinfo=dt.UTC)
    return LoadedVisit(
        visit_id=visit_id, fields=fields, exists=row is not None,
        status=str(row["status"]) if row is not None else "draft", submitted_at=submitted_at,
        rep_id=row["rep_id"] if row is not None else None,
        journaled_at=journal.saved_at if journal is not None and not locked else None,
        doctor_in_scope=in_scope, doctor_name=doctor["name"] if doctor is not None else None)


def new_visit_fields(conn: Connection, *, doctor_id: uuid.UUID | None = None,
                     planned_visit_id: uuid.UUID | None = None,
                     now: dt.datetime | None = None) -> dict[str, Any]:
    """The fields a new visit starts with: ad hoc (the last half hour) or from a plan
    (its doctor, its date, objective -> purpose, its catalogue products, linked)."""
    now = (now or dt.datetime.now(dt.UTC)).replace(second=0, microsecond=0)
    now -= dt.timedelta(minutes=now.minute % 5)
    start, end = now - dt.timedelta(minutes=30), now
    fields: dict[str, Any] = {"doctor_id": doctor_id, "visit_type": "face_to_face",
                              "started_at": start, "ended_at": end, COMPANIONS: []}
    if planned_visit_id is not None:
        plan = conn.execute(sa.select(planned_visits).where(
            planned_visits.c.id == planned_visit_id)).mappings().first()
        if plan is not None:
            fields["planned_visit_id"] = planned_visit_id
            fields["doctor_id"] = plan["doctor_id"]
            fields["purpose"] = plan["objective"]
            day: dt.date = plan["planned_date"]
            calendar = company_calendar(conn)
            if day != calendar.local_date(now):  # planned for another day: 09:00 that day
                fields["started_at"] = calendar.at(day, dt.time(9, 0)).astimezone(dt.UTC)
                fields["ended_at"] = fields["started_at"] + dt.timedelta(minutes=30)
            catalogue = device_rules.catalogue_product_ids(conn)
            planned = [str(p) for p in plan["products"] or [] if str(p) in catalogue]
            if planned:
                fields["products_detailed"] = [{"product_id": p, "key_message": "",
                                                "reaction": ""} for p in planned]
    return fields


def open_form(replica: Engine, visit_id: uuid.UUID | None, *,
              doctor_id: uuid.UUID | None = None,
              planned_visit_id: uuid.UUID | None = None) -> FormState:
    """Context and visit for the form (read pool). A new visit gets a fresh id; an id the
    replica does not know opens as a new visit with that id."""
    with replica.connect() as conn:
        context = load_context(conn)
        loaded = load_visit(conn, visit_id) if visit_id is not None else None
        if loaded is None:
            fields = new_visit_fields(conn, doctor_id=doctor_id, planned_visit_id=planned_visit_id)
            doctor = doctor_row(conn, fields.get("doctor_id"))
            in_scope = fields.get("doctor_id") is None or (
                doctor is not None and not doctor["deleted"])
            loaded = LoadedVisit(visit_id or uuid.uuid4(), fields, False, "draft", None,
                                 context.me, None, in_scope,
                                 doctor["name"] if doctor is not None else None)
        return FormState(context, loaded)


# --- pure checks ------------------------------------------------------------------------


def preview(context: FormContext, fields: Mapping[str, Any]) -> tuple[QualityResult, list[FieldError]]:
    """The quality score and the live field problems (sanity errors as every save checks
    them, the duration warning), computed without the database."""
    result = score_visit(fields, context.rules,
                         linked_to_plan=fields.get("planned_visit_id") is not None)
    problems = validate_visit(fields, context.rules, now=dt.datetime.now(dt.UTC),
                              is_submit=False, catalogue_product_ids=context.catalogue_ids)
    minutes = duration_minutes(fields)
    rules = context.rules
    if minutes is not None and minutes >= 0 and not rules.min_minutes <= minutes <= rules.max_minutes:
        problems.append(FieldError("ended_at", "duration_out_of_range",
                                   f"The visit lasted {minutes:.0f} minutes.", Severity.WARNING))
    return result, problems


# --- writes (writer thread) -------------------------------------------------------------
















