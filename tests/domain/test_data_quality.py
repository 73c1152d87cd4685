"""The data-quality rules, one table per rule, edges included."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.data_quality import (
    DUPLICATE_VISIT,
    MISSING_FIELD,
    NO_GRADE_INPUTS,
    OUTSIDE_HOURS,
    PLAN_DAY_NOT_DONE,
    THIN_FIELD,
    DataQualityRules,
    DoctorInputs,
    PlanDay,
    VisitRecord,
    duplicate_visits,
    exceptions,
    meaningful_chars,
    missing_grade_inputs,
    outside_hours,
    plan_days_not_done,
    thin_fields,
)

WED = dt.date(2026, 12, 2)
GOOD = {"doctor_feedback": "对新适应症很感兴趣，想看数据", "next_step": "下周带真实世界研究数据"}


def visit(start: str = "10:00", end: str | None = "10:30", *, day: dt.date = WED, rep: str = "r1",
          doctor: str = "d1", texts: dict[str, str | None] | None = None, kind: str = "face_to_face",
          status: str = "submitted", amends: str | None = None, vid: str = "v") -> VisitRecord:
    def at(hhmm: str) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.fromisoformat(hhmm))

    return VisitRecord(vid, rep, doctor, "h1", kind, at(start), at(end) if end else None,
                       texts if texts is not None else GOOD, status, amends)


@pytest.mark.parametrize(("feedback", "next_step", "expected"), [
    (GOOD["doctor_feedback"], GOOD["next_step"], []),
    ("", GOOD["next_step"], [(MISSING_FIELD, "doctor_feedback")]),
    (None, None, [(MISSING_FIELD, "doctor_feedback"), (MISSING_FIELD, "next_step")]),
    ("   ", GOOD["next_step"], [(MISSING_FIELD, "doctor_feedback")]),
    ("无", GOOD["next_step"], [(MISSING_FIELD, "doctor_feedback")]),  # a placeholder says nothing
    ("OK.", GOOD["next_step"], [(MISSING_FIELD, "doctor_feedback")]),
    ("感兴趣", GOOD["next_step"], [(THIN_FIELD, "doctor_feedback")]),  # 3 < 8
    ("对新适应症感兴趣", GOOD["next_step"], []),  # exactly 8 characters: enough
    ("对新适应症感兴。", GOOD["next_step"], [(THIN_FIELD, "doctor_feedback")]),  # punctuation is no text
    (GOOD["doctor_feedback"], "再访", [(THIN_FIELD, "next_step")]),
    (GOOD["doctor_feedback"], "send data", []),  # 8 letters: enough for a next step
])
def test_missing_and_thin_fields(feedback: str | None, next_step: str | None,
                                 expected: list[tuple[str, str]]) -> None:
    found = thin_fields([visit(texts={"doctor_feedback": feedback, "next_step": next_step})])
    assert [(e.kind, e.detail) for e in found] == expected


def test_thin_says_how_long_against_how_long_it_should_be() -> None:
    [found] = thin_fields([visit(texts={"doctor_feedback": "感兴趣", "next_step": GOOD["next_step"]})])
    assert found.values == ("3", "8") and found.day == WED and found.visit_id == "v"


def test_drafts_are_not_judged() -> None:
    assert thin_fields([visit(texts={}, status="draft")]) == []
    assert outside_hours([visit("06:00", status="draft")]) == []


def test_meaningful_chars_count_letters_digits_and_cjk() -> None:
    assert meaningful_chars("A1 级, 好!") == 4
    assert meaningful_chars(None) == 0


@pytest.mark.parametrize(("start", "end", "day", "kind", "expected"), [
    ("08:00", "08:30", WED, "face_to_face", None),  # exactly at the start of the day: inside
    ("07:59", "08:30", WED, "face_to_face", "early"),
    ("17:30", "18:00", WED, "face_to_face", None),  # ends exactly at the end of the day: inside
    ("17:30", "18:01", WED, "face_to_face", "late"),
    ("18:00", None, WED, "face_to_face", None),  # no end: a start at 18:00 is still inside
    ("18:01", None, WED, "face_to_face", "late"),
    ("23:30", None, WED, "phone", "late"),
    ("10:00", "10:30", dt.date(2026, 12, 5), "face_to_face", "day_off"),  # a Saturday
    ("19:00", "21:00", WED, "academic_event", None),  # evening events by design
])
def test_outside_working_hours(start: str, end: str | None, day: dt.date, kind: str,
                               expected: str | None) -> None:
    found = outside_hours([visit(start, end, day=day, kind=kind)])
    assert [e.detail for e in found] == ([expected] if expected else [])
    if found:
        assert found[0].kind == OUTSIDE_HOURS and found[0].values[0] == start


def test_working_hours_come_from_the_rules() -> None:
    late_shift = DataQualityRules(work_start=dt.time(9, 0), work_end=dt.time(20, 0))
    assert [e.detail for e in outside_hours([visit("08:30", "09:00")], late_shift)] == ["early"]
    assert outside_hours([visit("19:00", "19:30")], late_shift) == []


@pytest.mark.parametrize(("visits", "expected"), [
    ([visit("09:00", vid="a"), visit("14:30", vid="b")], [("r1", "d1", ("2", "09:00, 14:30"))]),
    ([visit("09:00", rep="r1"), visit("14:30", rep="r2")], []),  # two reps, one doctor: no duplicate
    ([visit("09:00", doctor="d1"), visit("14:30", doctor="d2")], []),
    ([visit("09:00"), visit("09:00", day=WED + dt.timedelta(days=1))], []),  # different days
    ([visit("09:00", vid="a"), visit("09:30", amends="a")], []),  # a correction retells the visit
    ([visit("09:00"), visit("09:30", status="draft")], []),
    ([visit("09:00"), visit("11:00"), visit("16:00")], [("r1", "d1", ("3", "09:00, 11:00, 16:00"))]),
])
def test_duplicate_visits(visits: list[VisitRecord],
                          expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    found = duplicate_visits(visits)
    assert [(e.rep_id, e.doctor_id, e.values) for e in found] == expected
    assert all(e.kind == DUPLICATE_VISIT for e in found)


@pytest.mark.parametrize(("doctor", "flagged"), [
    (DoctorInputs("d1", "h1", "r1"), True),
    (DoctorInputs("d1", "h1", "r1", title="  "), True),
    (DoctorInputs("d1", "h1", "r1", title="chief"), False),
    (DoctorInputs("d1", "h1", "r1", outpatient_per_month=0), False),  # zero is a value
    (DoctorInputs("d1", "h1", "r1", product_potential={"p": 3}), False),
])
def test_doctors_without_grade_inputs(doctor: DoctorInputs, flagged: bool) -> None:
    found = missing_grade_inputs([doctor])
    assert bool(found) == flagged
    if found:
        assert found[0].kind == NO_GRADE_INPUTS and found[0].day is None and "title" in found[0].values


def test_the_minimum_of_grade_inputs_is_a_rule() -> None:
    two = DataQualityRules(min_grade_inputs=2)
    assert missing_grade_inputs([DoctorInputs("d1", "h1", "r1", title="chief")], two)


@pytest.mark.parametrize(("day", "planned", "done", "flagged"), [
    (WED, 4, 0, True),
    (WED, 4, 1, False),
    (WED, 0, 0, False),  # nothing planned: nothing to miss
    (dt.date(2026, 12, 3), 4, 0, False),  # today is not over
])
def test_plan_days_with_nothing_done(day: dt.date, planned: int, done: int, flagged: bool) -> None:
    found = plan_days_not_done([PlanDay("r1", day, planned, done)], today=dt.date(2026, 12, 3))
    assert bool(found) == flagged
    if found:
        assert found[0].kind == PLAN_DAY_NOT_DONE and found[0].values == ("4",)


def test_exceptions_are_sorted_by_day_and_standing_facts_come_last() -> None:
    found = exceptions([visit("07:00", texts={"doctor_feedback": "", "next_step": GOOD["next_step"]})],
                       [DoctorInputs("d9", "h1", "r1")],
                       [PlanDay("r1", WED - dt.timedelta(days=1), 3, 0)], today=dt.date(2026, 12, 3))
    assert [e.kind for e in found] == [PLAN_DAY_NOT_DONE, MISSING_FIELD, OUTSIDE_HOURS, NO_GRADE_INPUTS]
