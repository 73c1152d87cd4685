"""Benchmark: ``seed-demo`` on a fresh PostgreSQL database (init-db + seed), per scale.

Run ``python -m bench.seed [--scale small|medium|large] [--database NAME]`` (default:
all three scales, database ``fieldrep_bench_seed``). Prints
``{"metric": "seed.<scale>_postgres_s", "value": …, "unit": "s", "db": "postgresql", …}``
with the row counts, the seed's phases (``generate`` overlaps Python with COPY; the
rest is PostgreSQL alone), ``cpu_s`` (this process, user + system) and, when the
server runs on this machine, ``pg_cpu_s`` (the server processes working for this
database, parallel index workers included). On a shared machine the wall time
moves with the load; the two CPU figures say where the work went.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from bench.common import POSTGRES_SERVER_URL, emit
from server.db import create_engine
from server.demo.scale import SCALES
from server.demo.seed import seed_demo
from server.migrate import upgrade

DATABASE = "fieldrep_bench_seed"
TODAY = dt.date(2026, 11, 20)  # fixed so every run seeds the same rows
TARGETS = {"large": 600}  # issue 2: the large demo on PostgreSQL in ≤ 10 minutes


def fresh_database(server_url: str, name: str) -> str:
    """Drop and create ``name`` (separate AUTOCOMMIT statements); return its URL."""
    admin = sa.create_engine(f"{server_url}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"), {"n": name})
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{server_url}/{name}"


class ServerCpu(threading.Thread):
    """CPU seconds of the local PostgreSQL processes serving ``database`` (best effort).

    Reads ``/proc`` every 0.2 s: backends show the database name in their title, and
    parallel index-build workers ("parallel worker for PID n") are counted when their
    leader is one of those backends. Reports 0 where ``/proc`` is not readable.
    """

    def __init__(self, database: str) -> None:
        super().__init__(name="bench-seed-pg-cpu", daemon=True)
        self.database = database
        self.tick = os.sysconf("SC_CLK_TCK")
        self.cpu: dict[int, float] = {}
        self.start_cpu = {pid: cpu for pid, (_title, cpu) in self._postgres().items()}
        self.ours: set[int] = set()
        self.done = threading.Event()

    def _postgres(self) -> dict[int, tuple[str, float]]:
        found: dict[int, tuple[str, float]] = {}
        for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                if "(postgres)" not in stat:
                    continue
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                fields = stat[stat.rindex(")") + 2 :].split()
                found[int(entry.name)] = (title, (int(fields[11]) + int(fields[12])) / self.tick)
            except (OSError, ValueError):
                continue
        return found

    def _sample(self) -> None:
        for pid, (title, cpu) in self._postgres().items():
            words = title.split()
            if self.database in words or ("parallel worker" in title and words[-1:] and
                                          words[-1].isdigit() and int(words[-1]) in self.ours):
                self.ours.add(pid)
            if pid in self.ours:
                self.cpu[pid] = cpu - self.start_cpu.get(pid, 0.0)

    def run(self) -> None:
        while not self.done.wait(0.2):
            self._sample()

    def stop(self) -> float:
        self._sample()
        self.done.set()
        self.join()
        return round(sum(self.cpu.values()), 1)


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_scale(scale: str, server_url: str, database: str = DATABASE) -> float:
    url = fresh_database(server_url, database)
    engine = create_engine(url)
    server_cpu = ServerCpu(database)
    server_cpu.start()
    cpu = own_cpu()
    started = time.perf_counter()
    upgrade(engine)
    report = seed_demo(engine, scale, seed=1, today=TODAY)
    seconds = round(time.perf_counter() - started, 1)
    cpu = round(own_cpu() - cpu, 1)
    pg_cpu = server_cpu.stop()
    engine.dispose()
    extra = {"target": TARGETS[scale]} if scale in TARGETS else {}
    emit(f"seed.{scale}_postgres_s", seconds, "s", db="postgresql", **extra,
         visits=report.counts.get("visits", 0), doctors=report.counts.get("doctors", 0),
         feed_entries=report.feed_entries, cpu_s=cpu, pg_cpu_s=pg_cpu, phases=report.phases)
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.seed", description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), help="run one scale only")
    parser.add_argument("--server-url", default=POSTGRES_SERVER_URL)
    parser.add_argument("--database", default=DATABASE,
                        help="database to (re)create; other benchmarks reuse the default one")
    args = parser.parse_args(argv)
    for scale in [args.scale] if args.scale else ["small", "medium", "large"]:
        run_scale(scale, args.server_url, args.database)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
