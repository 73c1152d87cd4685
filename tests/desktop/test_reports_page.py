"""The Reports page offscreen on a hand-made replica: a rep's KPIs, a DM's ranking, exports."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection, Engine

from desktop.ops import Ops
from desktop.reports import load_report
from desktop.tasks import SynchronousTaskManager
from desktop.ui.reports_page import ReportsPage
from local_store.state import USER_ID, set_state
from tests.local_store.plan_world import put

NOV_15 = dt.date(2026, 11, 15)


@dataclass
class ReportWorld:
    dm: uuid.UUID
    rep: uuid.UUID
    peer: uuid.UUID


def at(day: int, month: int = 11, hour: int = 2) -> dt.datetime:
    """A UTC instant: 02:00 UTC is 10:00 in Shanghai, the same day."""
    return dt.datetime(2026, month, day, hour, 0)


def visit(conn: Connection, rep: uuid.UUID, territory: uuid.UUID, doctor: uuid.UUID, when: dt.datetime,
          *, status: str = "submitted", kind: str = "face_to_face", quality: float | None = 80.0) -> None:
    put(conn, "visits", rep_id=rep, territory_id=territory, doctor_id=doctor, visit_type=kind,
        started_at=when, status=status, quality_score=quality)


def build(replica: Engine, *, signed_in: str) -> ReportWorld:
    with replica.begin() as conn:
        district, t1, t2 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        put(conn, "frequency_rules", name="rule", visits_per_month={"A": 2, "B": 1}, rule_version=1,
            active=True, time_zone="Asia/Shanghai", counted_visit_types=["face_to_face"],
            target_grades=["A", "B"], reminder_day=20)
        dm = put(conn, "users", username="dm1", display_name="王经理", role="dm", active=True,
                 district_id=district)
        rep = put(conn, "users", username="rep1", display_name="张伟", role="rep", active=True,
                  territory_id=t1, district_id=district, manager_id=dm)
        peer = put(conn, "users", username="rep2", display_name="李娜", role="rep", active=True,
                   territory_id=t2, district_id=district, manager_id=dm)
        hospital = put(conn, "institutions", name="中山医院", type="hospital", status="active")
        a1, a2, b1 = (put(conn, "doctors", name=f"医生{g}", status="active", grade=g[0],
                          institution_id=hospital, territory_id=t1) for g in ("A1", "A2", "B1"))
        put(conn, "doctors", name="医生C", status="active", grade="C", institution_id=hospital,
            territory_id=t1)  # not a target under this rule
        p_doc = put(conn, "doctors", name="医生P", status="active", grade="A", institution_id=hospital,
                    territory_id=t2)
        visit(conn, rep, t1, a1, at(3), quality=70.0)
        visit(conn, rep, t1, a1, at(10), quality=90.0)
        visit(conn, rep, t1, b1, at(12))
        visit(conn, rep, t1, a2, at(13), status="draft")  # drafts never count
        visit(conn, rep, t1, a2, at(14), kind="phone")  # not a counted type
        visit(conn, rep, t1, a2, at(20, 10))  # October: the previous period
        visit(conn, peer, t2, p_doc, at(4))
        visit(conn, peer, t2, p_doc, at(5))
        product = put(conn, "products", code="P1", name="阿托伐他汀", active=True)
        put(conn, "sales_records", institution_id=hospital, product_id=product, territory_id=t1,
            month=dt.date(2026, 11, 1), quantity=100.0, source="flow")
        put(conn, "targets", territory_id=t1, product_id=product, month=dt.date(2026, 11, 1),
            quantity=200.0)
        set_state(conn, USER_ID, str(rep if signed_in == "rep" else dm))
    return ReportWorld(dm, rep, peer)


def page_of(qtbot: Any, replica: Engine, role: str) -> ReportsPage:
    page = ReportsPage(Ops(SynchronousTaskManager(), replica), role, day=NOV_15)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    return page


def cell(table: Any, row: int, col: int) -> str:
    return str(table.table.item(row, col).text())


def test_a_rep_sees_their_months_kpis_against_the_month_before(qtbot: Any, replica: Engine) -> None:
    build(replica, signed_in="rep")
    page = page_of(qtbot, replica, "rep")
    view = page.view
    assert view is not None and page.period_label.text() == "2026-11"
    cards = {c.key: c for c in view.cards}
    assert cards["visits"].value == 3 and cards["visits"].previous == 1
    assert cards["coverage"].value == 2 / 3  # A1 and B1 of A1, A2, B1
    assert cards["average_quality"].value == 80.0
    assert page.cards["coverage"].value.text() == "67%"
    assert [cell(page.grades, r, c) for r in range(2) for c in range(5)] == [
        "A", "2", "4.0", "2", "50%", "B", "1", "1.0", "1", "100%"]
    assert [cell(page.sales, 0, c) for c in range(4)] == ["阿托伐他汀", "100", "200", "50%"]
    assert not page.team.isVisibleTo(page)
    page.previous_button.click()
    assert page.period_label.text() == "2026-10"
    assert {c.key: c.value for c in page.view.cards}["visits"] == 1


def test_quarter_and_year_sum_their_months(qtbot: Any, replica: Engine) -> None:
    build(replica, signed_in="rep")
    page = page_of(qtbot, replica, "rep")
    page.kind.setCurrentIndex(1)
    assert page.period_label.text() == "2026 Q4"
    assert {c.key: c.value for c in page.view.cards}["visits"] == 4
    page.kind.setCurrentIndex(2)
    assert page.period_label.text() == "2026"


def test_a_dm_sees_the_team_ranked_and_the_median(qtbot: Any, replica: Engine) -> None:
    build(replica, signed_in="dm")
    page = page_of(qtbot, replica, "dm")
    assert page.team.isVisibleTo(page)
    rows = [[cell(page.team, r, c) for c in range(4)] for r in range(page.team.table.rowCount())]
    assert rows == [["1", "李娜", "2", "100%"], ["2", "张伟", "3", "67%"]]
    assert "83%" in page.team_median.text()
    assert {c.key: c.value for c in page.view.cards}["visits"] == 5  # the team's together


def test_exports_write_the_table_as_shown(qtbot: Any, replica: Engine, tmp_path: Path) -> None:
    build(replica, signed_in="rep")
    page = page_of(qtbot, replica, "rep")
    target = tmp_path / "grades.csv"
    page.choose_export_path = lambda _title: target
    page.grades.export_button.click()
    with target.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Grade", "Target doctors", "Visits required", "Visits done", "Attainment"]
    assert rows[1] == ["A", "2", "4.0", "2", "0.5"]
    workbook = tmp_path / "sales.xlsx"
    page.choose_export_path = lambda _title: workbook
    page.sales.export_button.click()
    with zipfile.ZipFile(workbook) as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert "阿托伐他汀" in strings and "Attainment" in strings


def test_a_replica_that_has_not_synced_yet_says_so(qtbot: Any, replica: Engine) -> None:
    page = page_of(qtbot, replica, "rep")
    assert page.view is None and "sync" in page.status.text().lower()


def test_the_page_and_load_report_agree(replica: Engine) -> None:
    build(replica, signed_in="rep")
    view = load_report(replica, "month", NOV_15)
    assert [(g.grade, g.done) for g in view.grades] == [("A", 2), ("B", 1)]
