"""Sync through a faulty network: nothing lost, nothing applied twice.

The client talks to the live server through ``FaultProxy`` (tests/sync/faultproxy.py),
which drops requests mid-body, drops or truncates responses mid-body and delays them,
by a seeded schedule. After the faults, both sides must agree row for row and every
local edit must have been applied exactly once (``tests.sync.helpers``).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop.cli import main as cli_main
from local_store import outbox as ob
from local_store import writes as w
from local_store.state import client_id
from server.sync.rows import update_row
from server.tables import processed_mutations
from sync.client import SyncError, SyncHttpClient
from sync.engine import SyncEngine
from tests.conftest import LiveServer
from tests.factories import Factory
from tests.sync.conftest import PASSWORD, Device, World, server_row
from tests.sync.faultproxy import Action, Fault, FaultProxy
from tests.sync.helpers import Ledger, assert_converged
from wire.protocol import PROTOCOL_VERSION, Mutation, MutationOp, PushRequest


def started() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)


def proxied(device: Device, proxy: FaultProxy, *, retries: int = 0) -> SyncHttpClient:
    """A client for ``device``'s user (same tokens) that goes through ``proxy``."""
    return SyncHttpClient(proxy.url, tokens=device.http.tokens, retries=retries, backoff=0.01,
                          timeout=(5, 10))


def outbox_request(device: Device) -> PushRequest:
    with device.db.begin() as conn:
        batch = ob.next_batch(conn, 500)
        cid = client_id(conn)
    return PushRequest(protocol=PROTOCOL_VERSION, client_id=cid, mutations=[
        Mutation(mutation_id=e["mutation_id"], table=e["table_name"], id=str(e["row_id"]),
                 op=MutationOp(e["op"]), base_version=e["base_version"], fields=dict(e["fields"]))
        for e in batch])


def processed_count(engine: Engine, device: Device) -> int:
    with device.db.begin() as conn:
        cid = client_id(conn)
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(processed_mutations)
                                .where(processed_mutations.c.client_id == cid)).scalar_one())


def test_the_same_push_batch_posted_twice_is_applied_once(
    world: World, device: Any, engine: Engine
) -> None:
    a: Device = device(world.rep_a)
    a.sync()
    ledger = Ledger()
    with a.db.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                   started_at=started(), purpose="第一次")
        plan = w.save_visit_plan(conn, territory_id=world.ta["id"], week_start=dt.date(2026, 11, 2))
    ledger.record(a.db)
    request = outbox_request(a)

    first = a.http.push(request)
    second = a.http.push(request)
    assert [r.status for r in first.results] == ["applied", "applied"]
    assert [(r.status, r.original_status, r.version) for r in second.results] == [
        ("duplicate", "applied", 1), ("duplicate", "applied", 1)]
    assert second.last_mutation_id == first.last_mutation_id == 2
    for table, row_id in (("visits", visit), ("visit_plans", plan)):
        row = server_row(engine, table, row_id)
        assert row is not None and row["version"] == 1
    assert processed_count(engine, a) == 2

    # The engine still holds the batch as "sent": its next push is answered as duplicates.
    result = a.sync()
    assert (result.pushed, result.rejected) == (2, 0)
    assert ledger.verify(engine, a.db) == {"applied": 2}
    assert_converged(engine, a.db, world.rep_a["id"])


@pytest.mark.parametrize("fault", [Fault.DROP_RESPONSE, Fault.TRUNCATE_RESPONSE])
def test_a_push_whose_answer_was_lost_is_retried_without_applying_twice(
    world: World, device: Any, engine: Engine, live_server: LiveServer, fault: Fault
) -> None:
    a: Device = device(world.rep_a)
    a.sync()
    ledger = Ledger()
    with a.db.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                   started_at=started(), purpose="答复丢失")
    ledger.record(a.db)
    with a.db.begin() as conn:
        w.save_visit_draft(conn, visit, purpose="答复丢失 2")  # folds into the pending insert
    ledger.record(a.db)

    def schedule(index: int, line: str) -> Action:
        return Action(fault, fraction=0.3) if "/sync/push" in line and index == 0 else Action()

    with FaultProxy(live_server.port, schedule) as proxy:
        http = proxied(a, proxy, retries=2)
        result = SyncEngine(a.db, http).run()
        http.close()
        assert proxy.faults_hit(fault, "/sync/push") == 1
    assert (result.pushed, result.rejected) == (1, 0)
    row = server_row(engine, "visits", visit)
    assert row is not None and row["version"] == 1 and row["purpose"] == "答复丢失 2"
    assert processed_count(engine, a) == 1
    assert ledger.verify(engine, a.db) == {"applied": 1}
    assert_converged(engine, a.db, world.rep_a["id"])


# --- a seeded storm of faults ---------------------------------------------------------

FAULT_MIX = [(Fault.PASS, 0.45), (Fault.DROP_REQUEST, 0.15), (Fault.DROP_RESPONSE, 0.15),
             (Fault.TRUNCATE_RESPONSE, 0.15), (Fault.DELAY, 0.10)]


def seeded_schedule(seed: int) -> Any:
    rng = random.Random(seed)
    faults, weights = zip(*FAULT_MIX, strict=True)

    def schedule(_index: int, line: str) -> Action:
        if "/sync/" not in line:
            return Action()
        fault = rng.choices(faults, weights)[0]
        return Action(fault, fraction=rng.random() * 0.98, delay=rng.uniform(0.01, 0.2))

    return schedule


def local_edits(rng: random.Random, device: Device, world: World, round_no: int,
                drafts: list[uuid.UUID]) -> None:
    """A rep's offline work: new drafts, edits of earlier drafts, a plan with stops."""
    user = device.user
    doctors = [world.doc_a, world.doc_a2] if user is world.rep_a else [world.doc_b]
    territory = world.ta if user is world.rep_a else world.tb
    with device.db.begin() as conn:
        for _ in range(rng.randint(1, 3)):
            doctor = rng.choice(doctors)
            drafts.append(w.save_visit_draft(
                conn, doctor_id=doctor["id"], territory_id=territory["id"],
                institution_id=doctor["institution_id"], visit_type="face_to_face",
                started_at=started(), purpose=f"第{round_no}轮 拜访"))
        for visit in rng.sample(drafts, min(2, len(drafts))):
            w.save_visit_draft(conn, visit, doctor_feedback=f"反馈 {round_no} {rng.random():.6f}")
        plan = w.save_visit_plan(conn, territory_id=territory["id"],
                                 week_start=dt.date(2026, 11, 2) + dt.timedelta(weeks=round_no))
        for order, doctor in enumerate(doctors, 1):
            w.save_planned_visit(conn, plan_id=plan, doctor_id=doctor["id"], route_order=order,
                                 rep_id=user["id"], territory_id=territory["id"],
                                 planned_date=dt.date(2026, 11, 3) + dt.timedelta(weeks=round_no))


def server_edits(rng: random.Random, engine: Engine, world: World, round_no: int) -> None:
    """Meanwhile on the server: new doctors in both territories, a doctor renamed."""
    with engine.begin() as conn:
        f = Factory(conn)
        for territory in (world.ta, world.tb, world.t_other):
            for _ in range(rng.randint(5, 40)):
                f.doctor(territory, name=f"新医生{round_no}")
        update_row(conn, f.changes, "doctors", world.doc_a2["id"],
                   {"name": f"王医生{round_no}"}, actor=None)
        f.publish()


def sync_until_success(device: Device, http: SyncHttpClient, limit: int = 40) -> int:
    """Sync through the faulty network until one run finishes; returns the failures."""
    for failures in range(limit):
        try:
            SyncEngine(device.db, http, pull_limit=50).run()
            return failures
        except SyncError:
            continue
    raise AssertionError(f"no sync got through in {limit} attempts")


def test_syncs_through_a_faulty_network_converge_and_apply_everything_once(
    world: World, device: Any, engine: Engine, live_server: LiveServer
) -> None:
    rng = random.Random(20261103)
    a: Device = device(world.rep_a)
    b: Device = device(world.rep_b)
    ledgers = {id(a): Ledger(), id(b): Ledger()}
    drafts: dict[int, list[uuid.UUID]] = {id(a): [], id(b): []}
    failures = 0
    with FaultProxy(live_server.port, seeded_schedule(7)) as proxy:
        clients = {id(d): proxied(d, proxy, retries=1) for d in (a, b)}
        for round_no in range(6):
            server_edits(rng, engine, world, round_no)
            for d in (a, b):
                local_edits(rng, d, world, round_no, drafts[id(d)])
                ledgers[id(d)].record(d.db)
            for d in rng.sample([a, b], 2):
                failures += sync_until_success(d, clients[id(d)])
        for http in clients.values():
            http.close()
        hits = {f: proxy.faults_hit(f) for f in Fault if f is not Fault.PASS}
    assert failures > 0 and all(hits.values()), hits
    for d in (a, b):
        d.sync()  # a clean, direct sync settles what the last proxied one left
        assert ledgers[id(d)].verify(engine, d.db)["applied"] > 0
        assert_converged(engine, d.db, d.user["id"])


def test_an_old_client_is_told_to_upgrade_in_one_clear_line(
    world: World, live_server: LiveServer, tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``fieldrep sync`` speaking a protocol the server no longer supports exits 1 with
    the server's upgrade message on one line, and leaves the replica's edits alone."""
    monkeypatch.setattr("sync.engine.PROTOCOL_VERSION", 0)  # what an old build would send
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = cli_main(["sync", "--server", live_server.url, "--username", world.rep_a["username"],
                     "--data-dir", str(tmp_path), "--password-stdin"])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith("fieldrep: ") and "\n" not in err
    assert "too old" in err and "update" in err.lower()
