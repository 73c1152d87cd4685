"""Doctor grading (A/B/C/D): a weighted score of the doctor's attributes.

Pure rule code shared by the server (grading on import/seed/admin edits) and the
desktop (showing the explanation). A ``GradingRule`` is data the admin edits; its JSON
form is exactly the ``grading_rules`` table's ``weights``/``bands``/``thresholds``.

Each attribute is turned into 0–100 points by its band, multiplied by its weight, and
the contributions are summed; the score is divided by the sum of the weights, so
weights need not add up to 1. The explanation lists every term so the UI can show
"医院等级 三级甲等: 100 × 0.30 = 30".

Product potential is a 0–5 rating per product. The rule uses the **maximum** over the
doctor's products: a doctor who is key for one product is a key doctor for the rep
who sells it, and a mean would punish specialists for the products they never see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Attribute keys, in explanation order.
HOSPITAL_LEVEL = "hospital_level"
TITLE = "title"
OUTPATIENT = "outpatient_per_month"
BEDS = "department_beds"
POTENTIAL = "product_potential"

ATTRIBUTE_LABELS: dict[str, str] = {
    HOSPITAL_LEVEL: "医院等级",
    TITLE: "职称",
    OUTPATIENT: "科室月门诊量",
    BEDS: "科室床位数",
    POTENTIAL: "产品潜力",
}

LEVEL_LABELS: dict[str, str] = {
    "3A": "三级甲等", "3B": "三级乙等", "3C": "三级丙等",
    "2A": "二级甲等", "2B": "二级乙等", "2C": "二级丙等",
    "1": "一级", "unrated": "未定级",
}

TITLE_LABELS: dict[str, str] = {
    "chief": "主任医师", "associate_chief": "副主任医师", "attending": "主治医师",
    "resident": "住院医师", "pharmacist": "药师",
}

GRADES = ("A", "B", "C", "D")


@dataclass(frozen=True, slots=True)
class Band:
    """Turns one raw attribute value into 0–100 points.

    ``categories`` maps a code (hospital level, title) to points; ``steps`` is a list
    of ``(minimum, points)`` for numbers, the first step whose minimum the value
    reaches wins (steps are kept sorted high to low). Missing or unknown values get
    ``default``.
    """

    categories: Mapping[str, float] = field(default_factory=dict)
    steps: tuple[tuple[float, float], ...] = ()
    default: float = 0.0

    def points(self, value: Any) -> float:
        if value is None:
            return self.default
        if self.categories:
            return float(self.categories.get(str(value), self.default))
        for minimum, pts in self.steps:
            if float(value) >= minimum:
                return float(pts)
        return self.default

    def to_json(self) -> dict[str, Any]:
        if self.categories:
            return {"type": "category", "points": dict(self.categories), "default": self.default}
        return {"type": "range", "steps": [[m, p] for m, p in self.steps], "default": self.default}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Band:
        default = float(data.get("default", 0))
        if data.get("type") == "category":
            return cls(categories={str(k): float(v) for k, v in data["points"].items()},
                       default=default)
        steps = sorted(((float(m), float(p)) for m, p in data.get("steps", [])), reverse=True)
        return cls(steps=tuple(steps), default=default)


@dataclass(frozen=True, slots=True)
class GradingRule:
    """Weights and bands per attribute, and the minimum score of each grade."""

    weights: Mapping[str, float]
    bands: Mapping[str, Band]
    thresholds: Mapping[str, float]  # grade -> minimum score; the lowest grade has 0

    def to_json(self) -> dict[str, Any]:
        """The ``grading_rules`` columns: ``{"weights": …, "bands": …, "thresholds": …}``."""
        return {
            "weights": dict(self.weights),
            "bands": {k: b.to_json() for k, b in self.bands.items()},
            "thresholds": dict(self.thresholds),
        }

    @classmethod
    def from_json(cls, weights: Mapping[str, Any], bands: Mapping[str, Any],
                  thresholds: Mapping[str, Any]) -> GradingRule:
        return cls(
            weights={k: float(v) for k, v in weights.items()},
            bands={k: Band.from_json(v) for k, v in bands.items()},
            thresholds={k: float(v) for k, v in thresholds.items()},
        )

    def grade_for(self, score: float) -> str:
        ordered = sorted(self.thresholds.items(), key=lambda kv: kv[1], reverse=True)
        for grade, minimum in ordered:
            if score >= minimum:
                return grade
        return ordered[-1][0] if ordered else "D"


@dataclass(frozen=True, slots=True)
class DoctorAttributes:
    """What grading looks at. ``product_potential`` maps product id/code to 0–5."""

    hospital_level: str | None = None
    title: str | None = None
    outpatient_per_month: int | None = None
    department_beds: int | None = None
    product_potential: Mapping[str, int] = field(default_factory=dict)

    def value_of(self, attribute: str) -> Any:
        if attribute == POTENTIAL:
            return max(self.product_potential.values(), default=None)
        return getattr(self, attribute)


@dataclass(frozen=True, slots=True)
class GradeResult:
    grade: str
    score: float
    explanation: list[dict[str, Any]]


def _value_label(attribute: str, value: Any) -> str:
    if value is None:
        return "未知"
    if attribute == HOSPITAL_LEVEL:
        return LEVEL_LABELS.get(str(value), str(value))
    if attribute == TITLE:
        return TITLE_LABELS.get(str(value), str(value))
    return str(value)


def grade_doctor(attrs: DoctorAttributes, rule: GradingRule) -> GradeResult:
    """Score and grade a doctor; the explanation has one entry per weighted attribute.

    Entry: ``{attribute, label, value, value_label, points, weight, contribution}``;
    contributions add up to the score when the weights add up to 1.
    """
    total_weight = sum(rule.weights.values()) or 1.0
    explanation: list[dict[str, Any]] = []
    raw = 0.0
    for attribute, weight in rule.weights.items():
        value = attrs.value_of(attribute)
        band = rule.bands.get(attribute, Band())
        points = band.points(value)
        contribution = round(points * weight / total_weight, 2)
        raw += points * weight
        explanation.append({
            "attribute": attribute,
            "label": ATTRIBUTE_LABELS.get(attribute, attribute),
            "value": value,
            "value_label": _value_label(attribute, value),
            "points": points,
            "weight": weight,
            "contribution": contribution,
        })
    score = round(raw / total_weight, 2)
    return GradeResult(grade=rule.grade_for(score), score=score, explanation=explanation)


def score_doctor(attrs: DoctorAttributes, rule: GradingRule) -> tuple[str, float]:
    """(grade, score) exactly as ``grade_doctor`` computes them, without building the
    explanation: what a regrade of 100,000 doctors needs for the ones that do not change."""
    total_weight = sum(rule.weights.values()) or 1.0
    raw = 0.0
    bands = rule.bands
    for attribute, weight in rule.weights.items():
        band = bands.get(attribute)
        raw += (band.points(attrs.value_of(attribute)) if band is not None else 0.0) * weight
    score = round(raw / total_weight, 2)
    return rule.grade_for(score), score


def explanation_line(entry: Mapping[str, Any]) -> str:
    """One entry as the UI shows it: ``医院等级 三级甲等: 100 × 0.30 = 30``."""
    return (f"{entry['label']} {entry['value_label']}: "
            f"{entry['points']:g} × {entry['weight']:.2f} = {entry['contribution']:g}")


def default_grading_rule() -> GradingRule:
    """The rule a new installation starts with (admins tune it later)."""
    return GradingRule(
        weights={HOSPITAL_LEVEL: 0.30, TITLE: 0.25, OUTPATIENT: 0.15, BEDS: 0.10, POTENTIAL: 0.20},
        bands={
            HOSPITAL_LEVEL: Band(categories={"3A": 100, "3B": 85, "3C": 75, "2A": 65, "2B": 55,
                                             "2C": 50, "1": 30, "unrated": 15}),
            TITLE: Band(categories={"chief": 100, "associate_chief": 80, "attending": 60,
                                    "resident": 35, "pharmacist": 30}),
            OUTPATIENT: Band(steps=((3000, 100), (1500, 80), (800, 60), (300, 40), (0, 20))),
            BEDS: Band(steps=((80, 100), (50, 80), (30, 60), (10, 40), (0, 20))),
            POTENTIAL: Band(steps=((5, 100), (4, 80), (3, 60), (2, 40), (1, 20), (0, 0))),
        },
        thresholds={"A": 80, "B": 60, "C": 40, "D": 0},
    )
