"""Benchmark: visits on a district manager's replica of the medium demo (dm001).

* ``visits.save_draft_ms`` (target ≤ 20): median time to save one new draft through
  ``local_store.writes.save_visit_draft`` in its own transaction (commit included),
  as the visit form's save does on the writer thread.
* ``visits.submit_ms`` (target ≤ 50): median time to submit one valid draft
  (``submit_visit``: full rules, trusted clock, lock, outbox entry, commit).
* ``visits.team_list_ms`` (target ≤ 200): the Team page opened over the team's
  visits (≥ 10,000 in the medium demo): from constructing the real widget offscreen,
  with the real ``TaskManager`` threads, to the first page of visible rows painted.
  Median of several openings in one process (the first, with cold caches, is
  reported as ``first_ms``).

The replica comes from ``bench.ui.prepare`` (seeded, served and synced once, cached
in ``bench/out/ui/``); the writes run on a temporary copy so the cache stays clean.
Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.visits``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bench.common import emit

WRITES = 40
OPENINGS = 7
REPLICA = "medium demo, dm001"


def _copy_replica(source: Path, folder: Path) -> Path:
    target = folder / source.name
    for suffix in ("", "-wal", ".salt"):
        src = Path(str(source) + suffix)
        if src.exists():
            shutil.copyfile(src, Path(str(target) + suffix))
    return target


def _visit_fields(engine: Engine, count: int) -> list[dict[str, Any]]:
    """Complete visits (every rule of the demo met) with doctors and a product of the replica."""
    from local_store.replica import synced

    doctors, products = synced["doctors"], synced["products"]
    with engine.connect() as conn:
        doctor_ids: list[uuid.UUID] = list(conn.execute(
            sa.select(doctors.c.id).where(~doctors.c.deleted, doctors.c.territory_id.is_not(None))
            .order_by(doctors.c.id).limit(count)).scalars())
        product: uuid.UUID = conn.execute(sa.select(products.c.id).where(products.c.active.is_(True))
                               .limit(1)).scalar_one()
    start = dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    return [{"doctor_id": doctor_ids[i % len(doctor_ids)], "visit_type": "face_to_face",
             "started_at": start + dt.timedelta(minutes=i), "ended_at": start + dt.timedelta(minutes=i + 25),
             "purpose": "介绍新适应症，了解用药情况", "doctor_feedback": "对新剂型感兴趣",
             "result": "同意下周试用", "next_step": "下周送文献",
             "next_visit_date": (start + dt.timedelta(days=7)).date(),
             "products_detailed": [{"product_id": str(product), "key_message": "降脂达标",
                                    "reaction": "认可"}]}
            for i in range(count)]


def measure_writes(engine: Engine) -> tuple[list[float], list[float]]:
    """(save-draft timings, submit timings) in ms, each write its own transaction."""
    from local_store.writes import save_visit_draft, submit_visit

    saves: list[float] = []
    submits: list[float] = []
    for fields in _visit_fields(engine, WRITES):
        started = time.perf_counter()
        with engine.begin() as conn:
            visit_id = save_visit_draft(conn, **fields)
        saves.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        with engine.begin() as conn:
            submit_visit(conn, visit_id)
        submits.append((time.perf_counter() - started) * 1000)
    return saves, submits


def measure_team_list(engine: Engine) -> tuple[list[float], int]:
    """Open the Team page ``OPENINGS`` times; (ms to first visible rows painted, rows listed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.ops import Ops
    from desktop.tasks import TaskManager
    from desktop.ui.team_page import TeamPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tasks = TaskManager()
    ops = Ops(tasks, engine)
    timings: list[float] = []
    rows = 0
    for _ in range(OPENINGS):
        started = time.perf_counter()
        page = TeamPage(ops, "dm")
        page.resize(1300, 800)
        page.show()
        deadline = started + 30
        while not page.visible_rows_ready() and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)
        page.repaint()
        timings.append((time.perf_counter() - started) * 1000)
        rows = page.model.rowCount()
        page.close()
        page.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    tasks.shutdown(wait=True)
    return timings, rows


def main() -> None:
    from bench.ui import prepare
    from local_store.replica import synced, visits_team_list_index
    from local_store.store import open_replica

    info = prepare()
    key = bytes.fromhex(info["key_hex"])
    with tempfile.TemporaryDirectory() as folder:
        engine = open_replica(_copy_replica(Path(info["replica"]), Path(folder)), key=key)
        with engine.connect() as conn:
            visits = int(conn.execute(sa.select(sa.func.count()).select_from(synced["visits"]))
                         .scalar_one())
        saves, submits = measure_writes(engine)
        with engine.begin() as conn:  # the cached replica may predate the index
            visits_team_list_index.create(conn, checkfirst=True)
        timings, rows = measure_team_list(engine)
        with engine.begin() as conn:
            visits_team_list_index.drop(conn)
        bare, _rows = measure_team_list(engine)
        engine.dispose()
    emit("visits.save_draft_ms", round(statistics.median(saves), 2), "ms", target=20,
         max_ms=round(max(saves), 2), runs=len(saves), replica=REPLICA)
    emit("visits.submit_ms", round(statistics.median(submits), 2), "ms", target=50,
         max_ms=round(max(submits), 2), runs=len(submits), replica=REPLICA)
    emit("visits.team_list_ms", round(statistics.median(timings), 1), "ms", target=200,
         first_ms=round(timings[0], 1), runs=[round(t, 1) for t in timings],
         without_index_ms=round(statistics.median(bare), 1), visits=visits,
         rows_listed=rows, replica=REPLICA)


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown at exit: the figures are out
