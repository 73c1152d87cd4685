"""Benchmark: ``seed-demo`` on a fresh PostgreSQL database (init-db + seed), per scale.

Run ``python -m bench.seed [--scale small|medium|large]`` (default: all three).
Prints ``{"metric": "seed.<scale>_postgres_s", "value": …, "unit": "s", "db": "postgresql"}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Sequence

import sqlalchemy as sa

from bench.common import POSTGRES_SERVER_URL, emit
from server.db import create_engine
from server.demo.scale import SCALES
from server.demo.seed import seed_demo
from server.migrate import upgrade

DATABASE = "fieldrep_bench_seed"
TODAY = dt.date(2026, 11, 20)  # fixed so every run seeds the same rows


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


def run_scale(scale: str, server_url: str) -> float:
    url = fresh_database(server_url, DATABASE)
    engine = create_engine(url)
    started = time.perf_counter()
    upgrade(engine)
    report = seed_demo(engine, scale, seed=1, today=TODAY)
    seconds = round(time.perf_counter() - started, 1)
    engine.dispose()
    emit(f"seed.{scale}_postgres_s", seconds, "s", db="postgresql",
         visits=report.counts.get("visits", 0), doctors=report.counts.get("doctors", 0),
         feed_entries=report.feed_entries)
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.seed", description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), help="run one scale only")
    parser.add_argument("--server-url", default=POSTGRES_SERVER_URL)
    args = parser.parse_args(argv)
    for scale in [args.scale] if args.scale else ["small", "medium", "large"]:
        run_scale(scale, args.server_url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
