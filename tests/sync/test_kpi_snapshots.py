"""KPI snapshots end to end: the tiny demo on a real server (SQLite and PostgreSQL), the
snapshot command, and rep001's, dm001's and rm001's replicas synced over real HTTP.

The device's figures (``desktop.reports``, from the replica) must equal the server's
snapshot; the ranking must be the same on the DM's and the RM's devices and on the
server; a rep's replica must hold their own snapshot and no peer's figures; a second
run writes nothing; clients cannot write snapshots.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from desktop.reports import build_view, load_report
from domain.kpis import Period
from local_store.read.plans import company_calendar
from local_store.read.reports import report_inputs
from local_store.replica import synced as replica_tables
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from server.demo.seed import DEMO_PASSWORD, seed_demo
from server.kpis.periods import month_of, parse_period
from server.kpis.snapshots import snapshot_kpis
from server.sync.feed import ChangeSet, publish
from server.sync.rows import update_row
from server.tables import sync_feed
from server.tables import synced as server_tables
from sync.client import SyncHttpClient
from sync.engine import SyncEngine
from tests.conftest import LiveServer
from tests.server.test_seed import HASH, TINY, TODAY
from wire.protocol import Mutation, MutationOp, PushRequest

NOVEMBER = month_of(TODAY)  # the demo's month (2026-11)
snapshots = server_tables["kpi_snapshots"]
FIGURES = ("visits", "coverage", "visits_per_working_day", "average_quality", "share_on_plan")


@pytest.fixture
def demo(engine: Engine) -> Iterator[Engine]:
    """The tiny demo (2 districts, 4 reps) seeded with its snapshots, on an empty database."""
    from tests.conftest import truncate_all

    truncate_all(engine)
    seed_demo(engine, TINY, seed=3, today=TODAY, password_hash=HASH)
    yield engine


class Laptop:
    """A user's replica synced to the live server over HTTP."""

    def __init__(self, path: Path, server: LiveServer, username: str) -> None:
        self.db = open_replica(path / f"{username}.sqlite3")
        self.http = SyncHttpClient(server.url, retries=0)
        answer = self.http.login(username, DEMO_PASSWORD)
        self.user_id = uuid.UUID(str(answer["user"]["id"]))
        with self.db.begin() as conn:
            set_state(conn, USER_ID, str(self.user_id))

    def sync(self) -> None:
        SyncEngine(self.db, self.http).run()

    def rows(self, table: str) -> list[dict[str, Any]]:
        t = replica_tables[table]
        with self.db.connect() as conn:
            return [dict(r) for r in conn.execute(sa.select(t)).mappings()]

    def close(self) -> None:
        self.http.close()
        self.db.dispose()


@pytest.fixture
def laptops(tmp_path: Path, demo: Engine, live_server: LiveServer) -> Iterator[Any]:
    made: list[Laptop] = []

    def make(username: str) -> Laptop:
        laptop = Laptop(tmp_path, live_server, username)
        laptop.sync()
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()


def user_id(conn: Connection, username: str) -> uuid.UUID:
    u = server_tables["users"]
    return uuid.UUID(str(conn.execute(sa.select(u.c.id).where(u.c.username == username)).scalar_one()))


def server_snapshot(engine: Engine, subject: uuid.UUID, audience: str,
                    label: str = NOVEMBER.label) -> dict[str, Any]:
    with engine.connect() as conn:
        return dict(conn.execute(sa.select(snapshots).where(
            snapshots.c.period == label, snapshots.c.subject_id == subject,
            snapshots.c.audience == audience)).mappings().one())


def test_a_reps_device_figures_equal_the_servers_snapshot(laptops: Any, demo: Engine) -> None:
    rep = laptops("rep001")
    view = load_report(rep.db, "month", TODAY, today=TODAY)  # the day the server computed
    own = server_snapshot(demo, rep.user_id, "self")
    assert own["visits"] > 0 and own["coverage"] is not None  # a month with real activity
    cards = {c.key: c.value for c in view.cards}
    for name in FIGURES:
        assert cards[name] == pytest.approx(own[name], abs=1e-9), name
    grades = {g.grade: g for g in view.grades}
    assert set(grades) == set(own["frequency"])
    for grade, figures in own["frequency"].items():
        assert (grades[grade].doctors, grades[grade].done) == (figures["doctors"], figures["done"])
        assert grades[grade].attainment == pytest.approx(figures["attainment"], abs=1e-9)
    # What the rep sees of the others: their own rank and the district median, offline.
    assert view.standing is not None
    assert (view.standing.rank, view.standing.rank_of) == (own["rank"], own["rank_of"])
    managers = server_snapshot(demo, rep.user_id, "managers")
    assert (own["rank"], own["rank_of"]) == (managers["rank"], managers["rank_of"]) == (
        own["rank"], 2)
    # Two reps in the district: their median is their mean and would give the peer's
    # coverage away, so the rep's own row leaves it out (the managers' row has it).
    assert own["parent_median"] is None and view.standing.parent_median is None
    assert managers["parent_median"] is not None


def test_a_reps_replica_holds_their_own_snapshot_and_no_peers_figures(laptops: Any,
                                                                      demo: Engine) -> None:
    rep = laptops("rep001")
    held = rep.rows("kpi_snapshots")
    assert held, "the rep's own snapshots arrive with the sync"
    assert {(r["subject_kind"], r["audience"], r["subject_id"]) for r in held} == {
        ("rep", "self", rep.user_id)}
    assert all(r["district_id"] is None and r["region_id"] is None for r in held)
    assert {r["period"] for r in held} == {"2026-10", "2026-11"}
    # No peer's raw figures either: every visit in the replica is the rep's own.
    assert {r["rep_id"] for r in rep.rows("visits")} == {rep.user_id}
    with demo.connect() as conn:
        peers = conn.execute(sa.select(sa.func.count()).select_from(snapshots).where(
            snapshots.c.subject_kind == "rep", snapshots.c.subject_id != rep.user_id)).scalar_one()
        assert peers > 0  # they exist on the server, the rep just never receives them


def test_the_ranking_is_the_same_on_the_dms_and_rms_devices_and_the_server(
        laptops: Any, demo: Engine) -> None:
    dm, rm = laptops("dm001"), laptops("rm001")
    dm_view, rm_view = load_report(dm.db, "month", TODAY), load_report(rm.db, "month", TODAY)
    assert dm_view.ranking_source == rm_view.ranking_source == "server"
    with demo.connect() as conn:
        server_ranks = {r.subject_id.hex: r.rank for r in conn.execute(sa.select(snapshots).where(
            snapshots.c.period == NOVEMBER.label, snapshots.c.subject_kind == "rep",
            snapshots.c.audience == "managers"))}
        district = conn.execute(sa.select(server_tables["users"].c.district_id).where(
            server_tables["users"].c.id == dm.user_id)).scalar_one()
    dm_ranks = {row.person.user_id: row.rank for row in dm_view.team}
    assert len(dm_ranks) == 2 and dm_ranks == {k: server_ranks[k] for k in dm_ranks}
    assert server_snapshot(demo, district, "managers")["rank_of"] == 2  # districts in the region
    # The RM ranks the whole region; dm001's reps keep their order within it.
    rm_order = [row.person.user_id for row in rm_view.team if row.person.user_id in dm_ranks]
    assert rm_order == sorted(dm_ranks, key=lambda k: (dm_ranks[k], next(
        r.person.name for r in dm_view.team if r.person.user_id == k)))
    assert len(rm_view.team) == 4
    # The device's own computation (the fallback) agrees with the server's ranking.
    for laptop, view in ((dm, dm_view), (rm, rm_view)):
        with laptop.db.connect() as conn:
            inputs = report_inputs(conn, Period(dt.date(2026, 10, 1), NOVEMBER.period.last_day),
                                   today=company_calendar(conn).today())
        local = build_view(inputs, "month", NOVEMBER.period)
        assert local.ranking_source == "device"
        assert [(r.person.user_id, r.rank) for r in local.team] == [
            (r.person.user_id, r.rank) for r in view.team]
        for mine, theirs in zip(local.team, view.team, strict=True):
            assert mine.kpis.coverage == pytest.approx(theirs.kpis.coverage, abs=1e-9)
    # Managers' replicas: their team's reps and districts; the region only for the RM.
    kinds = {(r["subject_kind"], r["audience"]) for r in dm.rows("kpi_snapshots")}
    assert kinds == {("rep", "managers"), ("district", "managers")}
    assert {r["subject_id"] for r in dm.rows("kpi_snapshots") if r["subject_kind"] == "district"} \
        == {district}
    kinds = {(r["subject_kind"], r["audience"]) for r in rm.rows("kpi_snapshots")}
    assert kinds == {("rep", "managers"), ("district", "managers"), ("region", "managers")}


def test_a_second_run_writes_nothing_and_a_new_visit_rewrites_only_its_subjects(
        demo: Engine) -> None:
    with demo.begin() as conn:
        again = snapshot_kpis(conn, [NOVEMBER], today=TODAY)
        feed_before = conn.execute(sa.select(sa.func.max(sync_feed.c.seq))).scalar_one()
    assert again.subjects > 0 and again.written == 0
    with demo.begin() as conn:
        v = server_tables["visits"]
        visit = conn.execute(sa.select(v).where(
            v.c.status == "submitted", v.c.started_at >= dt.datetime(2026, 11, 3, tzinfo=dt.UTC),
            v.c.quality_score.is_not(None)).limit(1)).mappings().one()
        changes = ChangeSet()
        update_row(conn, changes, "visits", visit["id"],
                   {"quality_score": float(visit["quality_score"]) / 2}, actor=None)
        publish(conn, changes)
    with demo.begin() as conn:
        after = snapshot_kpis(conn, [NOVEMBER], today=TODAY)
        feed_after = conn.execute(sa.select(sa.func.max(sync_feed.c.seq))).scalar_one()
    # The rep's two rows (managers', own), their district's and their region's.
    assert (after.inserted, after.updated) == (0, 4)
    assert feed_after - feed_before == 4 + 1  # one entry each, and the visit's own
    rep_row = server_snapshot(demo, visit["rep_id"], "self")
    assert rep_row["version"] == 2


def test_reps_see_no_rank_when_the_company_setting_is_off(demo: Engine) -> None:
    with demo.begin() as conn:
        report = snapshot_kpis(conn, [NOVEMBER], ranks_for_reps=False, today=TODAY)
        rep = user_id(conn, "rep001")
    assert report.updated == 4  # every rep's own row loses its rank and median
    own = server_snapshot(demo, rep, "self")
    assert (own["rank"], own["rank_of"], own["parent_median"]) == (None, None, None)
    assert own["coverage"] is not None
    assert server_snapshot(demo, rep, "managers")["rank"] is not None


def test_clients_cannot_write_snapshots(laptops: Any, demo: Engine) -> None:
    dm = laptops("dm001")
    with demo.connect() as conn:
        row = conn.execute(sa.select(snapshots).where(
            snapshots.c.audience == "managers", snapshots.c.subject_kind == "rep")
        ).mappings().first()
    assert row is not None
    answer = dm.http.push(PushRequest(protocol=1, client_id="laptop-of-dm001", mutations=[
        Mutation(mutation_id=1, table="kpi_snapshots", id=str(row["id"]), op=MutationOp.UPDATE,
                 base_version=row["version"], fields={"rank": 1}),
        Mutation(mutation_id=2, table="kpi_snapshots", id=str(uuid.uuid4()), op=MutationOp.INSERT,
                 fields={"period": "2026-11", "rank": 1})]))
    assert [(r.status, r.reason) for r in answer.results] == [
        ("rejected", "not_allowed"), ("rejected", "not_allowed")]
    assert server_snapshot(demo, row["subject_id"], "managers")["version"] == row["version"]


def test_a_bad_period_is_refused_by_name() -> None:
    from server.errors import ServiceError

    assert parse_period("2026-Q4").period.last_day == dt.date(2026, 12, 31)
    assert parse_period("2026").kind == "year"
    for bad in ("2026-13", "26-11", "2026-Q5", "next month"):
        with pytest.raises(ServiceError) as caught:
            parse_period(bad)
        assert (caught.value.code, caught.value.field) == ("bad_period", "period")


def test_the_command_writes_a_new_period_once_and_refuses_a_bad_one(
        demo: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    from server.cli import main

    url = demo.url.render_as_string(hide_password=False)
    # (2026-11 again too: the seed counted it up to the demo's day; today it is over.)
    assert main(["kpis", "snapshot", "--database-url", url, "--period", "2026-Q4",
                 "--period", "2026-11"]) == 0
    assert "2026-Q4: 11 new, 0 changed" in capsys.readouterr().out  # 4 reps × 2, 2 districts, 1 region
    assert main(["kpis", "snapshot", "--database-url", url, "--period", "2026-Q4",
                 "--period", "2026-11"]) == 0
    out = capsys.readouterr().out
    assert "2026-Q4: 0 new, 0 changed" in out and "2026-11: 0 new, 0 changed" in out
    assert main(["kpis", "snapshot", "--database-url", url, "--period", "2026-13"]) == 2
    assert "'2026-13' is not a period: use YYYY-MM, YYYY-Qn or YYYY" in capsys.readouterr().out


def test_a_rep_whose_territory_moves_district_leaves_the_old_managers_scope(demo: Engine) -> None:
    t, u, d = server_tables["territories"], server_tables["users"], server_tables["districts"]
    with demo.begin() as conn:
        rep = conn.execute(sa.select(u).where(u.c.username == "rep001")).mappings().one()
        old = conn.execute(sa.select(t.c.district_id).where(t.c.id == rep["territory_id"])
                           ).scalar_one()
        new = conn.execute(sa.select(d.c.id).where(d.c.id != old)).scalars().first()
        changes = ChangeSet()
        update_row(conn, changes, "territories", rep["territory_id"], {"district_id": new},
                   actor=None)
        publish(conn, changes)
        snapshot_kpis(conn, [NOVEMBER], today=TODAY)
    moved = server_snapshot(demo, rep["id"], "managers")
    assert moved["district_id"] == new and moved["rank_of"] == 3
    with demo.connect() as conn:
        entries = {scope: op for scope, op in conn.execute(
            sa.select(sync_feed.c.scope, sync_feed.c.op).where(sync_feed.c.row_id == moved["id"]))}
    assert entries == {f"managers:{old}": "remove", f"managers:{new}": "upsert"}
