"""Operations for widgets: work off the UI thread, results and translated failures on it,
and writes that announce the tables they changed."""

from __future__ import annotations

import errno
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from desktop.ops import SYNCED, OpFailure, Ops, describe_failure
from desktop.tasks import SynchronousTaskManager, TaskManager
from local_store.errors import NotInReplica
from local_store.state import get_state, set_state
from local_store.writes import InvalidLocalChange, RowLocked
from tests.desktop.conftest import use_language

WAIT = 5000


@pytest.fixture
def threaded(qapp: Any) -> Any:
    tasks = TaskManager()
    yield tasks
    tasks.shutdown()


def _read_state(replica: Engine, key: str) -> str | None:
    with replica.connect() as conn:
        return get_state(conn, key)


def _write_state(replica: Engine, key: str, value: str) -> str:
    with replica.begin() as conn:
        set_state(conn, key, value)
    return value


def test_a_query_runs_off_the_ui_thread_and_answers_on_it(qtbot: Any, threaded: TaskManager,
                                                          replica: Engine) -> None:
    ops = Ops(threaded, replica)
    _write_state(replica, "greeting", "你好")
    worker: list[str] = []
    answered: list[tuple[str | None, threading.Thread]] = []

    def read(handle: Engine) -> str | None:
        worker.append(threading.current_thread().name)
        return _read_state(handle, "greeting")

    ops.query(read, on_done=lambda value: answered.append((value, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    assert answered == [("你好", threading.main_thread())]
    assert worker[0].startswith("fieldrep-io")


def test_a_write_runs_on_the_writer_thread_and_announces_its_tables_before_on_done(
        qtbot: Any, threaded: TaskManager, replica: Engine) -> None:
    ops = Ops(threaded, replica)
    events: list[Any] = []
    ops.changed.connect(lambda tables: events.append(("changed", tables)))
    worker: list[str] = []

    def write(handle: Engine) -> str:
        worker.append(threading.current_thread().name)
        return _write_state(handle, "greeting", "hello")

    ops.write(write, changes={"visits", "outbox"}, on_done=lambda r: events.append(("done", r)))
    qtbot.waitUntil(lambda: len(events) == 2, timeout=WAIT)
    assert events == [("changed", frozenset({"visits", "outbox"})), ("done", "hello")]
    assert worker[0].startswith("fieldrep-db")
    assert _read_state(replica, "greeting") == "hello"


def test_a_write_may_name_its_tables_from_its_result_and_announce_nothing(
        qtbot: Any, replica: Engine) -> None:
    ops = Ops(SynchronousTaskManager(), replica)
    announced: list[frozenset[str]] = []
    ops.changed.connect(announced.append)
    ops.write(lambda handle: 0, changes=lambda count: {"comment_reads"} if count else ())
    ops.write(lambda handle: 2, changes=lambda count: {"comment_reads"} if count else ())
    assert announced == [frozenset({"comment_reads"})]


def test_a_failure_arrives_translated_on_the_ui_thread_and_announces_nothing(
        qtbot: Any, threaded: TaskManager, replica: Engine) -> None:
    ops = Ops(threaded, replica)
    announced: list[frozenset[str]] = []
    ops.changed.connect(announced.append)
    failures: list[tuple[OpFailure, threading.Thread]] = []

    def full_disk(_handle: Engine) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    ops.write(full_disk, changes={"visits"},
              on_error=lambda f: failures.append((f, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
    failure, thread = failures[0]
    assert thread is threading.main_thread()
    assert failure.message == "The disk is full: free some space and try again."
    assert isinstance(failure.error, OSError)
    assert announced == []


def test_our_rules_speak_for_themselves_and_other_errors_say_what_happened() -> None:
    assert describe_failure(ValueError("the visit needs a doctor")) == "the visit needs a doctor"
    assert describe_failure(KeyError("x")) == "Something went wrong: 'x'"
    assert describe_failure(RuntimeError()) == "Something went wrong: RuntimeError"
    denied = PermissionError(errno.EACCES, "denied", str(Path("/data/replica.sqlite3")))
    assert describe_failure(denied) == "FieldRep may not write to its data folder (/data/replica.sqlite3)."


def test_the_replicas_refusals_are_worded_in_the_users_language(qapp: Any) -> None:
    """Their ``str()`` is English for logs; the user reads what happened, in Chinese too."""
    refusals = [RowLocked("this visit is submitted and locked", table="visits"),
                RowLocked("this evaluation is submitted and locked", table="evaluations"),
                NotInReplica("visit_plans", "p1"),
                InvalidLocalChange("sign in once", reason="no_user"),
                InvalidLocalChange("no template", reason="no_template")]
    english = [describe_failure(e) for e in refusals]
    assert english[0] == ("This visit is submitted and locked: record a correction as a "
                          "new visit.")
    assert "no longer on this computer" in english[2]
    with use_language(qapp, "zh_CN"):
        chinese = [describe_failure(e) for e in refusals]
    for text, error in zip(chinese, refusals, strict=True):
        assert text and not text.isascii() and str(error) not in text, text


def test_an_unhandled_failure_goes_to_failed_or_is_raised_when_nobody_listens(
        qtbot: Any, replica: Engine) -> None:
    ops = Ops(SynchronousTaskManager(), replica)
    with pytest.raises(ZeroDivisionError):  # nobody listens: never swallowed
        ops.query(lambda _handle: 1 / 0)
    shown: list[OpFailure] = []
    ops.failed.connect(shown.append)
    ops.query(lambda _handle: 1 / 0)
    assert [type(f.error) for f in shown] == [ZeroDivisionError]


def test_call_runs_work_without_the_replica_and_translates_its_failure(
        qtbot: Any, threaded: TaskManager, replica: Engine) -> None:
    ops = Ops(threaded, replica)
    got: list[Any] = []
    ops.call(lambda: threading.current_thread().name, on_done=got.append)

    def unreachable() -> None:
        raise ConnectionError("no route")

    ops.call(unreachable, on_error=got.append)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=WAIT)
    name, failure = (got[0], got[1]) if isinstance(got[0], str) else (got[1], got[0])
    assert name.startswith("fieldrep-io")
    assert failure.message == "Something went wrong: no route"


def test_a_sync_reaches_pages_as_a_change_of_everything(qtbot: Any, replica: Engine) -> None:
    tasks = SynchronousTaskManager()
    ops = Ops(tasks, replica)
    announced: list[frozenset[str]] = []
    ops.changed.connect(announced.append)
    tasks.notify(SYNCED)
    assert announced == [frozenset({SYNCED})]
