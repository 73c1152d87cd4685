"""What the visit prints are made of: plain frozen dataclasses, and the sums over them.

The builders take these and nothing else (no database, no Qt), so a print can be
made from a replica (``desktop.printing_data``), from a test's hand-made data or from
a benchmark's generated data alike. Text arrives ready to print (names, not ids);
codes that the print translates (visit type, status, comment kind) arrive as codes.
Times are aware datetimes in the calendar the print is about (the company time zone).

Drafts: a visit summary either leaves drafts out or lists them marked "DRAFT" without
counting them in any total; ``VisitSummaryData.include_drafts`` says which and the
print states it under the title.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

DRAFT = "draft"
SUBMITTED = "submitted"
VISIT_TYPES = ("face_to_face", "phone", "department_meeting", "academic_event")
GRADES = ("A", "B", "C", "D")
UNGRADED = ""


@dataclass(frozen=True, slots=True)
class ProductLine:
    """One detailed product: its name, the key message delivered, the doctor's reaction."""

    product: str
    key_message: str = ""
    reaction: str = ""


@dataclass(frozen=True, slots=True)
class VisitEntry:
    """One visit as every visit print shows it."""

    id: str
    started_at: datetime
    ended_at: datetime | None
    rep_name: str
    doctor_name: str
    doctor_grade: str | None
    institution: str
    department: str
    visit_type: str
    purpose: str
    products: tuple[ProductLine, ...]
    feedback: str
    result: str
    next_step: str
    quality: float | None
    status: str
    accompanied_by: str = ""

    @property
    def is_draft(self) -> bool:
        return self.status != SUBMITTED


@dataclass(frozen=True, slots=True)
class DoctorFrequency:
    """One target doctor's visits against the frequency rule over the attainment window."""

    grade: str | None
    required: int
    done: int


@dataclass(frozen=True, slots=True)
class GradeAttainment:
    grade: str
    doctors: int
    required: int
    done: int
    credited: int  # visits counted toward attainment: at most ``required`` per doctor
    doctors_at_frequency: int

    @property
    def rate(self) -> float | None:
        return self.credited / self.required if self.required else None


@dataclass(frozen=True, slots=True)
class VisitSummaryData:
    """A rep's visits over a day, a week or a month.

    ``attainment`` covers the month of ``last`` from its first day to ``last`` (a day's
    or a week's print shows the month so far); ``attainment_from`` is that first day.
    """

    period: str  # "day" | "week" | "month"
    first: date
    last: date
    person: str
    visits: tuple[VisitEntry, ...]
    attainment: tuple[DoctorFrequency, ...] = ()
    attainment_from: date | None = None
    include_drafts: bool = True
    drafts_left_out: int = 0

    def shown_visits(self) -> list[VisitEntry]:
        return sorted((v for v in self.visits if self.include_drafts or not v.is_draft),
                      key=lambda v: (v.started_at, v.doctor_name, v.id))

    def counted_visits(self) -> list[VisitEntry]:
        """The visits every total counts: submitted ones."""
        return [v for v in self.shown_visits() if not v.is_draft]


@dataclass(frozen=True, slots=True)
class CommentEntry:
    author: str
    kind: str  # comment | suggestion | manager_note
    written_at: datetime | None
    text: str


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    reviewer: str
    reviewed_at: datetime | None
    exemplary: bool


@dataclass(frozen=True, slots=True)
class VisitRecordData:
    """One visit with its review thread and quality explanation."""

    visit: VisitEntry
    quality_reasons: tuple[str, ...] = ()
    comments: tuple[CommentEntry, ...] = ()
    reviews: tuple[ReviewEntry, ...] = ()
    amends: str = ""  # what the visit corrects, when it is a correction


@dataclass(frozen=True, slots=True)
class DoctorHistoryData:
    doctor_name: str
    grade: str | None
    title: str
    institution: str
    department: str
    specialty: str
    person: str  # who prints it
    visits: tuple[VisitEntry, ...]
    first: date | None = None  # the period covered (None: all of the replica's history)
    last: date | None = None


@dataclass(frozen=True, slots=True)
class RepFigures:
    """One rep's line of the team summary."""

    rep_name: str
    territory: str
    visits: int
    doctors_visited: int
    average_quality: float | None
    attainment: tuple[DoctorFrequency, ...] = ()
    drafts: int = 0


@dataclass(frozen=True, slots=True)
class TeamSummaryData:
    manager: str
    first: date
    last: date
    reps: tuple[RepFigures, ...]
    by_type: dict[str, int] = field(default_factory=dict)


# --- sums --------------------------------------------------------------------------------


def count_by_type(visits: Iterable[VisitEntry]) -> list[tuple[str, int]]:
    """Visits per type, the known types first in their fixed order, then any others."""
    counts = Counter(v.visit_type for v in visits)
    known = [(t, counts.pop(t)) for t in VISIT_TYPES if t in counts]
    return known + sorted(counts.items())


def count_by_grade(visits: Iterable[VisitEntry]) -> list[tuple[str, int]]:
    counts = Counter(v.doctor_grade or UNGRADED for v in visits)
    known = [(g, counts.pop(g)) for g in GRADES if g in counts]
    return known + sorted(counts.items())


def attainment_by_grade(doctors: Sequence[DoctorFrequency]) -> list[GradeAttainment]:
    """Per grade: doctors, visits required and done, visits credited (capped per doctor,
    so extra visits to one doctor never hide another's missing ones), doctors at frequency."""
    out = []
    grades = [g for g in GRADES if any(d.grade == g for d in doctors)]
    grades += sorted({d.grade for d in doctors if d.grade and d.grade not in GRADES})
    for grade in grades:
        mine = [d for d in doctors if d.grade == grade]
        out.append(GradeAttainment(
            grade=grade, doctors=len(mine), required=sum(d.required for d in mine),
            done=sum(d.done for d in mine), credited=sum(min(d.done, d.required) for d in mine),
            doctors_at_frequency=sum(1 for d in mine if d.required and d.done >= d.required)))
    return out


def overall_attainment(doctors: Sequence[DoctorFrequency]) -> float | None:
    required = sum(d.required for d in doctors)
    if not required:
        return None
    return sum(min(d.done, d.required) for d in doctors) / required


def average_quality(visits: Iterable[VisitEntry]) -> float | None:
    scores = [v.quality for v in visits if v.quality is not None]
    return sum(scores) / len(scores) if scores else None
