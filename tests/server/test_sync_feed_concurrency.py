"""Concurrent writers and pulling readers: no reader ever skips a committed change.

Writers commit many small transactions (insert or update doctors + publish) while
readers page through the feed with cursors, each pull in its own snapshot as the
HTTP view runs it. At the end every reader's replica equals the server's rows,
version for version, and every checksum it was given matched its replica.
"""

from __future__ import annotations

import random
import threading
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from server.sync.feed import ChangeSet, publish, territory_scope
from server.sync.rows import insert_rows, update_row
from server.sync.views import snapshot
from server.tables import doctors
from tests.factories import Factory
from tests.server.test_sync_pull import Replica, apply, assert_checksums, principal_for, pull

WRITERS, READERS, TRANSACTIONS = 4, 2, 30


def test_readers_never_skip_a_change_while_writers_commit(engine: Engine) -> None:
    with engine.begin() as conn:
        f = Factory(conn)
        territory = f.territory()
        rep = f.user(territory=territory)
        inst = f.institution()
        f.publish()
    who = principal_for(rep)
    scope = territory_scope(territory["id"])
    errors: list[BaseException] = []
    writers_done = threading.Event()

    def write(seed: int) -> None:
        rng = random.Random(seed)
        mine: list[Any] = []
        try:
            for _ in range(TRANSACTIONS):
                with engine.begin() as conn:
                    changes = ChangeSet()
                    if not mine or rng.random() < 0.5:
                        rows = insert_rows(conn, changes, "doctors", [{
                            "name": f"医生{seed}", "institution_id": inst["id"],
                            "status": "active", "territory_id": territory["id"]}], actor=None)
                        mine.append(rows[0]["id"])
                    for row_id in rng.sample(mine, k=min(len(mine), 2)):
                        update_row(conn, changes, "doctors", row_id,
                                   {"grade": rng.choice("ABCD")}, actor=None)
                    publish(conn, changes)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    replicas: list[Replica] = [{} for _ in range(READERS)]

    def read(index: int) -> None:
        replica, cursors = replicas[index], {}
        try:
            finishing = False
            while True:
                finishing = finishing or writers_done.is_set()
                with snapshot(engine) as conn:
                    response = pull(conn, who, cursors, limit=7)
                apply(replica, response)
                assert_checksums(replica, response)
                cursors = response.cursors
                if finishing and not response.has_more:
                    return
        except BaseException as exc:
            errors.append(exc)

    writer_threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    reader_threads = [threading.Thread(target=read, args=(i,)) for i in range(READERS)]
    for t in reader_threads + writer_threads:
        t.start()
    for t in writer_threads:
        t.join(timeout=120)
    writers_done.set()
    for t in reader_threads:
        t.join(timeout=120)
    assert not errors, errors

    with engine.connect() as conn:
        final = {("doctors", str(i)): int(v) for i, v in conn.execute(
            sa.select(doctors.c.id, doctors.c.version).where(doctors.c.territory_id == territory["id"]))}
    assert len(final) >= WRITERS
    for replica in replicas:
        assert {k: v for k, v in replica[scope].items() if k[0] == "doctors"} == final
