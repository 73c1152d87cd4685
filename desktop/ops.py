"""Operations: how a widget reads or changes the replica without touching it.

Modelled on Anki's ``QueryOp``/``CollectionOp`` (``qt/aqt/operations``): a widget hands
``Ops`` a function of the replica and a success callback. The function runs off the UI
thread (reads on the read pool, writes on the single writer thread of
``desktop.tasks.TaskManager``); the callback runs on the UI thread. A failure arrives
as an ``OpFailure`` whose ``message`` is already translated for the user, never as a
raw exception. After a write, ``Ops.changed`` carries the names of the tables the write
changed, so every open page decides for itself whether to refresh.

Widgets hold an ``Ops``, never an ``Engine`` or a connection: the replica handle that
reaches the function is opaque to them (typed ``ReplicaHandle``), and the function is
one of ``desktop``'s or ``local_store``'s, which own every statement.

Work that needs no replica (an HTTP call, a password check) goes through ``Ops.call``:
same delivery, same translated failures, on the network pool.

A failure with no ``on_error`` goes to ``Ops.failed``; when nothing listens there either,
the task manager reports it like any unhandled background error (never swallowed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QMetaMethod, QObject, Signal
from sqlalchemy.engine import Engine

from desktop.tasks import TaskManager
from local_store.errors import NotInReplica
from local_store.writes import InvalidLocalChange, RowLocked

T = TypeVar("T")

ReplicaHandle = Engine
"""What an operation's function receives: the open replica (opaque to widgets)."""

SYNCED = "sync"
"""The name ``Ops.changed`` carries after a sync: any table may have changed."""


@dataclass(frozen=True, slots=True)
class OpFailure:
    """A failed operation as the UI shows it: a translated message and the cause."""

    message: str
    error: BaseException


def describe_failure(error: BaseException) -> str:
    """The user-facing, translated text for an operation's exception."""
    if isinstance(error, OSError) and getattr(error, "errno", None) == 28:
        return QCoreApplication.translate("Ops", "The disk is full: free some space and try again.")
    if isinstance(error, PermissionError):
        return QCoreApplication.translate(
            "Ops", "FieldRep may not write to its data folder ({detail}).").format(
                detail=error.filename or error)
    worded = _replica_refusal(error)
    if worded is not None:
        return worded
    text = str(error).strip()
    if text and isinstance(error, ValueError):
        return text  # our own rules raise ValueError with a message meant for the user
    return QCoreApplication.translate("Ops", "Something went wrong: {detail}").format(
        detail=text or type(error).__name__)


def _replica_refusal(error: BaseException) -> str | None:
    """The replica's refusals that say what happened as data, in the user's language
    (their ``str()`` is English, for logs)."""
    if isinstance(error, RowLocked):
        if error.table == "visits":
            return QCoreApplication.translate(
                "Ops", "This visit is submitted and locked: record a correction as a new visit.")
        if error.table == "evaluations":
            return QCoreApplication.translate(
                "Ops", "This evaluation is submitted and locked: record a correction as a new "
                "evaluation.")
        return QCoreApplication.translate(
            "Ops", "This record is submitted and can no longer be changed.")
    if isinstance(error, NotInReplica):
        return QCoreApplication.translate(
            "Ops", "This record is no longer on this computer (a sync may have removed it). "
            "Refresh the page.")
    if isinstance(error, InvalidLocalChange):
        if error.reason == "no_user":
            return QCoreApplication.translate(
                "Ops", "Sign in once online first: this computer does not know your account yet.")
        if error.reason == "no_template":
            return QCoreApplication.translate(
                "Ops", "No evaluation template for your role has reached this computer yet: "
                "sync, or ask your administrator to publish one.")
        if error.reason == "no_district":
            return QCoreApplication.translate(
                "Ops", "Your account belongs to no district, so the receipt has no one to go to.")
    return None


class Ops(QObject):
    """Runs replica operations for widgets; see the module docstring."""

    changed = Signal(frozenset)  # names of the tables a write (or a sync) changed
    failed = Signal(object)  # an OpFailure nobody handled (the main window shows it)

    def __init__(self, tasks: TaskManager, replica: ReplicaHandle,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._replica = replica
        self._announcing = False
        # The older string channel still reaches pages that listen to it.
        tasks.operation_executed.connect(self._forward_legacy)

    def query(self, op: Callable[[ReplicaHandle], T], on_done: Callable[[T], None] | None = None,
              on_error: Callable[[OpFailure], None] | None = None) -> Future[T]:
        """Run a read of the replica on the read pool; ``on_done(result)`` on the UI thread."""
        replica = self._replica
        return self.tasks.run_read(lambda: op(replica), on_done, self._failure_handler(on_error))

    def write(self, op: Callable[[ReplicaHandle], T], *,
              changes: Iterable[str] | Callable[[T], Iterable[str]],
              on_done: Callable[[T], None] | None = None,
              on_error: Callable[[OpFailure], None] | None = None) -> Future[T]:
        """Run a write on the writer thread; on success announce ``changes`` (table names)
        and then call ``on_done(result)`` on the UI thread.

        ``changes`` may be a function of the result, for a write that sometimes changes
        nothing (an autosave with nothing new announces ``()``: no page refreshes)."""
        replica = self._replica
        fixed = None if callable(changes) else frozenset(changes)

        def done(result: T) -> None:
            tables = fixed if fixed is not None else frozenset(changes(result))  # type: ignore[operator]
            if tables:
                self.announce(tables)
            if on_done is not None:
                on_done(result)

        return self.tasks.run_db(lambda: op(replica), done, self._failure_handler(on_error))

    def call(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
             on_error: Callable[[OpFailure], None] | None = None) -> Future[T]:
        """Run ``fn`` (no replica: HTTP, a password check) on the network pool."""
        return self.tasks.run_net(fn, on_done, self._failure_handler(on_error))

    def announce(self, tables: Iterable[str]) -> None:
        """Tell open pages that ``tables`` changed (e.g. after a sync applied pages)."""
        tables = frozenset(tables)
        self.changed.emit(tables)
        self._announcing = True
        try:
            for table in sorted(tables):
                self.tasks.operation_executed.emit(table)
        finally:
            self._announcing = False

    def _forward_legacy(self, what: str) -> None:
        if not self._announcing:
            self.changed.emit(frozenset({what}))

    def _failure_handler(self, on_error: Callable[[OpFailure], None] | None
                         ) -> Callable[[BaseException], None] | None:
        if on_error is None and not self.isSignalConnected(QMetaMethod.fromSignal(self.failed)):
            return None  # the task manager reports it (a test's synchronous run raises it)

        def handle(error: BaseException) -> None:
            failure = OpFailure(describe_failure(error), error)
            if on_error is not None:
                on_error(failure)
            else:
                self.failed.emit(failure)
        return handle


def run_with(ops: Ops, op: Callable[[ReplicaHandle], Any]) -> Any:
    """Run ``op`` on the replica inline (scripts and tests that hold an ``Ops``)."""
    return op(ops._replica)
