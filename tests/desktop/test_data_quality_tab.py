"""The Data quality tab offscreen on a hand-made replica: the exception list of a range,
filters by kind and rep, exports that read back; reps do not get the tab."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from desktop.app import Translations
from desktop.data_quality import load_quality
from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.reports_page import ReportsPage
from domain.data_quality import (
    DUPLICATE_VISIT,
    MISSING_FIELD,
    NO_GRADE_INPUTS,
    OUTSIDE_HOURS,
    PLAN_DAY_NOT_DONE,
    THIN_FIELD,
)
from local_store.state import USER_ID, set_state
from tests.local_store.plan_world import put

TUE, WED = dt.date(2026, 12, 1), dt.date(2026, 12, 2)
GOOD = {"doctor_feedback": "对新适应症很感兴趣，想看数据", "next_step": "下周带真实世界研究数据"}


def utc(day: dt.date, hhmm: str) -> dt.datetime:
    """Shanghai local time ``hhmm`` on ``day`` as naive UTC (as the replica stores it)."""
    local = dt.datetime.combine(day, dt.time.fromisoformat(hhmm))
    return local - dt.timedelta(hours=8)


def build(replica: Engine) -> dict[str, uuid.UUID]:
    with replica.begin() as conn:
        put(conn, "frequency_rules", name="rule", visits_per_month={"A": 2}, rule_version=1, active=True,
            time_zone="Asia/Shanghai", counted_visit_types=["face_to_face"], target_grades=["A"],
            reminder_day=20)
        district, t1, t2 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        dm = put(conn, "users", username="dm1", display_name="王经理", role="dm", active=True,
                 district_id=district)
        rep = put(conn, "users", username="rep1", display_name="张伟", role="rep", active=True,
                  territory_id=t1, district_id=district, manager_id=dm)
        peer = put(conn, "users", username="rep2", display_name="李娜", role="rep", active=True,
                   territory_id=t2, district_id=district, manager_id=dm)
        hospital = put(conn, "institutions", name="中山医院", type="hospital", status="active")
        dept = put(conn, "departments", institution_id=hospital, name="心内科", outpatient_per_month=2000)
        a = put(conn, "doctors", name="医生甲", status="active", grade="A", institution_id=hospital,
                territory_id=t1, title="chief", department_id=dept)
        put(conn, "doctors", name="医生乙", status="active", grade="A", institution_id=hospital,
            territory_id=t2)  # no title, no department, no potential: no grade inputs

        def visit(who: uuid.UUID, territory: uuid.UUID, when: dt.datetime, end: dt.datetime | None = None,
                  status: str = "submitted", **texts: str) -> None:
            put(conn, "visits", rep_id=who, territory_id=territory, doctor_id=a, institution_id=hospital,
                visit_type="face_to_face", started_at=when, ended_at=end, status=status,
                **{**GOOD, **texts})

        visit(rep, t1, utc(WED, "08:00"), utc(WED, "08:30"))  # exactly at the start of the day: fine
        visit(rep, t1, utc(WED, "17:40"), utc(WED, "18:20"))  # ends after hours; 2nd visit of the day
        visit(rep, t1, utc(TUE, "10:00"), doctor_feedback="")  # missing feedback
        visit(peer, t2, utc(WED, "11:00"), next_step="再访")  # thin; same doctor as 张伟: no duplicate
        visit(peer, t2, utc(WED, "12:00"), status="draft", doctor_feedback="")  # drafts are not judged
        plan = put(conn, "visit_plans", rep_id=peer, territory_id=t2, week_start=dt.date(2026, 11, 30),
                   status="submitted")
        put(conn, "planned_visits", plan_id=plan, rep_id=peer, territory_id=t2, doctor_id=a,
            planned_date=TUE, status="planned")  # 李娜 did nothing on Tuesday
        set_state(conn, USER_ID, str(dm))
    return {"dm": dm, "rep": rep, "peer": peer}


def tab_of(qtbot: Any, replica: Engine) -> Any:
    page = ReportsPage(Ops(SynchronousTaskManager(), replica), "dm", day=WED)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    assert page.data_quality is not None
    page.tabs.setCurrentWidget(page.data_quality)
    assert not page.kind.isVisible()  # the tab has its own days, not the page's period
    tab = page.data_quality
    tab.refresh(TUE, WED)
    return tab


def cells(tab: Any) -> list[list[str]]:
    t = tab.table.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_exceptions_of_a_range(replica: Engine) -> None:
    build(replica)
    view = load_quality(replica, TUE, WED)
    found = sorted((r.kind, r.rep_name, r.day.isoformat() if r.day else "", r.detail) for r in view.rows)
    assert found == sorted([
        (MISSING_FIELD, "张伟", "2026-12-01", "doctor_feedback"),
        (PLAN_DAY_NOT_DONE, "李娜", "2026-12-01", "planned"),
        (OUTSIDE_HOURS, "张伟", "2026-12-02", "late"),
        (DUPLICATE_VISIT, "张伟", "2026-12-02", "count"),
        (THIN_FIELD, "李娜", "2026-12-02", "next_step"),
        (NO_GRADE_INPUTS, "李娜", "", "missing"),
    ])


def test_the_tab_filters_by_kind_and_rep(qtbot: Any, replica: Engine) -> None:
    build(replica)
    tab = tab_of(qtbot, replica)
    assert len(cells(tab)) == 6
    assert tab.first.date().toString("yyyy-MM-dd") == "2026-12-01"
    tab.kind.setCurrentIndex(tab.kind.findData(OUTSIDE_HOURS))
    assert cells(tab) == [["Outside working hours", "张伟", "2026-12-02", "医生甲 · 中山医院",
                           "17:40–18:20, after working hours"]]
    tab.kind.setCurrentIndex(0)
    tab.rep.setCurrentIndex(tab.rep.findText("李娜"))
    assert sorted(r[0] for r in cells(tab)) == ["No grade inputs", "Plan day with nothing done", "Thin field"]
    details = {r[0]: r[4] for r in cells(tab)}
    assert details["Thin field"] == "Next step: 2 characters (at least 5)"
    assert details["Plan day with nothing done"] == "1 visit(s) planned, none done"
    assert "1 visit" in details["Plan day with nothing done"]
    assert "3 exception(s) of 6" in tab.status.text()


def test_exports_write_what_is_shown(qtbot: Any, replica: Engine, tmp_path: Path) -> None:
    build(replica)
    tab = tab_of(qtbot, replica)
    tab.kind.setCurrentIndex(tab.kind.findData(DUPLICATE_VISIT))
    target = tmp_path / "quality.csv"
    tab.choose_export_path = lambda _title: target
    tab.table.export_button.click()
    with target.open(encoding="utf-8-sig") as fh:
        exported = list(csv.reader(fh))
    assert exported == [["Kind", "Rep", "Date", "Doctor / institution", "Detail"],
                        ["Duplicate visit", "张伟", "2026-12-02", "医生甲 · 中山医院",
                         "2 visits that day: 08:00, 17:40"]]
    workbook = tmp_path / "quality.xlsx"
    tab.choose_export_path = lambda _title: workbook
    tab.kind.setCurrentIndex(0)
    tab.table.export_button.click()
    with zipfile.ZipFile(workbook) as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert "Plan day with nothing done" in strings and "李娜" in strings


def test_a_range_that_ends_before_it_starts_is_refused(qtbot: Any, replica: Engine) -> None:
    build(replica)
    tab = tab_of(qtbot, replica)
    tab.refresh(WED, TUE)
    assert "end on or after" in tab.status.text() and len(cells(tab)) == 6


def test_reps_have_no_data_quality_tab(qtbot: Any, replica: Engine) -> None:
    ids = build(replica)
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(ids["rep"]))
    page = ReportsPage(Ops(SynchronousTaskManager(), replica), "rep", day=WED)
    qtbot.addWidget(page)
    assert page.data_quality is None


def test_in_chinese_the_export_has_chinese_headers_and_texts(qtbot: Any, qapp: Any, replica: Engine,
                                                             tmp_path: Path) -> None:
    build(replica)
    translations = Translations(qapp)
    translations.apply("zh_CN")
    try:
        tab = tab_of(qtbot, replica)
        tab.kind.setCurrentIndex(tab.kind.findData(THIN_FIELD))
        target = tmp_path / "quality.csv"
        tab.choose_export_path = lambda _title: target
        tab.table.export_button.click()
    finally:
        translations.apply("en")
    with target.open(encoding="utf-8-sig") as fh:
        exported = list(csv.reader(fh))
    assert exported == [["类型", "代表", "日期", "医生 / 机构", "详情"],
                        ["内容过短", "李娜", "2026-12-02", "医生甲 · 中山医院",
                         "下一步：2 个字（至少 5 个）"]]
