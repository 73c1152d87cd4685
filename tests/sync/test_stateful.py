"""Property-based sync: random offline work by reps and their DM, random server changes.

A hypothesis ``RuleBasedStateMachine`` drives two reps (two territories of one
district) and their DM, each with their own replica on the live server: reps log and
edit visits and plans offline, the DM comments on visits it holds, the server renames
doctors and reassigns them between the two territories, clients sync or go offline.
After a final sync of everyone: every replica equals the server's view of its scopes
(ids and versions), every accepted mutation is on the server exactly once and every
refused one is in that client's rejected changes with a reason.

Each example gets fresh users and territories (the ``engine`` fixture empties the
database only after the whole test), so examples do not see each other's rows.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test
from sqlalchemy.engine import Engine

from local_store import writes as w
from local_store.replica import synced as local_tables
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from server.masterdata.service import reassign_doctor
from server.sync.feed import ChangeSet, publish
from server.sync.rows import update_row
from server.tables import synced as server_tables
from sync.client import SyncHttpClient
from sync.engine import SyncEngine
from tests.conftest import LiveServer
from tests.factories import Factory
from tests.sync.conftest import PASSWORD
from tests.sync.helpers import Ledger, assert_converged

REPS = ("rep_a", "rep_b")
PEOPLE = (*REPS, "dm")


class Person:
    """One user with a replica, a signed-in client and the ledger of their edits."""

    def __init__(self, user: dict[str, Any], root: Path, server_url: str) -> None:
        self.user = user
        self.db = open_replica(root / f"{user['username']}.sqlite3")
        self.http = SyncHttpClient(server_url, retries=0)
        answer = self.http.login(user["username"], PASSWORD)
        with self.db.begin() as conn:
            set_state(conn, USER_ID, str(answer["user"]["id"]))
        self.ledger = Ledger()
        self.offline = False

    def local_ids(self, table: str, **where: Any) -> list[uuid.UUID]:
        t = local_tables[table]
        q = sa.select(t.c.id).where(~t.c.deleted, *(t.c[k] == v for k, v in where.items()))
        with self.db.connect() as conn:
            return sorted(conn.execute(q.order_by(t.c.id)).scalars())

    def close(self) -> None:
        self.http.close()
        self.db.dispose()


class SyncMachine(RuleBasedStateMachine):
    engine: Engine
    server_url: str
    root: Path

    def __init__(self) -> None:
        super().__init__()
        with self.engine.begin() as conn:
            f = Factory(conn)
            district = f.district()
            self.territories = [f.territory(district), f.territory(district)]
            users = {
                "rep_a": f.user(territory=self.territories[0], password=PASSWORD),
                "rep_b": f.user(territory=self.territories[1], password=PASSWORD),
                "dm": f.user("dm", district_id=district["id"], region_id=district["region_id"],
                             password=PASSWORD),
            }
            self.doctors = [f.doctor(t)["id"] for t in self.territories for _ in range(2)]
            f.publish()
        folder = self.root / uuid.uuid4().hex[:8]
        self.people = {name: Person(u, folder, self.server_url) for name, u in users.items()}
        self.reassigned: set[uuid.UUID] = set()
        self.step = 0

    def _edit(self, person: Person, work: Any) -> None:
        self.step += 1
        with person.db.begin() as conn:
            work(conn)
        person.ledger.record(person.db)

    @rule(who=st.sampled_from(REPS), pick=st.randoms(use_true_random=False))
    def log_visit(self, who: str, pick: random.Random) -> None:
        """A rep logs a visit offline for a doctor their replica holds."""
        person = self.people[who]
        territory = person.user["territory_id"]
        doctors = person.local_ids("doctors", territory_id=territory)
        if not doctors:
            return
        doctor = pick.choice(doctors)
        self._edit(person, lambda conn: w.save_visit_draft(
            conn, doctor_id=doctor, visit_type="face_to_face", purpose=f"拜访 {self.step}",
            started_at=dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=2)))

    @rule(who=st.sampled_from(REPS), pick=st.randoms(use_true_random=False))
    def edit_visit(self, who: str, pick: random.Random) -> None:
        person = self.people[who]
        drafts = person.local_ids("visits", rep_id=person.user["id"], status="draft")
        if drafts:
            visit = pick.choice(drafts)
            self._edit(person, lambda conn: w.save_visit_draft(
                conn, visit, doctor_feedback=f"反馈 {self.step}"))

    @rule(who=st.sampled_from(REPS), pick=st.randoms(use_true_random=False))
    def plan_week(self, who: str, pick: random.Random) -> None:
        """A new weekly plan, or notes on an existing one."""
        person = self.people[who]
        plans = person.local_ids("visit_plans", rep_id=person.user["id"])
        if plans and pick.random() < 0.5:
            plan = pick.choice(plans)
            self._edit(person, lambda conn: w.save_visit_plan(conn, plan, notes=f"备注 {self.step}"))
            return
        week = dt.date(2026, 1, 5) + dt.timedelta(weeks=self.step)
        self._edit(person, lambda conn: w.save_visit_plan(
            conn, territory_id=person.user["territory_id"], week_start=week))

    @rule(pick=st.randoms(use_true_random=False))
    def dm_comments(self, pick: random.Random) -> None:
        dm = self.people["dm"]
        visits = dm.local_ids("visits")
        if visits:
            visit = pick.choice(visits)
            self._edit(dm, lambda conn: w.add_comment(conn, visit, f"经理点评 {self.step}"))

    @rule(index=st.integers(0, 3))
    def admin_renames_doctor(self, index: int) -> None:
        with self.engine.begin() as conn:
            changes = ChangeSet()
            update_row(conn, changes, "doctors", self.doctors[index],
                       {"name": f"医生{self.step}"}, actor=None)
            publish(conn, changes)
        self.step += 1

    @rule(index=st.integers(0, 3))
    def admin_reassigns_doctor(self, index: int) -> None:
        doctor_id = self.doctors[index]
        doctors = server_tables["doctors"]
        with self.engine.begin() as conn:
            current = conn.execute(sa.select(doctors.c.territory_id)
                                   .where(doctors.c.id == doctor_id)).scalar_one()
            target = next(t["id"] for t in self.territories if t["id"] != current)
            changes = ChangeSet()
            reassign_doctor(conn, changes, doctor_id, target, valid_from=dt.date.today(),
                            actor=None)
            publish(conn, changes)
        self.reassigned.add(doctor_id)
        self.step += 1

    @rule(who=st.sampled_from(PEOPLE))
    def sync(self, who: str) -> None:
        person = self.people[who]
        if not person.offline:
            SyncEngine(person.db, person.http).run()

    @rule(who=st.sampled_from(PEOPLE))
    def toggle_offline(self, who: str) -> None:
        self.people[who].offline = not self.people[who].offline

    @rule()
    def everyone_syncs(self) -> None:
        for person in self.people.values():
            if not person.offline:
                SyncEngine(person.db, person.http).run()

    def teardown(self) -> None:
        try:
            for _round in range(2):  # the second round brings what the others pushed
                for person in self.people.values():
                    SyncEngine(person.db, person.http).run()
            for person in self.people.values():
                person.ledger.verify(self.engine, person.db, server_touched=self._moved)
                assert_converged(self.engine, person.db, person.user["id"])
        finally:
            for person in self.people.values():
                person.close()

    def _moved(self, table: str, row: dict[str, Any]) -> bool:
        """Rows a reassignment changed on the server (their versions moved on)."""
        if table == "visits":
            return row["doctor_id"] in self.reassigned
        if table == "visit_comments":
            visits = server_tables["visits"]
            with self.engine.connect() as conn:
                doctor = conn.execute(sa.select(visits.c.doctor_id)
                                      .where(visits.c.id == row["visit_id"])).scalar()
            return doctor in self.reassigned
        return False


def test_random_offline_work_converges_and_is_applied_exactly_once(
    engine: Engine, live_server: LiveServer, tmp_path: Path
) -> None:
    SyncMachine.engine = engine
    SyncMachine.server_url = live_server.url
    SyncMachine.root = tmp_path
    run_state_machine_as_test(SyncMachine, settings=settings(
        max_examples=5, stateful_step_count=12, deadline=None, derandomize=True,
        database=None, suppress_health_check=list(HealthCheck), print_blob=False))
