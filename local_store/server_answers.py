"""Answers of read-only server endpoints kept in the replica for offline display.

Some pages show what the server computes rather than replicated rows (an admin's
company overview: aggregates of data their replica never holds). The last answer is
kept in the replica's key/value state, so it is encrypted with the rest and shown
offline with the time it was fetched. Not synced: nothing here goes to the server.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from local_store.state import get_state, set_state

PREFIX = "answer."


@dataclass(frozen=True, slots=True)
class KeptAnswer:
    fetched_at: dt.datetime
    body: dict[str, Any]


def keep_answer(replica: Engine, name: str, body: dict[str, Any],
                fetched_at: dt.datetime) -> None:
    with replica.begin() as conn:
        set_state(conn, PREFIX + name, json.dumps(
            {"fetched_at": fetched_at.isoformat(), "body": body}, ensure_ascii=False,
            default=str))


def kept_answer(replica: Engine, name: str) -> KeptAnswer | None:
    """The last answer kept under ``name``; None when none (or it cannot be read)."""
    with replica.connect() as conn:
        raw = get_state(conn, PREFIX + name)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return KeptAnswer(dt.datetime.fromisoformat(data["fetched_at"]), dict(data["body"]))
    except (ValueError, KeyError, TypeError):
        return None
