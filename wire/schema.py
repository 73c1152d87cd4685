"""The wire schema: every table that syncs between server and replicas, defined once.

Both ends build their SQLAlchemy ``Table`` objects from these specs (the server with
foreign keys, the replica without them, because pulled pages arrive in change order,
not in dependency order). The same specs drive mutation validation on the server and
serialisation on both ends, so a field exists in one place only.

Every synced row carries ``id`` (UUID born where the row is born), ``version``
(server-assigned, +1 per accepted change), ``updated_at``, ``updated_by`` and
``deleted`` (tombstone).
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from wire.values import BadValue, check_float, check_int, check_json, check_text, to_utc


class Kind(StrEnum):
    """Wire types. JSON carries UUIDs, dates and datetimes as ISO strings."""

    UUID = "uuid"
    STR = "str"
    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    JSON = "json"


class ScopeRule(StrEnum):
    """How the server decides which scopes (buckets) a row belongs to."""

    GLOBAL = "global"  # everyone signed in
    TERRITORY = "territory"  # territory:<territory_id column>
    INSTITUTION_MEMBERSHIP = "membership"  # every territory holding one of its doctors
    USERS = "users"  # user:<id> for each user column named in scope_columns
    DISTRICT = "district"  # district:<district_id column>: everyone of a district's team
    # users: user:<id> (their own), district:<district_id> (their team: the district's reps
    # and DM) and, for an RM (region_id, no district), every district of the region (the
    # RM is everyone's manager there). A replica holds its team and managers, no one else.
    TEAM = "team"
    # user:<id> for each user column of scope_columns, and managers:<district_id> for the
    # ``district_id`` column: the district's DM and the region's RM, never the reps; a
    # ``region_id`` column: region_managers:<region_id>, the region's RM alone.
    MANAGERS = "managers"


MANAGERS_DISTRICT_COLUMN = "district_id"
MANAGERS_REGION_COLUMN = "region_id"
_MANAGERS_PREFIX = {MANAGERS_DISTRICT_COLUMN: "managers", MANAGERS_REGION_COLUMN: "region_managers"}
# A row of a managers-scoped table whose ``status`` is a draft goes to the first scope
# column's user only (the evaluator): nobody else sees an evaluation before it is
# submitted. Submitting adds the other scopes (the row arrives there as an upsert).
DRAFT_STATUS = "draft"


def managers_scope_keys(spec: TableSpec, row: Any) -> list[tuple[str, Any]]:
    """(prefix, id) of each scope a managers-scoped row belongs to: ``user`` for the
    user columns, ``managers`` for the district column, ``region_managers`` for the
    region column; a draft only its author's."""
    columns = spec.scope_columns
    if "status" in spec.column_names and row.get("status") == DRAFT_STATUS:
        columns = columns[:1]
    return [(_MANAGERS_PREFIX.get(c, "user"), row[c]) for c in columns if row.get(c)]


@dataclass(frozen=True, slots=True)
class Col:
    """One column of a synced table."""

    name: str
    kind: Kind
    nullable: bool = True
    max_length: int | None = None
    references: str | None = None  # "table" whose id this column holds
    index: bool = False
    client_writable: bool = True


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A synced table: its columns, its scope rule and what clients may do to it."""

    name: str
    columns: tuple[Col, ...]
    scope: ScopeRule
    scope_columns: tuple[str, ...] = ()
    client_ops: frozenset[str] = frozenset()  # subset of {"insert", "update", "delete"}
    unique: tuple[tuple[str, ...], ...] = ()
    extra_indexes: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Col:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


# The columns every synced table starts with, in this order (``build_table``), on both
# ends and on the wire.
BASE_COLS: tuple[Col, ...] = (
    Col("id", Kind.UUID, nullable=False), Col("version", Kind.INT, nullable=False),
    Col("updated_at", Kind.DATETIME, nullable=False), Col("updated_by", Kind.UUID),
    Col("deleted", Kind.BOOL, nullable=False),
)
BASE_COLUMNS: tuple[str, ...] = tuple(c.name for c in BASE_COLS)

RW = frozenset({"insert", "update"})
RWD = frozenset({"insert", "update", "delete"})


def _s(name: str, length: int = 200, **kw: Any) -> Col:
    return Col(name, Kind.STR, max_length=length, **kw)


def _t(name: str, length: int = 4000, **kw: Any) -> Col:
    return Col(name, Kind.TEXT, max_length=length, **kw)


def _ref(name: str, table: str, **kw: Any) -> Col:
    kw.setdefault("index", True)
    return Col(name, Kind.UUID, references=table, **kw)


def _c(name: str, kind: Kind, **kw: Any) -> Col:
    return Col(name, kind, **kw)


TABLES: tuple[TableSpec, ...] = (
    # --- organisation (global) -------------------------------------------------------
    TableSpec("regions", (_s("code", 20, nullable=False), _s("name", 100, nullable=False)),
              ScopeRule.GLOBAL, unique=(("code",),)),
    TableSpec("districts", (
        _ref("region_id", "regions", nullable=False),
        _s("code", 20, nullable=False), _s("name", 100, nullable=False),
    ), ScopeRule.GLOBAL, unique=(("code",),)),
    TableSpec("territories", (
        _ref("district_id", "districts", nullable=False),
        _s("code", 20, nullable=False), _s("name", 100, nullable=False),
    ), ScopeRule.GLOBAL, unique=(("code",),)),
    TableSpec("users", (
        _s("username", 64, nullable=False), _s("display_name", 100, nullable=False),
        _s("role", 10, nullable=False),
        _ref("region_id", "regions"), _ref("district_id", "districts"),
        _ref("territory_id", "territories"), _ref("manager_id", "users"),
        _s("email", 200), _s("phone", 40),
        _c("active", Kind.BOOL, nullable=False),
    ), ScopeRule.TEAM, scope_columns=("district_id", "region_id"), unique=(("username",),)),
    # --- catalogue and knowledge (global) --------------------------------------------
    TableSpec("products", (
        _s("code", 40, nullable=False), _s("name", 200, nullable=False), _s("name_en", 200),
        _s("generic_name", 200), _s("therapeutic_area", 100), _t("description"),
        _c("active", Kind.BOOL, nullable=False),
    ), ScopeRule.GLOBAL, unique=(("code",),)),
    TableSpec("competitor_products", (
        _s("name", 200, nullable=False), _s("company", 200),
        _ref("competes_with_product_id", "products"), _t("description"),
    ), ScopeRule.GLOBAL),
    # The knowledge base. ``slug`` is the article's natural key (its file name in a
    # ``kb import`` folder); ``article_version`` counts the editorial revisions (the row
    # ``version`` counts every change). ``product_ids`` lists the linked products;
    # ``valid_until`` is when approved material expires (expired articles leave search
    # results by default). An attachment row describes a file; its bytes travel by
    # their own ranged download (``/api/v1/kb/files/{sha256}``), never inside a page.
    TableSpec("knowledge_articles", (
        _s("category", 30, nullable=False), _s("title", 300, nullable=False),
        _t("body", 200_000),
        _ref("competitor_product_id", "competitor_products"),
        _c("tags", Kind.JSON), _c("article_version", Kind.INT, nullable=False),
        _c("published", Kind.BOOL, nullable=False),
        _s("slug", 120), _c("product_ids", Kind.JSON),
        _c("published_on", Kind.DATE), _c("valid_until", Kind.DATE),
        _c("must_read", Kind.BOOL),
    ), ScopeRule.GLOBAL),
    TableSpec("knowledge_attachments", (
        _ref("article_id", "knowledge_articles", nullable=False),
        _s("filename", 300, nullable=False), _s("mime_type", 100),
        _c("size_bytes", Kind.INT), _s("sha256", 64), _c("position", Kind.INT),
    ), ScopeRule.GLOBAL),
    # "I have read this must-read article": written by the reader, seen by the district
    # team (the managers' "who has not read it yet").
    TableSpec("knowledge_reads", (
        _ref("article_id", "knowledge_articles", nullable=False),
        _ref("user_id", "users", nullable=False),
        _ref("district_id", "districts", nullable=False),
        _c("article_version", Kind.INT, nullable=False),
        _c("read_at", Kind.DATETIME, nullable=False),
    ), ScopeRule.DISTRICT, scope_columns=("district_id",), client_ops=frozenset({"insert"})),
    # --- rules and templates (global, admin-edited, versioned) -----------------------
    TableSpec("grading_rules", (
        _s("name", 100, nullable=False), _c("weights", Kind.JSON, nullable=False),
        _c("bands", Kind.JSON, nullable=False), _c("thresholds", Kind.JSON, nullable=False),
        _c("rule_version", Kind.INT, nullable=False), _c("active", Kind.BOOL, nullable=False),
        _c("effective_from", Kind.DATE),
    ), ScopeRule.GLOBAL),
    TableSpec("frequency_rules", (
        _s("name", 100, nullable=False), _c("visits_per_month", Kind.JSON, nullable=False),
        _c("rule_version", Kind.INT, nullable=False), _c("active", Kind.BOOL, nullable=False),
        _c("effective_from", Kind.DATE),
        # The company calendar and what counts (domain.frequency, domain.calendar).
        _s("time_zone", 64), _c("counted_visit_types", Kind.JSON), _c("target_grades", Kind.JSON),
        _c("reminder_day", Kind.INT),
    ), ScopeRule.GLOBAL),
    TableSpec("visit_rules", (
        _s("name", 100, nullable=False), _c("required_fields", Kind.JSON, nullable=False),
        _c("quality_coefficients", Kind.JSON, nullable=False),
        _c("backdate_days", Kind.INT, nullable=False), _c("month_end_day", Kind.INT, nullable=False),
        _c("min_minutes", Kind.INT), _c("max_minutes", Kind.INT),
        _c("rule_version", Kind.INT, nullable=False), _c("active", Kind.BOOL, nullable=False),
    ), ScopeRule.GLOBAL),
    TableSpec("evaluation_templates", (
        _s("name", 200, nullable=False), _s("kind", 20, nullable=False),
        _s("evaluator_role", 10, nullable=False), _s("evaluatee_role", 10, nullable=False),
        _c("competencies", Kind.JSON, nullable=False),
        _c("scale_min", Kind.INT, nullable=False), _c("scale_max", Kind.INT, nullable=False),
        _c("template_version", Kind.INT, nullable=False), _c("active", Kind.BOOL, nullable=False),
        # Versions of one template share its code; a used version is never changed.
        _s("code", 40), _t("description", 2000),
        _c("monthly_target", Kind.INT),  # evaluations each evaluator should make a month
    ), ScopeRule.GLOBAL),
    # --- master data (territory) -------------------------------------------------------
    TableSpec("institutions", (
        _s("code", 40), _s("name", 200, nullable=False), _s("level", 20),
        _s("type", 20, nullable=False), _s("province", 50), _s("city", 50),
        _s("county", 50), _s("address", 300),
        _c("latitude", Kind.FLOAT), _c("longitude", Kind.FLOAT), _c("beds", Kind.INT),
        _s("phone", 40), _s("status", 20, nullable=False),
    ), ScopeRule.INSTITUTION_MEMBERSHIP, unique=(("code",),)),
    TableSpec("departments", (
        _ref("institution_id", "institutions", nullable=False), _s("name", 100, nullable=False),
        _c("outpatient_per_month", Kind.INT), _c("beds", Kind.INT),
    ), ScopeRule.INSTITUTION_MEMBERSHIP),
    TableSpec("doctors", (
        _s("code", 40), _s("name", 100, nullable=False), _s("gender", 10),
        _ref("institution_id", "institutions", nullable=False),
        _ref("department_id", "departments"),
        _s("title", 30), _s("position", 50), _s("specialty", 100), _s("phone", 40),
        _c("product_potential", Kind.JSON), _c("custom_fields", Kind.JSON),
        _s("status", 20, nullable=False), _s("grade", 1), _c("grade_score", Kind.FLOAT),
        _c("grade_explanation", Kind.JSON),
        _ref("territory_id", "territories"),
        _c("target_override", Kind.BOOL),  # the DM's: None = the grade decides
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), unique=(("code",),),
        # updates: only target_override, by a DM/RM of the territory (policy_tables)
        client_ops=frozenset({"update"})),
    TableSpec("assignments", (
        _ref("doctor_id", "doctors", nullable=False),
        _ref("territory_id", "territories", nullable=False),
        _c("valid_from", Kind.DATE, nullable=False), _c("valid_to", Kind.DATE),
        _s("reason", 200),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",)),
    # --- planning (territory) ----------------------------------------------------------
    TableSpec("visit_plans", (
        _ref("rep_id", "users", nullable=False), _ref("territory_id", "territories", nullable=False),
        _c("week_start", Kind.DATE, nullable=False), _s("status", 20, nullable=False),
        _t("notes"), _t("review_comment", 2000),  # the manager's: why it was returned
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RWD),
    TableSpec("planned_visits", (
        _ref("plan_id", "visit_plans", nullable=False), _ref("rep_id", "users", nullable=False),
        _ref("territory_id", "territories", nullable=False),
        _ref("doctor_id", "doctors", nullable=False), _ref("institution_id", "institutions"),
        _c("planned_date", Kind.DATE, nullable=False), _c("route_order", Kind.INT),
        _t("objective", 1000), _c("products", Kind.JSON), _s("status", 20, nullable=False),
        # The server's final answer once the day is over (``fieldrep-server plans settle``,
        # ``domain.plans.planned_outcome``): "done" with the linked visit, or "missed".
        _s("outcome", 20, client_writable=False), Col("outcome_visit_id", Kind.UUID,
                                                      client_writable=False),
        _c("settled_at", Kind.DATETIME, client_writable=False),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RWD),
    # --- visits and review (territory of the doctor: history follows the doctor) --------
    TableSpec("visits", (
        _ref("rep_id", "users", nullable=False), _ref("territory_id", "territories", nullable=False),
        _ref("doctor_id", "doctors", nullable=False), _ref("institution_id", "institutions"),
        _ref("department_id", "departments"), _ref("planned_visit_id", "planned_visits"),
        _s("visit_type", 30, nullable=False),
        _c("started_at", Kind.DATETIME, nullable=False, index=True),
        _c("ended_at", Kind.DATETIME),
        _t("purpose", 1000), _c("products_detailed", Kind.JSON),
        _t("doctor_feedback", 2000), _t("result", 2000), _t("next_step", 1000),
        _c("next_visit_date", Kind.DATE), _ref("accompanied_by_id", "users"),
        _s("status", 20, nullable=False), _c("submitted_at", Kind.DATETIME),
        _ref("amends_visit_id", "visits"),
        _c("quality_score", Kind.FLOAT), _c("quality_explanation", Kind.JSON),
        _c("client_created_at", Kind.DATETIME),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RWD),  # delete: drafts
    TableSpec("visit_comments", (
        _ref("visit_id", "visits", nullable=False),
        _ref("territory_id", "territories", nullable=False),
        _ref("author_id", "users", nullable=False), _s("kind", 20, nullable=False),
        _t("text", 4000),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RW),
    TableSpec("visit_reviews", (
        _ref("visit_id", "visits", nullable=False),
        _ref("territory_id", "territories", nullable=False),
        _ref("reviewer_id", "users", nullable=False),
        _c("reviewed_at", Kind.DATETIME, nullable=False),
        _c("exemplary", Kind.BOOL, nullable=False),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RW),
    TableSpec("comment_reads", (
        _ref("comment_id", "visit_comments", nullable=False),
        _ref("territory_id", "territories", nullable=False),
        _ref("user_id", "users", nullable=False), _c("read_at", Kind.DATETIME, nullable=False),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RW),
    # A visit a manager marked exemplary, as the whole district team sees it ("Good
    # practice"): a snapshot the server writes (reps of other territories do not hold the
    # visit, its doctor or its rep), removed when the mark is taken back.
    TableSpec("shared_visits", (
        _ref("visit_id", "visits", nullable=False),
        _ref("district_id", "districts", nullable=False),
        _ref("rep_id", "users"), _s("rep_name", 100), _s("doctor_name", 100),
        _s("institution_name", 200), _s("department_name", 100), _s("visit_type", 30),
        _c("started_at", Kind.DATETIME), _t("purpose", 1000), _c("products_detailed", Kind.JSON),
        _t("doctor_feedback", 2000), _t("result", 2000), _t("next_step", 1000),
        _c("quality_score", Kind.FLOAT), _ref("reviewer_id", "users"), _s("reviewer_name", 100),
        _c("shared_at", Kind.DATETIME, nullable=False),
    ), ScopeRule.DISTRICT, scope_columns=("district_id",)),
    # --- events (territory) ---------------------------------------------------------
    TableSpec("events", (
        _ref("territory_id", "territories", nullable=False),
        _ref("organizer_id", "users", nullable=False), _s("event_type", 30, nullable=False),
        _s("title", 200, nullable=False), _c("starts_at", Kind.DATETIME, nullable=False),
        _c("ends_at", Kind.DATETIME), _s("place", 200), _c("products", Kind.JSON),
        _c("budget", Kind.FLOAT), _s("status", 20, nullable=False), _t("notes"),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RWD),
    TableSpec("event_attendees", (
        _ref("event_id", "events", nullable=False),
        _ref("territory_id", "territories", nullable=False),
        _ref("doctor_id", "doctors", nullable=False),
        _c("invited", Kind.BOOL, nullable=False), _c("attended", Kind.BOOL),
        _t("feedback", 2000),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RWD),
    # --- change requests (territory) -------------------------------------------------
    TableSpec("change_requests", (
        _ref("territory_id", "territories", nullable=False),
        _ref("requester_id", "users", nullable=False),
        _s("target_table", 30, nullable=False), _c("target_id", Kind.UUID),
        _s("action", 20, nullable=False), _c("proposed", Kind.JSON), _t("reason", 1000),
        _s("status", 20, nullable=False), _ref("approver_id", "users"),
        _c("decided_at", Kind.DATETIME), _t("decision_note", 1000),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RW),
    # --- sales and targets (territory) -----------------------------------------------
    TableSpec("sales_records", (
        _ref("institution_id", "institutions", nullable=False),
        _ref("product_id", "products", nullable=False),
        _ref("territory_id", "territories", nullable=False),
        _c("month", Kind.DATE, nullable=False), _c("quantity", Kind.FLOAT, nullable=False),
        _c("amount", Kind.FLOAT),
        _s("source", 20),  # flow | shipment | invoice (the ERP data it came from)
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",)),
    TableSpec("targets", (
        _ref("territory_id", "territories", nullable=False),
        _ref("product_id", "products", nullable=False),
        _c("month", Kind.DATE, nullable=False), _c("quantity", Kind.FLOAT, nullable=False),
        _c("amount", Kind.FLOAT),
        _ref("institution_id", "institutions"),  # optional: a target per hospital
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",)),
    # --- evaluations (both parties, and the managers of the evaluatee's district) ------
    TableSpec("evaluations", (
        _ref("template_id", "evaluation_templates", nullable=False),
        _ref("evaluator_id", "users", nullable=False), _ref("evaluatee_id", "users", nullable=False),
        _s("kind", 20, nullable=False), _c("eval_date", Kind.DATE, nullable=False),
        _c("observed_visit_ids", Kind.JSON), _c("scores", Kind.JSON),
        _c("total_score", Kind.FLOAT), _t("strengths", 2000), _t("improvements", 2000),
        _t("action_plan", 2000), _s("status", 20, nullable=False),
        _c("submitted_at", Kind.DATETIME), _c("acknowledged_at", Kind.DATETIME),
        _t("evaluatee_comment", 2000),
        _ref("district_id", "districts"),  # the evaluatee's district (the server sets it)
        _c("indicators", Kind.JSON),  # the evaluatee's indicators at the date, as shown
        _ref("amends_evaluation_id", "evaluations"),  # a correction of a submitted one
    ), ScopeRule.MANAGERS, scope_columns=("evaluator_id", "evaluatee_id", "district_id"),
        client_ops=RW),
    # Action items of an evaluation: their own rows, so the evaluatee marks them done
    # while the submitted evaluation stays locked.
    TableSpec("evaluation_action_items", (
        _ref("evaluation_id", "evaluations", nullable=False),
        _ref("evaluator_id", "users", nullable=False), _ref("evaluatee_id", "users", nullable=False),
        _ref("district_id", "districts"),
        _c("position", Kind.INT, nullable=False), _t("text", 1000, nullable=False),
        _c("due_date", Kind.DATE), _c("done_at", Kind.DATETIME), _t("done_note", 1000),
    ), ScopeRule.MANAGERS, scope_columns=("evaluator_id", "evaluatee_id", "district_id"),
        client_ops=RWD),
    # KPI snapshots the server computes per period (``fieldrep-server kpis snapshot``,
    # docs/kpis.md). A subject's figures travel twice: the managers' row (district_id
    # for a rep or a district, region_id for a region: managers-only scopes) and, for a
    # rep, their own row (owner_id: user:<rep>) carrying only their own figures, their
    # rank and the district median. No client writes them (no policy declaration).
    TableSpec("kpi_snapshots", (
        _s("period", 10, nullable=False),  # 2026-11, 2026-Q4, 2026
        _s("period_kind", 10, nullable=False),  # month | quarter | year
        _c("first_day", Kind.DATE, nullable=False), _c("last_day", Kind.DATE, nullable=False),
        _s("subject_kind", 10, nullable=False),  # rep | district | region
        _c("subject_id", Kind.UUID, nullable=False),  # a user, a district or a region
        _s("audience", 10, nullable=False),  # managers | self
        _ref("owner_id", "users"), _ref("district_id", "districts"),
        _ref("region_id", "regions"),
        _c("visits", Kind.INT), _c("coverage", Kind.FLOAT),
        _c("visits_per_working_day", Kind.FLOAT), _c("average_quality", Kind.FLOAT),
        _c("share_on_plan", Kind.FLOAT), _c("frequency", Kind.JSON), _c("sales", Kind.JSON),
        _c("sales_quantity", Kind.FLOAT), _c("sales_target", Kind.FLOAT),
        _c("sales_attainment", Kind.FLOAT), _c("ride_along_days", Kind.INT),
        _s("ranked_by", 30), _c("rank", Kind.INT), _c("rank_of", Kind.INT),
        _c("parent_median", Kind.FLOAT),
        _c("computed_at", Kind.DATETIME, nullable=False),
    ), ScopeRule.MANAGERS, scope_columns=("owner_id", "district_id", "region_id"),
        extra_indexes=(("period", "subject_kind"),)),
    # Who accompanied a visit (a DM, an RM, both): one row per companion.
    TableSpec("visit_companions", (
        _ref("visit_id", "visits", nullable=False),
        _ref("territory_id", "territories", nullable=False),
        _ref("user_id", "users", nullable=False),
    ), ScopeRule.TERRITORY, scope_columns=("territory_id",), client_ops=RWD),
    # --- a DM's field days (district team): whom they ride along with, and when ---------
    # The week (draft → submitted → approved/returned by the region's RM) and its days:
    # one row per accompanied rep per day (``rep_id`` None: a day with a note only).
    TableSpec("field_plans", (
        _ref("manager_id", "users", nullable=False),
        _ref("district_id", "districts", nullable=False),
        _c("week_start", Kind.DATE, nullable=False), _s("status", 20, nullable=False),
        _t("notes"), _t("review_comment", 2000),
    ), ScopeRule.DISTRICT, scope_columns=("district_id",), client_ops=RWD),
    TableSpec("field_days", (
        _ref("plan_id", "field_plans", nullable=False),
        _ref("manager_id", "users", nullable=False),
        _ref("district_id", "districts", nullable=False),
        _c("planned_date", Kind.DATE, nullable=False), _ref("rep_id", "users"),
        _t("note", 1000),
    ), ScopeRule.DISTRICT, scope_columns=("district_id",), client_ops=RWD),
)

TABLES_BY_NAME: dict[str, TableSpec] = {t.name: t for t in TABLES}


def _sa_type(col: Col) -> sa.types.TypeEngine[Any]:
    match col.kind:
        case Kind.UUID:
            return sa.Uuid()
        case Kind.STR:
            return sa.String(col.max_length or 200)
        case Kind.TEXT:
            return sa.Text()
        case Kind.INT:
            return sa.Integer()
        case Kind.FLOAT:
            return sa.Float()
        case Kind.BOOL:
            return sa.Boolean()
        case Kind.DATE:
            return sa.Date()
        case Kind.DATETIME:
            return sa.DateTime(timezone=True)
        case Kind.JSON:
            return sa.JSON()
    raise ValueError(col.kind)


# What the base columns add in SQL: the key, server defaults.
_BASE_DDL: dict[str, dict[str, Any]] = {
    "id": {"primary_key": True},
    "version": {"server_default": "1"},
    "deleted": {"server_default": sa.false()},
}


def build_table(spec: TableSpec, metadata: sa.MetaData, *, foreign_keys: bool,
                unique: bool = True) -> sa.Table:
    """Create ``spec`` as a Core table on ``metadata`` (with base columns first).

    ``unique=False`` leaves out the unique constraints (the replica: the server keeps
    codes unique; a copy that enforced them could refuse a page where two rows swap
    codes, and every unique index is one more B-tree per row stored)."""
    cols: list[sa.Column[Any]] = [
        sa.Column(c.name, sa.BigInteger() if c.name == "version" else _sa_type(c),
                  nullable=c.nullable, **_BASE_DDL.get(c.name, {}))
        for c in BASE_COLS
    ]
    for c in spec.columns:
        args: list[Any] = [_sa_type(c)]
        if foreign_keys and c.references:
            args.append(sa.ForeignKey(f"{c.references}.id", name=f"fk_{spec.name}_{c.name}"))
        cols.append(sa.Column(c.name, *args, nullable=c.nullable, index=c.index))
    constraints: list[Any] = [
        sa.UniqueConstraint(*u, name=f"uq_{spec.name}_{'_'.join(u)}") for u in spec.unique
        if unique
    ]
    table = sa.Table(spec.name, metadata, *cols, *constraints)
    for ix in spec.extra_indexes:
        sa.Index(f"ix_{spec.name}_{'_'.join(ix)}", *(table.c[n] for n in ix))
    return table


def build_tables(metadata: sa.MetaData, *, foreign_keys: bool,
                 unique: bool = True) -> dict[str, sa.Table]:
    return {s.name: build_table(s, metadata, foreign_keys=foreign_keys, unique=unique)
            for s in TABLES}


# --- JSON wire encoding -------------------------------------------------------------


def encode_value(kind: Kind, value: Any) -> Any:
    """Python value -> JSON-safe wire value."""
    if value is None:
        return None
    if kind is Kind.UUID:
        return str(value)
    if kind is Kind.DATETIME:
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.isoformat()
    if kind is Kind.DATE:
        return value.isoformat()
    return value


def encode_row(spec: TableSpec, row: Any) -> dict[str, Any]:
    """A mapping-like row (with base columns) -> wire dict."""
    out = {c.name: encode_value(c.kind, row[c.name]) for c in (*BASE_COLS, *spec.columns)}
    out["version"] = int(out["version"])  # (a driver may hand back another int type)
    out["deleted"] = bool(out["deleted"])  # (or 0/1)
    return out




def wire_columns(spec: TableSpec) -> tuple[tuple[str, Kind], ...]:
    """(name, kind) of every column of a ``spec`` row on the wire, base columns first
    (the order ``build_table`` gives them)."""
    return tuple((c.name, c.kind) for c in (*BASE_COLS, *spec.columns))


@functools.lru_cache(maxsize=16384)
def parse_uuid(text: str) -> uuid.UUID:
    """``uuid.UUID(text)``, remembered: a batch names the same rep, territory and
    doctors over and over, and the server reads each id once to find the rows and
    again to decode the fields (``UUID.__init__`` is Python code, ~1.5 µs a call).
    Raises ``ValueError`` as ``uuid.UUID`` does (failures are not remembered)."""
    return uuid.UUID(text)


@functools.lru_cache(maxsize=16384)
def uuid_text(value: uuid.UUID) -> str:
    """``str(value)``, remembered: the server writes the same ids as text again and
    again (in IN-lists, feed entries and checksums; ``UUID.__str__`` is Python code)."""
    return str(value)


class WireValueError(ValueError):
    """A wire value does not fit its column; ``field`` names the column.

    ``unstorable``: the value has the right type but lies outside what every end can
    store (``wire.values``: a year past 9999, a NUL, a lone surrogate, a number out of
    range). The server refuses those as ``validation`` naming the field; a malformed
    value (wrong type, too long, naive datetime, missing) stays ``bad_value``.
    """

    def __init__(self, field: str, reason: str, message: str, *, unstorable: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason
        self.unstorable = unstorable


def decode_value(col: Col, value: Any) -> Any:
    """Wire value -> Python value, checking type, nullability, length and that every
    end can store it (``wire.values``). Datetimes come back normalised to UTC."""
    if value is None:
        if not col.nullable:
            raise WireValueError(col.name, "required", f"{col.name} is required")
        return None
    try:
        match col.kind:
            case Kind.UUID:
                if not isinstance(value, str):
                    raise TypeError
                return parse_uuid(value)
            case Kind.STR | Kind.TEXT:
                if not isinstance(value, str):
                    raise TypeError
                if col.max_length is not None and len(value) > col.max_length:
                    raise WireValueError(
                        col.name, "too_long",
                        f"{col.name} is longer than {col.max_length} characters",
                    )
                return check_text(value)
            case Kind.INT:
                if isinstance(value, bool) or not isinstance(value, int):
                    raise TypeError
                return check_int(value)
            case Kind.FLOAT:
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise TypeError
                return check_float(value)
            case Kind.BOOL:
                if not isinstance(value, bool):
                    raise TypeError
                return value
            case Kind.DATE:
                if not isinstance(value, str):
                    raise TypeError
                return dt.date.fromisoformat(value)
            case Kind.DATETIME:
                if not isinstance(value, str):
                    raise TypeError
                parsed = dt.datetime.fromisoformat(value)
                if parsed.tzinfo is None:
                    raise WireValueError(col.name, "naive_datetime",
                                         f"{col.name} must carry a UTC offset")
                return to_utc(parsed)
            case Kind.JSON:
                return check_json(value)
    except WireValueError:
        raise
    except BadValue as exc:
        raise WireValueError(col.name, exc.reason, f"{col.name} {exc}", unstorable=True) from None
    except (TypeError, ValueError) as exc:
        raise WireValueError(
            col.name, "bad_type", f"{col.name} must be a valid {col.kind.value}"
        ) from exc
    raise WireValueError(col.name, "bad_type", f"{col.name}: unknown kind")
