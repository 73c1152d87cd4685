"""`fieldrep selftest`: the app drives itself through a rep's first hour, for the
installer's smoke test (packaging/smoke.py) and for IT checking an installation.

It runs the real application (``FieldRepApp``, normally offscreen): signs in with the
password from standard input, syncs, opens every page of the role, records a visit with
the server out of reach (``--stop-server-pid``, or simply no network), prints a visit
summary to ``--pdf`` and quits. Each step prints one line; a JSON line tells when the
first page was painted (wall clock), from which the smoke test reports
``package.cold_start_s``. The exit code is 0 only when every step passed
and no background task failed. Nothing here is a test double: the steps go through the
same operations the screens use.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import signal
import sys
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

STEP_TIMEOUT_S = 120.0


class SelfTestFailed(RuntimeError):
    pass


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="fieldrep selftest", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--server", required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--password-stdin", action="store_true", required=True,
                   help="read the password from the first line of standard input")
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--pdf", type=Path, required=True, help="where to write the printed summary")
    p.add_argument("--stop-server-pid", type=int, default=None,
                   help="stop this server process before recording the visit (to go offline)")
    return p


def wait_until(app: QApplication, done: Callable[[], bool], what: str,
               timeout: float = STEP_TIMEOUT_S) -> None:
    """Run the event loop until ``done()`` (or fail after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise SelfTestFailed(f"timed out waiting for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def say(text: str) -> None:
    print(f"selftest: {text}", flush=True)


def run(argv: Sequence[str]) -> int:
    started_wall = time.time()
    args = build_parser().parse_args(list(argv))
    password = sys.stdin.readline().rstrip("\r\n")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.app import FieldRepApp
    from desktop.settings import load_settings, open_qsettings

    app = QApplication.instance() or QApplication(["fieldrep"])
    assert isinstance(app, QApplication)
    store = open_qsettings(args.data_dir)
    settings = load_settings(store, data_dir=args.data_dir)
    settings.language = "zh_CN"
    controller = FieldRepApp(app, store, settings)
    failures: list[BaseException] = []
    controller.tasks.task_failed.connect(failures.append)
    shown: list[Any] = []
    controller.main_window_shown.connect(shown.append)
    try:
        QTimer.singleShot(0, lambda: controller.start(server_url=args.server, username=args.username,
                                                      password=password))
        wait_until(app, lambda: bool(shown), "the main window (sign-in)")
        window = shown[0]
        window.grab()  # paint the first page
        painted_wall = time.time()
        say(f"signed in as {args.username} and showed {window.page_keys()[0]}")
        _sync(app, window)
        _open_every_page(app, window)
        _go_offline(app, controller, args.stop_server_pid)
        _record_visit(app, controller)
        _print_summary(app, controller, args.pdf)
        if failures:
            raise SelfTestFailed(f"a background task failed: {failures[0]!r}")
        print(json.dumps({"event": "first_page_painted", "wall": painted_wall,
                          "after_start_s": round(painted_wall - started_wall, 3)}), flush=True)
        say("every step passed")
        return 0
    except SelfTestFailed as exc:
        say(f"FAILED: {exc}")
        return 1
    except Exception:
        traceback.print_exc()
        return 1
    finally:
        controller.shutdown()


def _sync(app: QApplication, window: Any) -> None:
    runner = window.runner
    results: list[Any] = []
    errors: list[str] = []
    runner.finished.connect(results.append)
    runner.failed.connect(lambda message, _exc: errors.append(message))
    wait_until(app, lambda: not runner.running, "the first automatic sync to finish", 60)
    if not runner.sync_now():
        wait_until(app, lambda: not runner.running, "the running sync", 60)
        runner.sync_now()
    wait_until(app, lambda: bool(results or errors), "the sync")
    if errors:
        raise SelfTestFailed(f"sync failed: {errors[0]}")
    say("synced")


def _open_every_page(app: QApplication, window: Any) -> None:
    for key in window.page_keys():
        page = window.show_page(key)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        page.grab()
        say(f"opened {key} ({type(page).__name__})")


def _go_offline(app: QApplication, controller: Any, pid: int | None) -> None:
    if pid is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    say("server stopped: offline from here")


def _record_visit(app: QApplication, controller: Any) -> None:
    """Save a draft visit of the first doctor through the operation the visit form uses."""
    from desktop.visit_form_data import load_context, new_visit_fields, save_fields

    ops = controller.ops
    visit_id = uuid.uuid4()
    outcome: list[Any] = []
    errors: list[Any] = []

    def save(replica: Any) -> Any:
        with replica.begin() as conn:
            context = load_context(conn)
            if not context.doctors:
                raise SelfTestFailed("no doctor in the replica to visit")
            fields = new_visit_fields(conn, doctor_id=context.doctors[0].id)
            fields["purpose"] = "自检：产品介绍"
            return save_fields(conn, visit_id, fields)

    ops.write(save, changes={"visits"}, on_done=outcome.append, on_error=errors.append)
    wait_until(app, lambda: bool(outcome or errors), "the visit to be saved")
    if errors:
        raise SelfTestFailed(f"could not save a visit offline: {errors[0].message}")
    say(f"recorded a visit offline ({visit_id})")


def _print_summary(app: QApplication, controller: Any, target: Path) -> None:
    from desktop.printing_data import company_today, print_visit_summary

    printed: list[Any] = []
    errors: list[Any] = []
    now = dt.datetime.now(dt.UTC)
    controller.ops.query(lambda replica: print_visit_summary(
                             replica, "month", company_today(replica), "zh_CN", now),
                         on_done=printed.append, on_error=errors.append)
    wait_until(app, lambda: bool(printed or errors), "the printed summary")
    if errors:
        raise SelfTestFailed(f"printing failed: {errors[0].message}")
    target.write_bytes(printed[0].pdf)
    say(f"printed the month's visit summary to {target} ({len(printed[0].pdf)} bytes)")
