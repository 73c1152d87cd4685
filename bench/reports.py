"""Benchmark: the Reports page on the device.

``reports.rep_month_kpis_ms``: a rep's KPIs for one month from their replica (facts read
and computed: ``desktop.reports.load_report``). Target ≤ 100 ms.
``reports.page_open_ms``: a DM opens Reports (the page built, the team's month computed
and shown). Target ≤ 300 ms.

The replica is made here, in the shape of a medium-demo DM's: a district of 12 reps,
250 doctors each (A–D), two years of visits at about 8 a working day per rep (~50,000
visits), a month of sales per institution and product. The rep's figure reads the same
replica with the rep signed in.

``reports.snapshots_large_s``: the server computes and writes one month's KPI snapshots
(``server.kpis.snapshots.snapshot_kpis``: every rep, district and region) for the large
demo (3,000 reps, 250 districts, 30 regions) on PostgreSQL. Target ≤ 60 s. It reuses a
large demo database that already has the snapshot table (``bench.databases``); else it
seeds, once, ``fieldrep_bench_kpis``: the large scale with only the seven weeks of
activity that cover the measured month (October 2026), without snapshots. Each run
writes in a transaction it rolls back, so every run writes the month from scratch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.common import emit

REPS = 12
DOCTORS_PER_REP = 250
VISITS_PER_DAY = 8
DAYS = 730
RUNS = 7
TODAY = dt.date(2026, 11, 20)
SNAPSHOT_RUNS = 3
SNAPSHOT_DATABASE = "fieldrep_bench_kpis"
SNAPSHOT_MONTH = "2026-10"  # wholly inside the seeded weeks


def _rows(table: Any, rows: list[dict[str, Any]], conn: Any) -> None:
    base = {"version": 1, "updated_at": dt.datetime(2026, 11, 1), "deleted": False}
    conn.execute(sa.insert(table), [{**base, **r} for r in rows])


def build(path: Path) -> tuple[Any, uuid.UUID, uuid.UUID]:
    """The DM's replica; returns (engine, dm id, one rep's id)."""
    from local_store.replica import synced
    from local_store.store import open_replica

    rnd = random.Random(7)
    engine = open_replica(path)
    district = uuid.uuid4()
    dm = uuid.uuid4()
    with engine.begin() as conn:
        _rows(synced["frequency_rules"], [{"id": uuid.uuid4(), "name": "rule", "rule_version": 1,
                                          "active": True, "visits_per_month": {"A": 3, "B": 2, "C": 1},
                                          "time_zone": "Asia/Shanghai",
                                          "counted_visit_types": ["face_to_face"],
                                          "target_grades": ["A", "B"], "reminder_day": 20}], conn)
        users = [{"id": dm, "username": "dm", "display_name": "经理", "role": "dm", "active": True,
                  "district_id": district}]
        reps = []
        for n in range(REPS):
            reps.append((uuid.uuid4(), uuid.uuid4()))
            users.append({"id": reps[-1][0], "username": f"rep{n}", "display_name": f"代表{n}",
                          "role": "rep", "active": True, "territory_id": reps[-1][1],
                          "district_id": district})
        _rows(synced["users"], users, conn)
        institutions = [uuid.uuid4() for _ in range(60)]
        _rows(synced["institutions"], [{"id": i, "name": f"医院{n}", "type": "hospital", "status": "active"}
                                       for n, i in enumerate(institutions)], conn)
        products = [uuid.uuid4() for _ in range(3)]
        _rows(synced["products"], [{"id": p, "code": f"P{n}", "name": f"产品{n}", "active": True}
                                   for n, p in enumerate(products)], conn)
        visits, doctors, sales = [], [], []
        start = TODAY - dt.timedelta(days=DAYS)
        for rep, territory in reps:
            mine = []
            for _ in range(DOCTORS_PER_REP):
                doc = uuid.uuid4()
                mine.append((doc, rnd.choice(institutions)))
                doctors.append({"id": doc, "name": "医生", "status": "active", "grade": rnd.choice("AABBCD"),
                                "institution_id": mine[-1][1], "territory_id": territory})
            for d in range(DAYS):
                day = start + dt.timedelta(days=d)
                if day.weekday() >= 5:
                    continue
                for _ in range(VISITS_PER_DAY):
                    doc, inst = rnd.choice(mine)
                    visits.append({"id": uuid.uuid4(), "rep_id": rep, "territory_id": territory,
                                   "doctor_id": doc, "institution_id": inst, "visit_type": "face_to_face",
                                   "started_at": dt.datetime.combine(day, dt.time(2, 0)),
                                   "status": "submitted", "quality_score": rnd.uniform(50, 100)})
            for inst in set(i for _, i in mine):
                for p in products:
                    sales.append({"id": uuid.uuid4(), "institution_id": inst, "product_id": p,
                                  "territory_id": territory, "month": dt.date(2026, 11, 1),
                                  "quantity": rnd.uniform(10, 500), "source": "flow"})
        _rows(synced["doctors"], doctors, conn)
        _rows(synced["visits"], visits, conn)
        _rows(synced["sales_records"], sales, conn)
    return engine, dm, reps[0][0]


def _sign_in(engine: Any, user: uuid.UUID) -> None:
    from local_store.state import USER_ID, set_state

    with engine.begin() as conn:
        set_state(conn, USER_ID, str(user))


def snapshot_database() -> str:
    """A PostgreSQL database with the large demo's org, doctors and the month's visits."""
    from bench.databases import create_database, database_exists, has_user, postgres_url
    from server.db import create_engine
    from server.demo.scale import SCALES
    from server.demo.seed import seed_demo
    from server.migrate import upgrade

    for name in ("fieldrep_bench_seed", "fieldrep_bench_large"):
        # A full large demo migrated by a FieldRep that has the snapshot table (migrating
        # it here would leave it at a revision other checkouts do not know).
        if database_exists(name) and has_user(postgres_url(name), "rep3000") and _has_table(
                postgres_url(name), "kpi_snapshots"):
            return postgres_url(name)
    url = postgres_url(SNAPSHOT_DATABASE)
    if not database_exists(SNAPSHOT_DATABASE):
        create_database(SNAPSHOT_DATABASE)
    if not has_user(url, "rep3000"):
        print(f"# seeding the large org with seven weeks of activity into {SNAPSHOT_DATABASE} "
              "(once; reused by later runs)", file=sys.stderr)
        engine = create_engine(url)
        upgrade(engine)
        scale = dataclasses.replace(SCALES["large"], weeks=7)
        seed_demo(engine, scale, seed=1, today=TODAY, kpi_snapshots=False)
        engine.dispose()
    return url


def _has_table(url: str, table: str) -> bool:
    from server.db import create_engine

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(sa.inspect(conn).has_table(table))
    finally:
        engine.dispose()


def snapshots_large() -> None:
    from server.db import create_engine
    from server.kpis.periods import parse_period
    from server.kpis.snapshots import snapshot_kpis
    from server.migrate import upgrade

    engine = create_engine(snapshot_database())
    upgrade(engine)
    month = parse_period(SNAPSHOT_MONTH)
    times, written, visits = [], 0, 0
    for _ in range(SNAPSHOT_RUNS):
        with engine.connect() as conn:
            tx = conn.begin()
            started = time.perf_counter()
            report = snapshot_kpis(conn, [month], today=TODAY)
            times.append(time.perf_counter() - started)
            written = report.written
            visits = int(conn.execute(sa.text(
                "SELECT sum(visits) FROM kpi_snapshots WHERE period = :p AND subject_kind = 'region'"
            ), {"p": month.label}).scalar() or 0)
            tx.rollback()
    engine.dispose()
    emit("reports.snapshots_large_s", round(statistics.median(times), 2), "s", target=60,
         min=round(min(times), 2), runs=SNAPSHOT_RUNS, month=month.label, snapshots_written=written,
         counted_visits=visits, database="large demo org (3,000 reps), PostgreSQL")


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.ops import Ops
    from desktop.reports import load_report
    from desktop.tasks import SynchronousTaskManager
    from desktop.ui.reports_page import ReportsPage

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        engine, dm, rep = build(Path(tmp) / "replica.sqlite3")
        _sign_in(engine, rep)
        load_report(engine, "month", TODAY)
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            load_report(engine, "month", TODAY)
            times.append((time.perf_counter() - started) * 1000)
        emit("reports.rep_month_kpis_ms", round(statistics.median(times), 1), "ms", target=100,
             min=round(min(times), 1), runs=RUNS, replica="a rep of a 12-rep district, 2 years")
        _sign_in(engine, dm)
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            page = ReportsPage(Ops(SynchronousTaskManager(), engine), "dm", day=TODAY)
            page.resize(1200, 800)
            page.show()
            app.processEvents()
            page.grab()
            times.append((time.perf_counter() - started) * 1000)
            page.close()
            page.deleteLater()
            app.processEvents()
        emit("reports.page_open_ms", round(statistics.median(times), 1), "ms", target=300,
             min=round(min(times), 1), runs=RUNS,
             replica=f"DM of {REPS} reps, {REPS * DOCTORS_PER_REP} doctors, 2 years of visits")
        engine.dispose()
    snapshots_large()


if __name__ == "__main__":
    if sys.argv[1:] == ["snapshots"]:  # the server figure alone: python -m bench.reports snapshots
        snapshots_large()
    else:
        main()
