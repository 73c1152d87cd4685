"""The rep's Visits page offscreen, on a real replica (rows written directly or through
``local_store.writes``, as the visit form would)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QLocale, Qt, QTime
from sqlalchemy.engine import Engine

from desktop import company_time
from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.visit_form_view import to_local, to_utc
from desktop.ui.visits_page import WEEK, SubmitReportDialog, VisitsPage
from domain.calendar import CompanyCalendar
from local_store import writes
from local_store.drafts import read_journal, write_journal
from local_store.replica import rejected_changes, synced
from local_store.state import USER_ID, set_state
from tests.local_store.test_read_world import ReadWorld

PRODUCT = uuid.uuid4()
MONDAY = dt.date(2026, 3, 16)  # ISO week 12


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A wall-clock time of the company's zone (the page's days are the company's)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CompanyCalendar().zone)


@dataclass
class VisitWorld:
    """Users, two hospitals, three doctors, the visit rules and a product; visits on demand."""

    replica: Engine
    me: uuid.UUID
    base: ReadWorld = field(init=False)
    territory: uuid.UUID = field(default_factory=uuid.uuid4)

    def __post_init__(self) -> None:
        self.base = ReadWorld(self.replica)
        w = self.base
        w.ids["me"] = self.me
        for key, name, role in (("me", "王小明", "rep"), ("li", "李娜", "rep"), ("zhao", "赵强", "rep"),
                                ("dm", "陈经理", "dm")):
            w.ids[key] = w.insert("users", id=w.ids.get(key, uuid.uuid4()), username=key,
                                  display_name=name, role=role, active=True)
        w.institution("h1", "北京协和医院")
        w.institution("h2", "朝阳医院")
        w.department("d1", "h1", "心内科")
        w.department("d2", "h2", "内分泌科")
        w.doctor("zhang", "张伟", "h1", "d1")
        w.doctor("liu", "刘芳", "h1", "d1")
        w.doctor("zhou", "周杰", "h2", "d2")
        with self.replica.begin() as conn:
            conn.execute(sa.update(synced["doctors"]).values(territory_id=self.territory))
        w.insert("products", id=PRODUCT, code="P-CV01", name="立普妥", active=True)
        w.insert("visit_rules", name="拜访记录规则",
                 required_fields=["doctor_id", "visit_type", "started_at", "purpose",
                                  "products_detailed", "products_detailed.key_message"],
                 quality_coefficients={"purpose": 15, "products_with_key_message": 20,
                                       "duration_in_range": 15, "feedback": 15, "no_feedback": -10},
                 backdate_days=7, month_end_day=3, min_minutes=5, max_minutes=120,
                 rule_version=1, active=True)
        w.reindex()

    def id(self, key: str) -> uuid.UUID:
        return self.base.ids[key]

    def visit(self, rep: str, doctor: str, when: dt.datetime, *, status: str = "submitted",
              quality: float | None = 70.0, visit_type: str = "face_to_face") -> uuid.UUID:
        return self.base.insert(
            "visits", rep_id=self.id(rep), territory_id=self.territory, doctor_id=self.id(doctor),
            institution_id=self.id("h1" if doctor != "zhou" else "h2"), visit_type=visit_type,
            started_at=when.astimezone(dt.UTC),
            ended_at=(when + dt.timedelta(minutes=20)).astimezone(dt.UTC),
            status=status, purpose="产品介绍", quality_score=quality)

    def review(self, visit: uuid.UUID, *, exemplary: bool, at: dt.datetime,
               reviewer: str = "dm") -> uuid.UUID:
        return self.base.insert("visit_reviews", visit_id=visit, territory_id=self.territory,
                                reviewer_id=self.id(reviewer), reviewed_at=at.astimezone(dt.UTC),
                                exemplary=exemplary)

    def reject(self, visit: uuid.UUID, message: str) -> None:
        with self.replica.begin() as conn:
            conn.execute(sa.insert(rejected_changes).values(
                mutation_id=1, table_name="visits", row_id=visit, op="update", base_version=1,
                fields={}, reason="locked", message=message,
                rejected_at=dt.datetime.now(dt.UTC), resolved=False))

    def draft(self, doctor: str, start: dt.datetime, **changes: Any) -> uuid.UUID:
        fields: dict[str, Any] = {
            "doctor_id": self.id(doctor), "visit_type": "face_to_face", "started_at": start,
            "ended_at": start + dt.timedelta(minutes=20), "purpose": "介绍新适应症",
            "products_detailed": [{"product_id": str(PRODUCT), "key_message": "降脂达标"}],
            **changes}
        with self.replica.begin() as conn:
            return writes.save_visit_draft(conn, **fields)


@pytest.fixture
def visit_world(replica: Engine) -> VisitWorld:
    me = uuid.uuid4()
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(me))
    return VisitWorld(replica, me)


def make_page(qtbot: Any, tasks: SynchronousTaskManager, world: VisitWorld) -> VisitsPage:
    page = VisitsPage(Ops(tasks, world.replica), "rep")
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


def cells(page: VisitsPage, column: int) -> list[str]:
    m = page.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def test_day_and_week_navigation_show_my_visits_of_the_period(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:
    visit_world.visit("me", "zhang", local(MONDAY, 9))
    visit_world.visit("me", "zhou", local(MONDAY, 14, 30), status="draft", quality=35.0)
    visit_world.visit("me", "liu", local(MONDAY + dt.timedelta(days=2), 10))
    visit_world.visit("me", "zhang", local(MONDAY + dt.timedelta(days=7), 11))
    visit_world.visit("li", "zhang", local(MONDAY, 10))  # another rep's: never on my page
    page = make_page(qtbot, tasks, visit_world)

    page.go_to(MONDAY)
    assert cells(page, 1) == ["张伟", "周杰"]
    assert cells(page, 2) == ["北京协和医院", "朝阳医院"]
    assert cells(page, 3) == ["Face to face", "Face to face"]
    assert cells(page, 4) == ["Submitted", "Draft"]
    assert cells(page, 5) == ["70", "35"]
    assert page.model.data(page.model.index(1, 5), Qt.ItemDataRole.ForegroundRole) is not None
    assert "2026" in page.period.text()
    assert "2 visits, 1 draft" in page.summary.text() and "drafts" not in page.summary.text()

    page.step(1)  # Tuesday: nothing
    assert page.model.rowCount() == 0 and page.empty.isVisibleTo(page)

    page.set_mode(WEEK)  # Tuesday's week is Monday's week
    assert cells(page, 1) == ["张伟", "周杰", "刘芳"]
    assert page.period.text().startswith("Week 12")
    page.step(1)
    assert cells(page, 1) == ["张伟"]
    page.step(-2)
    assert page.model.rowCount() == 0


def test_a_visit_the_server_refused_shows_as_rejected_with_the_reason(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:
    visit = visit_world.visit("me", "zhang", local(MONDAY, 9))
    visit_world.reject(visit, "this visit is submitted and locked")
    page = make_page(qtbot, tasks, visit_world)
    page.go_to(MONDAY)
    index = page.model.index(0, 4)
    assert page.model.data(index) == "Rejected"
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == "this visit is submitted and locked"


def test_submit_selected_submits_the_valid_drafts_and_lists_the_refused_one(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:
    day = dt.date.today() - dt.timedelta(days=1)  # within the backdating limit and the month window
    start = local(day, 10)
    good = visit_world.draft("zhang", start)
    incomplete = visit_world.draft("zhou", start + dt.timedelta(minutes=30), purpose=None)
    also_good = visit_world.draft("liu", start + dt.timedelta(minutes=60))
    page = make_page(qtbot, tasks, visit_world)
    page.go_to(day)
    assert cells(page, 4) == ["Draft", "Draft", "Draft"]

    page.select_ids([good, incomplete, also_good])
    assert page.submit_button.isEnabled() and "(3)" in page.submit_button.text()
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)

    with visit_world.replica.connect() as conn:
        status = {r.id: r.status for r in conn.execute(sa.select(synced["visits"]))}
    assert status == {good: "submitted", incomplete: "draft", also_good: "submitted"}
    report = page.report
    assert isinstance(report, SubmitReportDialog) and report.isVisible()
    assert report.summary.text().startswith("2 submitted. 1 could not be submitted")
    lines = report.lines()
    assert lines[0].startswith("周杰 — ")
    assert lines[1:] == ["• Purpose: Required to submit the visit."]
    # The list refreshed itself after the submit (operation_executed).
    assert cells(page, 4) == ["Submitted", "Draft", "Submitted"]
    assert page.model.data(page.model.index(0, 5)) != ""

    # Submitted visits cannot be selected for submit again.
    page.select_ids([good, also_good])
    assert not page.submit_button.isEnabled()


def test_new_visit_and_double_click_open_the_visit_form(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:
    visit = visit_world.visit("me", "zhang", local(MONDAY, 9), status="draft")
    page = make_page(qtbot, tasks, visit_world)
    page.go_to(MONDAY)
    page.table.doubleClicked.emit(page.model.index(0, 1))
    assert page.dialog is not None and page.dialog.visit_id == visit  # type: ignore[attr-defined]
    page.dialog.close()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.dialog is not None and page.dialog.visit_id != visit  # type: ignore[attr-defined]
    visit_world.visit("me", "liu", local(MONDAY, 15))
    page.dialog.saved.emit(visit)  # type: ignore[attr-defined]
    assert cells(page, 1) == ["张伟", "刘芳"]
    page.dialog.close()


def test_good_practice_tab_lists_exemplary_visits_of_the_team(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:
    shared = visit_world.visit("li", "zhou", local(MONDAY, 9), quality=95.0)
    visit_world.review(shared, exemplary=True, at=local(MONDAY, 18))
    visit_world.review(visit_world.visit("li", "zhang", local(MONDAY, 11)), exemplary=False,
                 at=local(MONDAY, 18))
    page = make_page(qtbot, tasks, visit_world)
    page.tabs.setCurrentWidget(page.good_practice)
    table = page.good_practice.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in (2, 3, 6, 7)] == ["李娜", "周杰", "95", "陈经理"]


def test_a_form_kept_only_in_the_journal_is_listed_and_reopens(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:
    unsaved = uuid.uuid4()
    with visit_world.replica.begin() as conn:  # typed, but no doctor chosen: never a draft
        write_journal(conn, unsaved, {"visit_type": "phone", "purpose": "还没选医生的记录"})
    page = make_page(qtbot, tasks, visit_world)
    assert page.unsaved_label.isVisibleTo(page) and page.unsaved == [unsaved]
    assert "not saved as a draft yet" in page.unsaved_label.text()
    page.unsaved_label.linkActivated.emit("open")
    dialog = page.dialog
    assert dialog is not None and dialog.visit_id == unsaved  # type: ignore[attr-defined]
    assert dialog.collect_fields().get("purpose") == "还没选医生的记录"  # type: ignore[attr-defined]
    dialog.ask_keep_journal = lambda: "keep"  # type: ignore[attr-defined]
    dialog.close()
    with visit_world.replica.connect() as conn:
        assert read_journal(conn, unsaved) is not None


def test_a_colleagues_shared_visit_is_listed_and_read_from_its_snapshot(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:
    from desktop.ui.shared_visit import SharedVisitDialog

    elsewhere = uuid.uuid4()  # a visit of another territory: not in this replica
    visit_world.base.insert(
        "shared_visits", visit_id=elsewhere, district_id=uuid.uuid4(), rep_name="孙丽",
        doctor_name="黄医生", institution_name="仁济医院", visit_type="face_to_face",
        started_at=local(MONDAY, 10), purpose="介绍新适应症", quality_score=100.0,
        products_detailed=[{"product_id": str(PRODUCT), "key_message": "降脂达标",
                            "reaction": "认可"}],
        reviewer_name="陈经理", shared_at=local(MONDAY, 20))
    page = make_page(qtbot, tasks, visit_world)
    page.tabs.setCurrentWidget(page.good_practice)
    gp = page.good_practice
    assert [gp.table.item(0, c).text() for c in (2, 3, 6, 7)] == ["孙丽", "黄医生", "100", "陈经理"]
    gp.table.cellDoubleClicked.emit(0, 0)
    viewer = gp.viewer
    assert isinstance(viewer, SharedVisitDialog) and viewer.isVisible()
    assert viewer.fields["products"].text() == "1. 立普妥 — key message: 降脂达标 — reaction: 认可"
    assert viewer.fields["purpose"].text() == "介绍新适应症"
    assert page.dialog is None  # no visit form: the visit is not here
    viewer.close()


def test_selected_drafts_are_deleted_after_confirmation_and_submitted_ones_stay(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:
    day = dt.date.today() - dt.timedelta(days=1)
    start = local(day, 10)
    draft = visit_world.draft("zhang", start)
    kept = visit_world.draft("liu", start + dt.timedelta(minutes=30))
    done = visit_world.visit("me", "zhou", start + dt.timedelta(minutes=60))
    page = make_page(qtbot, tasks, visit_world)
    page.go_to(day)
    page.select_ids([done])
    assert not page.delete_button.isEnabled()  # a submitted visit cannot be deleted
    asked: list[int] = []
    page.confirm_delete = lambda n: asked.append(n) or False  # type: ignore[method-assign]
    page.select_ids([draft, done])
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [1] and cells(page, 1) == ["张伟", "刘芳", "周杰"]  # declined: all kept
    page.confirm_delete = lambda n: True  # type: ignore[method-assign]
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert cells(page, 1) == ["刘芳", "周杰"] and page.message.text() == "1 draft(s) deleted."
    with visit_world.replica.connect() as conn:
        assert writes.get_local_row(conn, "visits", kept) is not None


def test_days_and_times_are_the_companys_whatever_the_computers_zone(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:
    """A company in Los Angeles (the synced frequency rule): 03:00 UTC on Monday 16 March
    is Sunday 15 March, 20:00 there. The page lists it on Sunday at 20:00, and the visit
    form's time fields read and write that wall clock."""
    visit_world.base.insert("frequency_rules", name="rule", visits_per_month={"A": 2},
                            rule_version=1, active=True, time_zone="America/Los_Angeles",
                            counted_visit_types=["face_to_face"], target_grades=["A"],
                            reminder_day=20)
    company_time.refresh(visit_world.replica)
    instant = dt.datetime(2026, 3, 16, 3, 0, tzinfo=dt.UTC)
    visit_world.visit("me", "zhang", instant)
    page = make_page(qtbot, tasks, visit_world)

    page.go_to(MONDAY)
    assert page.model.rowCount() == 0
    page.step(-1)
    assert cells(page, 1) == ["张伟"]
    assert cells(page, 0)[0] == QLocale().toString(QTime(20, 0), QLocale.FormatType.ShortFormat)
    shown = to_local(instant)
    assert (shown.date().day(), shown.time().hour()) == (15, 20)
    assert to_utc(shown) == instant
    assert company_time.today() == dt.datetime.now(ZoneInfo("America/Los_Angeles")).date()
