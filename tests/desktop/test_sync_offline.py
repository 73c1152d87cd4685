"""Honest offline behaviour (issue 21): no network says "offline, will sync when
connected" (never "your session has ended", never a password prompt); a session the
server really ended asks for the password once; the Sync button says what it waits for."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QInputDialog
from sqlalchemy.engine import Engine

from desktop import company_time
from local_store import writes as w
from server.auth.service import set_password
from server.rules.service import import_rules
from tests.conftest import LiveServer
from tests.desktop.test_app_live import WAIT, sign_in, signed_in
from tests.sync.conftest import PASSWORD, World


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Password prompts shown (each answered with Cancel)."""
    shown: list[str] = []

    def get_text(*args: Any, **_kwargs: Any) -> tuple[str, bool]:
        shown.append(str(args[2]))
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return shown


def test_offline_without_remembered_tokens_says_offline_and_asks_nothing(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer,
        prompts: list[str]) -> None:
    keyring.set_keyring(fail.Keyring())  # a machine without a keyring: no tokens kept
    first = make_app()
    signed_in(qtbot, first, live_server.url, world.rep_a["username"])
    first.shutdown()
    live_server.stop()

    app = make_app()
    sign_in(qtbot, app, live_server.url, world.rep_a["username"], PASSWORD)
    qtbot.waitUntil(lambda: app.window is not None, timeout=WAIT)
    window = app.window
    assert app.session is not None and not app.session.online and app.runner is not None
    with app.session.replica.begin() as conn:
        w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                           started_at=dt.datetime.now(dt.UTC))
    qtbot.waitUntil(lambda: not app.runner.running, timeout=WAIT)
    window.status.sync_button.click()
    qtbot.waitUntil(lambda: "will sync when you are connected" in window.status.currentMessage(),
                    timeout=WAIT)
    assert "session" not in window.status.currentMessage()
    assert prompts == []
    assert window.status.sync_button.text() == "Sync (waiting for connection)"
    assert window.status.sync_button.isEnabled()


def test_a_session_the_server_ended_asks_for_the_password_once(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer, engine: Engine,
        prompts: list[str]) -> None:
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    assert app.runner is not None
    with engine.begin() as conn:  # the admin resets the password: every session ends
        set_password(conn, world.rep_a["id"], "a-new-password-123")
    for _ in range(3):  # the button, then timed syncs
        window.status.sync_button.click()
        qtbot.waitUntil(lambda: not app.runner.running and window.status.sync_button.isEnabled(),
                        timeout=WAIT)
    assert len(prompts) == 1 and "session on the server ended" in prompts[0]
    assert window.status.sync_button.text() == "Sync (waiting for sign-in)"


def test_a_sync_brings_the_company_time_zone_to_the_screens(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer, engine: Engine) -> None:
    """The admin moves the company to another zone; the next sync changes what "today"
    and every time on screen mean, without a restart."""
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    assert app.runner is not None and company_time.calendar().time_zone == "Asia/Shanghai"
    with engine.begin() as conn:
        import_rules(conn, [{"kind": "frequency_rule", "name": "US", "effective_from": dt.date(2026, 1, 1),
                             "visits_per_month": {"A": 6, "B": 3, "C": 1, "D": 0},
                             "counted_visit_types": ["face_to_face"], "target_grades": ["A"],
                             "time_zone": "America/Los_Angeles", "reminder_day": 18}])
    window.status.sync_button.click()
    qtbot.waitUntil(lambda: company_time.calendar().time_zone == "America/Los_Angeles",
                    timeout=WAIT)
    assert company_time.today() == dt.datetime.now(ZoneInfo("America/Los_Angeles")).date()
