"""Benchmarks of planning: suggestions, routes, a manager's week, the server's regrade.

* ``plan.suggest_ms`` — a rep's replica with 600 target doctors at 120 institutions and
  ~3,000 visits: ``desktop.planning.suggestions`` for a week, median of 15 runs.
* ``plan.route_30_stops_ms`` — ``domain.route.make_route`` on 30 random stops around
  Shanghai, median over 10 instances; ``plan.route_gap_pct`` — the worst of those
  instances' length against the best known (the heuristic from every start plus 300
  random restarts of 2-opt + Or-opt), in percent.
* ``plan.week_view_ms`` — a DM's replica with 12 reps, each with a week of 40 planned
  visits and ~3,000 visits: ``desktop.planning.load_week(role="dm")``, median of 15.
* ``grading.regrade_100k_s`` — the server with 100,000 doctors: after a rule import
  that moves about a third of them, ``regrade`` with its writes and feed; one line for
  the embedded SQLite file and one for PostgreSQL (a fresh ``fieldrep_bench_regrade``
  database on 127.0.0.1, dropped afterwards; skipped with a note when no server answers).
  Each line carries ``bench.machine_loop_s`` taken just before it (a shared host's load).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench plan``.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bench.common import emit, emit_machine_speed

TARGET_DOCTORS = 600
INSTITUTIONS = 120
VISITS_PER_REP = 3_000
TEAM_REPS = 12
PLANNED_PER_WEEK = 40
ROUTE_STOPS = 30
ROUTE_INSTANCES = 10
BEST_KNOWN_RESTARTS = 300
REGRADE_DOCTORS = 100_000
RUNS = 15
CENTRE = (31.23, 121.47)


def _median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()  # warm caches and statements
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _rows(table: str, rows: list[dict[str, Any]], engine: Engine) -> None:
    from local_store.replica import synced

    if rows:
        with engine.begin() as conn:
            conn.execute(sa.insert(synced[table]), rows)


def _base(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "version": 1, "updated_at": _now(), "deleted": False, **row}


def build_team_replica(path: Path, reps: int, *, seed: int = 3) -> tuple[Engine, list[uuid.UUID]]:
    """A replica with ``reps`` reps (signed in as their DM when reps > 1, as the rep
    otherwise), each with TARGET_DOCTORS doctors, visits and this week's plan."""
    from local_store.state import USER_ID, set_state
    from local_store.store import open_replica

    rng = random.Random(seed)
    engine = open_replica(path)
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    dm = _base({"username": "dm", "display_name": "经理", "role": "dm", "active": True,
                "territory_id": None, "manager_id": None})
    rep_ids: list[uuid.UUID] = []
    users, insts = [dm], []
    for n in range(INSTITUTIONS):
        insts.append(_base({"name": f"医院{n}", "type": "hospital", "status": "active",
                            "level": "3A", "latitude": CENTRE[0] + rng.uniform(-0.2, 0.2),
                            "longitude": CENTRE[1] + rng.uniform(-0.2, 0.2)}))
    _rows("institutions", insts, engine)
    for r in range(reps):
        territory = uuid.uuid4()
        rep = _base({"username": f"rep{r}", "display_name": f"代表{r:02d}", "role": "rep",
                     "active": True, "territory_id": territory, "manager_id": dm["id"]})
        users.append(rep)
        rep_ids.append(rep["id"])
        doctors = [_base({"name": f"医生{r}-{n}", "status": "active",
                          "grade": rng.choice("AABBB"), "territory_id": territory,
                          "institution_id": rng.choice(insts)["id"]})
                   for n in range(TARGET_DOCTORS)]
        _rows("doctors", doctors, engine)
        visits = []
        for _ in range(VISITS_PER_REP):
            d = rng.choice(doctors)
            started = _now() - dt.timedelta(days=rng.uniform(0, 365), hours=rng.uniform(0, 8))
            visits.append(_base({
                "rep_id": rep["id"], "territory_id": territory, "doctor_id": d["id"],
                "institution_id": d["institution_id"], "visit_type": "face_to_face",
                "started_at": started, "status": "submitted",
                "next_visit_date": started.date() + dt.timedelta(days=rng.randint(7, 30))}))
        _rows("visits", visits, engine)
        plan = _base({"rep_id": rep["id"], "territory_id": territory, "week_start": monday,
                      "status": "submitted"})
        _rows("visit_plans", [plan], engine)
        _rows("planned_visits", [_base({
            "plan_id": plan["id"], "rep_id": rep["id"], "territory_id": territory,
            "doctor_id": d["id"], "institution_id": d["institution_id"],
            "planned_date": monday + dt.timedelta(days=n % 5), "status": "planned"})
            for n, d in enumerate(rng.sample(doctors, PLANNED_PER_WEEK))], engine)
    _rows("users", users, engine)
    with engine.begin() as conn:
        set_state(conn, USER_ID, str(dm["id"] if reps > 1 else rep_ids[0]))
    return engine, rep_ids


def bench_suggest(tmp: Path) -> None:
    from desktop.planning import suggestions, this_week

    engine, _ = build_team_replica(tmp / "rep.sqlite3", 1)
    _, monday = this_week(engine)
    ranked = suggestions(engine, monday)
    emit("plan.suggest_ms", _median_ms(lambda: suggestions(engine, monday)), "ms",
         doctors=TARGET_DOCTORS, shown=len(ranked))
    engine.dispose()


def bench_week_view(tmp: Path) -> None:
    from desktop.planning import load_week, this_week

    engine, _ = build_team_replica(tmp / "dm.sqlite3", TEAM_REPS)
    _, monday = this_week(engine)
    view = load_week(engine, monday, role="dm")
    assert len(view.plans) == TEAM_REPS
    emit("plan.week_view_ms", _median_ms(lambda: load_week(engine, monday, role="dm")), "ms",
         reps=TEAM_REPS, planned=sum(len(p.planned) for p in view.plans))
    engine.dispose()


def bench_route() -> None:
    from domain.route import (
        Stop,
        distance_matrix,
        heuristic_order,
        local_search,
        make_route,
        path_length,
    )

    times, gaps = [], []
    for seed in range(ROUTE_INSTANCES):
        rng = random.Random(seed)
        stops = [Stop(f"s{n}", f"s{n}", CENTRE[0] + rng.uniform(-0.15, 0.15),
                      CENTRE[1] + rng.uniform(-0.15, 0.15)) for n in range(ROUTE_STOPS)]
        started = time.perf_counter()
        route = make_route(stops)
        times.append((time.perf_counter() - started) * 1000)
        dist = distance_matrix(stops)
        best = path_length(heuristic_order(dist, starts=ROUTE_STOPS), dist)
        for _ in range(BEST_KNOWN_RESTARTS):
            order = list(range(ROUTE_STOPS))
            rng.shuffle(order)
            best = min(best, path_length(local_search(order, dist), dist))
        gaps.append(max(0.0, (route.distance_km - best) / best * 100))
    emit("plan.route_30_stops_ms", round(statistics.median(times), 2), "ms",
         instances=ROUTE_INSTANCES)
    emit("plan.route_gap_pct", round(max(gaps), 3), "%", mean=round(statistics.mean(gaps), 3),
         best_known=f"NN from every start + {BEST_KNOWN_RESTARTS} random restarts")


def bench_regrade(url: str, db: str) -> None:
    import json

    from domain.grading import default_grading_rule
    from server.db import create_engine
    from server.migrate import upgrade
    from server.rules.service import import_rules, parse_rules, regrade
    from server.tables import synced

    engine = create_engine(url)
    upgrade(engine)
    rng = random.Random(11)
    now = _now()

    def row(**values: Any) -> dict[str, Any]:
        return {"id": uuid.uuid4(), "version": 1, "updated_at": now, "deleted": False, **values}

    with engine.begin() as conn:
        region = row(code="R1", name="华东")
        district = row(code="D1", name="上海", region_id=region["id"])
        territory = row(code="T1", name="徐汇", district_id=district["id"])
        conn.execute(sa.insert(synced["regions"]), [region])
        conn.execute(sa.insert(synced["districts"]), [district])
        conn.execute(sa.insert(synced["territories"]), [territory])
        insts = [row(name=f"医院{n}", type="hospital", status="active",
                     level=rng.choice(("3A", "3B", "2A", "2B", "1"))) for n in range(2_000)]
        conn.execute(sa.insert(synced["institutions"]), insts)
        depts = [row(name="心内科", institution_id=rng.choice(insts)["id"],
                     outpatient_per_month=rng.randint(100, 4000), beds=rng.randint(0, 90))
                 for _ in range(8_000)]
        conn.execute(sa.insert(synced["departments"]), depts)
        doctors = []
        for n in range(REGRADE_DOCTORS):
            dept = rng.choice(depts)
            doctors.append(row(code=f"DR{n:07d}", name="医生", status="active",
                               institution_id=dept["institution_id"], department_id=dept["id"],
                               title=rng.choice(("chief", "associate_chief", "attending",
                                                 "resident")),
                               product_potential={"p1": rng.randint(0, 5)},
                               territory_id=territory["id"]))
        conn.execute(sa.insert(synced["doctors"]), doctors)
        regrade(conn)  # every doctor graded by the default rule
    stricter = {"kind": "grading_rule", "name": "stricter", "effective_from": "2000-01-01",
                **default_grading_rule().to_json(),
                "thresholds": {"A": 85, "B": 70, "C": 50, "D": 0}}
    with engine.begin() as conn:
        import_rules(conn, parse_rules(json.dumps(stricter), yaml_format=False))
    started = time.perf_counter()
    with engine.begin() as conn:
        report = regrade(conn)
    seconds = time.perf_counter() - started
    emit("grading.regrade_100k_s", round(seconds, 2), "s", doctors=report.doctors,
         changed=report.changed, db=db, target=10)
    engine.dispose()


REGRADE_PG_DATABASE = "fieldrep_bench_regrade"


def bench_regrade_postgres() -> None:
    """The same regrade on PostgreSQL, in a database made for it and dropped after."""
    from bench.databases import create_database, database_exists, postgres_url

    try:
        if database_exists(REGRADE_PG_DATABASE):
            _drop_database(REGRADE_PG_DATABASE)
        create_database(REGRADE_PG_DATABASE)
    except sa.exc.OperationalError as exc:
        emit("grading.regrade_100k_s", -1, "s", db="postgresql", skipped=str(exc).splitlines()[0])
        return
    try:
        emit_machine_speed("before grading.regrade_100k_s postgresql")
        bench_regrade(postgres_url(REGRADE_PG_DATABASE), "postgresql")
    finally:
        _drop_database(REGRADE_PG_DATABASE)


def _drop_database(name: str) -> None:
    from bench.databases import postgres_url

    admin = sa.create_engine(postgres_url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> None:
    bench_route()
    with tempfile.TemporaryDirectory(prefix="fieldrep-bench-plan-") as folder:
        tmp = Path(folder)
        bench_suggest(tmp)
        bench_week_view(tmp)
        emit_machine_speed("before grading.regrade_100k_s sqlite")
        bench_regrade(f"sqlite:///{tmp / 'server.db'}", "sqlite")
    bench_regrade_postgres()


if __name__ == "__main__":
    main()
