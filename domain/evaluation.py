"""Accompanied-visit evaluations (随访 DM→rep, 协访 RM→DM): templates, the weighted
total, validation of a form, and the evaluatee's indicators at the date.

One function, ``weighted_total``, computes the total: the form shows it live and the
server recomputes and stores it on every push, so the two can never disagree. It is the
weighted mean of the scored competencies in template order (a draft with some scores
still missing shows the mean of what is scored; a submission needs every score),
rounded to two decimals.

A template is one immutable *version*: its competencies (code, names, description,
weight, anchored descriptions per level) and its scale. An evaluation names the
version it was made with; changing a template makes a new version row.

Indicators are pure functions over plain inputs (the evaluatee's target doctors, their
visits and planned visits of the month): the desktop reads those from the replica and
stores the snapshot on the evaluation, so a printed form shows the figures as they were
on the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.evaluation_indicators import (  # noqa: F401  (re-exported: one module to import)
    GradeAttainment,
    Indicators,
    PlannedFact,
    TargetDoctor,
    VisitFact,
    indicators_at,
    working_days,
)

TOTAL_DECIMALS = 2
DEFAULT_SCALE_MIN = 1
DEFAULT_SCALE_MAX = 5

KIND_ACCOMPANIED = "accompanied"  # 随访: a DM rides along with a rep
KIND_CO_VISIT = "co_visit"  # 协访: an RM rides along with a DM

DRAFT = "draft"
SUBMITTED = "submitted"
ACKNOWLEDGED = "acknowledged"
LOCKED_STATUSES = frozenset({SUBMITTED, ACKNOWLEDGED})

# Generic level anchors for a 1–5 scale, used where a competency names none.
DEFAULT_LEVELS: dict[int, tuple[str, str]] = {
    1: ("不符合要求", "Does not meet expectations"),
    2: ("部分符合", "Partly meets expectations"),
    3: ("符合要求", "Meets expectations"),
    4: ("超出要求", "Exceeds expectations"),
    5: ("卓越", "Outstanding"),
}


class TemplateError(ValueError):
    """A template definition is not usable; the message says which part."""


@dataclass(frozen=True, slots=True)
class Competency:
    """One competency of a template; ``anchors`` maps a level to what it looks like."""

    code: str
    name: str
    weight: float
    name_en: str = ""
    description: str = ""
    description_en: str = ""
    anchors: Mapping[int, str] = field(default_factory=dict)
    anchors_en: Mapping[int, str] = field(default_factory=dict)

    def anchor(self, level: int, *, english: bool = False) -> str:
        """The anchored description of ``level`` (the template's, else the generic one)."""
        own = (self.anchors_en if english else self.anchors).get(level)
        if own:
            return own
        generic = DEFAULT_LEVELS.get(level)
        return "" if generic is None else generic[1 if english else 0]

    def label(self, *, english: bool = False) -> str:
        return (self.name_en or self.name) if english else self.name

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "name": self.name, "name_en": self.name_en,
                               "weight": self.weight}
        if self.description:
            out["description"] = self.description
        if self.description_en:
            out["description_en"] = self.description_en
        if self.anchors:
            out["anchors"] = {str(k): v for k, v in sorted(self.anchors.items())}
        if self.anchors_en:
            out["anchors_en"] = {str(k): v for k, v in sorted(self.anchors_en.items())}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Competency:
        if not isinstance(data, Mapping):
            raise TemplateError("each competency must be an object")
        code, name, weight = data.get("code"), data.get("name"), data.get("weight")
        if not isinstance(code, str) or not code.strip():
            raise TemplateError("a competency needs a code")
        if not isinstance(name, str) or not name.strip():
            raise TemplateError(f"competency {code}: a name is required")
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            raise TemplateError(f"competency {code}: the weight must be a positive number")
        return cls(code=code, name=name, weight=float(weight),
                   name_en=str(data.get("name_en") or ""),
                   description=str(data.get("description") or ""),
                   description_en=str(data.get("description_en") or ""),
                   anchors=_levels(code, data.get("anchors")),
                   anchors_en=_levels(code, data.get("anchors_en")))


def _levels(code: str, value: Any) -> dict[int, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TemplateError(f"competency {code}: anchors must map a level to a text")
    out: dict[int, str] = {}
    for key, text in value.items():
        try:
            level = int(key)
        except (TypeError, ValueError):
            raise TemplateError(f"competency {code}: anchor level {key!r} is not a number") from None
        out[level] = str(text)
    return out


@dataclass(frozen=True, slots=True)
class Template:
    """One version of an evaluation template."""

    id: str
    name: str
    kind: str
    evaluator_role: str
    evaluatee_role: str
    competencies: tuple[Competency, ...]
    scale_min: int = DEFAULT_SCALE_MIN
    scale_max: int = DEFAULT_SCALE_MAX
    version: int = 1
    active: bool = True

    @property
    def levels(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    def competency(self, code: str) -> Competency | None:
        for c in self.competencies:
            if c.code == code:
                return c
        return None

    def content_json(self) -> dict[str, Any]:
        """What makes two versions the same template (everything but id/version/active)."""
        return {"name": self.name, "kind": self.kind, "evaluator_role": self.evaluator_role,
                "evaluatee_role": self.evaluatee_role,
                "competencies": [c.to_json() for c in self.competencies],
                "scale_min": self.scale_min, "scale_max": self.scale_max}


def template_from_row(row: Mapping[str, Any]) -> Template:
    """A template from a stored row (``evaluation_templates`` columns); checks it."""
    raw = row.get("competencies")
    if not isinstance(raw, list) or not raw:
        raise TemplateError("a template needs at least one competency")
    competencies = tuple(Competency.from_json(c) for c in raw)
    codes = [c.code for c in competencies]
    if len(set(codes)) != len(codes):
        raise TemplateError("competency codes must be unique within a template")
    lo, hi = row.get("scale_min", DEFAULT_SCALE_MIN), row.get("scale_max", DEFAULT_SCALE_MAX)
    if not isinstance(lo, int) or not isinstance(hi, int) or lo >= hi:
        raise TemplateError("the scale needs whole numbers with scale_min < scale_max")
    for c in competencies:
        for level in (*c.anchors, *c.anchors_en):
            if not lo <= level <= hi:
                raise TemplateError(f"competency {c.code}: anchor level {level} is outside "
                                    f"the scale {lo}–{hi}")
    return Template(id=str(row.get("id") or ""), name=str(row.get("name") or ""),
                    kind=str(row.get("kind") or ""),
                    evaluator_role=str(row.get("evaluator_role") or ""),
                    evaluatee_role=str(row.get("evaluatee_role") or ""),
                    competencies=competencies, scale_min=lo, scale_max=hi,
                    version=int(row.get("template_version") or 1),
                    active=bool(row.get("active", True)))


# --- the total ----------------------------------------------------------------------


def score_value(scores: Mapping[str, Any], code: str) -> int | None:
    """The score given for ``code`` (``None`` when not scored or not a whole number)."""
    value = scores.get(code)
    if isinstance(value, Mapping):  # {"score": 4, "note": "..."}
        value = value.get("score")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return int(value)


def weighted_total(template: Template, scores: Mapping[str, Any]) -> float | None:
    """The weighted mean of the scored competencies, two decimals; ``None`` if none is.

    Scores outside the scale are left out (validation reports them). The sums run in
    template order, so the same scores always give the same float."""
    num = 0.0
    den = 0.0
    for c in template.competencies:
        value = score_value(scores, c.code)
        if value is None or not template.scale_min <= value <= template.scale_max:
            continue
        num += value * c.weight
        den += c.weight
    if den == 0:
        return None
    return round(num / den, TOTAL_DECIMALS)


# --- validation ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with a form, tied to the field it is about (``scores.<code>`` for a
    competency, ``observed_visit_ids`` for the visits)."""

    field: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ObservedVisit:
    """What validation needs to know of a visit named as observed."""

    id: str
    rep_id: str
    day: dt.date
    companion_ids: frozenset[str] = frozenset()


def validate_evaluation(*, template: Template, evaluator_id: str, evaluatee_id: str | None,
                        team_ids: Iterable[str], eval_date: dt.date | None,
                        scores: Mapping[str, Any], observed_visit_ids: Sequence[str],
                        visits: Mapping[str, ObservedVisit], submitting: bool,
                        today: dt.date | None = None) -> list[FieldError]:
    """Every problem of an evaluation as the evaluator filled it in.

    ``team_ids``: who the evaluator may evaluate (a DM's reps, an RM's DMs).
    ``visits``: the observed visits that could be found (a missing id is an error). A
    visit counts as observed on ``eval_date`` when the evaluatee took part in it: as
    its rep (a DM riding along with a rep), or as one of its companions (an RM riding
    along with the DM who accompanied a rep; a visit may have several companions). A
    visit the evaluatee was not on says nothing about them, whoever else came along.
    A draft may be incomplete; a submission needs every competency scored."""
    errors: list[FieldError] = []
    if not evaluatee_id:
        errors.append(FieldError("evaluatee_id", "required", "Choose whom you evaluate."))
    elif evaluatee_id == evaluator_id or evaluatee_id not in set(team_ids):
        errors.append(FieldError("evaluatee_id", "not_in_team",
                                 "You can only evaluate a member of your own team."))
    if eval_date is None:
        errors.append(FieldError("eval_date", "required", "The date is required."))
    elif today is not None and eval_date > today:
        errors.append(FieldError("eval_date", "future", "The date cannot be in the future."))
    for code, value in scores.items():
        if template.competency(code) is None:
            errors.append(FieldError(f"scores.{code}", "unknown_competency",
                                     f"{code} is not a competency of this template."))
            continue
        raw = value.get("score") if isinstance(value, Mapping) else value
        if raw is None:
            continue
        score = score_value(scores, code)
        if score is None or not template.scale_min <= score <= template.scale_max:
            errors.append(FieldError(
                f"scores.{code}", "out_of_scale",
                f"The score must be a whole number from {template.scale_min} to "
                f"{template.scale_max}."))
    if submitting:
        for c in template.competencies:
            if score_value(scores, c.code) is None:
                errors.append(FieldError(f"scores.{c.code}", "required",
                                         "Score every competency before submitting."))
    for visit_id in observed_visit_ids:
        visit = visits.get(str(visit_id))
        if visit is None:
            errors.append(FieldError("observed_visit_ids", "unknown_visit",
                                     "An observed visit could not be found."))
            break
        took_part = visit.rep_id == evaluatee_id or evaluatee_id in visit.companion_ids
        if not took_part:
            errors.append(FieldError("observed_visit_ids", "not_evaluatee_visit",
                                     "An observed visit is not one of the evaluated person's."))
            break
        if eval_date is not None and visit.day != eval_date:
            errors.append(FieldError("observed_visit_ids", "wrong_date",
                                     "An observed visit is not on the evaluation date."))
            break
    return errors


# --- management figures ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoredEvaluation:
    """A submitted evaluation as trends count it."""

    evaluator_id: str
    evaluatee_id: str
    eval_date: dt.date
    scores: Mapping[str, Any]
    total: float | None


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def counts_per_evaluator_month(evaluations: Iterable[ScoredEvaluation]
                               ) -> dict[str, dict[str, int]]:
    """evaluator id -> month ("YYYY-MM") -> evaluations made."""
    out: dict[str, dict[str, int]] = {}
    for e in evaluations:
        months = out.setdefault(e.evaluator_id, {})
        key = month_key(e.eval_date)
        months[key] = months.get(key, 0) + 1
    return out


def competency_trend(evaluations: Iterable[ScoredEvaluation], code: str | None
                     ) -> dict[str, dict[str, float]]:
    """evaluatee id -> month -> mean score of ``code`` (``None``: the total) that month."""
    sums: dict[str, dict[str, list[float]]] = {}
    for e in evaluations:
        value: float | None = e.total if code is None else score_value(e.scores, code)
        if value is None:
            continue
        cell = sums.setdefault(e.evaluatee_id, {}).setdefault(month_key(e.eval_date), [0.0, 0])
        cell[0] += value
        cell[1] += 1
    return {person: {m: round(s / n, TOTAL_DECIMALS) for m, (s, n) in sorted(months.items())}
            for person, months in sums.items()}


def team_average(trend: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Month -> the mean over people of their monthly means (each person counts once)."""
    per_month: dict[str, list[float]] = {}
    for months in trend.values():
        for month, value in months.items():
            per_month.setdefault(month, []).append(value)
    return {m: round(sum(v) / len(v), TOTAL_DECIMALS) for m, v in sorted(per_month.items())}
