"""The Reports page's drill-down offscreen: an RM's districts → a district's reps → a
rep's doctors and hospitals, breadcrumb back up; a DM starts at the reps, a rep at home."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy.engine import Engine

from desktop.drill_down import DISTRICTS, DOCTORS, REPS, Crumb, load_level
from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.reports_page import ReportsPage
from local_store.state import USER_ID, set_state
from tests.desktop.test_reports_page import at, visit
from tests.local_store.plan_world import put

NOV_15 = dt.date(2026, 11, 15)


@dataclass
class OrgWorld:
    rm: uuid.UUID
    dm: uuid.UUID
    rep: uuid.UUID
    peer: uuid.UUID
    far: uuid.UUID
    d1: uuid.UUID
    d2: uuid.UUID


def build(replica: Engine, *, signed_in: str) -> OrgWorld:
    """Region 华东: district 上海 (张伟, 李娜; DM 王经理) and district 杭州 (赵六)."""
    with replica.begin() as conn:
        put(conn, "frequency_rules", name="rule", visits_per_month={"A": 2, "B": 1}, rule_version=1,
            active=True, time_zone="Asia/Shanghai", counted_visit_types=["face_to_face"],
            target_grades=["A", "B"], reminder_day=20)
        region = put(conn, "regions", code="E", name="华东")
        d1 = put(conn, "districts", region_id=region, code="SH", name="上海")
        d2 = put(conn, "districts", region_id=region, code="HZ", name="杭州")
        t1, t2, t3 = (put(conn, "territories", district_id=d, code=c, name=c)
                      for d, c in ((d1, "T1"), (d1, "T2"), (d2, "T3")))
        rm = put(conn, "users", username="rm1", display_name="陈总", role="rm", active=True, region_id=region)
        dm = put(conn, "users", username="dm1", display_name="王经理", role="dm", active=True,
                 district_id=d1, region_id=region, manager_id=rm)
        rep = put(conn, "users", username="rep1", display_name="张伟", role="rep", active=True,
                  territory_id=t1, district_id=d1, region_id=region, manager_id=dm)
        peer = put(conn, "users", username="rep2", display_name="李娜", role="rep", active=True,
                   territory_id=t2, district_id=d1, region_id=region, manager_id=dm)
        far = put(conn, "users", username="rep3", display_name="赵六", role="rep", active=True,
                  territory_id=t3, district_id=d2, region_id=region)
        zs = put(conn, "institutions", name="中山医院", type="hospital", status="active")
        hs = put(conn, "institutions", name="华山医院", type="hospital", status="active")
        a1 = put(conn, "doctors", name="医生A1", status="active", grade="A",
                 institution_id=zs, territory_id=t1)
        put(conn, "doctors", name="医生A2", status="active", grade="A",
                 institution_id=hs, territory_id=t1)
        b1 = put(conn, "doctors", name="医生B1", status="active", grade="B",
                 institution_id=zs, territory_id=t1)
        p1 = put(conn, "doctors", name="医生P", status="active", grade="A",
                 institution_id=zs, territory_id=t2)
        f1 = put(conn, "doctors", name="医生F", status="active", grade="B",
                 institution_id=hs, territory_id=t3)
        for doctor, when in ((a1, at(3)), (a1, at(10)), (b1, at(12))):
            put(conn, "visits", rep_id=rep, territory_id=t1, doctor_id=doctor, institution_id=zs,
                visit_type="face_to_face", started_at=when, status="submitted", quality_score=80.0)
        visit(conn, rep, t1, a1, at(20, 10))  # October: the last visit before November for A1
        visit(conn, peer, t2, p1, at(4))
        visit(conn, far, t3, f1, at(5))
        product = put(conn, "products", code="P1", name="阿托伐他汀", active=True)
        put(conn, "sales_records", institution_id=zs, product_id=product, territory_id=t1,
            month=dt.date(2026, 11, 1), quantity=300.0, source="flow")
        put(conn, "targets", territory_id=t1, product_id=product, month=dt.date(2026, 11, 1), quantity=600.0)
        who = {"rm": rm, "dm": dm, "rep": rep}[signed_in]
        set_state(conn, USER_ID, str(who))
    return OrgWorld(rm, dm, rep, peer, far, d1, d2)


def page_of(qtbot: Any, replica: Engine, role: str) -> ReportsPage:
    page = ReportsPage(Ops(SynchronousTaskManager(), replica), role, day=NOV_15)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.tabs.setCurrentWidget(page.drill)
    return page


def rows(table: Any, cols: int) -> list[list[str]]:
    t = table.table
    return [[t.item(r, c).text() for c in range(cols)] for r in range(t.rowCount())]


def row_of(table: Any, name: str) -> int:
    t = table.table
    return next(r for r in range(t.rowCount()) if t.item(r, 0).text() == name)


def double_click(qtbot: Any, table: Any, row: int) -> None:
    t = table.table
    rect = t.visualItemRect(t.item(row, 0))
    qtbot.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_an_rm_drills_from_districts_to_a_reps_doctors_and_back(qtbot: Any, replica: Engine) -> None:
    build(replica, signed_in="rm")
    page = page_of(qtbot, replica, "rm")
    drill = page.drill
    assert drill.level is not None and drill.level.crumb.level == DISTRICTS
    assert rows(drill.groups, 5) == [["上海", "2", "4", "4", "75%"], ["杭州", "1", "1", "1", "100%"]]
    assert drill.groups.headers[:2] == ["District", "Reps"]
    double_click(qtbot, drill.groups, row_of(drill.groups, "上海"))
    assert drill.level.crumb.level == REPS
    assert [b.text() for b in drill.crumb_buttons] == ["Districts", "<b>上海</b>"]
    assert rows(drill.groups, 4) == [["张伟", "1", "3", "3"], ["李娜", "1", "1", "1"]]
    sales = {r[0]: r[8:] for r in rows(drill.groups, 11)}
    assert sales["张伟"] == ["300", "600", "50%"] and sales["李娜"] == ["0", "0", "–"]
    drill.groups.table.setCurrentCell(row_of(drill.groups, "张伟"), 0)
    qtbot.keyClick(drill.groups.table, Qt.Key.Key_Return)  # Enter opens the line too
    assert drill.level.crumb.level == DOCTORS
    assert drill.doctors.isVisibleTo(drill) and not drill.groups.isVisibleTo(drill)
    doctors = {r[0]: r for r in rows(drill.doctors, 8)}
    # November is over (today is later): all of a month's visits are due. A1: 2 of 2; A2: none
    assert doctors["医生A1"] == ["医生A1", "中山医院", "A", "2", "2", "2", "2026-11-10", "on track"]
    assert doctors["医生A2"][3:] == ["0", "2", "2", "–", "behind"]
    assert doctors["医生B1"][3:] == ["1", "1", "1", "2026-11-12", "on track"]
    hospitals = {r[0]: r for r in rows(drill.hospitals, 5)}
    assert hospitals["中山医院"] == ["中山医院", "2", "3", "300", "100.0"]
    assert hospitals["华山医院"][1:] == ["1", "0", "0", "–"]
    drill.crumb_buttons[1].click()  # back to 上海's reps
    assert drill.level.crumb.level == REPS and len(drill.crumb_buttons) == 2
    drill.crumb_buttons[0].click()
    assert drill.level.crumb.level == DISTRICTS and len(drill.crumb_buttons) == 1


def test_a_dm_starts_at_their_reps_and_follows_the_pages_period(qtbot: Any, replica: Engine) -> None:
    build(replica, signed_in="dm")
    page = page_of(qtbot, replica, "dm")
    drill = page.drill
    assert drill.level.crumb.level == REPS
    assert [r[0] for r in rows(drill.groups, 1)] == ["张伟", "李娜"]  # not 杭州's rep
    double_click(qtbot, drill.groups, row_of(drill.groups, "张伟"))
    assert [r[0] for r in rows(drill.doctors, 1)] == ["医生A1", "医生A2", "医生B1"]
    page.previous_button.click()  # October: A1 seen once (October 20)
    assert drill.level.period.first_day == dt.date(2026, 10, 1)
    doctors = {r[0]: r for r in rows(drill.doctors, 8)}
    assert doctors["医生A1"][3] == "1" and doctors["医生A1"][7] == "behind"


def test_a_rep_sees_their_own_doctors_and_exports_them(qtbot: Any, replica: Engine, tmp_path: Path) -> None:
    build(replica, signed_in="rep")
    page = page_of(qtbot, replica, "rep")
    drill = page.drill
    assert page.data_quality is None and page.tabs.count() == 2
    assert drill.level.crumb.level == DOCTORS
    assert drill.crumb_buttons[0].text() == "<b>My doctors and hospitals</b>"
    target = tmp_path / "doctors.csv"
    drill.choose_export_path = lambda _title: target
    drill.doctors.export_button.click()
    with target.open(encoding="utf-8-sig") as fh:
        exported = list(csv.reader(fh))
    assert exported[0][:3] == ["Doctor", "Institution", "Grade"] and len(exported) == 4


def test_a_rep_outside_the_team_is_refused(replica: Engine) -> None:
    world = build(replica, signed_in="dm")
    try:
        load_level(replica, "month", NOV_15, Crumb(DOCTORS, world.far.hex, "赵六"))
    except LookupError as error:
        assert "team" in str(error)
    else:
        raise AssertionError("a DM opened another district's rep")
