"""KPI definitions on hand-made data: one table per KPI, edge cases included."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.kpis import (
    Period,
    SalesFact,
    TargetDoctor,
    TargetFact,
    VisitFact,
    average_quality,
    change,
    coverage,
    frequency_attainment,
    median,
    rank,
    rep_kpis,
    ride_along_days,
    sales_attainment,
    sales_per_visit,
    share_on_plan,
    visits_per_working_day,
    working_days,
)

D = dt.date
NOV = Period.month(2026, 11)


def visit(doctor: str, day: dt.date, *, rep: str = "r1", inst: str = "h1", quality: float | None = None,
          planned: bool = False, with_: tuple[str, ...] = ()) -> VisitFact:
    return VisitFact(rep, doctor, inst, day, quality, planned, with_)


TARGETS = [TargetDoctor("a1", "A", 4), TargetDoctor("a2", "A", 4), TargetDoctor("b1", "B", 2),
           TargetDoctor("c1", "C", 1)]


@pytest.mark.parametrize(("period", "first", "last", "months"), [
    (Period.month(2026, 2), D(2026, 2, 1), D(2026, 2, 28), 1.0),
    (Period.month(2028, 2), D(2028, 2, 1), D(2028, 2, 29), 1.0),
    (Period.month(2026, 4), D(2026, 4, 1), D(2026, 4, 30), 1.0),
    (Period.month(2026, 12), D(2026, 12, 1), D(2026, 12, 31), 1.0),
    (Period.quarter(2026, 4), D(2026, 10, 1), D(2026, 12, 31), 3.0),
    (Period.year(2026), D(2026, 1, 1), D(2026, 12, 31), 12.0),
    (Period(D(2026, 11, 16), D(2026, 11, 30)), D(2026, 11, 16), D(2026, 11, 30), 0.5),
])
def test_periods(period: Period, first: dt.date, last: dt.date, months: float) -> None:
    assert (period.first_day, period.last_day) == (first, last)
    assert period.months == pytest.approx(months)


@pytest.mark.parametrize(("period", "previous"), [
    (Period.month(2026, 3), Period.month(2026, 2)),
    (Period.month(2026, 1), Period.month(2025, 12)),
    (Period.quarter(2026, 1), Period.quarter(2025, 4)),
    (Period.year(2026), Period.year(2025)),
    (Period(D(2026, 11, 9), D(2026, 11, 15)), Period(D(2026, 11, 2), D(2026, 11, 8))),
])
def test_previous_period(period: Period, previous: Period) -> None:
    assert period.previous() == previous


def test_a_reversed_period_is_refused() -> None:
    with pytest.raises(ValueError):
        Period(D(2026, 11, 30), D(2026, 11, 1))


@pytest.mark.parametrize(("visits", "expected"), [
    ([], 0.0),
    ([visit("a1", D(2026, 11, 3))], 0.25),
    ([visit("a1", D(2026, 11, 3)), visit("a1", D(2026, 11, 4))], 0.25),  # once is enough
    ([visit("a1", D(2026, 10, 31)), visit("b1", D(2026, 12, 1))], 0.0),  # outside the month
    ([visit(d, D(2026, 11, 30)) for d in ("a1", "a2", "b1", "c1")], 1.0),  # last day counts
    ([visit("x9", D(2026, 11, 5))], 0.0),  # a doctor who is no target
])
def test_coverage(visits: list[VisitFact], expected: float) -> None:
    assert coverage(visits, TARGETS, NOV) == pytest.approx(expected)


def test_a_rep_with_no_target_doctors_has_no_coverage_rather_than_zero() -> None:
    assert coverage([visit("a1", D(2026, 11, 3))], [], NOV) is None
    assert rep_kpis([], [], NOV).coverage is None


def test_frequency_attainment_caps_each_doctor_at_their_requirement() -> None:
    visits = [visit("a1", D(2026, 11, d)) for d in range(1, 13)]  # 12 visits of a1
    visits += [visit("b1", D(2026, 11, 2))]
    result = frequency_attainment(visits, TARGETS, NOV)
    assert result["A"].required == 8 and result["A"].done == 4  # a1 capped at 4, a2 none
    assert result["A"].attainment == pytest.approx(0.5)
    assert result["B"].done == 1 and result["B"].attainment == pytest.approx(0.5)
    assert result["C"].done == 0 and result["C"].attainment == 0.0


def test_frequency_attainment_over_a_quarter_multiplies_the_monthly_rule() -> None:
    q4 = Period.quarter(2026, 4)
    visits = [visit("c1", D(2026, m, 10)) for m in (10, 11, 12)]
    result = frequency_attainment(visits, [TargetDoctor("c1", "C", 1)], q4)
    assert result["C"].required == 3 and result["C"].attainment == 1.0


def test_a_reassigned_doctor_keeps_visits_with_the_rep_who_made_them() -> None:
    # b1 moved from r1 to r2 on the 16th: r1's visit before stays r1's; r2 holds the target.
    before = visit("b1", D(2026, 11, 10), rep="r1")
    after = visit("b1", D(2026, 11, 20), rep="r2")
    r1 = rep_kpis([before], [TargetDoctor("a1", "A", 4)], NOV)
    r2 = rep_kpis([after], [TargetDoctor("b1", "B", 2)], NOV)
    assert r1.visits == 1 and r1.coverage == 0.0
    assert r2.visits == 1 and r2.coverage == 1.0


@pytest.mark.parametrize(("period", "holidays", "extra", "expected"), [
    (NOV, (), (), 21),
    (Period.month(2026, 2), (), (), 20),
    (Period.month(2026, 10), tuple(D(2026, 10, d) for d in range(1, 9)), (D(2026, 10, 10),), 17),
    (Period(D(2026, 11, 7), D(2026, 11, 8)), (), (), 0),  # a weekend
])
def test_working_days(period: Period, holidays: tuple[dt.date, ...], extra: tuple[dt.date, ...],
                      expected: int) -> None:
    assert working_days(period, holidays, extra) == expected


def test_visits_per_working_day_with_holidays_and_an_empty_weekend() -> None:
    visits = [visit("a1", D(2026, 11, d)) for d in (2, 3, 4)]
    assert visits_per_working_day(visits, NOV) == pytest.approx(3 / 21)
    assert visits_per_working_day(visits, NOV, holidays=(D(2026, 11, 2),)) == pytest.approx(3 / 20)
    assert visits_per_working_day(visits, Period(D(2026, 11, 7), D(2026, 11, 8))) is None


@pytest.mark.parametrize(("scores", "expected"), [
    ([], None), ([None], None), ([80.0], 80.0), ([70.0, 90.0, None], 80.0),
])
def test_average_quality(scores: list[float | None], expected: float | None) -> None:
    visits = [visit("a1", D(2026, 11, 3), quality=s) for s in scores]
    assert average_quality(visits, NOV) == expected


def test_share_on_plan() -> None:
    assert share_on_plan([], NOV) is None
    visits = [visit("a1", D(2026, 11, 3), planned=True), visit("a2", D(2026, 11, 3)),
              visit("b1", D(2026, 11, 4), planned=True), visit("c1", D(2026, 11, 5), planned=True)]
    assert share_on_plan(visits, NOV) == pytest.approx(0.75)


def test_sales_attainment_rolls_months_up_to_the_quarter() -> None:
    sales = [SalesFact("h1", "p1", D(2026, m, 1), 100.0) for m in (10, 11, 12)]
    sales.append(SalesFact("h2", "p2", D(2026, 11, 1), 5.0))
    targets = [TargetFact("p1", D(2026, m, 1), 120.0) for m in (10, 11, 12)]
    q4 = sales_attainment(sales, targets, Period.quarter(2026, 4))
    assert q4["p1"].quantity == 300 and q4["p1"].target == 360
    assert q4["p1"].attainment == pytest.approx(300 / 360)
    assert q4["p2"].target == 0 and q4["p2"].attainment is None  # sold without a target
    nov = sales_attainment(sales, targets, NOV)
    assert nov["p1"].attainment == pytest.approx(100 / 120)


def test_sales_per_visit_by_institution() -> None:
    sales = [SalesFact("h1", "p1", D(2026, 11, 1), 90.0), SalesFact("h2", "p1", D(2026, 11, 1), 10.0)]
    visits = [visit("a1", D(2026, 11, d), inst="h1") for d in (2, 3, 4)]
    assert sales_per_visit(sales, visits, NOV) == {"h1": 30.0, "h2": None}


def test_ride_along_days_count_days_not_visits() -> None:
    visits = [visit("a1", D(2026, 11, 3), with_=("dm1",)), visit("a2", D(2026, 11, 3), with_=("dm1",)),
              visit("b1", D(2026, 11, 4), with_=("dm1", "rm1")), visit("c1", D(2026, 11, 5))]
    assert ride_along_days(visits, "dm1", NOV) == 2
    assert ride_along_days(visits, "rm1", NOV) == 1


@pytest.mark.parametrize(("current", "previous", "expected"), [
    (110.0, 100.0, 0.1), (90.0, 100.0, -0.1), (5.0, 0.0, None), (None, 1.0, None), (1.0, None, None),
])
def test_change(current: float | None, previous: float | None, expected: float | None) -> None:
    got = change(current, previous)
    assert got == (pytest.approx(expected) if expected is not None else None)


def test_rank_shares_places_and_puts_unknowns_last() -> None:
    assert rank({"a": 0.9, "b": 0.7, "c": 0.9, "d": None, "e": 0.5}) == \
        {"a": 1, "c": 1, "b": 3, "e": 4, "d": 5}
    assert rank({"a": 3.0, "b": 1.0}, higher_is_better=False) == {"b": 1, "a": 2}


def test_median() -> None:
    assert median([]) is None
    assert median([None, 3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


DEC = Period.month(2026, 12)


@pytest.mark.parametrize(("period", "today", "counted", "compared"), [
    # The 4th of a running month: the 1st–4th, against last month's 1st–4th.
    (DEC, D(2026, 12, 4), Period(D(2026, 12, 1), D(2026, 12, 4)), Period(D(2026, 11, 1), D(2026, 11, 4))),
    # Its first day: that day alone, against last month's first.
    (DEC, D(2026, 12, 1), Period(D(2026, 12, 1), D(2026, 12, 1)), Period(D(2026, 11, 1), D(2026, 11, 1))),
    # The 31st of March against February: the stretch ends with February's last day.
    (Period.month(2027, 3), D(2027, 3, 30), Period(D(2027, 3, 1), D(2027, 3, 30)),
     Period(D(2027, 2, 1), D(2027, 2, 28))),
    # The last day, a past period and a future one: all of it, against all of the last.
    (DEC, D(2026, 12, 31), DEC, NOV),
    (NOV, D(2026, 12, 4), NOV, Period.month(2026, 10)),
    (DEC, D(2026, 11, 20), DEC, NOV),
    # A quarter in its second month.
    (Period.quarter(2026, 4), D(2026, 11, 15), Period(D(2026, 10, 1), D(2026, 11, 15)),
     Period(D(2026, 7, 1), D(2026, 8, 15))),
])
def test_a_running_period_counts_to_date_and_compares_with_the_same_stretch(
        period: Period, today: dt.date, counted: Period, compared: Period) -> None:
    assert period.elapsed(today) == counted
    assert period.previous_to_date(today) == compared


def test_visits_per_working_day_early_in_a_month_use_the_days_gone() -> None:
    """Three visits on Tue 1 Dec and Wed 2 Dec: on Fri the 4th that is 3 over 4 working
    days, not 3 over the month's 23."""
    visits = [visit("a1", D(2026, 12, 1)), visit("a2", D(2026, 12, 1)), visit("b1", D(2026, 12, 2))]
    assert rep_kpis(visits, TARGETS, DEC.elapsed(D(2026, 12, 4))).visits_per_working_day == 0.75
    assert rep_kpis(visits, TARGETS, DEC).visits_per_working_day == pytest.approx(3 / 23)


def test_early_in_a_month_a_visit_counts_toward_its_doctors_share() -> None:
    """On 4 December an A doctor (4 a month) is due 4 × 4/31 ≈ 0.5 visits so far: one
    visit counts (the cap rounds up), a second does not."""
    counted = DEC.elapsed(D(2026, 12, 4))
    visits = [visit("a1", D(2026, 12, 1)), visit("a1", D(2026, 12, 2))]
    a = frequency_attainment(visits, TARGETS, counted)["A"]
    assert a.done == 1 and a.required == pytest.approx(2 * 4 * 4 / 31, abs=0.01)
