"""``fieldrep sync`` killed with SIGKILL at random moments loses and duplicates nothing.

Each round the server gains changes (hundreds to thousands of new doctors, renamed
doctors, rows in a territory the rep must never see) and the replica gains offline
edits (visit drafts, edits of earlier drafts, plans); then ``fieldrep sync`` runs as
a real subprocess and is killed after a seeded random delay, so kills land while it
starts, signs in, pushes, pulls and applies pages. After each kill one clean sync
must leave the replica equal to the server's view of the rep's scopes (every row id
and version), and at the end every local edit must be on the server exactly once
(``tests.sync.helpers.Ledger``).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store import writes as w
from local_store.replica import replica_path
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from server.sync.rows import insert_rows, update_row
from server.tables import synced as server_tables
from sync.client import SyncHttpClient
from sync.engine import SyncEngine
from tests.conftest import LiveServer
from tests.factories import Factory
from tests.sync.conftest import PASSWORD
from tests.sync.helpers import KEYRING_BACKEND, Ledger, assert_converged

ROOT = Path(__file__).resolve().parents[2]
KILLS = {"postgresql": 30, "sqlite": 4}  # PostgreSQL is production: it gets the long run


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTHON_KEYRING_BACKEND=KEYRING_BACKEND, PYTHONUNBUFFERED="1",
               PYTHONPATH=str(ROOT))
    return env


def startup_seconds() -> float:
    """How long the CLI takes to start on this machine (kill delays scale with it)."""
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "desktop.cli", "--help"], cwd=ROOT, env=cli_env(),
                   capture_output=True, check=True)
    return time.perf_counter() - began


def phase_of(output: str) -> str:
    """Where the killed run was, judging by the progress it printed."""
    if "pulled " in output:
        return "finished"
    if "pull: page" in output:
        return "pull/apply"
    if "push:" in output:
        return "after push"
    return "start/sign-in/push"


def run_and_kill(command: list[str], rng: random.Random, base: float) -> str:
    """Start ``fieldrep sync`` and SIGKILL it at a seeded random moment; returns its output.

    Half the runs die a random time after start (start-up, sign-in, push); the other
    half a random time after the first progress line (the push is done), which is
    when pulls and applies happen: most of a run is interpreter start-up, so delays
    from start alone would rarely land there. Fails if the run fails on its own.
    """
    proc = subprocess.Popen(command, cwd=ROOT, env=cli_env(), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(PASSWORD + "\n")
    proc.stdin.close()
    lines: list[str] = []
    first_line = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            first_line.set()
        first_line.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < 0.5:
        delay = base * rng.uniform(0.6, 1.3)
    else:
        first_line.wait(timeout=60)
        delay = rng.uniform(0.0, 0.8)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    reader.join(timeout=30)
    output = "".join(lines)
    if proc.returncode not in (0, -signal.SIGKILL):
        pytest.fail(f"fieldrep sync failed on its own (exit {proc.returncode}): {output}")
    return output


def new_doctors(conn: Any, f: Factory, territory: dict[str, Any], institution: dict[str, Any],
                n: int, tag: str) -> None:
    insert_rows(conn, f.changes, "doctors", [
        {"code": f"K{uuid.uuid4().hex[:12]}", "name": f"医生{tag}", "institution_id": institution["id"],
         "title": "attending", "status": "active", "grade": "B", "territory_id": territory["id"]}
        for _ in range(n)], actor=None)


def test_sync_killed_at_random_moments_loses_and_duplicates_nothing(
    engine: Engine, live_server: LiveServer, tmp_path: Path
) -> None:
    kills_wanted = KILLS[engine.dialect.name]
    rng = random.Random(4242)
    with engine.begin() as conn:
        f = Factory(conn)
        district = f.district()
        mine, other = f.territory(district), f.territory(district)
        rep = f.user(territory=mine, password=PASSWORD)
        inst, inst_other = f.institution(), f.institution()
        new_doctors(conn, f, mine, inst, 3000, "初始")
        new_doctors(conn, f, other, inst_other, 200, "他区")
        f.publish()
    doctors = server_tables["doctors"]
    with engine.connect() as conn:
        some_doctors = list(conn.execute(sa.select(doctors.c.id).where(
            doctors.c.territory_id == mine["id"]).limit(50)).scalars())

    server = live_server.url
    path = replica_path(tmp_path, server, rep["username"])
    replica = open_replica(path, server_url=server, username=rep["username"])
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(rep["id"]))
    http = SyncHttpClient(server, retries=2, backoff=0.05)
    http.login(rep["username"], PASSWORD)
    ledger = Ledger()
    drafts: list[uuid.UUID] = []
    phases: Counter[str] = Counter()
    base = startup_seconds()
    command = [sys.executable, "-m", "desktop.cli", "sync", "--server", server,
               "--username", rep["username"], "--data-dir", str(tmp_path), "--password-stdin"]
    try:
        for round_no in range(kills_wanted):
            with engine.begin() as conn:  # incoming changes
                f = Factory(conn)
                new_doctors(conn, f, mine, inst, rng.choice([20, 200, 2100]), str(round_no))
                new_doctors(conn, f, other, inst_other, 30, str(round_no))
                for doctor_id in rng.sample(some_doctors, 3):
                    update_row(conn, f.changes, "doctors", doctor_id,
                               {"name": f"改名{round_no}"}, actor=None)
                f.publish()
            with replica.begin() as conn:  # offline edits
                for _ in range(rng.randint(1, 3)):
                    drafts.append(w.save_visit_draft(
                        conn, doctor_id=rng.choice(some_doctors), territory_id=mine["id"],
                        institution_id=inst["id"], visit_type="phone",
                        started_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
                        purpose=f"第{round_no}轮"))
                for visit in rng.sample(drafts, min(2, len(drafts))):
                    w.save_visit_draft(conn, visit, next_step=f"第{round_no}轮 {rng.random():.8f}")
                w.save_visit_plan(conn, territory_id=mine["id"],
                                  week_start=dt.date(2026, 1, 5) + dt.timedelta(weeks=round_no))
            ledger.record(replica)

            output = run_and_kill(command, rng, base)
            phases[phase_of(output)] += 1

            SyncEngine(replica, http).run()  # the clean sync after the kill
            assert_converged(engine, replica, rep["id"])
        outcomes = ledger.verify(engine, replica)
    finally:
        http.close()
        replica.dispose()
    print(f"kill phases: {dict(phases)}; outcomes: {dict(outcomes)}")
    assert outcomes == {"applied": len(ledger.entries)}
    killed = kills_wanted - phases["finished"]
    assert killed >= kills_wanted // 2, phases
    if kills_wanted >= 30:  # the long run must also have killed some runs mid-pull
        assert phases["pull/apply"] >= 2, phases
