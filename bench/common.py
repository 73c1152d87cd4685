"""Helpers shared by the benchmarks."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

POSTGRES_SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432"


def emit(metric: str, value: float, unit: str, **extra: Any) -> None:
    """Print one metric as a single JSON line: ``{"metric", "value", "unit", **extra}``."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}, ensure_ascii=False),
          flush=True)
    sys.stdout.flush()


def emit_machine_speed(when: str) -> None:
    """Print how fast this machine runs plain Python right now (``bench.machine_loop_s``:
    best of three runs of 10 million additions in a loop: 0.36 s at its fastest on the
    2-core machine the issue figures were taken on, up to twice that when its host is
    busy). A shared host's speed moves during a run: these lines say at which speed
    the figures around them were taken."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - started)
    emit("bench.machine_loop_s", round(best, 3), "s", when=when)
