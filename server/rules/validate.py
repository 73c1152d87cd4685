"""Rule files → domain rule values, or a refusal naming the field and the reason.

A rule file (JSON or YAML) holds one rule or a list under ``rules``; each rule names
its ``kind``. ``KINDS`` is the dispatch table: kind → (validator, table). A validator
takes the rule's mapping and returns the row values to store (domain types checked),
or raises ``ServiceError(code, message, field=…)`` where ``field`` is a dotted path
into the file (``rules[0].bands.department_beds.steps``), so the admin can find it.

What "makes no sense" and is refused: a negative or non-numeric weight, weights that
add up to 0, a weighted attribute without a band, points outside 0–100, two steps of a
range band at the same minimum (overlap) or a range band whose lowest step is above 0
with no default (a gap: some values would get no band), grade thresholds that are not
strictly decreasing A → D (overlapping bands), a lowest threshold above 0 (a gap: some
scores would get no grade), a negative visit count, an unknown visit type, grade or
time zone, a reminder day outside 1–28, a missing ``effective_from``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.calendar import valid_time_zone
from domain.frequency import FrequencyRule
from domain.grading import ATTRIBUTE_LABELS, GRADES, GradingRule
from domain.visit_rules import VISIT_TYPES
from server.errors import ServiceError

GRADING = "grading_rule"
FREQUENCY = "frequency_rule"
MAX_POINTS = 100.0
MAX_REMINDER_DAY = 28  # every month has it


def refuse(field: str, message: str, code: str = "invalid_rule") -> ServiceError:
    return ServiceError(code, f"{field}: {message}", field=field)


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise refuse(field, f"must be a number, not {value!r}")
    return float(value)


def _mapping(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise refuse(field, "must be a mapping (key: value)")
    return value


def _effective_from(data: Mapping[str, Any], at: str) -> dt.date:
    value = data.get("effective_from")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise refuse(f"{at}.effective_from", "is required, as a date YYYY-MM-DD")


def _name(data: Mapping[str, Any], at: str, default: str) -> str:
    name = data.get("name", default)
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        raise refuse(f"{at}.name", "must be a text of 1–100 characters")
    return name.strip()


def _points(value: Any, field: str) -> float:
    pts = _number(value, field)
    if not 0 <= pts <= MAX_POINTS:
        raise refuse(field, f"points must be within 0–100, not {pts:g}")
    return pts


def _check_band(band: Mapping[str, Any], at: str) -> None:
    kind = band.get("type")
    default = band.get("default")
    if default is not None:
        _points(default, f"{at}.default")
    if kind == "category":
        points = _mapping(band.get("points"), f"{at}.points")
        if not points:
            raise refuse(f"{at}.points", "needs at least one category")
        for key, value in points.items():
            _points(value, f"{at}.points.{key}")
        return
    if kind != "range":
        raise refuse(f"{at}.type", "must be 'category' or 'range'")
    steps = band.get("steps")
    if not isinstance(steps, list) or not steps:
        raise refuse(f"{at}.steps", "needs at least one [minimum, points] step")
    minimums: list[float] = []
    for i, step in enumerate(steps):
        if not isinstance(step, list | tuple) or len(step) != 2:
            raise refuse(f"{at}.steps[{i}]", "must be [minimum, points]")
        minimum = _number(step[0], f"{at}.steps[{i}][0]")
        if minimum < 0:
            raise refuse(f"{at}.steps[{i}][0]", f"a minimum cannot be negative ({minimum:g})")
        _points(step[1], f"{at}.steps[{i}][1]")
        if minimum in minimums:
            raise refuse(f"{at}.steps", f"two steps start at {minimum:g}: the bands overlap")
        minimums.append(minimum)
    if min(minimums) > 0 and default is None:
        raise refuse(f"{at}.steps", f"values below {min(minimums):g} fall in no band (a gap): "
                     "add a step at 0 or a default")


def validate_grading(data: Mapping[str, Any], at: str) -> dict[str, Any]:
    weights = _mapping(data.get("weights"), f"{at}.weights")
    bands = _mapping(data.get("bands"), f"{at}.bands")
    thresholds = _mapping(data.get("thresholds"), f"{at}.thresholds")
    total = 0.0
    for attribute, weight in weights.items():
        field = f"{at}.weights.{attribute}"
        if attribute not in ATTRIBUTE_LABELS:
            raise refuse(field, f"unknown attribute; use one of {', '.join(ATTRIBUTE_LABELS)}")
        value = _number(weight, field)
        if value < 0:
            raise refuse(field, f"a weight cannot be negative ({value:g})")
        total += value
        if attribute not in bands:
            raise refuse(f"{at}.bands.{attribute}", "a weighted attribute needs a band")
    if total <= 0:
        raise refuse(f"{at}.weights", "the weights add up to 0: nothing would be scored")
    for attribute, band in bands.items():
        if attribute not in ATTRIBUTE_LABELS:
            raise refuse(f"{at}.bands.{attribute}", "unknown attribute")
        _check_band(_mapping(band, f"{at}.bands.{attribute}"), f"{at}.bands.{attribute}")
    if set(thresholds) != set(GRADES):
        raise refuse(f"{at}.thresholds", f"must give exactly the grades {', '.join(GRADES)}")
    values = [_points(thresholds[g], f"{at}.thresholds.{g}") for g in GRADES]
    for (g1, v1), (g2, v2) in zip(zip(GRADES, values, strict=True),
                                  zip(GRADES[1:], values[1:], strict=True), strict=False):
        if v2 >= v1:
            raise refuse(f"{at}.thresholds.{g2}", f"must be below {g1}'s {v1:g} "
                         f"(got {v2:g}): the grade bands overlap")
    if values[-1] != 0:
        raise refuse(f"{at}.thresholds.{GRADES[-1]}",
                     f"must be 0: scores below {values[-1]:g} would get no grade (a gap)")
    rule = GradingRule.from_json(weights, bands, thresholds)
    return {"name": _name(data, at, "Grading rule"), **rule.to_json(),
            "effective_from": _effective_from(data, at)}


def validate_frequency(data: Mapping[str, Any], at: str) -> dict[str, Any]:
    per_month = _mapping(data.get("visits_per_month"), f"{at}.visits_per_month")
    for grade, count in per_month.items():
        field = f"{at}.visits_per_month.{grade}"
        if grade not in GRADES:
            raise refuse(field, f"unknown grade; use {', '.join(GRADES)}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise refuse(field, f"must be a whole number ≥ 0, not {count!r}")
    types = data.get("counted_visit_types", list(FrequencyRule({}).counted_types))
    if not isinstance(types, list) or not types or any(t not in VISIT_TYPES for t in types):
        raise refuse(f"{at}.counted_visit_types",
                     f"must list visit types among {', '.join(VISIT_TYPES)}")
    targets = data.get("target_grades", list(FrequencyRule({}).target_grades))
    if not isinstance(targets, list) or any(g not in GRADES for g in targets):
        raise refuse(f"{at}.target_grades", f"must list grades among {', '.join(GRADES)}")
    zone = data.get("time_zone", FrequencyRule({}).time_zone)
    if not isinstance(zone, str) or not valid_time_zone(zone):
        raise refuse(f"{at}.time_zone", f"unknown time zone {zone!r} (e.g. Asia/Shanghai)")
    reminder = data.get("reminder_day", FrequencyRule({}).reminder_day)
    if isinstance(reminder, bool) or not isinstance(reminder, int) \
            or not 1 <= reminder <= MAX_REMINDER_DAY:
        raise refuse(f"{at}.reminder_day", f"must be a day 1–{MAX_REMINDER_DAY}")
    return {"name": _name(data, at, "Visit frequency"),
            "visits_per_month": {g: int(per_month[g]) for g in per_month},
            "counted_visit_types": list(types), "target_grades": list(targets),
            "time_zone": zone, "reminder_day": reminder,
            "effective_from": _effective_from(data, at)}


def grading_to_file(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"kind": GRADING, "name": row["name"], "effective_from": _iso(row["effective_from"]),
            "weights": row["weights"], "bands": row["bands"], "thresholds": row["thresholds"]}


def frequency_to_file(row: Mapping[str, Any]) -> dict[str, Any]:
    rule = frequency_rule_of(row)
    return {"kind": FREQUENCY, "name": row["name"], "effective_from": _iso(row["effective_from"]),
            "visits_per_month": dict(rule.visits_per_month),
            "counted_visit_types": list(rule.counted_types),
            "target_grades": list(rule.target_grades), "time_zone": rule.time_zone,
            "reminder_day": rule.reminder_day}


def frequency_rule_of(row: Mapping[str, Any]) -> FrequencyRule:
    return FrequencyRule.from_row(row["visits_per_month"],
                                  counted_types=row.get("counted_visit_types"),
                                  target_grades=row.get("target_grades"),
                                  time_zone=row.get("time_zone"),
                                  reminder_day=row.get("reminder_day"))


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass(frozen=True, slots=True)
class RuleKind:
    table: str
    validate: Callable[[Mapping[str, Any], str], dict[str, Any]]
    to_file: Callable[[Mapping[str, Any]], dict[str, Any]]


KINDS: dict[str, RuleKind] = {
    GRADING: RuleKind("grading_rules", validate_grading, grading_to_file),
    FREQUENCY: RuleKind("frequency_rules", validate_frequency, frequency_to_file),
}
