"""How much demo data each scale makes (one territory per rep)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scale:
    name: str
    regions: int
    districts: int
    reps: int
    institutions: int
    doctors: int
    weeks: int = 26  # about six months of plans and visits
    visits_per_day: tuple[int, int] = (6, 10)  # per rep per working day (mean 8)


SCALES: dict[str, Scale] = {
    "small": Scale("small", regions=1, districts=2, reps=12, institutions=400, doctors=3_000),
    "medium": Scale("medium", regions=3, districts=25, reps=300, institutions=10_000, doctors=60_000),
    "large": Scale("large", regions=30, districts=250, reps=3_000, institutions=80_000,
                   doctors=110_000, visits_per_day=(7, 11)),
}
