"""The task manager: one writer thread, callbacks on the main thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from desktop.tasks import SynchronousTaskManager, TaskManager


def test_db_tasks_run_in_order_on_one_thread_and_callbacks_on_the_main_thread(qtbot: Any) -> None:
    tasks = TaskManager()
    try:
        threads: list[str] = []
        order: list[int] = []
        callback_threads: list[threading.Thread] = []

        def job(i: int) -> int:
            threads.append(threading.current_thread().name)
            order.append(i)
            return i

        for i in range(10):
            tasks.run_db(lambda i=i: job(i),
                         on_done=lambda _r: callback_threads.append(threading.current_thread()))
        qtbot.waitUntil(lambda: len(callback_threads) == 10, timeout=5000)
        assert order == list(range(10))
        assert len(set(threads)) == 1 and threads[0].startswith("fieldrep-db")
        assert all(t is threading.main_thread() for t in callback_threads)
    finally:
        tasks.shutdown()


def test_errors_reach_on_error_on_the_main_thread(qtbot: Any) -> None:
    tasks = TaskManager()
    try:
        got: list[BaseException] = []

        def boom() -> None:
            raise ValueError("nope")

        tasks.run_net(boom, on_error=got.append)
        qtbot.waitUntil(lambda: bool(got), timeout=5000)
        assert isinstance(got[0], ValueError)
        with qtbot.waitSignal(tasks.operation_executed, timeout=2000) as blocker:
            tasks.run_read(lambda: tasks.notify("doctors"))
        assert blocker.args == ["doctors"]
    finally:
        tasks.shutdown()


def test_synchronous_manager_runs_inline(qtbot: Any) -> None:
    tasks = SynchronousTaskManager()
    seen: list[int] = []
    tasks.run_db(lambda: 41 + 1, on_done=seen.append)
    assert seen == [42]
    with pytest.raises(ZeroDivisionError):
        tasks.run_read(lambda: 1 / 0)
    errors: list[BaseException] = []
    tasks.run_read(lambda: 1 / 0, on_error=errors.append)
    assert isinstance(errors[0], ZeroDivisionError)
