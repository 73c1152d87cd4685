"""The admin overview's figures: one type for the server that counts them
(``server.admin.overview``) and the desktop that shows them (``desktop.company``).

A district's figures travel as flat JSON fields of the district (``as_json``); a
region's and the company's are sums of their districts' (``summed``), so their ratios
come from sums, never averaged from ratios.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def as_count(value: Any) -> int:
    """A count from an answer (anything unreadable counts 0: the page still opens)."""
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


@dataclass(slots=True)
class Figures:
    """Counts of a district, or their sums for a region or the company. The server
    adds to them while it counts; the desktop reads them."""

    territories: int = 0
    reps: int = 0
    managers: int = 0
    doctors: int = 0
    doctors_by_grade: dict[str, int] = field(default_factory=dict)
    institutions: int = 0
    visits_this_month: int = 0
    visits_last_month: int = 0
    target_doctors: int = 0
    targets_visited: int = 0
    visits_required: int = 0
    visits_done: int = 0

    @property
    def coverage(self) -> float | None:
        """Share of target doctors seen at least once this month (None: no targets)."""
        return _ratio(self.targets_visited, self.target_doctors)

    @property
    def attainment(self) -> float | None:
        """Visits done (capped per doctor) against visits required this month."""
        return _ratio(self.visits_done, self.visits_required)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Figures:
        """The figures of a district's JSON (``as_json``)."""
        return cls(**{name: as_count(data.get(name)) for name in FIGURE_COUNTS},
                   doctors_by_grade={str(k): as_count(v) for k, v in
                                     dict(data.get("doctors_by_grade") or {}).items()})

    @classmethod
    def summed(cls, parts: Sequence[Figures], *, institutions: int) -> Figures:
        """The sum of ``parts``; institutions come apart (one can serve two districts)."""
        grades: dict[str, int] = {}
        for part in parts:
            for grade, n in part.doctors_by_grade.items():
                grades[grade] = grades.get(grade, 0) + n
        counts = {name: sum(getattr(p, name) for p in parts) for name in FIGURE_COUNTS}
        counts["institutions"] = institutions
        return cls(**counts, doctors_by_grade=grades)


FIGURE_COUNTS: tuple[str, ...] = tuple(f.name for f in fields(Figures)
                                       if f.name != "doctors_by_grade")
