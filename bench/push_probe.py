"""Probe: the server's side of ``sync.push_100_ms`` in-process, without HTTP or a client.

``python -m bench.push_probe [--db postgresql|sqlite] [--runs N] [--statements]``
builds the request the bench client sends (100 new visits of ``bench10k``, each
detailing a catalogue product with its key message) with fresh ids for every run and
calls ``server.sync.push.push_mutations`` on the 10k database of ``bench.sync``
(made there once; the visits earlier runs pushed are deleted first), committing each
push. It prints JSON lines:

- ``push_probe.server_ms``: the call's wall time (best and median of ``--runs``);
- ``push_probe.server_cpu_ms``: this thread's CPU time in the call (Python and the
  driver, not PostgreSQL's): steadier than wall times on a shared machine;
- with ``--statements``, ``push_probe.statement_ms`` per statement (median per push,
  timed between SQLAlchemy's ``before_cursor_execute`` and ``after_cursor_execute``).

For instruction counts, run it under ``valgrind --tool=callgrind``: the setup costs
the same on both sides of a comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from bench.common import emit
from bench.databases import postgres_url
from bench.sync import drop_bench_visits, ten_k_database, territory_of
from domain.roles import Role
from server.auth.principal import Principal
from server.db import create_engine
from server.sync.push import push_mutations
from server.tables import synced, users
from wire.protocol import PROTOCOL_VERSION, PushRequest


def visit_request(conn: sa.Connection, user: Any, n: int = 100) -> PushRequest:
    """``n`` new draft visits of ``user``'s first doctors, as the bench client sends them."""
    doctors, products = synced["doctors"], synced["products"]
    rows = conn.execute(sa.select(doctors.c.id, doctors.c.institution_id, doctors.c.department_id)
                        .where(doctors.c.territory_id == user.territory_id)
                        .order_by(doctors.c.id).limit(n)).all()
    catalogue = [str(p) for p in conn.execute(
        sa.select(products.c.id).where(products.c.active.is_(True)).order_by(products.c.code)
    ).scalars()]
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    started = now - dt.timedelta(hours=2)
    mutations = [{
        "mutation_id": i + 1, "table": "visits", "id": str(uuid.uuid4()), "op": "insert",
        "base_version": None, "fields": {
            "doctor_id": str(doctor), "visit_type": "face_to_face",
            "started_at": started.isoformat(),
            "ended_at": (started + dt.timedelta(minutes=20)).isoformat(),
            "purpose": "介绍新适应症", "doctor_feedback": "有兴趣", "result": "同意试用",
            "products_detailed": [{"product_id": catalogue[i % len(catalogue)],
                                   "key_message": "一天一次，依从性好"}],
            "rep_id": str(user.id), "status": "draft", "client_created_at": now.isoformat(),
            "territory_id": str(user.territory_id), "institution_id": str(institution),
            "department_id": str(department) if department else None}}
        for i, (doctor, institution, department) in enumerate(rows)]
    return PushRequest.model_validate({"protocol": PROTOCOL_VERSION,
                                       "client_id": uuid.uuid4().hex, "mutations": mutations})


def principal_of(conn: sa.Connection, username: str) -> Principal:
    user = conn.execute(sa.select(users).where(users.c.username == username)).one()
    territories = synced["territories"]
    district = conn.execute(sa.select(territories.c.district_id)
                            .where(territories.c.id == user.territory_id)).scalar()
    return Principal(user_id=user.id, username=user.username, role=Role(user.role),
                     region_id=user.region_id, district_id=user.district_id,
                     territory_id=user.territory_id, session_id=uuid.uuid4(),
                     territory_district_id=district)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.push_probe", description=__doc__)
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--statements", action="store_true")
    args = parser.parse_args(argv)
    url = ten_k_database(postgres_url("fieldrep_bench_10k") if args.db == "postgresql"
                         else "sqlite:////tmp/fieldrep-push-probe-10k.db")
    engine = create_engine(url)
    # The visits earlier runs (and bench.sync) pushed go first, as bench.sync does: each
    # run starts from the same tables and fresh planner statistics.
    drop_bench_visits(engine, territory_of(url, "bench10k"))
    spent: dict[str, list[float]] = defaultdict(list)
    if args.statements:
        started: list[float] = []

        @event.listens_for(engine, "before_cursor_execute")
        def _before(*_args: Any) -> None:
            started.append(time.perf_counter())

        @event.listens_for(engine, "after_cursor_execute")
        def _after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            spent[re.sub(r"\s+", " ", statement).strip()[:90]].append(
                (time.perf_counter() - started.pop()) * 1000)

    with engine.connect() as conn:
        principal = principal_of(conn, "bench10k")
        user = conn.execute(sa.select(users).where(users.c.username == "bench10k")).one()
        requests = [visit_request(conn, user) for _ in range(args.runs + 3)]
    for stmts in spent.values():
        stmts.clear()
    wall: list[float] = []
    cpu: list[float] = []
    for i, request in enumerate(requests):
        if i == 3:  # three warm-up pushes (statement caches, prepared statements)
            for stmts in spent.values():
                stmts.clear()
        with engine.connect() as conn:
            if args.db == "sqlite":
                conn.execution_options(sqlite_begin="IMMEDIATE")
            conn.begin()
            c0, t0 = time.thread_time(), time.perf_counter()
            response = push_mutations(conn, principal, request)
            c1, t1 = time.thread_time(), time.perf_counter()
            conn.commit()
        assert all(r.status == "applied" for r in response.results), response.results[0]
        if i >= 3:
            wall.append((t1 - t0) * 1000)
            cpu.append((c1 - c0) * 1000)
    engine.dispose()
    emit("push_probe.server_ms", round(min(wall), 2), "ms", db=args.db, runs=len(wall),
         median=round(statistics.median(wall), 2))
    emit("push_probe.server_cpu_ms", round(min(cpu), 2), "ms", db=args.db, runs=len(cpu),
         median=round(statistics.median(cpu), 2))
    measured = {statement: times for statement, times in spent.items() if times}
    for statement, times in sorted(measured.items(),
                                   key=lambda kv: -statistics.median(kv[1]) * len(kv[1])):
        per_push = len(times) / len(wall)
        emit("push_probe.statement_ms", round(statistics.median(times) * per_push, 2), "ms",
             db=args.db, per_push=round(per_push, 1), min=round(min(times), 2),
             statement=statement)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
