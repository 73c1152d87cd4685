"""The demo seed: sizes, determinism, grading and a complete change feed."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.visit_quality import score_visit
from domain.visit_rules import VisitRules
from server.auth.passwords import hash_password, verify_password
from server.demo.bulk import BulkLoader, IdFactory, Json
from server.demo.scale import SCALES, Scale
from server.demo.seed import DEMO_PASSWORD, DemoSeedError, seed_demo
from server.sync.feed import rebuild_scope_stats, team_scopes
from server.tables import credentials, metadata, sync_counter, sync_feed, sync_scope_stats, synced
from tests.conftest import truncate_all
from wire.schema import TABLES, ScopeRule, managers_scope_keys

TODAY = dt.date(2026, 11, 20)
TINY = Scale("tiny", regions=1, districts=2, reps=4, institutions=40, doctors=160, weeks=3)
HASH = hash_password(DEMO_PASSWORD)  # once per session: argon2 is deliberately slow


@pytest.fixture
def fresh(engine: Engine) -> Iterator[Engine]:
    """The session database, emptied before (and by ``engine``, after) the test."""
    truncate_all(engine)
    yield engine


def content_hash(engine: Engine, tables: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for name in tables:
            t = synced[name]
            for row in conn.execute(sa.select(t).order_by(t.c.id)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


HASHED = ("users", "institutions", "doctors", "visits", "evaluations")


def test_small_scale_counts(fresh: Engine) -> None:
    report = seed_demo(fresh, "small", seed=7, today=TODAY, password_hash=HASH)
    c = report.counts
    assert (c["regions"], c["districts"], c["territories"]) == (1, 2, 12)
    assert 2_900 <= c["doctors"] <= 3_100
    assert c["assignments"] == c["doctors"]
    # ~8 visits per rep per working day over ~26 weeks
    assert 12 * 6 * 130 <= c["visits"] <= 12 * 10 * 130
    for table in ("products", "competitor_products", "knowledge_articles", "grading_rules",
                  "frequency_rules", "visit_rules", "evaluation_templates", "visit_plans",
                  "planned_visits", "visit_comments", "visit_reviews", "evaluations", "events",
                  "event_attendees", "sales_records", "targets", "field_plans", "field_days"):
        assert c[table] > 0, table
    with fresh.connect() as conn:
        roles = dict(conn.execute(sa.text("SELECT role, count(*) FROM users GROUP BY role")).all())
        assert roles == {"admin": 1, "rm": 1, "dm": 2, "rep": 12}
        team = conn.execute(sa.text(
            "SELECT r.username, d.username, m.username FROM users r JOIN users d ON r.manager_id = d.id "
            "JOIN users m ON d.manager_id = m.id WHERE r.username = 'rep001'")).one()
        assert tuple(team) == ("rep001", "dm001", "rm001")
        stored = conn.execute(sa.select(credentials.c.password_hash).limit(1)).scalar_one()
        assert verify_password(stored, DEMO_PASSWORD)
        grades = dict(conn.execute(sa.text("SELECT grade, count(*) FROM doctors GROUP BY grade")).all())
        assert set(grades) <= {"A", "B", "C", "D"} and len(grades) == 4
        assert conn.execute(sa.text(
            "SELECT count(*) FROM doctors WHERE grade_score IS NULL OR grade_explanation IS NULL"
        )).scalar_one() == 0
        statuses = dict(conn.execute(sa.text(
            "SELECT status, count(*) FROM visits GROUP BY status")).all())
        assert statuses["submitted"] > 10 * statuses["draft"] > 0


def test_same_seed_same_data_and_other_seed_differs(fresh: Engine) -> None:
    seed_demo(fresh, TINY, seed=3, today=TODAY, password_hash=HASH)
    first = content_hash(fresh, HASHED)
    truncate_all(fresh)
    seed_demo(fresh, TINY, seed=3, today=TODAY, password_hash=HASH)
    assert content_hash(fresh, HASHED) == first
    truncate_all(fresh)
    seed_demo(fresh, TINY, seed=4, today=TODAY, password_hash=HASH)
    assert content_hash(fresh, HASHED) != first


def test_every_synced_row_is_in_the_feed_in_its_scopes(fresh: Engine) -> None:
    report = seed_demo(fresh, TINY, seed=5, today=TODAY, password_hash=HASH)
    with fresh.connect() as conn:
        feed: dict[tuple[str, uuid.UUID], set[str]] = defaultdict(set)
        for scope, table, row_id, version, op in conn.execute(sa.select(
                sync_feed.c.scope, sync_feed.c.table_name, sync_feed.c.row_id, sync_feed.c.version,
                sync_feed.c.op)):
            assert (version, op) == (1, "upsert")
            feed[(table, row_id)].add(scope)
        seqs = conn.execute(sa.select(sa.func.min(sync_feed.c.seq), sa.func.max(sync_feed.c.seq),
                                      sa.func.count())).one()
        assert tuple(seqs) == (1, report.feed_entries, report.feed_entries)
        assert conn.execute(sa.select(sync_counter.c.value)).scalar_one() == report.feed_entries

        doctor_scopes: dict[str, set[str]] = defaultdict(set)  # institution/department -> scopes
        d = synced["doctors"]
        for inst, dept, territory in conn.execute(
                sa.select(d.c.institution_id, d.c.department_id, d.c.territory_id)):
            doctor_scopes[str(inst)].add(f"territory:{territory}")
            if dept is not None:
                doctor_scopes[str(dept)].add(f"territory:{territory}")
        checked = 0
        for spec in TABLES:
            t = synced[spec.name]
            for row in conn.execute(sa.select(t)).mappings():
                if spec.scope is ScopeRule.GLOBAL:
                    expected = {"global"}
                elif spec.scope is ScopeRule.TERRITORY:
                    expected = {f"territory:{row[c]}" for c in spec.scope_columns}
                elif spec.scope is ScopeRule.USERS:
                    expected = {f"user:{row[c]}" for c in spec.scope_columns}
                elif spec.scope is ScopeRule.DISTRICT:
                    expected = {f"district:{row[c]}" for c in spec.scope_columns}
                elif spec.scope is ScopeRule.MANAGERS:  # a draft: its author's only
                    expected = {f"{prefix}:{value}"
                                for prefix, value in managers_scope_keys(spec, row)}
                elif spec.scope is ScopeRule.TEAM:
                    expected = set(team_scopes(conn, row))
                else:
                    expected = doctor_scopes[str(row["id"])]
                assert expected, (spec.name, row["id"])
                assert feed[(spec.name, row["id"])] == expected, spec.name
                checked += 1
        assert checked == sum(n for t, n in report.counts.items() if t in synced)

        stats = {s: (c, h) for s, c, h in conn.execute(sa.select(sync_scope_stats))}
        rebuild_scope_stats(conn)
        assert {s: (c, h) for s, c, h in conn.execute(sa.select(sync_scope_stats))} == stats
        conn.rollback()


def test_refuses_a_database_with_users(fresh: Engine) -> None:
    seed_demo(fresh, TINY, seed=1, today=TODAY, password_hash=HASH)
    with pytest.raises(DemoSeedError, match="already has users"):
        seed_demo(fresh, TINY, seed=2, today=TODAY, password_hash=HASH)


def test_values_fit_the_wire_schema(fresh: Engine) -> None:
    """Lengths are enforced by PostgreSQL; check them on SQLite too (it does not)."""
    seed_demo(fresh, TINY, seed=9, today=TODAY, password_hash=HASH)
    with fresh.connect() as conn:
        for spec in TABLES:
            for col in spec.columns:
                if col.max_length is None:
                    continue
                longest = conn.execute(sa.select(sa.func.max(sa.func.length(
                    synced[spec.name].c[col.name])))).scalar()
                assert longest is None or longest <= col.max_length, (spec.name, col.name)


def test_postgres_indexes_are_as_migrated(fresh: Engine) -> None:
    if fresh.dialect.name != "postgresql":
        pytest.skip("index rebuild is PostgreSQL only")
    query = sa.text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                    "ORDER BY indexname")
    # The seed also drops and re-adds sync_feed's primary key: constraints must match too.
    constraints = sa.text(
        "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE n.nspname = current_schema() ORDER BY 1, 2")
    with fresh.connect() as conn:
        before = conn.execute(query).all(), conn.execute(constraints).all()
    seed_demo(fresh, TINY, seed=1, today=TODAY, password_hash=HASH)
    with fresh.connect() as conn:
        assert (conn.execute(query).all(), conn.execute(constraints).all()) == before
        assert any(name == "pk_sync_feed" for _, name, _, _ in before[1])


def test_scales_are_as_specified() -> None:
    assert (SCALES["small"].reps, SCALES["small"].districts) == (12, 2)
    assert (SCALES["medium"].regions, SCALES["medium"].districts, SCALES["medium"].reps) == (3, 25, 300)
    large = SCALES["large"]
    assert (large.regions, large.districts, large.reps, large.institutions) == (30, 250, 3000, 80_000)
    assert large.doctors >= 100_000
    assert len(metadata.tables) > 0


def test_seeded_visit_quality_is_the_servers_score(fresh: Engine) -> None:
    """The seed memoizes scoring; every stored score must still be score_visit's."""
    seed_demo(fresh, TINY, seed=6, today=TODAY, password_hash=HASH)
    with fresh.connect() as conn:
        rules = VisitRules.from_row(dict(conn.execute(sa.select(synced["visit_rules"])).mappings().one()))
        rows = conn.execute(sa.select(synced["visits"])).mappings().all()
    assert len(rows) > 100
    explanations = set()
    for row in rows:
        expected = score_visit(dict(row), rules, linked_to_plan=row["planned_visit_id"] is not None)
        assert row["quality_score"] == expected.score, row["id"]
        assert row["quality_explanation"] == expected.explanation_json(), row["id"]
        explanations.add(repr(row["quality_explanation"]))
    assert len(explanations) > 1  # the memo key does tell visits apart


def test_ids_are_deterministic_time_ordered_uuids() -> None:
    start = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    first = [IdFactory(random.Random(8), start)() for _ in range(1)]
    ids = [f() for f in [IdFactory(random.Random(8), start)] for _ in range(1000)]
    assert ids[:1] == first
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for text in ids[:50]:
        parsed = uuid.UUID(text)
        assert (str(parsed), parsed.version, parsed.variant) == (text, 7, uuid.RFC_4122)
    assert ids != [IdFactory(random.Random(9), start)() for _ in range(1000)]


def test_bulk_loader_keeps_awkward_text_and_json(fresh: Engine) -> None:
    """The PostgreSQL path writes COPY text itself: tabs, newlines, backslashes and
    quotes must come back exactly, in text and in JSON columns (plain or ``Json``)."""
    awkward = 'tab\there\nnew line\r\\N back\\slash "quoted" \\t 中文'
    new_id = IdFactory(random.Random(1), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    anchor = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    pid, kid = new_id(), new_id()
    with fresh.begin() as conn:
        loader = BulkLoader(conn, changed_at=anchor)
        loader.add("products", {"id": pid, "code": "P-X", "name": awkward, "active": True,
                                "description": None})
        loader.add("knowledge_articles", {
            "id": kid, "category": "faq", "title": "t", "body": awkward, "product_ids": [pid],
            "tags": Json([awkward, {"k": awkward}]), "article_version": 1, "published": False})
        assert loader.finish() == (1, 2)
    with fresh.connect() as conn:
        product = conn.execute(sa.select(synced["products"])).mappings().one()
        article = conn.execute(sa.select(synced["knowledge_articles"])).mappings().one()
    assert (str(product["id"]), product["name"], product["description"]) == (pid, awkward, None)
    assert product["active"] is True and product["version"] == 1
    stamp = product["updated_at"]
    assert (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)) == anchor  # SQLite: naive UTC
    assert product["deleted"] is False
    assert (article["body"], article["tags"], article["published"]) == (
        awkward, [awkward, {"k": awkward}], False)
