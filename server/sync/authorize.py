"""May this principal make this change? Every pushed mutation passes through here.

The checks are table-driven: generic ones from the wire schema (table, operation,
fields, types, scope) for every table, then the table's write policy
(``server.sync.policies``: who may write which rows, columns and state changes),
then the domain validators registered per table (the visit rules — backdating,
month-end window, quality score — plug in there through ``register_validator``).
``server.sync.policies.authorize`` runs them in that order. A failed check raises
``Rejected`` with a ``RejectReason``; the push service turns it into a per-mutation
rejection.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.roles import Role
from server.auth.principal import Principal
from server.auth.scoping import team_district_ids
from server.tables import synced
from wire.protocol import MutationOp, RejectReason
from wire.schema import (
    BASE_COLUMNS,
    MANAGERS_DISTRICT_COLUMN,
    TABLES_BY_NAME,
    Col,
    Kind,
    ScopeRule,
    TableSpec,
    WireValueError,
    decode_value,
    parse_uuid,
)
from wire.values import BadValue, check_json


class Rejected(Exception):
    """The mutation is refused; ``reason`` for machines, the message for people."""

    def __init__(self, reason: RejectReason, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.field = field


@dataclass(slots=True)
class WriteContext:
    """One mutation being checked: who, which table and op, the stored and new row."""

    principal: Principal
    spec: TableSpec
    op: MutationOp
    row_id: uuid.UUID
    existing: dict[str, Any] | None  # the stored row (None on insert)
    incoming: dict[str, Any]  # decoded client fields (only client-writable columns)
    visible: frozenset[uuid.UUID] | None  # territories the principal may write; None = all
    after: dict[str, Any] = field(init=False)
    # Columns the server sets itself (validators fill it, e.g. a visit's quality score):
    # written with the change, never reported as a conflict overwrite.
    server_values: dict[str, Any] = field(init=False, default_factory=dict)
    # Referenced rows the push loaded for the whole batch at once: (table, id) ->
    # (id, *territory columns) or None (absent). Keys not in it are queried one by one.
    refs: dict[tuple[str, uuid.UUID], tuple[Any, ...] | None] | None = None
    # Writes that follow the row's own (an approved change request changes its doctor):
    # ``fn(conn, changes)``, run by the push after the row is written.
    after_write: list[Callable[..., None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        base = dict(self.existing) if self.existing is not None else {"id": self.row_id}
        self.after = {**base, **self.incoming}

    @property
    def me(self) -> uuid.UUID:
        return self.principal.user_id

    def changed_fields(self) -> list[str]:
        """Incoming fields whose value differs from the stored one (all on insert)."""
        if self.existing is None:
            return list(self.incoming)
        cols = columns_of(self.spec)
        return [name for name, value in self.incoming.items()
                if not same_value(cols[name].kind, self.existing.get(name), value)]


Rule = Callable[[Connection, WriteContext], None]


def same_value(kind: Kind, stored: Any, incoming: Any) -> bool:
    """Equality that treats a naive stored datetime (SQLite) as UTC."""
    if kind is Kind.DATETIME and isinstance(stored, dt.datetime) and isinstance(incoming, dt.datetime):
        if stored.tzinfo is None:
            stored = stored.replace(tzinfo=dt.UTC)
        return stored == incoming
    return bool(stored == incoming)


# --- decoding -------------------------------------------------------------------------

T = TypeVar("T")


def _per_spec(memo: dict[str, tuple[TableSpec, T]], spec: TableSpec,
              build: Callable[[TableSpec], T]) -> T:
    """``build(spec)``, made once per spec and kept in ``memo`` by table name (made
    again for another spec of the same name, as tests build). The push asks for a
    table's column maps for every field of every mutation."""
    found = memo.get(spec.name)
    if found is None or found[0] is not spec:
        found = memo[spec.name] = (spec, build(spec))
    return found[1]


_column_maps: dict[str, tuple[TableSpec, dict[str, Col]]] = {}


def columns_of(spec: TableSpec) -> dict[str, Col]:
    """``spec``'s columns by name, in table order (built once per spec).

    ``TableSpec.column`` searches the column list; a push of 100 visits asked it some
    4,000 times (every field of every mutation, in several checks)."""
    return _per_spec(_column_maps, spec, lambda s: {c.name: c for c in s.columns})



def table_spec(table: str, op: MutationOp) -> TableSpec:
    spec = TABLES_BY_NAME.get(table)
    if spec is None:
        raise Rejected(RejectReason.UNKNOWN_TABLE, f"There is no synced table named {table!r}.")
    if op.value not in spec.client_ops:
        raise Rejected(RejectReason.NOT_ALLOWED,
                       f"Clients may not {op.value} rows of {table}.")
    return spec


def parse_row_id(text: str) -> uuid.UUID:
    try:
        return parse_uuid(text)
    except ValueError:
        raise Rejected(RejectReason.BAD_VALUE, "The row id must be a UUID.", "id") from None


def decode_fields(spec: TableSpec, op: MutationOp, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Wire fields -> column values. Server-owned columns are ignored, never taken.

    An insert must name every required column; an update only the columns it changes;
    a delete's fields are ignored.
    """
    if op is MutationOp.DELETE:
        return {}
    plan = _decode_plan(spec)
    if not plan.known.issuperset(fields):
        for name in fields:
            if name not in plan.known:
                raise Rejected(RejectReason.UNKNOWN_FIELD, f"{spec.name} has no field {name!r}.",
                               name)
    try:
        if plan.server_only.isdisjoint(fields):
            # The common case in one comprehension; a failure is still the first in
            # the order below (table order on insert, the fields' order on update). An
            # absent or null value of a nullable column is None without a call.
            if op is MutationOp.INSERT:
                get = fields.get
                return {name: None if (value := get(name)) is None and nullable else decode(value)
                        for name, nullable, decode in plan.inserting}
            by_name = plan.by_name
            return {name: by_name[name][1](value) for name, value in fields.items()
                    if name in by_name}
        items = (plan.columns if op is MutationOp.INSERT else
                 [(n, *plan.by_name[n]) for n in fields if n in plan.by_name])
        out: dict[str, Any] = {}
        for name, col, decode in items:
            if not col.client_writable and name in fields:
                raise Rejected(RejectReason.NOT_ALLOWED, f"{name} is set by the server only.",
                               name)
            out[name] = decode(fields.get(name))
        return out
    except WireValueError as exc:
        # A value no end can store is a rule about the value (validation, naming the
        # field); desktop clients before this change showed bad_value the same way.
        reason = RejectReason.VALIDATION if exc.unstorable else RejectReason.BAD_VALUE
        raise Rejected(reason, str(exc), exc.field) from None


@dataclass(frozen=True, slots=True)
class _DecodePlan:
    """A table's decoders, built once per spec (``_per_spec``)."""

    columns: tuple[tuple[str, Col, Callable[[Any], Any]], ...]  # in table order
    inserting: tuple[tuple[str, bool, Callable[[Any], Any]], ...]  # (name, nullable, decode)
    by_name: dict[str, tuple[Col, Callable[[Any], Any]]]
    known: frozenset[str]  # every field a client may name (the base columns too)
    server_only: frozenset[str]  # named by a client: refused as not_allowed


_decode_plans: dict[str, tuple[TableSpec, _DecodePlan]] = {}


def _decode_plan(spec: TableSpec) -> _DecodePlan:
    return _per_spec(_decode_plans, spec, _build_decode_plan)


def _build_decode_plan(spec: TableSpec) -> _DecodePlan:
    columns = tuple((c.name, c, _column_decoder(c)) for c in spec.columns)
    return _DecodePlan(
        columns=columns, inserting=tuple((name, col.nullable, decode)
                                         for name, col, decode in columns),
        by_name={name: (col, decode) for name, col, decode in columns},
        known=frozenset(c.name for c in spec.columns) | frozenset(BASE_COLUMNS),
        server_only=frozenset(c.name for c in spec.columns if not c.client_writable))


def _column_decoder(col: Col) -> Callable[[Any], Any]:
    """``decode_value`` for ``col``, with the common case decided without its dispatch:
    a push of 100 visits decodes some 2,200 values. Anything off the common case goes
    through ``decode_value``, so every error is exactly its error."""
    if col.kind is Kind.UUID:
        def decode_uuid(value: Any) -> Any:
            if type(value) is str:
                try:
                    return parse_uuid(value)
                except ValueError:
                    pass
            elif value is None and col.nullable:
                return None
            return decode_value(col, value)  # the exact error

        return decode_uuid
    nullable = col.nullable
    if col.kind in (Kind.STR, Kind.TEXT):
        limit = col.max_length if col.max_length is not None else -1

        def decode_text(value: Any) -> Any:
            if type(value) is str and (limit < 0 or len(value) <= limit) and value.isprintable():
                return value  # printable: no NUL, no surrogate
            if value is None and nullable:
                return None
            return decode_value(col, value)

        return decode_text
    if col.kind is Kind.DATETIME:
        def decode_datetime(value: Any) -> Any:
            if type(value) is str:
                try:
                    parsed = dt.datetime.fromisoformat(value)
                except ValueError:
                    parsed = None
                if parsed is not None and parsed.tzinfo is not None:
                    try:
                        return parsed.astimezone(dt.UTC)
                    except OverflowError:
                        pass
            elif value is None and nullable:
                return None
            return decode_value(col, value)

        return decode_datetime
    if col.kind is Kind.JSON:
        def decode_json(value: Any) -> Any:
            if value is None and nullable:
                return None
            try:
                return check_json(value)
            except BadValue:
                return decode_value(col, value)  # the exact error

        return decode_json

    def decode_other(value: Any) -> Any:
        if value is None and nullable:
            return None
        return decode_value(col, value)

    return decode_other


# --- generic checks -------------------------------------------------------------------


def check_scope(conn: Connection, ctx: WriteContext) -> None:
    """The row (as stored and as it would become) must lie in the principal's scope."""
    rows = [r for r in (ctx.existing, ctx.after) if r is not None]
    if ctx.spec.scope is ScopeRule.TERRITORY:
        if ctx.visible is None:
            return
        for row in rows:
            for column in ctx.spec.scope_columns:
                if row.get(column) not in ctx.visible:
                    raise Rejected(RejectReason.OUT_OF_SCOPE,
                                   "This row belongs to a territory outside your scope.", column)
    elif ctx.spec.scope in (ScopeRule.USERS, ScopeRule.MANAGERS):
        if ctx.principal.role is Role.ADMIN:
            return
        for row in rows:
            if ctx.me not in {row.get(c) for c in ctx.spec.scope_columns
                              if c != MANAGERS_DISTRICT_COLUMN}:
                raise Rejected(RejectReason.OUT_OF_SCOPE,
                               "Only the people named on this row may change it.")
    elif ctx.spec.scope is ScopeRule.DISTRICT:
        if ctx.principal.role is Role.ADMIN:
            return
        teams = team_district_ids(conn, ctx.principal)
        for row in rows:
            for column in ctx.spec.scope_columns:
                if row.get(column) not in teams:
                    raise Rejected(RejectReason.OUT_OF_SCOPE,
                                   "This row belongs to a district team you are not in.", column)
    elif ctx.principal.role is not Role.ADMIN:
        raise Rejected(RejectReason.NOT_ALLOWED, f"Only administrators change {ctx.spec.name}.")


def check_references(conn: Connection, ctx: WriteContext) -> None:
    """Changed references must point at existing rows, and at visible ones when the
    referenced table is territory-scoped (no linking a visit to another territory's
    doctor)."""
    references = reference_columns(ctx.spec)
    if not references:
        return
    if ctx.existing is None:  # an insert changes every incoming field, in table order
        names = [name for name in references if name in ctx.incoming]
    else:
        names = [name for name in ctx.changed_fields() if name in references]
    refs, visible = ctx.refs, ctx.visible
    for name in names:
        referenced = references[name]
        target = ctx.incoming[name]
        if target is None:
            continue
        key = (referenced, target)
        ref = refs.get(key, _UNREAD) if refs is not None else _UNREAD  # (one hash of the id)
        if ref is _UNREAD:
            found = conn.execute(reference_query(referenced).where(
                synced[referenced].c.id == target)).first()
            ref = tuple(found) if found is not None else None
            if refs is not None:  # for the batch's next mutations (a week's plan)
                refs[key] = ref
        if ref is None:
            raise Rejected(RejectReason.BAD_VALUE,
                           f"{name} refers to a {referenced} row that does not exist.", name)
        if visible is not None and len(ref) > 1:
            for v in ref[1:]:
                if v is not None and v not in visible:
                    raise Rejected(RejectReason.OUT_OF_SCOPE,
                                   f"{name} refers to a row outside your scope.", name)


_UNREAD: Any = object()  # a reference not in the batch's cache


_reference_maps: dict[str, tuple[TableSpec, dict[str, str]]] = {}


def reference_columns(spec: TableSpec) -> dict[str, str]:
    """The table each reference column of ``spec`` refers to, by column name, in table
    order (built once per spec)."""
    return _per_spec(_reference_maps, spec, lambda s: {
        c.name: c.references for c in s.columns if c.references is not None})


def reference_query(table: str) -> sa.Select[Any]:
    """``SELECT id, *territory columns`` of a referenced table (add the WHERE)."""
    ref_spec = TABLES_BY_NAME[table]
    t = synced[table]
    return sa.select(t.c.id, *(t.c[c] for c in ref_spec.scope_columns
                               if ref_spec.scope is ScopeRule.TERRITORY))


# --- table validators -----------------------------------------------------------------

# Domain validation (business rules beyond ownership), per table. Validators raise
# Rejected(RejectReason.VALIDATION, message, field) and run after every other check.
DOMAIN_VALIDATORS: dict[str, list[Rule]] = {}


def register_validator(table: str) -> Callable[[Rule], Rule]:
    """Decorator: run ``fn(conn, ctx)`` for every accepted-so-far mutation of ``table``."""

    def add(fn: Rule) -> Rule:
        DOMAIN_VALIDATORS.setdefault(table, []).append(fn)
        return fn

    return add
