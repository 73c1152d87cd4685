"""Rough edges a new user met in the first hour (issue 21)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from tests.conftest import LiveServer
from tests.desktop.test_app_live import WAIT, signed_in
from tests.sync.conftest import World


def _texts(widget: Any) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_a_manual_lock_does_not_claim_inactivity(qtbot: Any, make_app: Any, world: World,
                                                 live_server: LiveServer) -> None:
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    window.lock_requested.emit()  # the menu's Lock
    qtbot.waitUntil(lambda: app.lock is not None, timeout=WAIT)
    assert "FieldRep is locked." in _texts(app.lock)
    assert "without use" not in _texts(app.lock)


def test_an_empty_sign_in_names_the_three_missing_fields(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    dialog = app.show_sign_in(server_url="", username="", password="")
    dialog.submit()
    assert not dialog.busy  # nobody was asked
    assert (dialog.server_error.text(), dialog.username_error.text(),
            dialog.password_error.text()) == ("Enter the server address.", "Enter your username.",
                                              "Enter your password.")
    assert dialog.general_error.text() == ""


def test_a_language_switch_keeps_the_last_sync_time(qtbot: Any, make_app: Any, world: World,
                                                     live_server: LiveServer) -> None:
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    qtbot.waitUntil(lambda: window.status.status is not None
                    and window.status.status.last_sync is not None, timeout=WAIT)
    app.set_language("zh_CN")
    try:
        rebuilt = app.window
        assert rebuilt is not None and rebuilt is not window
        qtbot.waitUntil(lambda: rebuilt.status.status is not None
                        and rebuilt.status.status.last_sync is not None, timeout=WAIT)
        assert "从未" not in rebuilt.status.last_sync_label.text()
    finally:
        app.set_language("en")  # the translators are the process's: later tests read English
