"""The desktop app against a real server: sign-in, offline, lock, roles, sync, rejections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import keyring
import sqlalchemy as sa
from keyring.backends import fail
from sqlalchemy.engine import Engine

from desktop.app import FieldRepApp
from desktop.ui.rejected_dialog import RejectedChangesDialog
from desktop.ui.today_page import TodayPage
from local_store import writes as w
from local_store.db import SQLITE_HEADER, check_key, derive_key, replica_salt
from local_store.replica import synced
from server.auth.service import set_password
from server.sync.feed import ChangeSet, publish
from server.sync.rows import update_row
from sync.credentials import SERVICE
from tests.conftest import LiveServer, free_port
from tests.desktop.conftest import PASSWORD
from tests.factories import Factory
from tests.sync.conftest import World, server_row

WAIT = 15_000


def sign_in(qtbot: Any, app: FieldRepApp, server: str, username: str, password: str) -> Any:
    dialog = app.show_sign_in(server_url=server, username=username, password=password)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    return dialog


def signed_in(qtbot: Any, app: FieldRepApp, server: str, username: str) -> Any:
    sign_in(qtbot, app, server, username, PASSWORD)
    qtbot.waitUntil(lambda: app.window is not None, timeout=WAIT)
    assert app.window is not None and app.runner is not None
    qtbot.waitUntil(lambda: app.runner is not None and not app.runner.running, timeout=WAIT)
    return app.window


def nav_texts(window: Any) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_sign_in_syncs_and_shows_the_reps_pages(qtbot: Any, make_app: Any, world: World,
                                                live_server: LiveServer,
                                                memory_keyring: Any) -> None:
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    assert app.session is not None and app.session.online and app.session.role == "rep"
    assert "Team" not in nav_texts(window) and "Evaluations" in nav_texts(window)
    assert window.status.online_label.text().endswith("Online")
    today = window.pages["today"]
    assert isinstance(today, TodayPage)
    qtbot.waitUntil(lambda: today.grade_cards["A"].value.text() == "2", timeout=WAIT)
    assert window.status.last_sync_label.text() != "Last sync: never"
    # tokens and the replica key are in the keyring; the replica file is encrypted
    stored = {k for (s, k) in memory_keyring.store if s == SERVICE}
    assert any(k.endswith("|replica-key") for k in stored) and len(stored) == 2
    raw = app.session.replica_file.read_bytes()
    assert raw and not raw.startswith(SQLITE_HEADER)
    for key in window.page_keys():  # every page opens without error
        window.show_page(key)


def test_dm_sees_the_team_page(qtbot: Any, make_app: Any, world: World,
                               live_server: LiveServer) -> None:
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.dm["username"])
    assert "Team" in nav_texts(window) and "Evaluations" in nav_texts(window)
    today = window.show_page("today")
    qtbot.waitUntil(lambda: today.grade_cards["A"].value.text() == "3", timeout=WAIT)  # whole team


def test_wrong_password_and_bad_addresses_are_shown_next_to_the_field(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer) -> None:
    app = make_app()
    dialog = sign_in(qtbot, app, live_server.url, world.rep_a["username"], "not-it")
    assert dialog.password_error.isVisibleTo(dialog)
    assert "Wrong username or password" in dialog.password_error.text()
    assert app.window is None

    dialog.server.setText(f"http://127.0.0.1:{free_port()}")
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    assert "Cannot reach the server" in dialog.server_error.text()
    assert "first sign-in" in dialog.server_error.text()

    dialog.server.setText(live_server.url + "/not-here")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    assert "not a FieldRep server" in dialog.server_error.text()
    assert not dialog.password_error.isVisibleTo(dialog)


def test_offline_sign_in_with_the_last_password_and_the_app_keeps_working(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer) -> None:
    first = make_app()
    signed_in(qtbot, first, live_server.url, world.rep_a["username"])
    first.shutdown()
    live_server.stop()

    app = make_app()
    dialog = sign_in(qtbot, app, live_server.url, world.rep_a["username"], "wrong-password")
    assert "Wrong password" in dialog.password_error.text() and app.window is None
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: app.window is not None, timeout=WAIT)
    window = app.window
    assert app.session is not None and not app.session.online
    assert window.status.online_label.text().endswith("Offline")
    today = window.pages["today"]
    qtbot.waitUntil(lambda: today.grade_cards["A"].value.text() == "2", timeout=WAIT)
    # a sync attempt fails with advice, and local edits still work
    with app.session.replica.begin() as conn:
        w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                           started_at=dt.datetime.now(dt.UTC))
    app.tasks.notify("visits")
    qtbot.waitUntil(lambda: today.pending.value.text() == "1", timeout=WAIT)
    window.status.sync_button.click()
    qtbot.waitUntil(lambda: "will sync when you are connected" in window.status.currentMessage(),
                    timeout=WAIT)
    assert window.status.pending_label.text() == "Pending changes: 1"


def test_stopping_the_server_shows_offline_and_the_sync_button_works_again_later(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer, engine: Engine) -> None:
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    today = window.pages["today"]
    qtbot.waitUntil(lambda: today.grade_cards["A"].value.text() == "2", timeout=WAIT)
    with engine.begin() as conn:
        f = Factory(conn)
        f.doctor(world.ta)
        f.publish()
    window.status.sync_button.click()
    qtbot.waitUntil(lambda: today.grade_cards["A"].value.text() == "3", timeout=WAIT)

    live_server.stop()
    assert app.runner is not None
    app.runner.probe()
    qtbot.waitUntil(lambda: window.status.online_label.text().endswith("Offline"), timeout=WAIT)
    window.show_page("doctors")
    window.show_page("today")
    today.refresh()
    qtbot.waitUntil(lambda: today.summary is not None, timeout=WAIT)


def test_a_rejected_change_is_listed_with_its_reason_and_can_be_discarded(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer, engine: Engine,
        tmp_path: Any) -> None:
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    assert app.session is not None and app.runner is not None
    replica = app.session.replica
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                   started_at=dt.datetime.now(dt.UTC))
    app.runner.sync_now()
    qtbot.waitUntil(lambda: not app.runner.running, timeout=WAIT)
    with engine.begin() as conn:
        changes = ChangeSet()
        update_row(conn, changes, "visits", visit, {"status": "submitted"}, actor=None)
        publish(conn, changes)
    with replica.begin() as conn:
        w.save_visit_draft(conn, visit, purpose="补充内容")
    window.status.sync_button.click()
    qtbot.waitUntil(lambda: window.status.rejected_button.isVisibleTo(window), timeout=WAIT)
    assert window.status.rejected_button.text() == "1 rejected"

    dialog = window.show_rejected()
    assert isinstance(dialog, RejectedChangesDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert dialog.table.item(0, 0).text().startswith("Visit — ")
    assert dialog.table.item(0, 2).text() == "Already submitted and locked"
    assert "submitted" in dialog.table.item(0, 3).text()
    out = tmp_path / "unsynced.json"
    dialog.export_to(out)
    qtbot.waitUntil(out.exists, timeout=WAIT)
    assert "补充内容" in out.read_text(encoding="utf-8")
    dialog.table.selectRow(0)
    dialog.discard_selected()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.status.rejected_button.isVisibleTo(window), timeout=WAIT)


def test_idle_lock_asks_for_the_password(qtbot: Any, make_app: Any, world: World,
                                         live_server: LiveServer) -> None:
    app = make_app()
    signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    assert app.idle is not None
    app.idle.set_timeout(150)
    qtbot.waitUntil(lambda: app.lock is not None, timeout=WAIT)
    lock = app.lock
    assert lock is not None and lock.isVisible()
    assert app.window is not None and not app.window.centralWidget().isVisible()
    lock.password.setText("wrong")
    lock.try_unlock()
    qtbot.waitUntil(lambda: lock.error.text() == "Wrong password.", timeout=WAIT)
    assert app.lock is lock
    app.idle.set_timeout(60_000)
    lock.password.setText(PASSWORD)
    lock.try_unlock()
    qtbot.waitUntil(lambda: app.lock is None, timeout=WAIT)
    assert app.window.centralWidget().isVisible()


def test_sign_out_removes_the_tokens_and_resume_needs_them(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer) -> None:
    app = make_app()
    signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    assert app.session is not None
    key = f"{app.session.server_url}|{world.rep_a['username']}"
    assert keyring.get_password(SERVICE, key) is not None
    assert keyring.get_password(SERVICE, f"{key}|replica-key") is not None
    app.sign_out()
    qtbot.waitUntil(lambda: keyring.get_password(SERVICE, key) is None, timeout=WAIT)
    qtbot.waitUntil(lambda: keyring.get_password(SERVICE, f"{key}|replica-key") is None, timeout=WAIT)
    assert app.window is None and app.sign_in_dialog is not None

    again = make_app()  # nothing stored: the sign-in dialog, not the main window
    again.start()
    qtbot.waitUntil(lambda: again.sign_in_dialog is not None, timeout=WAIT)
    assert again.window is None and again.starting is None


def test_switching_the_language_changes_the_visible_text(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer) -> None:
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    window.show_page("settings")
    assert nav_texts(window)[0] == "Today"
    settings_page = window.pages["settings"]
    settings_page.language.setCurrentIndex(settings_page.language.findData("zh_CN"))
    settings_page.save()
    assert app.window is not None and app.window is not window
    chinese = app.window
    assert nav_texts(chinese)[:3] == ["今日", "医生", "医疗机构"]
    assert chinese.status.online_label.text().endswith("在线")
    assert chinese.nav.currentRow() == chinese.page_keys().index("settings")
    assert app.store.value("language") == "zh_CN"
    app.set_language("en")
    assert nav_texts(app.window)[0] == "Today"


def test_without_a_secure_keyring_nothing_is_kept_and_the_app_says_why(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer, tmp_path: Any) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        app = make_app()
        window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
        assert "no secure password store" in window.notice.text()
        assert app.session is not None
        tokens = app.session.http.tokens
        assert tokens is not None
        for path in tmp_path.rglob("*"):  # no token, key or password in any file
            if path.is_file():
                data = path.read_bytes()
                assert tokens.refresh_token.encode() not in data
                assert app.session.key.hex().encode() not in data and PASSWORD.encode() not in data
        app.shutdown()
        again = make_app()  # next start: nothing to resume with, so the password is asked
        again.start()
        qtbot.waitUntil(lambda: again.sign_in_dialog is not None, timeout=WAIT)
        assert again.window is None
    finally:
        keyring.set_keyring(previous)


def test_a_password_changed_on_the_server_rekeys_the_replica_and_keeps_unsynced_work(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer, engine: Engine,
        memory_keyring: Any) -> None:
    app = make_app()
    signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    assert app.session is not None
    path, old_key = app.session.replica_file, app.session.key
    with app.session.replica.begin() as conn:
        w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                           started_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
                           purpose="改密码前的记录")
    app.shutdown()
    new_password = "n3w-passw0rd-2026"
    with engine.begin() as conn:
        set_password(conn, world.rep_a["id"], new_password)

    again = make_app()
    sign_in(qtbot, again, live_server.url, world.rep_a["username"], new_password)
    qtbot.waitUntil(lambda: again.window is not None, timeout=WAIT)
    assert again.session is not None
    salt = replica_salt(path, create=False)
    assert salt is not None
    assert check_key(path, derive_key(new_password, salt)) and not check_key(path, old_key)
    qtbot.waitUntil(lambda: again.runner is not None and not again.runner.running, timeout=WAIT)
    with again.session.replica.connect() as conn:  # the offline draft is kept and reached the server
        [visit_id] = conn.execute(sa.select(synced["visits"].c.id).where(
            synced["visits"].c.purpose == "改密码前的记录")).scalars().all()
    assert (server_row(engine, "visits", visit_id) or {}).get("purpose") == "改密码前的记录"


def test_a_full_disk_is_explained_above_the_pages(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer) -> None:
    app = make_app()
    window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
    assert app.session is not None
    replica = app.session.replica

    def write_on_a_full_disk() -> None:
        with replica.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
            conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")  # SQLite's SQLITE_FULL
            conn.commit()
            try:
                with conn.begin():  # more than the free pages SQLite could still reuse
                    for _ in range(40):
                        w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                           started_at=dt.datetime.now(dt.UTC), purpose="满" * 900,
                                           doctor_feedback="满" * 1900, result="满" * 1900)
            finally:
                conn.exec_driver_sql("PRAGMA max_page_count = 1073741823")
                conn.commit()

    errors: list[BaseException] = []
    app.tasks.run_db(write_on_a_full_disk, on_error=errors.append)
    qtbot.waitUntil(lambda: window.notice_bar.isVisibleTo(window), timeout=WAIT)
    assert "The disk is full" in window.notice.text() and errors


def test_the_last_session_reopens_off_the_ui_thread_behind_a_busy_window(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer, memory_keyring: Any) -> None:
    first = make_app()
    signed_in(qtbot, first, live_server.url, world.rep_a["username"])
    first.shutdown()  # quit without signing out: key and tokens stay in the keyring

    again = make_app()
    again.start(server_url=live_server.url, username=world.rep_a["username"])
    # start() returned before the keyring and the replica were touched: the busy window shows.
    assert again.window is None and again.starting is not None and again.starting.isVisible()
    qtbot.waitUntil(lambda: again.window is not None, timeout=WAIT)
    assert again.starting is None and again.sign_in_dialog is None
    assert again.session is not None and again.session.username == world.rep_a["username"]
    today = again.window.pages["today"]
    qtbot.waitUntil(lambda: today.grade_cards["A"].value.text() == "2", timeout=WAIT)
