"""Visit business rules: the admin-set rule set and the checks a visit must pass.

Pure code shared by the device (checked before a draft is saved or submitted, so the
rep sees each problem next to its field while offline) and the server (checked again
on push, because a device can be old, tampered with or simply wrong).

Two levels:

* **Every save** (drafts included) gets sanity checks only: known visit type, values
  of the right type, the end not before the start, text within the column limits,
  ``products_detailed`` well formed and naming catalogue products. A draft may be
  incomplete; it may not be nonsense.
* **Submit** adds the rules that make a record final: required fields, no visit in
  the future, no backdating beyond ``backdate_days``, the month-end window, a key
  message per detailed product (when the rules ask for it).

Decisions (documented because the UI and the admins rely on them):

* A duration outside ``min_minutes``–``max_minutes`` is a **warning**, never an
  error: a two-minute corridor talk or a three-hour academic event happen, and
  refusing them would push reps into inventing times. The warning is shown, and the
  quality score withholds its ``duration_in_range`` points. An end before the start
  is an error.
* Dates are judged in the **company's calendar** (``domain.calendar``: the time zone
  the server's frequency rule names, ``Asia/Shanghai`` by default, synced to every
  device), never the computer's. "Backdated by 8 days" and "last month" are calendar
  days and months there, not 24-hour periods in UTC: a visit at 07:30 Beijing time on
  the 1st belongs to that month, although it is still the previous day in UTC.
* Backdating: a visit whose start falls on a calendar day more than ``backdate_days``
  before today is refused (7 days back is fine, 8 is not).
* Month-end window: a visit of an earlier month is accepted only in the first
  ``month_end_day`` days of the next month (the monthly report closes then); visits
  two or more months old are always refused.
* A visit may start up to ``FUTURE_TOLERANCE`` after now (clocks drift; a rep may
  submit right before a meeting ends).

Every problem is a ``FieldError`` with a stable ``code`` (the UI translates by code;
the English ``message`` is for logs, the server's rejection message and tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from domain.calendar import CompanyCalendar

DEFAULT_CALENDAR = CompanyCalendar()

FUTURE_TOLERANCE = dt.timedelta(minutes=5)

VISIT_TYPES = ("face_to_face", "phone", "department_meeting", "academic_event")
DRAFT, SUBMITTED = "draft", "submitted"
VISIT_STATUSES = (DRAFT, SUBMITTED)

# Text limits; equal to the wire schema's max_length (a test keeps them in step).
TEXT_LIMITS: dict[str, int] = {"purpose": 1000, "doctor_feedback": 2000, "result": 2000,
                               "next_step": 1000}
PRODUCT_TEXT_LIMITS: dict[str, int] = {"key_message": 500, "reaction": 500}

# A required-fields token: every detailed product must carry a key message.
KEY_MESSAGE_REQUIRED = "products_detailed.key_message"

DEFAULT_REQUIRED_FIELDS: tuple[str, ...] = ("doctor_id", "visit_type", "started_at")
DEFAULT_QUALITY_COEFFICIENTS: dict[str, float] = {
    "purpose": 15, "products_with_key_message": 20, "feedback": 15, "next_step": 15,
    "duration_in_range": 15, "linked_to_plan": 10, "result": 10,
    "no_feedback": -10, "no_key_message": -10,
}


class Severity(StrEnum):
    ERROR = "error"  # blocks the save or the submit
    WARNING = "warning"  # shown, never blocks


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field (``field`` None: the whole visit, e.g. the clock).

    Product entries are named ``products_detailed[2].key_message`` so the UI can
    point at the row.
    """

    field: str | None
    code: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "code": self.code, "message": self.message,
                "severity": self.severity.value}


def blocking(errors: Collection[FieldError]) -> list[FieldError]:
    """The errors that refuse the write (warnings dropped)."""
    return [e for e in errors if e.blocking]


@dataclass(frozen=True, slots=True)
class VisitRules:
    """The active ``visit_rules`` row as a value. ``default()`` when none is synced.

    Without an admin-configured row only the schema's own required fields are
    required: an installation that has not set rules yet must not block every visit.
    """

    required_fields: tuple[str, ...] = DEFAULT_REQUIRED_FIELDS
    quality_coefficients: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_QUALITY_COEFFICIENTS))
    backdate_days: int = 7
    month_end_day: int = 3
    min_minutes: int = 5
    max_minutes: int = 120
    rule_version: int = 0

    @classmethod
    def default(cls) -> VisitRules:
        return cls()

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | None) -> VisitRules:
        """Parse a synced ``visit_rules`` row (wire JSON or database values); None -> defaults.

        Missing or null values fall back to the defaults; a malformed row raises
        ``ValueError`` (the admin tools validate before saving, so this is a bug).
        """
        if row is None:
            return cls.default()
        base = cls.default()

        def num(name: str, default: int) -> int:
            value = row.get(name)
            if value is None:
                return default
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"visit_rules.{name} must be a non-negative integer")
            return int(value)

        required = row.get("required_fields")
        if required is None:
            required = list(base.required_fields)
        if not isinstance(required, list | tuple) or not all(isinstance(x, str) for x in required):
            raise ValueError("visit_rules.required_fields must be a list of field names")
        coefficients = row.get("quality_coefficients")
        if coefficients is None:
            coefficients = dict(base.quality_coefficients)
        if not isinstance(coefficients, Mapping) or not all(
                isinstance(v, int | float) and not isinstance(v, bool)
                for v in coefficients.values()):
            raise ValueError("visit_rules.quality_coefficients must map codes to numbers")
        return cls(
            required_fields=tuple(required),
            quality_coefficients={str(k): float(v) for k, v in coefficients.items()},
            backdate_days=num("backdate_days", base.backdate_days),
            month_end_day=num("month_end_day", base.month_end_day),
            min_minutes=num("min_minutes", base.min_minutes),
            max_minutes=num("max_minutes", base.max_minutes),
            rule_version=num("rule_version", base.rule_version),
        )


# --- small helpers ----------------------------------------------------------------------


def as_utc(value: dt.datetime) -> dt.datetime:
    """Aware UTC datetime; a naive one (SQLite returns those) is taken as UTC."""
    tz = value.tzinfo
    if tz is dt.UTC:  # already (a decoded wire value): no new object
        return value
    return value.replace(tzinfo=dt.UTC) if tz is None else value.astimezone(dt.UTC)


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return len(value) == 0
    return False


def duration_minutes(fields: Mapping[str, Any]) -> float | None:
    start, end = fields.get("started_at"), fields.get("ended_at")
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        return None
    return (as_utc(end) - as_utc(start)).total_seconds() / 60


def product_entries(fields: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The well-formed entries of ``products_detailed`` (malformed ones skipped)."""
    value = fields.get("products_detailed")
    if not isinstance(value, list):
        return []
    return [e for e in value if type(e) is dict or isinstance(e, Mapping)]


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


# --- the checks -------------------------------------------------------------------------


def validate_visit(fields: Mapping[str, Any], rules: VisitRules, *, now: dt.datetime,
                   is_submit: bool, catalogue_product_ids: Collection[str] | None,
                   calendar: CompanyCalendar = DEFAULT_CALENDAR) -> list[FieldError]:
    """Every problem of the visit ``fields`` (the row as it would be after the write).

    ``now`` is the trusted current time (the server's clock, or the device's
    ``TrustedClock``). ``catalogue_product_ids`` are the active products as strings;
    None skips the catalogue check. ``calendar`` says which day "today" and the visit's
    start are for the backdating window. Errors come in field order, warnings included
    (see ``blocking``).
    """
    errors: list[FieldError] = []
    errors += _sanity(fields)
    errors += _products(fields, catalogue_product_ids,
                        key_message_required=is_submit and KEY_MESSAGE_REQUIRED in rules.required_fields)
    if is_submit:
        errors += _required(fields, rules)
        errors += _timing(fields, rules, now, calendar)
    return errors


def _sanity(fields: Mapping[str, Any]) -> list[FieldError]:
    out: list[FieldError] = []
    vtype = fields.get("visit_type")
    if vtype is not None and vtype not in VISIT_TYPES:
        out.append(FieldError("visit_type", "unknown_visit_type",
                              f"Unknown visit type {vtype!r}; use one of {', '.join(VISIT_TYPES)}."))
    status = fields.get("status")
    if status is not None and status not in VISIT_STATUSES:
        out.append(FieldError("status", "unknown_status",
                              f"Unknown visit status {status!r}; use draft or submitted."))
    for name in ("started_at", "ended_at", "submitted_at"):
        value = fields.get(name)
        if value is not None and not isinstance(value, dt.datetime):
            out.append(FieldError(name, "bad_type", f"{name} must be a date and time."))
    minutes = duration_minutes(fields)
    if minutes is not None and minutes < 0:
        out.append(FieldError("ended_at", "end_before_start",
                              "The visit cannot end before it starts."))
    for name, limit in TEXT_LIMITS.items():
        value = fields.get(name)
        if isinstance(value, str) and len(value) > limit:
            out.append(FieldError(name, "too_long",
                                  f"{name} is longer than {limit} characters ({len(value)})."))
    return out


def _products(fields: Mapping[str, Any], catalogue: Collection[str] | None, *,
              key_message_required: bool) -> list[FieldError]:
    value = fields.get("products_detailed")
    if value is None:
        return []
    if not isinstance(value, list):
        return [FieldError("products_detailed", "bad_products",
                           "products_detailed must be a list of detailed products.")]
    out: list[FieldError] = []
    catalogue_ids = None if catalogue is None else {str(p) for p in catalogue}
    for i, entry in enumerate(value):
        where = f"products_detailed[{i}]"
        if (type(entry) is not dict and not isinstance(entry, Mapping)) or is_blank(
                entry.get("product_id")):
            out.append(FieldError(f"{where}.product_id", "bad_products",
                                  f"Detailed product {i + 1} must name a product."))
            continue
        product_id = str(entry["product_id"])
        if catalogue_ids is not None and product_id not in catalogue_ids:
            out.append(FieldError(f"{where}.product_id", "unknown_product",
                                  f"Detailed product {i + 1} is not an active catalogue product."))
        for name, limit in PRODUCT_TEXT_LIMITS.items():
            text = entry.get(name)
            if text is not None and not isinstance(text, str):
                out.append(FieldError(f"{where}.{name}", "bad_type", f"{name} must be text."))
            elif isinstance(text, str) and len(text) > limit:
                out.append(FieldError(f"{where}.{name}", "too_long",
                                      f"{name} of detailed product {i + 1} is longer than "
                                      f"{limit} characters."))
        if key_message_required and is_blank(entry.get("key_message")):
            out.append(FieldError(f"{where}.key_message", "key_message_required",
                                  f"Detailed product {i + 1} needs the key message delivered."))
    return out


def _required(fields: Mapping[str, Any], rules: VisitRules) -> list[FieldError]:
    return [FieldError(name, "required", f"{name} is required to submit the visit.")
            for name in rules.required_fields
            if name != KEY_MESSAGE_REQUIRED and is_blank(fields.get(name))]


def _timing(fields: Mapping[str, Any], rules: VisitRules, now: dt.datetime,
            calendar: CompanyCalendar) -> list[FieldError]:
    out: list[FieldError] = []
    start, end = fields.get("started_at"), fields.get("ended_at")
    now = as_utc(now)
    if isinstance(start, dt.datetime):
        if as_utc(start) > now + FUTURE_TOLERANCE:
            out.append(FieldError("started_at", "in_future",
                                  "The visit starts in the future; record it after it happened."))
        else:
            out += _backdating(calendar.local_date(start), calendar.local_date(now), rules)
    if isinstance(end, dt.datetime) and as_utc(end) > now + FUTURE_TOLERANCE:
        out.append(FieldError("ended_at", "in_future", "The visit cannot end in the future."))
    minutes = duration_minutes(fields)
    if minutes is not None and minutes >= 0 and not (
            rules.min_minutes <= minutes <= rules.max_minutes):
        out.append(FieldError("ended_at", "duration_out_of_range",
                              f"The visit lasted {minutes:.0f} minutes; expected between "
                              f"{rules.min_minutes} and {rules.max_minutes}.", Severity.WARNING))
    return out


def _backdating(day: dt.date, today: dt.date, rules: VisitRules) -> list[FieldError]:
    out: list[FieldError] = []
    if (today - day).days > rules.backdate_days:
        out.append(FieldError("started_at", "backdated",
                              f"Visits can be recorded at most {rules.backdate_days} days after "
                              f"they happen; this one is {(today - day).days} days old."))
    months = _months_between(day, today)
    if months >= 2 or (months == 1 and today.day > rules.month_end_day):
        out.append(FieldError("started_at", "month_closed",
                              f"{day:%Y-%m} is closed: visits of last month can be submitted "
                              f"until day {rules.month_end_day} of this month."))
    return out


def check_amendment(visit: Mapping[str, Any], original: Mapping[str, Any] | None) -> list[FieldError]:
    """An amendment (``amends_visit_id`` set) must correct a *submitted* visit of the
    same rep and doctor; ``original`` is that visit (None: not found)."""
    if visit.get("amends_visit_id") is None:
        return []
    name = "amends_visit_id"
    if original is None or original.get("deleted"):
        return [FieldError(name, "amended_visit_missing", "The visit being corrected does not exist.")]
    if str(original.get("id")) == str(visit.get("id")):
        return [FieldError(name, "amends_itself", "A visit cannot correct itself.")]
    if original.get("status") != SUBMITTED:
        return [FieldError(name, "amended_visit_not_submitted",
                           "Only a submitted visit can be corrected; edit the draft instead.")]
    if str(original.get("rep_id")) != str(visit.get("rep_id")):
        return [FieldError(name, "amended_visit_other_rep",
                           "A correction must be recorded by the rep of the original visit.")]
    if str(original.get("doctor_id")) != str(visit.get("doctor_id")):
        return [FieldError(name, "amended_visit_other_doctor",
                           "A correction must be about the same doctor as the original visit.")]
    return []
