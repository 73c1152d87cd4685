"""KPIs up and down the organisation: pooled groups, a doctor's standing, hospitals."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.kpi_rollup import doctor_standing, group_kpis, hospital_lines, overall_frequency
from domain.kpis import Period, SalesFact, TargetDoctor, TargetFact, VisitFact

NOV = Period.month(2026, 11)


def v(rep: str, doctor: str, day: int, inst: str = "h1", quality: float | None = 80.0) -> VisitFact:
    return VisitFact(rep, doctor, inst, dt.date(2026, 11, day), quality)


def test_a_group_pools_its_reps_facts_rather_than_averaging_percentages() -> None:
    targets = {"r1": [TargetDoctor("a", "A", 2), TargetDoctor("b", "B", 1)],
               "r2": [TargetDoctor(f"p{i}", "B", 1) for i in range(8)]}
    visits = [v("r1", "a", 3), v("r1", "a", 4), v("r1", "a", 5), v("r2", "p0", 3), v("r3", "x", 3)]
    g = group_kpis("d", "上海", ["r1", "r2"], visits, targets, NOV,
                   [SalesFact("h1", "p", dt.date(2026, 11, 1), 50.0)],
                   [TargetFact("p", dt.date(2026, 11, 1), 200.0),
                    TargetFact("p", dt.date(2026, 12, 1), 99.0)])
    assert (g.reps, g.target_doctors, g.visits) == (2, 10, 4)  # r3 is not in the group
    assert g.coverage == 2 / 10
    assert g.frequency == 3 / 11  # a: 2 of 2 (the third is not credited), p0: 1 of 1
    assert g.visits_per_rep_day == pytest.approx(4 / 21 / 2)  # November 2026: 21 working days
    assert (g.sold, g.target, g.sales_attainment) == (50.0, 200.0, 0.25)


def test_no_targets_means_no_figure_not_zero() -> None:
    g = group_kpis("d", "", ["r1"], [], {}, NOV)
    assert g.coverage is None and g.frequency is None and g.sales_attainment is None
    assert overall_frequency([], [], NOV) is None


@pytest.mark.parametrize(("as_of", "done", "due", "behind"), [
    (dt.date(2026, 11, 1), 0, 0, False),  # nobody is behind on the 1st
    (dt.date(2026, 11, 15), 1, 4, True),  # 8 a month: 4 due by the 15th of 30
    (dt.date(2026, 11, 15), 4, 4, False),
    (dt.date(2026, 12, 3), 7, 8, True),  # the month is over: all 8 due
    (dt.date(2026, 10, 20), 0, 0, False),  # before the period
])
def test_a_doctors_standing_is_pro_rata_of_the_days_gone(as_of: dt.date, done: int, due: int,
                                                         behind: bool) -> None:
    visits = [v("r1", "a", day) for day in range(1, done + 1)]
    s = doctor_standing(TargetDoctor("a", "A", 8), visits, NOV, as_of)
    assert (s.visits, s.required, s.due, s.behind) == (done, 8, due, behind)


def test_the_last_visit_may_come_from_before_the_period() -> None:
    s = doctor_standing(TargetDoctor("a", "A", 2), [], NOV, dt.date(2026, 12, 3), dt.date(2026, 10, 20))
    assert s.last_visit == dt.date(2026, 10, 20) and s.visits == 0
    later = doctor_standing(TargetDoctor("a", "A", 2), [v("r1", "a", 9)], NOV, dt.date(2026, 12, 3),
                            dt.date(2026, 10, 20))
    assert later.last_visit == dt.date(2026, 11, 9)


def test_hospitals_set_sales_against_visits() -> None:
    lines = hospital_lines([v("r1", "a", 3), v("r1", "b", 4), v("r1", "c", 5, inst="h2")],
                           [TargetDoctor("a", "A", 2), TargetDoctor("z", "B", 1)], {"a": "h1", "z": "h3"},
                           [SalesFact("h1", "p", dt.date(2026, 11, 1), 300.0),
                            SalesFact("h3", "p", dt.date(2026, 11, 1), 40.0)], NOV)
    assert [(h.institution_id, h.target_doctors, h.visits, h.sold, h.sales_per_visit) for h in lines] == [
        ("h1", 1, 2, 300.0, 150.0), ("h2", 0, 1, 0.0, 0.0), ("h3", 1, 0, 40.0, None)]
