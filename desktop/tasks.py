"""Background work for the desktop app: one database writer, a pool for reads and network.

Threading rule (as in Anki's ``taskman``): every write to the replica, and the sync
engine's database work, runs on ONE writer thread, so writes never race each other
and SQLite never sees two writers. Reads of the replica and HTTP calls run on a small
pool. Callbacks (``on_done``/``on_error``) always run on the Qt main thread, delivered
by a queued signal, so they may touch widgets. After a write that changed something,
call ``notify(what)``: ``operation_executed(what)`` lets each screen decide whether to
refresh. A callback whose widget was destroyed meanwhile is dropped quietly.

``SynchronousTaskManager`` runs everything inline (tests, scripts). This module
depends on nothing else in ``desktop``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

T = TypeVar("T")

DoneCallback = Callable[[Any], None] | None
ErrorCallback = Callable[[BaseException], None] | None


class TaskManager(QObject):
    """Runs callables off the UI thread; see the module docstring for the threading rule."""

    operation_executed = Signal(str)
    task_failed = Signal(object)  # every exception of a task (after its on_error), e.g. a full disk
    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None, *, read_workers: int = 4) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldrep-db")
        self._pool = ThreadPoolExecutor(max_workers=read_workers, thread_name_prefix="fieldrep-io")
        self._closed = False
        self._deliver.connect(self._run_callback, Qt.ConnectionType.QueuedConnection)

    # --- public API -----------------------------------------------------------------

    def run_db(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Future[T]:
        """Run ``fn`` on the single database-writer thread (writes, sync)."""
        return self._submit(self._db, fn, on_done, on_error)

    def run_read(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None) -> Future[T]:
        """Run ``fn`` (a replica read) on the pool."""
        return self._submit(self._pool, fn, on_done, on_error)

    def run_net(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None) -> Future[T]:
        """Run ``fn`` (an HTTP call) on the pool."""
        return self._submit(self._pool, fn, on_done, on_error)

    def notify(self, what: str) -> None:
        """Announce that ``what`` changed (call from any thread; emitted on the main thread)."""
        self._deliver.emit(lambda: self.operation_executed.emit(what))

    def shutdown(self, wait: bool = True) -> None:
        """Stop accepting work; with ``wait`` let running tasks finish (queued ones are dropped)."""
        self._closed = True
        self._db.shutdown(wait=wait, cancel_futures=True)
        self._pool.shutdown(wait=wait, cancel_futures=True)

    # --- plumbing ---------------------------------------------------------------------

    def _submit(self, executor: ThreadPoolExecutor, fn: Callable[[], T],
                on_done: Callable[[T], None] | None,
                on_error: Callable[[BaseException], None] | None) -> Future[T]:
        if self._closed:
            failed: Future[T] = Future()
            failed.set_exception(RuntimeError("the task manager is shut down"))
            return failed
        future = executor.submit(fn)
        future.add_done_callback(lambda f: self._finished(f, on_done, on_error))
        return future

    def _finished(self, future: Future[Any], on_done: DoneCallback, on_error: ErrorCallback) -> None:
        if future.cancelled():
            return
        exc = future.exception()
        if exc is not None:
            if on_error is not None:
                self._deliver.emit(lambda: on_error(exc))
            else:
                self._deliver.emit(lambda: report_unhandled(exc))
            self._deliver.emit(lambda: self.task_failed.emit(exc))
        elif on_done is not None:
            result = future.result()
            self._deliver.emit(lambda: on_done(result))

    @Slot(object)
    def _run_callback(self, callback: Callable[[], None]) -> None:
        try:
            callback()
        except RuntimeError as exc:
            # The widget that asked was closed while the task ran: nothing left to update.
            if "already deleted" not in str(exc):
                raise


def report_unhandled(exc: BaseException) -> None:
    """A background error nobody asked about: report it on the main thread, never swallow it."""
    threading.excepthook(threading.ExceptHookArgs((type(exc), exc, exc.__traceback__, None)))


class SynchronousTaskManager(TaskManager):
    """Runs every task inline on the calling thread (tests): callbacks before ``run_*`` returns."""

    def __init__(self, parent: QObject | None = None) -> None:
        QObject.__init__(self, parent)
        self._closed = False

    def _submit(self, executor: ThreadPoolExecutor | None, fn: Callable[[], T],
                on_done: Callable[[T], None] | None,
                on_error: Callable[[BaseException], None] | None) -> Future[T]:
        future: Future[T] = Future()
        try:
            result = fn()
        except BaseException as exc:
            future.set_exception(exc)
            self.task_failed.emit(exc)
            if on_error is None:
                raise
            on_error(exc)
            return future
        future.set_result(result)
        if on_done is not None:
            on_done(result)
        return future

    def run_db(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Future[T]:
        return self._submit(None, fn, on_done, on_error)

    def run_read(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None) -> Future[T]:
        return self._submit(None, fn, on_done, on_error)

    def run_net(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None) -> Future[T]:
        return self._submit(None, fn, on_done, on_error)

    def notify(self, what: str) -> None:
        self.operation_executed.emit(what)

    def shutdown(self, wait: bool = True) -> None:
        self._closed = True
