"""Write policies: who may write which rows, columns and state changes (default deny).

Every client-writable table has ONE ``Policy`` (declared in
``server.sync.policy_tables``); a table without one takes no client write, whatever
its ``client_ops`` say. A policy says:

* ``grants``: which roles may insert, update or delete, under which row condition
  (the caller owns the row, manages its territory, is the evaluatee …) and which
  columns each grant may set; a column outside every matching grant is refused
  ``not_allowed`` naming the column;
* ``state_column`` and ``transitions``: the allowed state changes as a small table
  (``from → to`` by roles under a condition); anything else is ``invalid_transition``
  naming the change;
* ``locked``: stored states no one changes (``locked``) unless a grant names the state
  (the evaluatee acknowledges a submitted evaluation);
* ``server_computed``: columns the server overwrites (a client's values are dropped;
  ``compute`` sets them through ``WriteContext.server_values``);
* ``checks``: table rules beyond "who" (a planned date within its plan's week);
  ``delete_checks`` the ones a delete must pass too (its plan still open).

``compile_policy`` turns a declaration into per (role, op) grant lists once, so a push
pays dictionary look-ups, not interpretation. The same declarations generate the
authorization matrix test and the table in docs/security.md (``policy_matrix``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy.engine import Connection

from domain.roles import Role
from server.sync.authorize import (
    DOMAIN_VALIDATORS,
    Rejected,
    Rule,
    WriteContext,
    check_references,
    check_scope,
)
from wire.protocol import MutationOp, RejectReason
from wire.schema import TABLES_BY_NAME

ALL_ROLES = frozenset({Role.REP, Role.DM, Role.RM})
MANAGERS = frozenset({Role.DM, Role.RM})
REPS = frozenset({Role.REP})
INSERT, UPDATE, DELETE = MutationOp.INSERT, MutationOp.UPDATE, MutationOp.DELETE


class Relation(StrEnum):
    """How a row relates to the caller, as the matrix test builds them."""

    OWN = "own row"
    SAME_TERRITORY = "same territory"
    SAME_DISTRICT = "same district, other territory"
    OTHER_DISTRICT = "other district"
    OTHER_REGION = "other region"


RELATIONS = tuple(Relation)
_IN_SCOPE: dict[Role, frozenset[Relation]] = {
    Role.REP: frozenset({Relation.OWN, Relation.SAME_TERRITORY}),
    Role.DM: frozenset({Relation.OWN, Relation.SAME_TERRITORY, Relation.SAME_DISTRICT}),
    Role.RM: frozenset({Relation.OWN, Relation.SAME_TERRITORY, Relation.SAME_DISTRICT,
                        Relation.OTHER_DISTRICT}),
}


def in_scope(role: Role) -> frozenset[Relation]:
    """The relations a role's territory scope covers."""
    return _IN_SCOPE.get(role, frozenset())


@dataclass(frozen=True)
class Condition:
    """A row condition: ``holds(conn, ctx, row)``; ``text`` for people (docs, messages);
    ``relations(role)`` the relations where it holds (the matrix test's oracle);
    ``reason`` when it does not hold."""

    text: str
    holds: Callable[[Connection, WriteContext, dict[str, Any]], bool]
    relations: Callable[[Role], frozenset[Relation]]
    reason: RejectReason = RejectReason.NOT_ALLOWED


def owner(column: str) -> Condition:
    """``column`` names the caller."""
    return Condition(f"{column} is you",
                     lambda _c, ctx, row: row.get(column) == ctx.me,
                     lambda _role: frozenset({Relation.OWN}))


def _territory_managed(ctx: WriteContext, row: dict[str, Any]) -> bool:
    if ctx.principal.role not in MANAGERS:
        return False
    return ctx.visible is None or row.get("territory_id") in ctx.visible


MANAGER_OF_TERRITORY = Condition(
    "you manage its territory",
    lambda _c, ctx, row: _territory_managed(ctx, row),
    lambda role: in_scope(role) if role in MANAGERS else frozenset(),
    RejectReason.OUT_OF_SCOPE)

IN_SCOPE = Condition("its territory is yours", lambda _c, _ctx, _row: True, in_scope,
                     RejectReason.OUT_OF_SCOPE)


def manager_not(column: str) -> Condition:
    """A manager of the row's territory who is not the person ``column`` names."""
    return Condition(
        f"you manage its territory and {column} is not you",
        lambda _c, ctx, row: _territory_managed(ctx, row) and row.get(column) != ctx.me,
        lambda role: (in_scope(role) - {Relation.OWN}) if role in MANAGERS else frozenset(),
        RejectReason.NOT_ALLOWED)


def any_of(*conditions: Condition) -> Condition:
    def relations(role: Role) -> frozenset[Relation]:
        return frozenset().union(*(c.relations(role) for c in conditions))

    return Condition(" or ".join(c.text for c in conditions),
                     lambda conn, ctx, row: any(c.holds(conn, ctx, row) for c in conditions),
                     relations, conditions[0].reason)


@dataclass(frozen=True, eq=False)  # hashed by identity: a compile-time dict key
class Grant:
    """``roles`` may ``ops`` rows where ``when`` holds (before and after the change),
    setting ``columns`` (None: every client-writable column not ``fixed``), only while
    the stored state is in ``states`` (None: any state that is not locked)."""

    roles: frozenset[Role]
    ops: frozenset[MutationOp]
    when: Condition
    columns: frozenset[str] | None = None
    states: frozenset[str] | None = None


@dataclass(frozen=True)
class Transition:
    """``roles`` may move ``state_column`` from ``source`` (None: a new row) to any of
    ``targets`` where ``when`` holds."""

    source: str | None
    targets: frozenset[str]
    roles: frozenset[Role]
    when: Condition


@dataclass(frozen=True)
class Policy:
    table: str
    grants: tuple[Grant, ...]
    state_column: str | None = None
    transitions: tuple[Transition, ...] = ()
    locked: frozenset[str] = frozenset()
    fixed: frozenset[str] = frozenset()  # set on insert, never changed afterwards
    server_computed: tuple[str, ...] = ()
    compute: Rule | None = None  # fills ctx.server_values once the write is allowed
    checks: tuple[Rule, ...] = ()  # table rules that run after the policy allowed it
    # table rules a delete must pass too (``ctx.after`` is the stored row): a child row
    # locked with its parent (a planned visit of a submitted plan)
    delete_checks: tuple[Rule, ...] = ()
    locked_message: str = ""  # what to do instead (a correction as a new visit)
    notes: str = ""  # for docs/security.md

    @property
    def states(self) -> frozenset[str]:
        out: set[str] = set()
        for t in self.transitions:
            out |= t.targets
            if t.source is not None:
                out.add(t.source)
        return frozenset(out)


@dataclass(frozen=True)
class CompiledPolicy:
    policy: Policy
    grants: dict[tuple[Role, MutationOp], tuple[Grant, ...]]
    transitions: dict[tuple[str | None, Role], tuple[Transition, ...]]
    computed: frozenset[str]
    # (grant, inserting) -> the columns it may set: a grant without ``columns`` sets
    # every client-writable column on insert, all but ``fixed`` afterwards.
    columns: dict[tuple[Grant, bool], frozenset[str]]
    writable: frozenset[str]  # the table's client-writable columns
    states: frozenset[str]


def compile_policy(policy: Policy) -> CompiledPolicy:
    spec = TABLES_BY_NAME[policy.table]
    grants: dict[tuple[Role, MutationOp], list[Grant]] = {}
    for g in policy.grants:
        for role in g.roles:
            for op in g.ops:
                grants.setdefault((role, op), []).append(g)
    transitions: dict[tuple[str | None, Role], list[Transition]] = {}
    for t in policy.transitions:
        for role in t.roles:
            transitions.setdefault((t.source, role), []).append(t)
    writable = frozenset(c.name for c in spec.columns if c.client_writable)
    columns = {(g, inserting): (g.columns if g.columns is not None else
                                writable if inserting else writable - policy.fixed)
               for g in policy.grants for inserting in (True, False)}
    return CompiledPolicy(
        policy=policy, columns=columns, grants={k: tuple(v) for k, v in grants.items()},
        transitions={k: tuple(v) for k, v in transitions.items()},
        computed=frozenset(policy.server_computed),
        writable=writable,
        states=policy.states)


POLICIES: dict[str, Policy] = {}
"""Every table's declaration, filled by ``server.sync.policy_tables`` when it is imported
(``server.sync.push`` imports it): the declarations use this module's types, so this
module cannot import them without a cycle."""


@functools.cache
def compiled(table: str) -> CompiledPolicy | None:
    policy = POLICIES.get(table)
    return compile_policy(policy) if policy is not None else None


# --- enforcement ------------------------------------------------------------------


def enforce_policy(conn: Connection, ctx: WriteContext) -> None:
    """Refuse ``ctx`` unless its table's policy allows it: ``Rejected`` (not_allowed,
    out_of_scope, locked, invalid_transition) with a message naming the table and the
    column or transition."""
    table, role, op = ctx.spec.name, ctx.principal.role, ctx.op
    cp = compiled(table)
    if cp is None:
        raise Rejected(RejectReason.NOT_ALLOWED, f"No client may write {table}.")
    if cp.computed and not cp.computed.isdisjoint(ctx.incoming):
        stored = ctx.existing or {}
        for name in cp.computed:
            if name in ctx.incoming:
                del ctx.incoming[name]
                ctx.after[name] = stored.get(name)
    candidates = cp.grants.get((role, op))
    if not candidates:
        raise Rejected(RejectReason.NOT_ALLOWED, f"A {role.value} may not {op.value} {table}.")
    rows = _rows_to_check(ctx)
    matching = [g for g in candidates if _holds(conn, ctx, g.when, rows)]
    if not matching:
        first = candidates[0].when
        raise Rejected(first.reason, f"You may {op.value} {table} only where "
                                     f"{' or '.join(g.when.text for g in candidates)}.",
                       _condition_field(first))
    policy = cp.policy
    state_col = policy.state_column
    stored_state = ctx.existing.get(state_col) if (ctx.existing and state_col) else None
    if ctx.existing is not None and state_col is not None:
        by_state = [g for g in matching if (g.states is None and stored_state not in policy.locked)
                    or (g.states is not None and stored_state in g.states)]
        if not by_state:
            if stored_state in policy.locked:
                raise Rejected(RejectReason.LOCKED, policy.locked_message or
                               f"This {table} row is {stored_state} and locked.")
            raise Rejected(RejectReason.NOT_ALLOWED,
                           f"A {role.value} may not {op.value} {table} while its "
                           f"{state_col} is {stored_state}.", state_col)
        matching = by_state
    if op is DELETE:
        return
    _check_columns(cp, ctx, matching)
    if state_col is not None:
        _check_transition(conn, cp, ctx, stored_state)


def authorize(conn: Connection, ctx: WriteContext) -> None:
    """Every check for one mutation, in order; raises ``Rejected`` at the first failure:
    scope, the table's policy (who, columns, transitions), references, the policy's
    table checks and server values, then the domain validators."""
    check_scope(conn, ctx)
    enforce_policy(conn, ctx)
    check_references(conn, ctx)
    cp = compiled(ctx.spec.name)
    if cp is not None and ctx.op is DELETE:
        for check in cp.policy.delete_checks:
            check(conn, ctx)
    elif cp is not None:
        for check in cp.policy.checks:
            check(conn, ctx)
        if cp.policy.compute is not None:
            cp.policy.compute(conn, ctx)
    for validator in DOMAIN_VALIDATORS.get(ctx.spec.name, ()):
        validator(conn, ctx)


def _holds(conn: Connection, ctx: WriteContext, cond: Condition,
           rows: list[dict[str, Any]]) -> bool:
    """``cond`` holds for the row before and after (one or two rows; no generator on
    the hot path)."""
    return cond.holds(conn, ctx, rows[0]) and (len(rows) < 2 or cond.holds(conn, ctx, rows[1]))


def _rows_to_check(ctx: WriteContext) -> list[dict[str, Any]]:
    if ctx.op is INSERT:
        return [ctx.after]
    assert ctx.existing is not None
    if ctx.op is DELETE:
        return [ctx.existing]
    return [ctx.existing, ctx.after]


def _condition_field(cond: Condition) -> str | None:
    head = cond.text.split(" ", 1)[0]
    return head if head.endswith("_id") else None


def _check_columns(cp: CompiledPolicy, ctx: WriteContext, grants: list[Grant]) -> None:
    inserting = ctx.existing is None
    allowed = cp.columns[(grants[0], inserting)]
    for g in grants[1:]:
        allowed = allowed | cp.columns[(g, inserting)]
    if inserting:
        named = [n for n, v in ctx.incoming.items() if v is not None and n not in allowed]
    else:
        named = [n for n in ctx.changed_fields() if n not in allowed]
    if named:
        name = named[0]
        raise Rejected(RejectReason.NOT_ALLOWED,
                       f"A {ctx.principal.role.value} may not "
                       f"{'set' if inserting else 'change'} {ctx.spec.name}.{name}.", name)


def _check_transition(conn: Connection, cp: CompiledPolicy, ctx: WriteContext,
                      stored: Any) -> None:
    col = cp.policy.state_column
    assert col is not None
    target = ctx.after.get(col)
    source = stored if ctx.existing is not None else None
    if ctx.existing is not None and target == source:
        return
    for t in cp.transitions.get((source, ctx.principal.role), ()):
        if target in t.targets and t.when.holds(conn, ctx, ctx.after):
            return
    text = f"{source} → {target}" if source is not None else f"new as {target}"
    raise Rejected(RejectReason.INVALID_TRANSITION,
                   f"{ctx.spec.name}.{col} {text} is not allowed for a {ctx.principal.role.value}"
                   f"{'' if target in cp.states else f' ({target} is not a {col})'}.", col)


# --- the declarations as a table (docs, matrix) ------------------------------------


@dataclass(frozen=True)
class MatrixCell:
    table: str
    role: Role
    op: MutationOp
    conditions: tuple[str, ...]  # empty: denied


def policy_matrix() -> list[MatrixCell]:
    """Every table × role × operation and the conditions under which it is allowed."""
    cells = []
    for table in sorted(POLICIES):
        cp = compiled(table)
        assert cp is not None
        for role in (Role.REP, Role.DM, Role.RM):
            for op in (INSERT, UPDATE, DELETE):
                grants = cp.grants.get((role, op), ())
                cells.append(MatrixCell(table, role, op, tuple(g.when.text for g in grants)))
    return cells


def allowed_relations(table: str, role: Role, op: MutationOp) -> frozenset[Relation]:
    """The relations where some grant lets ``role`` ``op`` a row of ``table``."""
    cp = compiled(table)
    if cp is None:
        return frozenset()
    return frozenset().union(*(g.when.relations(role) for g in cp.grants.get((role, op), ())))
