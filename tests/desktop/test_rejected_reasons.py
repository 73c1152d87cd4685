"""``validation`` (servers now) and ``bad_value`` (older servers) for a refused value read
the same in Rejected changes, and either way the visit reopens with what the rep typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.rejected_dialog import RejectedChangesDialog
from local_store import outbox as ob
from local_store import writes
from local_store.state import utcnow
from tests.desktop.review_world import ReviewWorld


def _refused_submit(replica: Engine, doctor: Any, reason: str) -> Any:
    """A visit submitted offline whose push the server refused for its ``purpose``."""
    started = utcnow().replace(microsecond=0) - dt.timedelta(hours=3)
    with replica.begin() as conn:
        visit = writes.save_visit_draft(conn, doctor_id=doctor, visit_type="face_to_face",
                                        started_at=started,
                                        ended_at=started + dt.timedelta(minutes=20),
                                        purpose="介绍新适应症")
        writes.submit_visit(conn, visit)
        (entry,) = ob.all_entries(conn)
        ob.move_to_rejected(conn, entry, reason=reason, field="purpose",
                            message="purpose must not contain NUL characters")
    return visit


@pytest.mark.parametrize("reason", ["validation", "bad_value"])
def test_a_refused_value_reads_the_same_and_the_visit_reopens_intact(
        qtbot: Any, replica: Engine, reason: str) -> None:
    world = ReviewWorld.build(replica)
    world.sign_in_as("rep")
    visit = _refused_submit(replica, world.ids["doctor"], reason)
    dialog = RejectedChangesDialog(Ops(SynchronousTaskManager(), replica), role="rep")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "Invalid value"
    assert dialog.table.item(0, 3).text() == "purpose must not contain NUL characters"
    with replica.begin() as conn:
        writes.reopen_rejected_visit(conn, visit)
        row = writes.get_local_row(conn, "visits", visit)
        assert ob.unresolved_rejections(conn) == []
    assert row is not None and (row["status"], row["purpose"]) == ("draft", "介绍新适应症")
