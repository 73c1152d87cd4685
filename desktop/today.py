"""The Today page's summary (queries: ``local_store.read.today``); run through ``Ops.query``."""

from __future__ import annotations

from local_store.read.today import (
    TodaySummary,
    today_summary,
)

__all__ = ["TodaySummary", "today_summary"]
