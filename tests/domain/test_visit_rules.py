"""Visit validation (drafts and submits), the rule set, amendments and the trusted clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from domain.calendar import CompanyCalendar
from domain.clock import ClockReading, ClockSource, ServerTimeAnchor, TrustedClock
from domain.visit_rules import (
    DEFAULT_CALENDAR,
    FieldError,
    Severity,
    VisitRules,
    blocking,
    check_amendment,
    validate_visit,
)

BJ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=BJ)  # a Friday afternoon in Beijing
PRODUCT = "0b6f2a3e-8a1d-4a55-9a57-1f7c2d7e0c11"
CATALOGUE = frozenset({PRODUCT})
SEED_RULES = VisitRules.from_row({
    "required_fields": ["doctor_id", "visit_type", "started_at", "purpose", "products_detailed",
                        "products_detailed.key_message"],
    "quality_coefficients": {"purpose": 15}, "backdate_days": 7, "month_end_day": 3,
    "min_minutes": 5, "max_minutes": 120, "rule_version": 2, "active": True})


def visit(start: dt.datetime = NOW - dt.timedelta(hours=2), **kw: Any) -> dict[str, Any]:
    return {"doctor_id": "d1", "rep_id": "r1", "visit_type": "face_to_face", "status": "draft",
            "started_at": start, "ended_at": start + dt.timedelta(minutes=20),
            "purpose": "介绍新适应症",
            "products_detailed": [{"product_id": PRODUCT, "key_message": "降脂达标"}], **kw}


def codes(fields: dict[str, Any], *, now: dt.datetime = NOW, submit: bool = True,
          rules: VisitRules = SEED_RULES,
          calendar: CompanyCalendar = DEFAULT_CALENDAR) -> list[tuple[str | None, str]]:
    return [(e.field, e.code) for e in validate_visit(
        fields, rules, now=now, is_submit=submit, catalogue_product_ids=CATALOGUE,
        calendar=calendar)]


# --- the rule set -----------------------------------------------------------------------

def test_rules_parse_the_synced_row_and_default_without_one() -> None:
    assert SEED_RULES.backdate_days == 7 and SEED_RULES.rule_version == 2
    assert SEED_RULES.quality_coefficients == {"purpose": 15.0}
    default = VisitRules.from_row(None)
    assert default == VisitRules.default()
    assert default.required_fields == ("doctor_id", "visit_type", "started_at")
    assert (default.backdate_days, default.month_end_day, default.min_minutes,
            default.max_minutes) == (7, 3, 5, 120)
    partial = VisitRules.from_row({"required_fields": ["purpose"], "quality_coefficients": {},
                                   "backdate_days": 3, "month_end_day": 5, "min_minutes": None})
    assert partial.min_minutes == 5 and partial.backdate_days == 3
    with pytest.raises(ValueError, match="required_fields"):
        VisitRules.from_row({"required_fields": "purpose"})
    with pytest.raises(ValueError, match="quality_coefficients"):
        VisitRules.from_row({"quality_coefficients": {"purpose": "high"}})


def test_text_limits_match_the_wire_schema() -> None:
    from domain.visit_rules import TEXT_LIMITS
    from wire.schema import TABLES_BY_NAME

    spec = TABLES_BY_NAME["visits"]
    assert {n: spec.column(n).max_length for n in TEXT_LIMITS} == TEXT_LIMITS


# --- validation ---------------------------------------------------------------------------

def test_a_complete_recent_visit_passes() -> None:
    assert codes(visit()) == []


CASES = [
    ("missing purpose", visit(purpose=" "), [("purpose", "required")]),
    ("no products", visit(products_detailed=[]), [("products_detailed", "required")]),
    ("no key message", visit(products_detailed=[{"product_id": PRODUCT}]),
     [("products_detailed[0].key_message", "key_message_required")]),
    ("product not in catalogue",
     visit(products_detailed=[{"product_id": "f00", "key_message": "x"}]),
     [("products_detailed[0].product_id", "unknown_product")]),
    ("product entry without id", visit(products_detailed=[{"key_message": "x"}]),
     [("products_detailed[0].product_id", "bad_products")]),
    ("products not a list", visit(products_detailed={"p": 1}),
     [("products_detailed", "bad_products")]),
    ("end before start", visit(ended_at=NOW - dt.timedelta(hours=3)),
     [("ended_at", "end_before_start")]),
    ("starts in the future", visit(NOW + dt.timedelta(hours=1)),
     [("started_at", "in_future"), ("ended_at", "in_future")]),
    ("backdated 8 days", visit(NOW - dt.timedelta(days=8)), [("started_at", "backdated")]),
    ("too long text", visit(purpose="x" * 1001), [("purpose", "too_long")]),
    ("too long key message",
     visit(products_detailed=[{"product_id": PRODUCT, "key_message": "x" * 501}]),
     [("products_detailed[0].key_message", "too_long")]),
    ("unknown type", visit(visit_type="dinner"), [("visit_type", "unknown_visit_type")]),
    ("datetime as text", visit(started_at="yesterday", ended_at=None),
     [("started_at", "bad_type")]),
]


@pytest.mark.parametrize(("name", "fields", "expected"), CASES, ids=[c[0] for c in CASES])
def test_submit_refuses(name: str, fields: dict[str, Any],
                        expected: list[tuple[str, str]]) -> None:
    assert codes(fields) == expected


def test_backdating_counts_beijing_calendar_days() -> None:
    seven = visit(dt.datetime(2026, 11, 13, 8, 0, tzinfo=BJ))
    eight = visit(dt.datetime(2026, 11, 12, 23, 0, tzinfo=BJ))  # 15:00 UTC, still day 12 there
    assert codes(seven) == []
    assert codes(eight) == [("started_at", "backdated")]
    assert codes(eight, rules=VisitRules(backdate_days=8)) == []


def test_last_month_is_open_until_month_end_day() -> None:
    last_month = visit(dt.datetime(2026, 11, 30, 16, 0, tzinfo=BJ))
    day3 = dt.datetime(2026, 12, 3, 23, 59, tzinfo=BJ)
    day4 = dt.datetime(2026, 12, 4, 0, 1, tzinfo=BJ)
    assert codes(last_month, now=day3) == []
    assert codes(last_month, now=day4) == [("started_at", "month_closed")]
    # 1 December 07:30 in Beijing is still 30 November in UTC: it is a December visit.
    early = visit(dt.datetime(2026, 12, 1, 7, 30, tzinfo=BJ))
    assert codes(early, now=dt.datetime(2026, 12, 6, 9, 0, tzinfo=BJ)) == []
    two_months = visit(dt.datetime(2026, 10, 31, 10, 0, tzinfo=BJ))
    assert ("started_at", "month_closed") in codes(
        two_months, now=day3, rules=VisitRules(backdate_days=60))


def test_the_window_is_counted_in_the_company_time_zone() -> None:
    """A company in another zone (a synced setting) counts its own calendar days: the
    same instants are 7 days apart in Beijing and 8 in Berlin, or the reverse."""
    berlin = CompanyCalendar("Europe/Berlin")
    now = dt.datetime(2026, 11, 20, 2, 0, tzinfo=BJ)  # 19 Nov, 19:00 in Berlin
    start = dt.datetime(2026, 11, 12, 9, 0, tzinfo=BJ)  # 12 Nov, 02:00 in Berlin
    assert codes(visit(start), now=now) == [("started_at", "backdated")]  # 20 − 12 = 8
    assert codes(visit(start), now=now, calendar=berlin) == []  # 19 − 12 = 7
    # The month closes on Berlin's calendar too: 1 Dec 06:00 in Beijing is 30 Nov there.
    december = visit(dt.datetime(2026, 12, 1, 6, 0, tzinfo=BJ))
    on_day_4 = dt.datetime(2026, 12, 4, 12, 0, tzinfo=BJ)
    assert codes(december, now=on_day_4) == []
    assert codes(december, now=on_day_4, calendar=berlin) == [("started_at", "month_closed")]


def test_an_unknown_company_zone_falls_back_to_beijing_time() -> None:
    """A device must open and log visits whatever the setting says: a zone this
    computer's database lacks counts as Asia/Shanghai, which is a fixed UTC+8."""
    unknown = CompanyCalendar("Mars/Olympus")
    eight = visit(dt.datetime(2026, 11, 12, 23, 0, tzinfo=BJ))
    assert codes(eight, calendar=unknown) == [("started_at", "backdated")]
    assert unknown.local_date(dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)) == dt.date(2026, 12, 1)


def test_duration_out_of_range_is_a_warning_that_does_not_block() -> None:
    short = visit(ended_at=NOW - dt.timedelta(hours=2) + dt.timedelta(minutes=2))
    errors = validate_visit(short, SEED_RULES, now=NOW, is_submit=True,
                            catalogue_product_ids=CATALOGUE)
    assert [(e.code, e.severity) for e in errors] == [("duration_out_of_range", Severity.WARNING)]
    assert blocking(errors) == []


def test_drafts_get_sanity_checks_only() -> None:
    sketchy = {"doctor_id": "d1", "visit_type": "phone", "started_at": NOW - dt.timedelta(days=40)}
    assert codes(sketchy, submit=False) == []
    assert codes(visit(NOW + dt.timedelta(days=1)), submit=False) == []  # pre-filled draft
    assert codes(visit(ended_at=NOW - dt.timedelta(days=1), purpose="x" * 1001),
                 submit=False) == [("ended_at", "end_before_start"), ("purpose", "too_long")]
    assert codes(visit(products_detailed=[{"product_id": "f00"}]), submit=False) == [
        ("products_detailed[0].product_id", "unknown_product")]


def test_field_errors_serialise_for_the_ui() -> None:
    error = FieldError("purpose", "required", "purpose is required to submit the visit.")
    assert error.to_json() == {"field": "purpose", "code": "required",
                               "message": "purpose is required to submit the visit.",
                               "severity": "error"}


# --- amendments ---------------------------------------------------------------------------

ORIGINAL = {"id": "v0", "rep_id": "r1", "doctor_id": "d1", "status": "submitted", "deleted": False}


@pytest.mark.parametrize(("original", "code"), [
    (ORIGINAL, None),
    (None, "amended_visit_missing"),
    ({**ORIGINAL, "status": "draft"}, "amended_visit_not_submitted"),
    ({**ORIGINAL, "rep_id": "r2"}, "amended_visit_other_rep"),
    ({**ORIGINAL, "doctor_id": "d2"}, "amended_visit_other_doctor"),
])
def test_an_amendment_corrects_a_submitted_visit_of_the_same_rep_and_doctor(
        original: dict[str, Any] | None, code: str | None) -> None:
    got = check_amendment(visit(id="v1", amends_visit_id="v0"), original)
    assert [e.code for e in got] == ([code] if code else [])
    assert check_amendment(visit(id="v1"), None) == []


# --- the trusted clock ----------------------------------------------------------------------

SERVER = dt.datetime(2026, 11, 20, 7, 0, tzinfo=dt.UTC)


def reading(wall: dt.datetime, mono: float, boot: str | None = "boot-1") -> ClockReading:
    return ClockReading(wall=wall, monotonic=mono, boot_id=boot)


def test_a_normal_clock_is_trusted() -> None:
    clock = TrustedClock(ServerTimeAnchor.at(SERVER, reading(SERVER, 1000.0)), SERVER)
    later = clock.check(reading(SERVER + dt.timedelta(hours=2), 1000.0 + 7200))
    assert later.source is ClockSource.ANCHOR and later.may_submit and not later.skewed
    assert later.now == SERVER + dt.timedelta(hours=2)


def test_a_clock_moved_back_behind_the_last_server_time_refuses_submit() -> None:
    clock = TrustedClock(ServerTimeAnchor.at(SERVER, reading(SERVER, 1000.0)), SERVER)
    moved = clock.check(reading(SERVER - dt.timedelta(days=3), 1000.0 + 600))
    assert not moved.may_submit and moved.behind_server and moved.skewed
    assert moved.now == SERVER + dt.timedelta(minutes=10)  # the anchor still knows the time
    rebooted = clock.check(reading(SERVER - dt.timedelta(days=3), 50.0, boot="boot-2"))
    assert not rebooted.may_submit and rebooted.source is ClockSource.FLOOR
    assert rebooted.now == SERVER


def test_a_clock_moved_back_but_after_the_server_time_is_flagged_and_overruled() -> None:
    clock = TrustedClock(ServerTimeAnchor.at(SERVER, reading(SERVER, 1000.0)), SERVER)
    got = clock.check(reading(SERVER + dt.timedelta(hours=1), 1000.0 + 5 * 86400))
    assert got.may_submit and got.skewed and got.now == SERVER + dt.timedelta(days=5)
    # ...so a visit "yesterday" by the tampered wall clock is 4 days old by trusted time.


def test_after_a_reboot_the_wall_clock_is_used_but_never_below_the_server_time() -> None:
    clock = TrustedClock(ServerTimeAnchor.at(SERVER, reading(SERVER, 90_000.0)), SERVER)
    wall = SERVER + dt.timedelta(days=2)
    got = clock.check(reading(wall, 120.0, boot="boot-2"))
    assert (got.source, got.now, got.skewed, got.may_submit) == (ClockSource.WALL, wall,
                                                                False, True)
    # Same monotonic range but a different boot id: still a reboot.
    assert clock.check(reading(wall, 95_000.0, boot="boot-2")).source is ClockSource.WALL


def test_without_boot_ids_the_anchor_is_used_while_both_clocks_agree() -> None:
    clock = TrustedClock(ServerTimeAnchor.at(SERVER, reading(SERVER, 1000.0, None)), SERVER)
    agree = clock.check(reading(SERVER + dt.timedelta(hours=1), 4600.0, None))
    assert agree.source is ClockSource.ANCHOR and not agree.skewed
    disagree = clock.check(reading(SERVER + dt.timedelta(days=1), 4600.0, None))
    assert disagree.source is ClockSource.WALL  # a reboot or tampering: cannot tell


def test_without_any_server_time_the_wall_clock_rules() -> None:
    wall = SERVER - dt.timedelta(days=30)
    got = TrustedClock().check(reading(wall, 5.0))
    assert (got.now, got.may_submit, got.skewed) == (wall, True, False)


def test_the_anchor_round_trips_through_json() -> None:
    anchor = ServerTimeAnchor.at(SERVER, reading(SERVER + dt.timedelta(seconds=3), 12.5))
    assert ServerTimeAnchor.from_json(anchor.to_json()) == anchor
