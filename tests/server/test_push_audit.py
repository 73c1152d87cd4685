"""The audit trail of pushes: accepted writes and refused attempts on others' rows land
in ``audit_log``; ``fieldrep-server audit --user U --since D`` lists them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from server.sync.audit import list_audit
from tests.factories import Factory
from tests.server.test_sync_pull import principal_for
from tests.server.test_sync_push import m, push, visit_fields


@pytest.fixture
def pushed(committed: Callable[[], AbstractContextManager[Factory]],
           engine: Engine) -> Iterator[dict[str, Any]]:
    with committed() as f:
        territory = f.territory()
        rep, peer = f.user(territory=territory), f.user(territory=territory)
        doctor = f.doctor(territory)
    mine, theirs = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as conn:
        push(conn, principal_for(peer), [m(1, "visits", theirs, **visit_fields(peer, doctor))])
    with engine.begin() as conn:
        push(conn, principal_for(rep), [
            m(1, "visits", mine, **visit_fields(rep, doctor)),
            m(2, "visits", theirs, "update", base=1, purpose="改别人的"),  # someone else's
            m(3, "visits", uuid.uuid4(), **visit_fields(rep, doctor, purpose="x" * 5000)),
        ])
    yield {"rep": rep, "peer": peer, "mine": mine, "theirs": theirs}


def test_accepted_writes_and_refusals_on_others_rows_are_audited(
        engine: Engine, pushed: dict[str, Any]) -> None:
    with engine.connect() as conn:
        entries = list_audit(conn, user_id=pushed["rep"]["id"])
    assert [(e.table, e.row_id, e.op, e.outcome) for e in entries] == [
        ("visits", pushed["mine"], "insert", "applied"),
        ("visits", pushed["theirs"], "update", "rejected (not_allowed)"),
    ]  # the too-long text is the rep's own typing: not an attempt on anyone's row


def test_the_audit_command_lists_a_users_entries_since_a_date(
        engine: Engine, pushed: dict[str, Any], capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    from server.cli import main

    url = engine.url.render_as_string(hide_password=False)
    assert main(["audit", "--database-url", url, "--user", pushed["rep"]["username"],
                 "--since", "2000-01-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "2 entries"
    assert lines[1].split("\t")[1:] == [pushed["rep"]["username"], "visits",
                                        str(pushed["theirs"]), "update", "rejected (not_allowed)"]
    assert main(["audit", "--database-url", url, "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out.splitlines() == ["0 entries"]
    assert main(["audit", "--database-url", url, "--since", "yesterday"]) == 1
    assert "not an ISO date" in capsys.readouterr().err
    with engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from audit_log")).scalar() == 3
