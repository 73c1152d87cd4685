"""The Data quality tab's list: the rules of ``domain.data_quality`` over the replica.

Composes ``local_store.read.data_quality`` (facts for the signed-in manager's reps) with
the pure rules into rows that carry names, not ids; the widget translates each row's
kind and detail code. Runs off the UI thread (``Ops.query``); works offline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from desktop.reports import export_table
from domain.data_quality import DEFAULT_RULES, KINDS, DataQualityRules, exceptions
from local_store.read.data_quality import quality_facts
from local_store.read.plans import company_calendar

__all__ = ["KINDS", "MANAGER_ROLES", "QualityRow", "QualityView", "default_range", "export_table",
           "load_quality"]

MANAGER_ROLES = ("dm", "rm", "admin")


@dataclass(frozen=True, slots=True)
class QualityRow:
    kind: str
    rep_id: str
    rep_name: str
    day: dt.date | None
    subject: str  # the doctor (and institution), or "" for a plan day
    detail: str  # a code the UI translates
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QualityView:
    first: dt.date
    last: dt.date
    today: dt.date
    rows: tuple[QualityRow, ...]
    reps: tuple[tuple[str, str], ...]  # (id, name) of everyone whose records were judged


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """Yesterday and today: what a manager checks in the morning."""
    return today - dt.timedelta(days=1), today


def load_quality(replica: Engine, first: dt.date | None = None, last: dt.date | None = None, *,
                 rules: DataQualityRules = DEFAULT_RULES) -> QualityView:
    """The exceptions of ``first``..``last`` (default: yesterday and today, company calendar)."""
    with replica.connect() as conn:
        if first is None or last is None:
            first, last = default_range(company_calendar(conn).today())
        facts = quality_facts(conn, first, last)
    names = {p.user_id: p.name for p in facts.people}
    found = exceptions(facts.visits, facts.doctors, facts.plan_days, facts.today, rules)
    rows = []
    for e in found:
        doctor = facts.doctor_names.get(e.doctor_id, "")
        place = facts.institution_names.get(e.institution_id, "")
        subject = f"{doctor} · {place}" if doctor and place else doctor or place
        rows.append(QualityRow(e.kind, e.rep_id, names.get(e.rep_id, ""), e.day, subject, e.detail, e.values))
    reps = tuple((p.user_id, p.name) for p in facts.people)
    return QualityView(first, last, facts.today, tuple(rows), reps)
