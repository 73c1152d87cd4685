"""Benchmark: sync speed, client and server on this machine over real HTTP.

``python -m bench.sync`` (or ``make bench``) prints one JSON line per metric:

- ``sync.initial_10k_records_s`` first sync of a territory holding 10,000 doctors (into a
  plain SQLite replica; ``sync.initial_10k_records_encrypted_s`` the same into a SQLCipher
  one, as the desktop app keeps it);
- ``sync.noop_ms`` a sync when nothing changed;
- ``sync.pull_100_ms`` a sync that downloads 100 changed rows;
- ``sync.push_100_ms`` the push of 100 local edits (new visits, each detailing a product);
- ``sync.initial_rep_s`` / ``sync.initial_dm_s`` first sync of a rep / a DM of the medium
  demo; ``sync.client_rss_mb`` the peak RSS (VmHWM) of the client process during the DM's;
- ``sync.size_independence_ratio`` (no-op + 100-change sync) on the large demo over
  the same on the small demo;
- ``sync.fleet_*`` (bench/fleet.py) 3,000 reps' morning sync against one server.

Each figure is the median of several runs. The server is uvicorn in a subprocess
(bench/serve.py); the client is ``SyncEngine`` + ``SyncHttpClient`` + a replica from
``open_replica``. Prepared PostgreSQL databases (``fieldrep_bench_10k``,
``fieldrep_bench_small``, ``fieldrep_bench_medium``, ``fieldrep_bench_large`` — or
``fieldrep_bench_seed`` when bench/seed.py left the large demo there) are made once
and reused: seeding the large demo takes minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bench.common import emit
from bench.databases import create_database, database_exists, demo_database, has_user, postgres_url
from bench.fleet import run_fleet
from bench.serve import running_server
from local_store import writes as w
from local_store.db import checkpoint
from local_store.replica import synced as replica_tables
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from server.auth.service import create_user
from server.db import create_engine
from server.migrate import upgrade
from server.sync.feed import ChangeSet, publish, rebuild_scope_stats, territory_scope
from server.sync.rows import insert_rows, update_row
from server.tables import synced, users
from sync.client import SyncHttpClient
from sync.engine import SyncEngine

DEMO_PASSWORD = "fieldrep"
TEN_K = 10_000


# --- prepared databases -----------------------------------------------------------


def ten_k_database(url: str) -> str:
    """A database with one territory of 10,000 doctors (user ``bench10k``), built once."""
    if url.startswith("postgresql"):
        name = url.rsplit("/", 1)[1]
        if not database_exists(name):
            create_database(name)
    if has_user(url, "bench10k"):
        upgrade_engine = create_engine(url)
        upgrade(upgrade_engine)  # a database made by an older FieldRep gets today's schema
        upgrade_engine.dispose()
        ensure_products(url)
        return url
    engine = create_engine(url)
    upgrade(engine)
    rng = random.Random(10_000)
    with engine.begin() as conn:
        ch = ChangeSet()
        region = insert_rows(conn, ch, "regions", [{"code": "R10K", "name": "华东大区"}],
                             actor=None)[0]
        district = insert_rows(conn, ch, "districts", [{"region_id": region["id"], "code": "D10K",
                                                        "name": "上海一区"}], actor=None)[0]
        territory = insert_rows(conn, ch, "territories", [{
            "district_id": district["id"], "code": "T10K", "name": "徐汇片区"}], actor=None)[0]
        create_user(conn, ch, username="bench10k", display_name="王芳", role="rep",
                    password=DEMO_PASSWORD, territory_id=territory["id"])
        insts = insert_rows(conn, ch, "institutions", [{
            "code": f"H10K{i:04d}", "name": f"上海市第{i}人民医院", "level": "3A",
            "type": "hospital", "province": "上海", "city": "上海", "address": f"徐汇区{i}号",
            "latitude": 31.2 + i / 1000, "longitude": 121.4 + i / 1000, "beds": 800,
            "status": "active"} for i in range(200)], actor=None)
        doctors = [{
            "code": f"DR10K{i:05d}", "name": f"李明{i}", "gender": rng.choice(["M", "F"]),
            "institution_id": insts[i % len(insts)]["id"], "title": "attending",
            "position": "医师", "specialty": "心血管内科", "phone": f"138{i:08d}",
            "product_potential": {"P1": rng.randint(0, 100), "P2": rng.randint(0, 100)},
            "custom_fields": {"note": "学术带头人"} if i % 7 == 0 else None,
            "status": "active", "grade": rng.choice("ABCD"), "grade_score": rng.random() * 100,
            "grade_explanation": {"potential": 0.4, "influence": 0.6},
            "territory_id": territory["id"]} for i in range(TEN_K)]
        insert_rows(conn, ch, "doctors", doctors, actor=None)
        publish(conn, ch)
    engine.dispose()
    ensure_products(url)
    return url


BENCH_PRODUCTS = (("P10K1", "立普妥"), ("P10K2", "心安平"), ("P10K3", "降糖灵"))


def ensure_products(url: str) -> None:
    """The catalogue the pushed visits detail (added to a 10k database built before
    the visits detailed products, so its other rows stay as they were)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        products = synced["products"]
        have = set(conn.execute(sa.select(products.c.code)).scalars())
        missing = [{"code": code, "name": name, "active": True}
                   for code, name in BENCH_PRODUCTS if code not in have]
        if missing:
            ch = ChangeSet()
            insert_rows(conn, ch, "products", missing, actor=None)
            publish(conn, ch)
    engine.dispose()


# --- one client device --------------------------------------------------------------


@dataclass
class Device:
    """A replica file and a signed-in HTTP client for one user."""

    db: Engine
    http: Any
    user_id: uuid.UUID

    def engine(self) -> Any:
        return SyncEngine(self.db, self.http)

    def checkpoint(self) -> None:
        """What the app does once a sync has reported its result (not timed, as there)."""
        checkpoint(self.db)

    def close(self) -> None:
        self.http.close()
        self.db.dispose()


def new_device(url: str, username: str, folder: Path, *, encrypted: bool = False) -> Device:
    """``encrypted``: a SQLCipher replica, as the desktop app keeps (plain SQLite else)."""
    db = open_replica(folder / f"{username}-{uuid.uuid4().hex[:8]}.sqlite3",
                      key=os.urandom(32) if encrypted else None)
    http = SyncHttpClient(url, retries=0, timeout=(5, 300))
    answer = http.login(username, DEMO_PASSWORD)
    user_id = uuid.UUID(str(answer["user"]["id"]))
    with db.begin() as conn:
        set_state(conn, USER_ID, str(user_id))
    return Device(db, http, user_id)


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def server_cpu_s() -> float:
    """CPU seconds used so far by this process's children (the uvicorn server of
    ``running_server``): the sum over their threads of /proc/…/schedstat (nanoseconds);
    0.0 where /proc is not available.

    Wall times swing on a shared machine; CPU times say where the work went."""
    total = 0
    try:
        children: list[str] = []
        for task in Path(f"/proc/{os.getpid()}/task").iterdir():
            children += (task / "children").read_text().split()
        for pid in children:
            for thread in Path(f"/proc/{pid}/task").iterdir():
                with contextlib.suppress(OSError):  # a thread that just ended
                    total += int((thread / "schedstat").read_text().split()[0])
    except OSError:
        return 0.0
    return total / 1e9


class CpuMeter:
    """Client (this process) and server (child) CPU ms per measured call, summed."""

    def __init__(self) -> None:
        self.client: list[float] = []
        self.server: list[float] = []

    def timed(self, fn: Callable[[], Any]) -> float:
        cpu, srv = time.process_time(), server_cpu_s()
        seconds = timed(fn)
        self.client.append((time.process_time() - cpu) * 1000)
        self.server.append((server_cpu_s() - srv) * 1000)
        return seconds

    def extra(self) -> dict[str, float]:
        """Median client and server CPU ms per call."""
        if not self.client:
            return {}
        return {"client_cpu_ms": round(median(self.client), 1),
                "server_cpu_ms": round(median(self.server), 1)}


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


# --- server-side and client-side changes ---------------------------------------------


def territory_of(url: str, username: str) -> uuid.UUID:
    engine = create_engine(url)
    with engine.connect() as conn:
        tid = conn.execute(sa.select(users.c.territory_id).where(users.c.username == username)
                           ).scalar_one()
    engine.dispose()
    return uuid.UUID(str(tid))


def change_on_server(server_db: Engine, table: str, territory_id: uuid.UUID, n: int) -> None:
    """Edit ``n`` rows of ``table`` in the territory, as an admin screen would."""
    t = synced[table]
    column = "phone" if table == "doctors" else "next_step"
    with server_db.begin() as conn:
        rows = conn.execute(sa.select(t).where(t.c.territory_id == territory_id, ~t.c.deleted)
                            .order_by(sa.func.random()).limit(n)).mappings().all()
        ch = ChangeSet()
        for row in rows:
            update_row(conn, ch, table, row["id"], {column: uuid.uuid4().hex[:12]}, actor=None,
                       before=dict(row))
        publish(conn, ch)


def new_local_visits(device: Device, n: int) -> None:
    """``n`` draft visits written on the replica (row + outbox entry each), each
    detailing a catalogue product with its key message, as a rep's visits do."""
    doctors, products = replica_tables["doctors"], replica_tables["products"]
    with device.db.begin() as conn:
        ids = list(conn.execute(sa.select(doctors.c.id).limit(n)).scalars())
        catalogue = [str(p) for p in conn.execute(
            sa.select(products.c.id).order_by(products.c.code)).scalars()]
        started = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=2)
        for i in range(n):
            w.save_visit_draft(conn, doctor_id=ids[i % len(ids)], visit_type="face_to_face",
                               started_at=started, ended_at=started + dt.timedelta(minutes=20),
                               purpose="介绍新适应症", doctor_feedback="有兴趣", result="同意试用",
                               products_detailed=[{"product_id": catalogue[i % len(catalogue)],
                                                   "key_message": "一天一次，依从性好"}])


# --- the measurements -------------------------------------------------------------


def drop_bench_visits(server_db: Engine, territory_id: uuid.UUID) -> None:
    """Forget the visits earlier runs pushed into the 10k territory (rows and feed
    entries, then the scope's checksum stats), so that every run's first sync
    downloads the same ~10,200 rows rather than 500 more per earlier run; then
    refresh the planner statistics."""
    visits = synced["visits"]
    scope = territory_scope(territory_id)
    with server_db.begin() as conn:
        conn.execute(sa.text("DELETE FROM sync_feed WHERE scope = :s AND table_name = 'visits'"),
                     {"s": scope})
        conn.execute(sa.delete(visits).where(visits.c.territory_id == territory_id))
        rebuild_scope_stats(conn, [scope])
    if server_db.dialect.name == "postgresql":
        # Fresh planner statistics: this server runs without autovacuum, and with the
        # statistics of an empty table PostgreSQL scans a scope's whole feed for an
        # id lookup that its index answers in a millisecond. VACUUM too: without it the
        # visits deleted above stay in the table (a 100-row scan read ~2,000 pages).
        with server_db.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def bench_ten_k(url: str, db_label: str, folder: Path, runs: int) -> None:
    """initial 10k, no-op, pull 100, push 100 against the 10k-doctor territory."""
    server_db = create_engine(url)
    territory = territory_of(url, "bench10k")
    drop_bench_visits(server_db, territory)
    with running_server(url) as base:
        initial: list[float] = []
        cpu = CpuMeter()
        device = None
        for _ in range(runs):
            if device is not None:
                device.close()
            device = new_device(base, "bench10k", folder)
            initial.append(cpu.timed(device.engine().run))
            device.checkpoint()
        emit("sync.initial_10k_records_s", round(median(initial), 3), "s", db=db_label,
             target=0.5, runs=len(initial), min=round(min(initial), 3), **cpu.extra())
        encrypted = []
        for _ in range(3):  # the same into a SQLCipher replica, as the desktop app keeps it
            cipher = new_device(base, "bench10k", folder, encrypted=True)
            encrypted.append(timed(cipher.engine().run))
            cipher.close()
        emit("sync.initial_10k_records_encrypted_s", round(median(encrypted), 3), "s",
             db=db_label, runs=len(encrypted), replica="sqlcipher")
        assert device is not None
        device.engine().run()
        cpu = CpuMeter()
        device.checkpoint()
        noop = [cpu.timed(device.engine().run) for _ in range(max(runs, 20))]
        emit("sync.noop_ms", round(median(noop) * 1000, 1), "ms", db=db_label, target=10,
             runs=len(noop), min=round(min(noop) * 1000, 1), **cpu.extra())
        pulls = []
        cpu = CpuMeter()
        for _ in range(runs):
            change_on_server(server_db, "doctors", territory, 100)
            sync = device.engine()
            pulls.append(cpu.timed(sync.run))
            assert sync.result.pulled == 100, sync.result
            device.checkpoint()
        emit("sync.pull_100_ms", round(median(pulls) * 1000, 1), "ms", db=db_label, target=25,
             runs=len(pulls), min=round(min(pulls) * 1000, 1), **cpu.extra())
        pushes = []
        cpu = CpuMeter()
        for _ in range(runs):
            new_local_visits(device, 100)
            sync = device.engine()
            pushes.append(cpu.timed(sync.push))
            assert sync.result.pushed == 100, sync.result
            device.engine().run()  # take the echo of the pushed rows before the next round
            device.checkpoint()
        emit("sync.push_100_ms", round(median(pushes) * 1000, 1), "ms", db=db_label, target=30,
             runs=len(pushes), min=round(min(pushes) * 1000, 1), **cpu.extra())
        device.close()
    server_db.dispose()


def change_cycle_ms(base: str, url: str, username: str, folder: Path, runs: int) -> float:
    """Median over ``runs`` of (no-op sync + a sync pulling 100 changed visits), in ms."""
    server_db = create_engine(url)
    territory = territory_of(url, username)
    device = new_device(base, username, folder)
    device.engine().run()
    device.engine().run()
    cycles = []
    for _ in range(runs):
        noop = timed(device.engine().run)
        change_on_server(server_db, "visits", territory, 100)
        sync = device.engine()
        pull = timed(sync.run)
        assert sync.result.pulled == 100, sync.result
        device.checkpoint()
        cycles.append((noop + pull) * 1000)
    device.close()
    server_db.dispose()
    return median(cycles)


def bench_size_independence(folder: Path, runs: int) -> None:
    small, large = demo_database("small"), demo_database("large")
    with running_server(small) as base:
        small_ms = change_cycle_ms(base, small, "rep001", folder, runs)
    with running_server(large) as base:
        large_ms = change_cycle_ms(base, large, "rep001", folder, runs)
    emit("sync.size_independence_ratio", round(large_ms / small_ms, 2), "ratio",
         db="postgresql", target=1.3, small_ms=round(small_ms, 1), large_ms=round(large_ms, 1))


def child_initial_sync(url: str, username: str, folder: str) -> None:
    """(Child process) one first sync; prints seconds and this process's peak RSS."""
    device = new_device(url, username, Path(folder))
    cpu = time.process_time()
    seconds = timed(device.engine().run)
    cpu = time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "maxrss_mb": peak_rss_kib() / 1024, "cpu_s": cpu}),
          flush=True)
    device.close()


def peak_rss_kib() -> int:
    """This process's peak resident memory, in KiB.

    ``VmHWM`` from /proc (Linux): the peak of this program's own memory. Not
    ``ru_maxrss``: when ``exec`` starts this program, Linux folds the memory peak of the
    process it was started from into it, so a child of a bench process that had just
    seeded the large demo in-process reported that parent's peak (~360 MB, the same in
    every run), whatever the sync used — the odd 375 MB run of an earlier session too.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def initial_in_child(base: str, username: str, folder: Path) -> dict[str, float]:
    """One first sync in a fresh process; ``server_cpu_s`` is the server's CPU during it
    (read before and after the client process, which has exited by then)."""
    before = server_cpu_s()
    out = subprocess.run([sys.executable, "-m", "bench.sync", "--child-initial", base, username,
                          str(folder)], check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["server_cpu_s"] = server_cpu_s() - before
    return result


def _child_cpu(results: list[dict[str, float]]) -> dict[str, float]:
    """Median client and server CPU seconds of ``initial_in_child`` results."""
    return {"client_cpu_s": round(median([r["cpu_s"] for r in results]), 3),
            "server_cpu_s": round(median([r["server_cpu_s"] for r in results]), 3)}


def bench_medium(folder: Path, runs: int) -> None:
    url = demo_database("medium")
    with running_server(url) as base:
        reps = [initial_in_child(base, "rep001", folder) for _ in range(runs)]
        rep = [d["seconds"] for d in reps]
        emit("sync.initial_rep_s", round(median(rep), 3), "s", db="postgresql", target=1.0,
             runs=runs, min=round(min(rep), 3), demo="medium", **_child_cpu(reps))
        dm = [initial_in_child(base, "dm001", folder) for _ in range(runs)]
        seconds = [d["seconds"] for d in dm]
        emit("sync.initial_dm_s", round(median(seconds), 3), "s", db="postgresql", target=5,
             runs=runs, min=round(min(seconds), 3), demo="medium", **_child_cpu(dm))
        emit("sync.client_rss_mb", round(max(d["maxrss_mb"] for d in dm), 1), "MB",
             db="postgresql", target=200, demo="medium", measured="peak over runs",
             runs_mb=[round(d["maxrss_mb"], 1) for d in dm])


SECTIONS = ("10k", "sqlite", "medium", "size", "fleet")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.sync", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=SECTIONS, help="run only these sections")
    parser.add_argument("--child-initial", nargs=3, metavar=("URL", "USER", "FOLDER"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_initial:
        child_initial_sync(*args.child_initial)
        return 0
    sections = args.only or list(SECTIONS)
    with tempfile.TemporaryDirectory(prefix="fieldrep-bench-sync-") as tmp:
        folder = Path(tmp)
        if "10k" in sections:
            bench_ten_k(ten_k_database(postgres_url("fieldrep_bench_10k")), "postgresql",
                        folder, args.runs)
        if "sqlite" in sections:
            sqlite_url = f"sqlite:///{folder / 'server-10k.db'}"
            bench_ten_k(ten_k_database(sqlite_url), "sqlite", folder, args.runs)
        if "medium" in sections:
            bench_medium(folder, args.runs)
        if "size" in sections:
            bench_size_independence(folder, args.runs)
        if "fleet" in sections:
            run_fleet(demo_database("large"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
