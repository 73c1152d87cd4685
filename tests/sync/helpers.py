"""Shared checks for the sync robustness tests: convergence and exactly-once delivery.

``server_view`` computes what a user may see straight from the server's tables and
the scope rules (not from the change feed, which is part of what is under test), so
"replica equals server" is an independent check. ``Ledger`` remembers every local
edit a test made (by mutation id, as sent) and checks that each one reached the
server exactly once or sits in the replica's rejected changes with a reason.

``ProcessMemoryKeyring`` is a keyring backend for ``fieldrep`` subprocesses
(``PYTHON_KEYRING_BACKEND=tests.sync.helpers.ProcessMemoryKeyring``): tokens live in
that process's memory only, so the tests never touch a real keyring or a file.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tools.memory_keyring import MemoryKeyring

KEYRING_BACKEND = "tests.sync.helpers.ProcessMemoryKeyring"

View = dict[str, dict[uuid.UUID, int]]


# The subprocess keyring (named in PYTHON_KEYRING_BACKEND): forgets all when the process ends.
ProcessMemoryKeyring = MemoryKeyring


# --- what the server holds for a user ---------------------------------------------------

def principal_for(engine: Engine, user_id: uuid.UUID) -> Any:
    from domain.roles import Role
    from server.auth.principal import Principal
    from server.tables import synced

    users = synced["users"]
    with engine.connect() as conn:
        u = conn.execute(sa.select(users).where(users.c.id == user_id)).mappings().one()
    return Principal(user_id=u["id"], username=u["username"], role=Role(u["role"]),
                     region_id=u["region_id"], district_id=u["district_id"],
                     territory_id=u["territory_id"], session_id=uuid.uuid4())


def server_view(engine: Engine, user_id: uuid.UUID) -> View:
    """(id → version) of every live server row ``user_id`` may see, per synced table."""
    from server.auth.scoping import subscribed_scopes
    from server.sync.feed import GLOBAL_SCOPE, team_scopes, territory_scope, user_scope
    from server.tables import synced
    from wire.schema import TABLES, ScopeRule, managers_scope_keys

    principal = principal_for(engine, user_id)
    view: View = {}
    with engine.connect() as conn:
        scopes = set(subscribed_scopes(conn, principal))
        territories = {uuid.UUID(s.split(":", 1)[1]) for s in scopes if s.startswith("territory:")}
        doctors = synced["doctors"]
        needed = conn.execute(sa.select(doctors.c.institution_id, doctors.c.department_id).where(
            ~doctors.c.deleted, doctors.c.territory_id.in_(territories))).all()
        membership = {"institutions": {i for i, _d in needed},
                      "departments": {d for _i, d in needed if d is not None}}
        for spec in TABLES:
            t = synced[spec.name]
            cols = [t.c.id, t.c.version, *(t.c[c] for c in spec.scope_columns)]
            rows = conn.execute(sa.select(*cols).where(~t.c.deleted)).all()
            seen: dict[uuid.UUID, int] = {}
            for row in rows:
                row_id, version, *scope_values = row
                if spec.scope is ScopeRule.GLOBAL:
                    visible = GLOBAL_SCOPE in scopes
                elif spec.scope is ScopeRule.TERRITORY:
                    visible = any(v and territory_scope(v) in scopes for v in scope_values)
                elif spec.scope is ScopeRule.USERS:
                    visible = any(v and user_scope(v) in scopes for v in scope_values)
                elif spec.scope is ScopeRule.MANAGERS:
                    named = dict(zip(spec.scope_columns, scope_values, strict=True))
                    if "status" in spec.column_names:
                        named["status"] = conn.execute(sa.select(t.c.status).where(
                            t.c.id == row_id)).scalar()
                    visible = any(f"{prefix}:{value}" in scopes
                                  for prefix, value in managers_scope_keys(spec, named))
                elif spec.scope is ScopeRule.DISTRICT:
                    visible = any(v and f"district:{v}" in scopes for v in scope_values)
                elif spec.scope is ScopeRule.TEAM:
                    user = {"id": row_id, **dict(zip(spec.scope_columns, scope_values, strict=True))}
                    visible = not scopes.isdisjoint(team_scopes(conn, user))
                else:
                    visible = row_id in membership[spec.name]
                if visible:
                    seen[row_id] = int(version)
            view[spec.name] = seen
    return view


def replica_view(replica: Engine) -> View:
    """(id → version) of every row in the replica, except local inserts the server refused."""
    from local_store.replica import rejected_changes, synced

    view: View = {}
    with replica.connect() as conn:
        refused = {(str(t), uuid.UUID(str(r))) for t, r in conn.execute(
            sa.select(rejected_changes.c.table_name, rejected_changes.c.row_id)
            .where(rejected_changes.c.op == "insert"))}
        for name, t in synced.items():
            view[name] = {uuid.UUID(str(i)): int(v) for i, v in conn.execute(
                sa.select(t.c.id, t.c.version)) if (name, uuid.UUID(str(i))) not in refused}
    return view


def view_differences(expected: View, actual: View) -> dict[str, dict[str, Any]]:
    """Per table: ids missing from ``actual``, extra in it, and version mismatches."""
    diff: dict[str, dict[str, Any]] = {}
    for table in sorted(set(expected) | set(actual)):
        e, a = expected.get(table, {}), actual.get(table, {})
        missing = sorted(str(i) for i in set(e) - set(a))
        extra = sorted(str(i) for i in set(a) - set(e))
        versions = {str(i): (e[i], a[i]) for i in set(e) & set(a) if e[i] != a[i]}
        if missing or extra or versions:
            diff[table] = {"missing": missing[:5], "n_missing": len(missing),
                           "extra": extra[:5], "n_extra": len(extra), "versions": versions}
    return diff


def assert_converged(engine: Engine, replica: Engine, user_id: uuid.UUID) -> None:
    """The replica holds exactly the rows (ids and versions) the server lets the user see."""
    from local_store import outbox as ob

    with replica.connect() as conn:
        assert ob.pending_count(conn) == 0, "the outbox is not empty after a clean sync"
    diff = view_differences(server_view(engine, user_id), replica_view(replica))
    assert not diff, f"replica differs from the server: {diff}"


# --- exactly once ------------------------------------------------------------------------

@dataclass
class Ledger:
    """Every mutation one replica queued, as it was (finally) sent, keyed by mutation id."""

    entries: dict[int, dict[str, Any]] = field(default_factory=dict)

    def record(self, replica: Engine) -> None:
        """Call after each batch of local edits: snapshots the outbox (compaction included)."""
        from local_store import outbox as ob

        with replica.connect() as conn:
            for e in ob.all_entries(conn):
                if e["state"] == ob.PENDING or e["mutation_id"] not in self.entries:
                    self.entries[int(e["mutation_id"])] = e

    def verify(self, engine: Engine, replica: Engine, *,
               server_touched: Callable[[str, dict[str, Any]], bool] | None = None,
               ) -> Counter[str]:
        """Each mutation processed once: applied (the server row shows it, its version
        counts each applied mutation once) or rejected (kept locally with a reason).
        The version count is skipped for rows ``server_touched(table, row)`` says the
        server also changed (e.g. visits moved by a reassignment). Returns the count
        of outcomes."""
        from local_store import outbox as ob
        from local_store.state import client_id
        from server.tables import processed_mutations, sync_clients, synced

        with replica.begin() as conn:
            cid = client_id(conn)
            rejected = {int(r["mutation_id"]): r for r in ob.unresolved_rejections(conn)}
            assert ob.pending_count(conn) == 0
        p = processed_mutations.c
        with engine.connect() as conn:
            results = {int(m): dict(r) for m, r in conn.execute(
                sa.select(p.mutation_id, p.result).where(p.client_id == cid))}
            last = conn.execute(sa.select(sync_clients.c.last_mutation_id)
                                .where(sync_clients.c.client_id == cid)).scalar()
            assert set(results) == set(self.entries), (
                f"server processed {sorted(set(results) ^ set(self.entries))[:10]} differently")
            if self.entries:
                assert last == max(self.entries)
            applied_per_row: Counter[tuple[str, uuid.UUID]] = Counter()
            outcomes: Counter[str] = Counter()
            for mid, entry in sorted(self.entries.items()):
                status = results[mid]["status"]
                outcomes[status] += 1
                key = (str(entry["table_name"]), uuid.UUID(str(entry["row_id"])))
                if status == "rejected":
                    assert mid in rejected, f"mutation {mid} was rejected but is not kept locally"
                    assert rejected[mid]["reason"], f"mutation {mid} kept without a reason"
                else:
                    assert status == "applied", results[mid]
                    assert mid not in rejected
                    applied_per_row[key] += 1
            for (table, row_id), n in applied_per_row.items():
                t = synced[table]
                row = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().one()
                inserted_here = any(e["op"] == "insert" and results[m]["status"] == "applied"
                                    and (e["table_name"], e["row_id"]) == (table, row_id)
                                    for m, e in self.entries.items())
                if server_touched is not None and server_touched(table, dict(row)):
                    continue
                if inserted_here:  # version 1 on insert, +1 per applied update/delete
                    deletes = [m for m, e in self.entries.items() if e["op"] == "delete"
                               and (e["table_name"], e["row_id"]) == (table, row_id)
                               and results[m]["status"] == "applied"]
                    extra = max(0, len(deletes) - 1)  # a second delete changes nothing
                    assert row["version"] == n - extra, (table, row_id, row["version"], n)
        return outcomes
