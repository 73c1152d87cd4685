"""The Doctors screen's in-memory index: every doctor's search text and filter fields.

Why in memory: a keystroke must refilter up to 100k doctors in well under 50 ms on
a busy laptop. A SQLite scan with a join and a sort over 100k rows costs hundreds of
milliseconds there; a Python list comprehension over 100k short strings costs a few.
The index is a snapshot loaded from ``doctor_search`` in one narrow scan (~100k rows
in a fraction of a second, on the read pool) and is reloaded when the screen
refreshes (after a sync or any change: ``Ops.changed``).

Visits change far more often than doctors, so "behind on frequency" is not in the
snapshot: ``behind_keys`` computes it from this month's visits when asked.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.frequency import COUNTED_STATUS, FrequencyRule, frequency_gap
from local_store.read.search import doctor_search, normalise_query

DoctorKey = str  # uuid hex, as the replica stores it


@dataclass(frozen=True, slots=True)
class IndexFilter:
    """The in-memory part of a doctor filter (ids are hex keys)."""

    query: str = ""
    institution_id: DoctorKey | None = None
    department_id: DoctorKey | None = None
    title: str | None = None
    grade: str | None = None
    include_inactive: bool = False
    order: str = "name"  # "name" (pinyin) or "grade"


class DoctorIndex:
    """An immutable snapshot of the doctors' search and filter fields, in name order."""

    __slots__ = ("_blob", "_by_grade", "_starts", "active", "departments", "grades", "institutions",
                 "keys", "texts", "titles")

    def __init__(self, rows: Sequence[Sequence[Any]]) -> None:
        """``rows``: (key, text, institution id, department id, title, grade, status),
        already sorted by name (pinyin)."""
        self.keys = [r[0] for r in rows]
        self.texts = [r[1] for r in rows]
        self.institutions = [r[2] for r in rows]
        self.departments = [r[3] for r in rows]
        self.titles = [r[4] for r in rows]
        self.grades = [r[5] for r in rows]
        self.active = [r[6] == "active" for r in rows]
        self._by_grade: list[int] | None = None
        # All texts in one string, one per line, and where each line starts: a search is
        # then a few C-speed ``str.find`` calls instead of 100k Python-level tests.
        self._starts: list[int] = []
        offset = 0
        for text in self.texts:
            self._starts.append(offset)
            offset += len(text) + 1
        self._starts.append(offset)
        self._blob = "\n".join(self.texts) + "\n"

    def __len__(self) -> int:
        return len(self.keys)

    def _grade_order(self) -> list[int]:
        if self._by_grade is None:
            grades = self.grades
            self._by_grade = sorted(range(len(grades)), key=lambda i: grades[i] or "~")
        return self._by_grade

    def search(self, query: str) -> list[int]:
        """Positions (ascending) whose text contains ``query`` (already normalised)."""
        blob, starts, found = self._blob, self._starts, []
        pos = blob.find(query)
        while pos != -1:
            row = bisect_right(starts, pos) - 1
            found.append(row)
            pos = blob.find(query, starts[row + 1])
        return found

    def select(self, flt: IndexFilter, behind: set[DoctorKey] | None = None) -> list[DoctorKey]:
        """Keys matching ``flt`` (and in ``behind`` when given), in the filter's order.

        The search text goes first (``search``: C-speed), then each other active
        condition is one list comprehension over the survivors.
        """
        query = normalise_query(flt.query)
        picked: list[int] | range
        if query and flt.order != "grade":
            picked = self.search(query)
        elif query:
            hits = set(self.search(query))
            picked = [i for i in self._grade_order() if i in hits]
        else:
            picked = self._grade_order() if flt.order == "grade" else range(len(self.keys))
        if flt.grade:
            grades, grade = self.grades, flt.grade
            picked = [i for i in picked if grades[i] == grade]
        if flt.institution_id:
            insts, inst = self.institutions, flt.institution_id
            picked = [i for i in picked if insts[i] == inst]
        if flt.department_id:
            depts, dept = self.departments, flt.department_id
            picked = [i for i in picked if depts[i] == dept]
        if flt.title:
            titles, title = self.titles, flt.title
            picked = [i for i in picked if titles[i] == title]
        if not flt.include_inactive:
            active = self.active
            picked = [i for i in picked if active[i]]
        keys = self.keys
        if isinstance(picked, range):
            return list(keys) if behind is None else [k for k in keys if k in behind]
        if behind is not None:
            return [keys[i] for i in picked if keys[i] in behind]
        return [keys[i] for i in picked]


def load_doctor_index(conn: Connection) -> DoctorIndex:
    """Read the snapshot from ``doctor_search`` (run it on the read pool)."""
    s = doctor_search
    rows = conn.exec_driver_sql(
        f"SELECT doctor_id, text, institution_id, department_id, title, grade, status "
        f"FROM {s.name} ORDER BY pinyin_full, name").fetchall()
    return DoctorIndex(rows)


def behind_keys(conn: Connection, index: DoctorIndex, rule: FrequencyRule,
                window_start: dt.datetime, window_end: dt.datetime, day: int,
                days: int) -> set[DoctorKey]:
    """Target doctors of ``index`` with fewer visits this month than their grade requires
    by ``day`` (a manager's per-doctor ``target_override`` wins over the grade).

    Counts this month's counted visits (``FrequencyRule.counts_visit``) per doctor in one
    grouped query on the ``started_at`` index; the overrides are a second, small query.
    """
    counts: dict[str, int] = dict(conn.execute(sa.text(
        "SELECT doctor_id, count(*) FROM visits WHERE NOT deleted AND amends_visit_id IS NULL "
        "AND status = :status AND visit_type IN :types "
        "AND started_at >= :start AND started_at < :end GROUP BY doctor_id")
        .bindparams(sa.bindparam("types", expanding=True)),
        {"start": _stored(window_start), "end": _stored(window_end), "status": COUNTED_STATUS,
         "types": list(rule.counted_types)}).all())
    overrides: dict[str, bool] = {str(k): bool(v) for k, v in conn.execute(sa.text(
        "SELECT id, target_override FROM doctors WHERE target_override IS NOT NULL "
        "AND NOT deleted")).all()}
    due = {g: frequency_gap(g, 0, rule, day, days).expected_by_now
           for g in rule.visits_per_month}
    return {k for k, g in zip(index.keys, index.grades, strict=True)
            if g is not None and overrides.get(k, rule.is_target(g))
            and counts.get(k, 0) < due.get(g, 0)}


def _stored(value: dt.datetime) -> str:
    """A naive-UTC datetime as SQLAlchemy stores DateTime in SQLite (text compares in order)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")
