"""Which doctors to plan next, best first, with the reasons a rep reads.

The ranking adds points for what a sales manager would ask about first:

* **behind pace** — visits still due by today under the frequency rule weigh most;
  the rest of the month's remaining visits weigh less (they can still wait);
* **grade** — an A doctor before a D doctor at equal need;
* **days since the last counted visit** — capped, so a doctor never seen does not
  swamp everything else;
* **a next-visit date** the rep set on an earlier visit, falling in the planned week
  (or already past);
* **an institution already planned that day** — the same trip, almost no extra travel.

Doctors already planned this week, and non-targets with nothing due, are left out.
Pure: the inputs are plain values read by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

POINTS_PER_DUE_VISIT = 30.0
POINTS_PER_REMAINING_VISIT = 8.0
GRADE_POINTS = {"A": 20.0, "B": 12.0, "C": 6.0, "D": 2.0}
POINTS_PER_IDLE_DAY = 0.5
IDLE_DAYS_CAP = 60
NEVER_SEEN_DAYS = IDLE_DAYS_CAP
NEXT_VISIT_DUE_POINTS = 25.0
SAME_INSTITUTION_POINTS = 15.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the ranking needs to know about one doctor."""

    key: str
    name: str
    institution_key: str | None
    institution: str
    grade: str | None
    target: bool
    required: int
    done: int
    expected_by_now: int
    last_visit: dt.date | None
    next_visit_date: dt.date | None


@dataclass(frozen=True, slots=True)
class Suggestion:
    candidate: Candidate
    score: float
    reasons: tuple[str, ...]  # codes: behind, grade, idle, next_visit, same_institution

    @property
    def key(self) -> str:
        return self.candidate.key


def rank(candidates: Iterable[Candidate], *, today: dt.date, week_end: dt.date,
         planned_keys: frozenset[str] = frozenset(),
         institutions_that_day: frozenset[str] = frozenset(),
         limit: int | None = None) -> list[Suggestion]:
    """Candidates not planned yet, scored and sorted best first (ties: by name)."""
    out: list[Suggestion] = []
    for c in candidates:
        if c.key in planned_keys:
            continue
        due = max(0, c.expected_by_now - c.done)
        remaining = max(0, c.required - c.done)
        if not c.target and remaining == 0 and c.next_visit_date is None:
            continue
        score = 0.0
        reasons: list[str] = []
        if c.target and due:
            score += due * POINTS_PER_DUE_VISIT
            reasons.append("behind")
        if c.target:
            score += (remaining - due) * POINTS_PER_REMAINING_VISIT
        grade_points = GRADE_POINTS.get(c.grade or "", 0.0)
        score += grade_points
        if c.grade in ("A", "B"):
            reasons.append("grade")
        idle = (today - c.last_visit).days if c.last_visit else NEVER_SEEN_DAYS
        score += min(max(idle, 0), IDLE_DAYS_CAP) * POINTS_PER_IDLE_DAY
        if idle >= IDLE_DAYS_CAP // 2:
            reasons.append("idle")
        if c.next_visit_date is not None and c.next_visit_date <= week_end:
            score += NEXT_VISIT_DUE_POINTS
            reasons.append("next_visit")
        if c.institution_key is not None and c.institution_key in institutions_that_day:
            score += SAME_INSTITUTION_POINTS
            reasons.append("same_institution")
        out.append(Suggestion(c, round(score, 2), tuple(reasons)))
    out.sort(key=lambda s: (-s.score, s.candidate.name, s.key))
    return out[:limit] if limit is not None else out


def split_week(doctors: Sequence[tuple[str, str | None]], days: Sequence[dt.date],
               max_per_day: int) -> dict[str, dt.date]:
    """Spread ``doctors`` (key, institution key) over ``days``: doctors of one institution
    stay on one day, days fill evenly up to ``max_per_day`` (the rep's rule), in the
    order given (best first). Doctors that do not fit are left out of the answer."""
    if not days or max_per_day <= 0:
        return {}
    groups: dict[str, list[str]] = {}
    for key, institution in doctors:
        groups.setdefault(institution or f"doctor:{key}", []).append(key)
    load = {day: 0 for day in days}
    out: dict[str, dt.date] = {}
    for members in groups.values():
        day = min(days, key=lambda d: (load[d], d))
        room = max_per_day - load[day]
        for key in members[:room]:
            out[key] = day
        load[day] += min(room, len(members))
    return out
