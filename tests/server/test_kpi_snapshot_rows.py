"""The snapshot rows of hand-made facts (no database): ranks, medians, what a rep's own
row may say, and the team figures pooled as the device pools them."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from domain.kpis import TargetDoctor, VisitFact
from server.kpis.facts import CompanyFacts, Rep
from server.kpis.periods import month_of
from server.kpis.snapshots import compute_rows

NOVEMBER = month_of(dt.date(2026, 11, 20))
DISTRICT, REGION, DM = uuid.uuid4().hex, uuid.uuid4().hex, uuid.uuid4().hex


def facts(coverages: list[tuple[int, int]]) -> tuple[CompanyFacts, list[str]]:
    """One district; each rep sees ``seen`` of ``targets`` doctors once, the DM along."""
    reps = [uuid.uuid4().hex for _ in coverages]
    f = CompanyFacts({r: Rep(r, uuid.uuid4().hex, DISTRICT, REGION) for r in reps})
    f.district_region[DISTRICT] = REGION
    f.district_manager[DISTRICT] = DM
    for rep, (seen, targets) in zip(reps, coverages, strict=True):
        doctors = [uuid.uuid4().hex for _ in range(targets)]
        f.targets[rep] = [TargetDoctor(d, "A", 1) for d in doctors]
        f.visits[rep] = [VisitFact(rep, d, "", dt.date(2026, 11, 2 + i), 80.0, False, (DM,))
                         for i, d in enumerate(doctors[:seen])]
    return f, reps


def by(rows: list[dict], kind: str, audience: str) -> dict[str, dict]:
    return {r["subject_id"].hex: r for r in rows
            if r["subject_kind"] == kind and r["audience"] == audience}


def test_ranks_and_medians_and_what_a_rep_is_told() -> None:
    f, reps = facts([(1, 4), (3, 4), (2, 4)])
    rows = compute_rows(f, NOVEMBER, ranks_for_reps=True)
    managers, own = by(rows, "rep", "managers"), by(rows, "rep", "self")
    assert [managers[r]["rank"] for r in reps] == [3, 1, 2]
    assert {managers[r]["rank_of"] for r in reps} == {3}
    assert {own[r]["parent_median"] for r in reps} == {0.5}  # three reps: the median is shown
    for r in reps:
        assert own[r]["owner_id"].hex == r and own[r]["district_id"] is None
        assert managers[r]["owner_id"] is None and managers[r]["district_id"].hex == DISTRICT
        assert own[r]["coverage"] == managers[r]["coverage"]
    district = by(rows, "district", "managers")[DISTRICT]
    assert (district["visits"], district["coverage"]) == (6, 0.5)  # pooled: 6 of 12 targets
    assert district["ride_along_days"] == 3  # 2, 3 and 4 November
    assert (district["rank"], district["rank_of"]) == (1, 1)
    region = by(rows, "region", "managers")[REGION]
    assert region["region_id"].hex == REGION and region["district_id"] is None


def test_two_reps_get_their_rank_but_no_median_and_none_when_the_company_says_so() -> None:
    f, reps = facts([(1, 4), (3, 4)])
    own = by(compute_rows(f, NOVEMBER, ranks_for_reps=True), "rep", "self")
    assert [(own[r]["rank"], own[r]["rank_of"], own[r]["parent_median"]) for r in reps] == [
        (2, 2, None), (1, 2, None)]
    rows = compute_rows(f, NOVEMBER, ranks_for_reps=False)
    own = by(rows, "rep", "self")
    assert {(own[r]["rank"], own[r]["rank_of"], own[r]["parent_median"]) for r in reps} == {
        (None, None, None)}
    assert by(rows, "rep", "managers")[reps[0]]["parent_median"] == pytest.approx(0.5)
