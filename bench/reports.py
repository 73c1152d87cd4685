"""Benchmark: the Reports page on the device.

``reports.rep_month_kpis_ms``: a rep's KPIs for one month from their replica (facts read
and computed: ``desktop.reports.load_report``). Target ≤ 100 ms.
``reports.page_open_ms``: a DM opens Reports (the page built, the team's month computed
and shown). Target ≤ 300 ms.

The replica is made here, in the shape of a medium-demo DM's: a district of 12 reps,
250 doctors each (A–D), two years of visits at about 8 a working day per rep (~50,000
visits), a month of sales per institution and product. The rep's figure reads the same
replica with the rep signed in. The server-side snapshot figure of the issue
(``reports.snapshots_large_s``) is not built yet.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
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


if __name__ == "__main__":
    main()
