"""Benchmark: keystroke in the Doctors search box -> filtered table painted, 100k doctors.

Builds a replica with 100,000 doctors (bulk inserts straight into the replica tables,
then the search index), opens the ``DoctorsPage`` offscreen with a synchronous task
manager, and for each of 24 different queries measures: set the search text, run the
search at once (the ~100 ms typing debounce is left out: it is a deliberate wait, not
work), reset the model with the matching ids and call ``data()`` for every cell of
the rows visible in the viewport. Prints the median as ``ui.doctor_filter_ms``.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.ui_filter``.
"""

from __future__ import annotations

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
from sqlalchemy.engine import Engine

from bench.common import emit

N_DOCTORS = 100_000
SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
            "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
            "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "欧阳", "单")
GIVEN = ("伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
         "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "建国", "志强", "晓东",
         "海涛", "文博", "子轩", "秀英", "桂英", "丽娟", "晓燕", "欣怡", "思雨", "雨桐", "婉清")
CITIES = ("北京", "上海", "广州", "深圳", "杭州", "南京", "武汉", "成都", "西安", "重庆")
KINDS = ("人民医院", "中医院", "中心医院", "妇幼保健院", "第一医院", "第二医院", "肿瘤医院")
DEPARTMENTS = ("心内科", "内分泌科", "神经内科", "呼吸科", "消化科", "肿瘤科", "肾内科", "普外科")
LEVELS = ("3A", "3A", "3B", "2A", "2B", "1", "unrated")
TITLES = ("chief", "associate_chief", "attending", "resident")
GRADES = ("A", "B", "B", "C", "C", "C", "D")

QUERIES = ("张伟", "zhangwei", "zw", "zhang", "王", "li", "lm", "chen", "欧阳", "ouyang", "zeng",
           "人民医院", "北京", "中医院", "心内科", "huang", "xiao", "wjg", "刘", "sun", "海涛",
           "yuting", "杭州第一", "zhou")


def build_replica(path: Path, n_doctors: int = N_DOCTORS, seed: int = 7,
                  today: dt.date | None = None) -> Engine:
    """A replica holding ``n_doctors`` doctors with institutions, departments and visits."""
    from local_store.read.search import rebuild_search_index
    from local_store.replica import synced
    from local_store.store import open_replica

    today = today or dt.date.today()
    rng = random.Random(seed)
    engine = open_replica(path)
    now = dt.datetime.now(dt.UTC)
    base = {"version": 1, "updated_at": now, "updated_by": None, "deleted": False}
    territory = uuid.uuid4()
    insts: list[dict[str, Any]] = []
    depts: list[dict[str, Any]] = []
    for k in range(max(1, n_doctors // 25)):
        city = rng.choice(CITIES)
        level = rng.choice(LEVELS)
        iid = uuid.uuid4()
        insts.append({**base, "id": iid, "code": f"H{k:06d}", "name": f"{city}市{rng.choice(KINDS)}{k}",
                      "level": level, "type": "hospital", "city": f"{city}市", "status": "active"})
        for name in rng.sample(DEPARTMENTS, 4):
            depts.append({**base, "id": uuid.uuid4(), "institution_id": iid, "name": name,
                          "outpatient_per_month": rng.randint(100, 4000), "beds": rng.randint(0, 90)})
    by_inst: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for dep in depts:
        by_inst.setdefault(dep["institution_id"], []).append(dep)
    doctors: list[dict[str, Any]] = []
    visits: list[dict[str, Any]] = []
    month_start = dt.datetime(today.year, today.month, 1, 2, tzinfo=dt.UTC)
    month_hours = 24 * max(1, today.day - 1)
    rep = uuid.uuid4()
    for k in range(n_doctors):
        inst = rng.choice(insts)
        dep = rng.choice(by_inst[inst["id"]])
        did = uuid.uuid4()
        doctors.append({**base, "id": did, "code": f"DR{k:07d}",
                        "name": rng.choice(SURNAMES) + rng.choice(GIVEN), "institution_id": inst["id"],
                        "department_id": dep["id"], "title": rng.choice(TITLES), "status": "active",
                        "grade": rng.choice(GRADES), "grade_score": 50.0, "territory_id": territory})
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            visits.append({**base, "id": uuid.uuid4(), "rep_id": rep, "territory_id": territory,
                           "doctor_id": did, "institution_id": inst["id"], "visit_type": "face_to_face",
                           "started_at": month_start + dt.timedelta(hours=rng.randint(0, month_hours)),
                           "status": "submitted"})
    with engine.begin() as conn:
        for table, rows in (("institutions", insts), ("departments", depts), ("doctors", doctors),
                            ("visits", visits)):
            conn.execute(sa.insert(synced[table]), rows)
        rebuild_search_index(conn)
    return engine


def measure(engine: Engine) -> tuple[float, list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.ops import Ops
    from desktop.tasks import SynchronousTaskManager
    from desktop.ui.doctors import DoctorsPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tasks = SynchronousTaskManager()
    page = DoctorsPage(Ops(tasks, engine))
    page.resize(1200, 800)
    page.show()
    app.processEvents()
    timings: list[float] = []
    for query in QUERIES:
        started = time.perf_counter()
        page.filter_bar.search.setText(query)
        page.apply_filters_now()
        page.paint_visible_rows()
        timings.append((time.perf_counter() - started) * 1000)
        app.processEvents()
    page.close()
    page.deleteLater()
    tasks.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return statistics.median(timings), timings


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        engine = build_replica(Path(folder) / "replica.sqlite3")
        built = time.perf_counter() - started
        median, timings = measure(engine)
        engine.dispose()
    emit("ui.doctor_filter_ms", round(median, 1), "ms", doctors=N_DOCTORS, queries=len(timings),
         max_ms=round(max(timings), 1), build_s=round(built, 1))


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown at exit: the figures are out
