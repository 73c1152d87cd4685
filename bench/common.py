"""Helpers shared by the benchmarks."""

from __future__ import annotations

import json
import sys
from typing import Any

POSTGRES_SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432"


def emit(metric: str, value: float, unit: str, **extra: Any) -> None:
    """Print one metric as a single JSON line: ``{"metric", "value", "unit", **extra}``."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}, ensure_ascii=False),
          flush=True)
    sys.stdout.flush()
