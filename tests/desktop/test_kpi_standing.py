"""The Reports page with the server's KPI snapshots in the replica: a rep's rank and
district median, a DM's ranking taken from the server, and the device's as fallback."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection, Engine

from tests.desktop.test_reports_page import build, cell, page_of
from tests.local_store.plan_world import put

COMPUTED = dt.datetime(2026, 11, 16, 1, 30)


def snapshot(conn: Connection, subject: uuid.UUID, audience: str, **figures: Any) -> None:
    put(conn, "kpi_snapshots", period="2026-11", period_kind="month",
        first_day=dt.date(2026, 11, 1), last_day=dt.date(2026, 11, 30), subject_kind="rep",
        subject_id=subject, audience=audience, computed_at=COMPUTED, ranked_by="coverage",
        **figures)


def test_a_rep_sees_their_rank_and_the_district_median_offline(qtbot: Any, replica: Engine,
                                                              tmp_path: Path) -> None:
    world = build(replica, signed_in="rep")
    with replica.begin() as conn:
        snapshot(conn, world.rep, "self", owner_id=world.rep, visits=3, coverage=2 / 3,
                 rank=2, rank_of=6, parent_median=0.71)
    page = page_of(qtbot, replica, "rep")
    assert page.standing.isVisible() or not page.isVisible()
    assert page.standing.text() == "Your rank 2 of 6 in the district by coverage · district median 71%"
    page.show()
    page.grab().save(str(tmp_path / "rep_standing.png"))


def test_without_a_snapshot_the_rep_is_told_when_it_comes(qtbot: Any, replica: Engine) -> None:
    build(replica, signed_in="rep")
    page = page_of(qtbot, replica, "rep")
    assert "after the server has computed this period" in page.standing.text()


def test_when_the_company_hides_ranks_the_rep_sees_their_own_coverage(qtbot: Any,
                                                                     replica: Engine) -> None:
    world = build(replica, signed_in="rep")
    with replica.begin() as conn:
        snapshot(conn, world.rep, "self", owner_id=world.rep, visits=3, coverage=2 / 3)
    page = page_of(qtbot, replica, "rep")
    assert page.standing.text() == \
        "Your coverage this period: 67% (the company does not show ranks to reps)."


def test_a_dm_sees_the_servers_ranking_when_every_rep_has_a_snapshot(
        qtbot: Any, replica: Engine, tmp_path: Path) -> None:
    world = build(replica, signed_in="dm")
    page = page_of(qtbot, replica, "dm")
    assert page.view is not None and page.view.ranking_source == "device"
    assert "computed on this computer" in page.standing.text()
    device_order = [cell(page.team, r, 1) for r in range(2)]
    with replica.begin() as conn:
        district = conn.exec_driver_sql("SELECT district_id FROM users WHERE username = 'dm1'"
                                        ).scalar_one()
        district_id = uuid.UUID(str(district))
        for rep, rank, coverage in ((world.rep, 2, 2 / 3), (world.peer, 1, 1.0)):
            snapshot(conn, rep, "managers", district_id=district_id, visits=3, coverage=coverage,
                     rank=rank, rank_of=2, parent_median=5 / 6)
    page.refresh()
    assert page.view is not None and page.view.ranking_source == "server"
    assert page.standing.text() == "Team ranking (below): as computed by the server, 2026-11-16 01:30 UTC."
    assert [cell(page.team, r, 0) for r in range(2)] == ["1", "2"]
    assert [cell(page.team, r, 1) for r in range(2)] == device_order == ["李娜", "张伟"]
    assert [cell(page.team, r, 2) for r in range(2)] == ["3", "3"]  # the server's figures
    assert page.team_median.text() == "Team median coverage: 83%"
    page.show()
    page.grab().save(str(tmp_path / "dm_ranking.png"))


def test_in_a_two_rep_district_the_rep_sees_their_rank_without_a_median(qtbot: Any,
                                                                       replica: Engine) -> None:
    world = build(replica, signed_in="rep")
    with replica.begin() as conn:
        snapshot(conn, world.rep, "self", owner_id=world.rep, visits=3, coverage=2 / 3,
                 rank=2, rank_of=2)
    page = page_of(qtbot, replica, "rep")
    assert page.standing.text() == "Your rank 2 of 2 in the district by coverage"
