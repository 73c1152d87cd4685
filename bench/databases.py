"""The benchmarks' prepared PostgreSQL databases, made once and reused.

``fieldrep_bench_small``, ``fieldrep_bench_medium``, ``fieldrep_bench_large`` hold the
demo of that scale (or ``fieldrep_bench_seed`` when bench/seed.py left the large demo
there): seeding the large demo takes minutes. Shared by bench/sync.py and bench/fleet.py.
"""

from __future__ import annotations

import datetime as dt
import sys

import sqlalchemy as sa

from bench.common import POSTGRES_SERVER_URL
from server.db import create_engine
from server.demo.seed import seed_demo
from server.migrate import upgrade
from server.tables import users

TODAY = dt.date(2026, 11, 20)  # the demo databases are seeded for this date (as bench/seed.py)


def postgres_url(name: str) -> str:
    return f"{POSTGRES_SERVER_URL}/{name}"


def database_exists(name: str) -> bool:
    admin = sa.create_engine(postgres_url("postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                {"n": name}).first() is not None
    finally:
        admin.dispose()


def create_database(name: str) -> None:
    admin = sa.create_engine(postgres_url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def has_user(url: str, username: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(users.c.id).where(users.c.username == username)
                                ).first() is not None
    except sa.exc.DBAPIError:  # no schema yet
        return False
    finally:
        engine.dispose()


def demo_database(scale: str) -> str:
    """URL of a PostgreSQL database holding the ``scale`` demo (seeded once if missing)."""
    if scale == "large" and database_exists("fieldrep_bench_seed") and has_user(
            postgres_url("fieldrep_bench_seed"), "rep3000"):
        return postgres_url("fieldrep_bench_seed")
    name = f"fieldrep_bench_{scale}"
    url = postgres_url(name)
    if not database_exists(name):
        create_database(name)
    if not has_user(url, "rep001"):
        print(f"# seeding the {scale} demo into {name} (once; reused by later runs)",
              file=sys.stderr)
        engine = create_engine(url)
        upgrade(engine)
        seed_demo(engine, scale, seed=1, today=TODAY)
        engine.dispose()
    return url
