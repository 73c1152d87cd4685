"""``seed_demo``: fill an empty server database with deterministic, realistic demo data.

One ``random.Random(seed)`` drives everything (ids included: no ``uuid4``, no global
random) and all dates hang off ``today``, so the same seed and date give identical
rows. The load runs in one transaction: it either completes or leaves nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from server.auth.passwords import hash_password
from server.demo import catalogue as cat
from server.demo.activity import CALENDAR, ActivityGenerator
from server.demo.bulk import BulkLoader, IdFactory, postgres_bulk_mode
from server.demo.field_days import seed_field_days
from server.demo.generate import make_master_data, make_org
from server.demo.scale import SCALES, Scale
from server.imports.runs import OK, RunNote, write_run
from server.kpis.periods import default_periods
from server.kpis.snapshots import snapshot_kpis
from server.plans.settle import settle_planned_visits
from server.sync.feed import utcnow
from server.tables import synced, users
from server.visits.sharing import share_all_exemplary_visits

DEMO_PASSWORD = "fieldrep"
# Tables whose secondary indexes are rebuilt after a PostgreSQL load, and those whose
# primary key is too (nothing references sync_feed; 7 M entries at large scale).
BULK_TABLES = ("visits", "planned_visits", "visit_plans", "sync_feed", "sales_records",
               "event_attendees", "doctors", "assignments")
REBUILT_PRIMARY_KEYS = ("sync_feed",)


@dataclass(frozen=True, slots=True)
class DemoKb:
    created: int
    attachments: int


def publish_demo_kb(conn: Connection, rng: random.Random, today: dt.date) -> DemoKb:
    """The demo knowledge base, through the real importer (``server.kb``)."""
    import tempfile
    from pathlib import Path

    from server.demo.kb_content import write_demo_kb
    from server.kb.service import import_folder

    with tempfile.TemporaryDirectory(prefix="fieldrep-demo-kb-") as folder:
        write_demo_kb(Path(folder), rng, today)
        result = import_folder(conn, Path(folder), today=today)
    if result.errors:
        raise DemoSeedError(f"the demo knowledge base did not import: {result.errors[0].describe()}")
    attachments = conn.execute(sa.select(sa.func.count()).select_from(
        synced["knowledge_attachments"])).scalar_one()
    return DemoKb(result.created, int(attachments))


class DemoSeedError(RuntimeError):
    """The database is not one the demo seed may fill."""


@dataclass(slots=True)
class SeedReport:
    scale: str
    seed: int
    today: dt.date
    counts: dict[str, int]
    feed_entries: int
    seconds: float
    sign_ins: list[str] = field(default_factory=list)
    # Wall seconds per phase: generate (Python, overlapped with COPY), drain (the last
    # COPYs and the counters), indexes (rebuild), commit, analyze.
    phases: dict[str, float] = field(default_factory=dict)


def seed_demo(engine: Engine, scale: Scale | str = "small", *, seed: int = 1,
              today: dt.date | None = None, password_hash: str | None = None,
              kpi_snapshots: bool = True) -> SeedReport:
    """Fill ``engine``'s (migrated, empty) database; refuses if any user exists.

    ``password_hash`` lets tests skip the one argon2 hash (~50 ms); by default the
    demo password ``fieldrep`` is hashed once and shared by every demo user.
    ``kpi_snapshots``: compute the KPI snapshots of ``today``'s month and the one before
    (``fieldrep-server kpis snapshot``), so the demo's Reports show server rankings.
    """
    if isinstance(scale, str):
        if scale not in SCALES:
            raise DemoSeedError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
        scale = SCALES[scale]
    today = today or CALENDAR.today()
    started = time.perf_counter()
    seed_started = utcnow()
    phases: dict[str, float] = {}
    last = started

    def lap(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        phases[name] = round(now - last, 2)
        last = now

    rng = random.Random(seed)

    # The seed's "now" (every row's updated_at): the start of ``today`` in the company's
    # calendar (the data's), so no seeded change lies in a user's future.
    anchor = CALENDAR.start_of(today)
    new_id = IdFactory(rng, anchor)
    password_hash = password_hash or hash_password(DEMO_PASSWORD)
    with engine.begin() as conn:
        if conn.execute(sa.select(users.c.id).limit(1)).first() is not None:
            raise DemoSeedError("the database already has users; seed-demo only fills an empty "
                                "database (run it on a fresh one after init-db)")
        loader = BulkLoader(conn, changed_at=anchor)
        with postgres_bulk_mode(conn, BULK_TABLES, REBUILT_PRIMARY_KEYS):
            product_rows, products = cat.product_rows(new_id)
            for row in product_rows:
                loader.add("products", row)
            competitors = cat.competitor_rows(new_id, products)
            for row in competitors:
                loader.add("competitor_products", row)
            for table, rows in cat.rule_rows(new_id, today).items():
                for row in rows:
                    loader.add(table, row)
            template_rows, accompanied_id, co_visit_id = cat.template_rows(new_id)
            for row in template_rows:
                loader.add("evaluation_templates", row)
            catalogue = cat.Catalogue(products, accompanied_id, co_visit_id)

            world = make_org(rng, new_id, scale, loader, password_hash, anchor)
            make_master_data(rng, new_id, scale, world, catalogue, loader, today)
            ActivityGenerator(rng, new_id, loader, catalogue, today, scale.weeks,
                              scale.visits_per_day).run(world)
            seed_field_days(rng, new_id, loader, world, today)
            lap("generate")
            loader.finish()
            lap("drain")
        lap("indexes")
        shared = share_all_exemplary_visits(conn)  # Good practice for the district teams
        lap("share")
        kb_started = utcnow()
        kb = publish_demo_kb(conn, rng, today)
        lap("knowledge")
        settled = settle_planned_visits(conn, now=anchor, fresh_rows=True)  # days before today
        lap("settle")
        snapshots = (snapshot_kpis(conn, default_periods(today), today=today).inserted
                     if kpi_snapshots else 0)
        lap("kpi_snapshots")
        # The import history starts with the seed: what it loaded, as an admin reads it.
        command = f"fieldrep-server seed-demo --scale {scale.name}"
        write_run(conn, RunNote("demo", f"demo {scale.name}", command, status=OK,
                                created=sum(loader.counts.values())), seed_started)
        write_run(conn, RunNote("kb", "demo knowledge base", command, status=OK,
                                created=kb.created), kb_started)
    lap("commit")
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
        lap("analyze")
    counts = {**loader.counts, "shared_visits": shared,  # one feed entry each (its district)
              "knowledge_articles": kb.created, "knowledge_attachments": kb.attachments,
              "kpi_snapshots": snapshots, "settled_planned_visits": settled.changed}
    return SeedReport(scale.name, seed, today, dict(sorted(counts.items())),
                      loader.feed_entries + shared + kb.created + kb.attachments + snapshots,
                      round(time.perf_counter() - started, 2), world.sign_ins, phases)
