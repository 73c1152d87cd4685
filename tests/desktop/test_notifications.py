"""Notifications computed on the device: on a replica filled as a pull would, on Today,
in the pop-up wording, and end to end over a live server (DM reviews, rep is told)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from desktop import notifications as nt
from desktop import review
from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.notifications import NotificationText, TrayNotifier
from desktop.ui.rejected_dialog import RejectedChangesDialog
from desktop.ui.today_notifications import GroupRow
from desktop.ui.today_page import TodayPage
from local_store import outbox as ob
from local_store import writes
from local_store.state import utcnow
from tests.desktop.review_world import ReviewWorld
from tests.sync import conftest as sync_fixtures
from tests.sync.conftest import World

device = sync_fixtures.device  # the sync tests' two-device fixture, used here too


@pytest.fixture
def w(replica: Engine) -> ReviewWorld:
    world = ReviewWorld.build(replica)
    world.sign_in_as("rep")
    return world


def recently(hours: float) -> dt.datetime:
    return utcnow() - dt.timedelta(hours=hours)


def kinds(items: list[nt.Notification]) -> list[tuple[str, tuple[str, ...]]]:
    return [(n.kind, n.title_args) for n in items]


def reject_one(replica: Engine, visit_id: uuid.UUID) -> None:
    """What the sync engine does with a refused push: the entry moves to rejected_changes."""
    with replica.begin() as conn:
        writes.add_comment(conn, visit_id, "建议下次带资料", kind="suggestion")
        (entry,) = ob.all_entries(conn)
        ob.move_to_rejected(conn, entry, reason="not_allowed", field="kind",
                            message="Reps reply with comments; suggestions and manager notes "
                                    "are for managers.")


def test_each_kind_is_computed_for_the_signed_in_rep(w: ReviewWorld) -> None:
    w.comment("dm", "下次带上临床数据单页。", kind="suggestion", at=recently(3))
    w.comment("rep", "好的。", at=recently(2.5))
    w.comment("dm", "李强的拜访写得好", visit="visit2", at=recently(2))  # not my visit
    w.review("dm", exemplary=True, at=recently(1))
    w.review("dm", visit="visit2", exemplary=True, at=recently(0.5))
    reject_one(w.replica, w.ids["visit"])
    found = nt.compute_notifications(w.replica)
    assert kinds(found) == [
        ("rejected", ("visit_comments", "not_allowed",
                      "Reps reply with comments; suggestions and manager notes are for managers.")),
        ("exemplary", ("李强", "陈医生", "张伟")),
        ("reviewed", ("张伟", "陈医生", "exemplary")),
        ("comment", ("张伟", "陈医生", "suggestion")),
    ]
    assert found[0].visit_id == w.ids["visit"] and found[1].visit_id == w.ids["visit2"]
    assert found[3].detail == "下次带上临床数据单页。"
    words = NotificationText()
    assert [words.title(n) for n in found] == [
        "The server refused a comment",
        "Good practice: 李强's visit to 陈医生",
        "张伟 marked your visit to 陈医生 exemplary",
        "张伟 left a suggestion on your visit to 陈医生",
    ]
    assert words.message(found[1]) == "Marked exemplary by 张伟 and shared with the team."


def test_the_dm_is_not_told_about_their_own_work(w: ReviewWorld) -> None:
    w.comment("dm", "很好", at=recently(2))
    w.review("dm", exemplary=True, at=recently(1))
    w.sign_in_as("dm")
    assert nt.compute_notifications(w.replica) == []


def test_a_pop_up_is_raised_once_and_not_again(w: ReviewWorld) -> None:
    w.comment("dm", "开场很好", at=recently(3))
    w.review("dm", at=recently(2))
    first = nt.take_new_notifications(w.replica)
    assert [n.kind for n in first] == ["comment", "reviewed"]
    assert nt.take_new_notifications(w.replica) == []
    # the comment is still unread, so Today still lists both
    assert len(nt.compute_notifications(w.replica)) == 2
    # something newer is raised on its own
    w.comment("dm", "还有一点", kind="manager_note", at=recently(1))
    assert kinds(nt.take_new_notifications(w.replica)) == [("comment", ("张伟", "陈医生",
                                                                        "manager_note"))]


def test_seen_and_read_notifications_leave_today(w: ReviewWorld) -> None:
    w.comment("dm", "开场很好", at=recently(3))
    w.review("dm", at=recently(2))
    w.review("dm", visit="visit2", exemplary=True, at=recently(1))
    found = nt.compute_notifications(w.replica)
    nt.mark_all_seen(w.replica, found)
    assert [n.kind for n in nt.compute_notifications(w.replica)] == ["comment"]
    review.mark_thread_read(w.replica, w.ids["visit"])
    assert nt.compute_notifications(w.replica) == []
    # a later review is new again
    w.review("dm", visit="visit2", exemplary=True, at=recently(0.5))
    assert [n.kind for n in nt.compute_notifications(w.replica)] == ["exemplary"]


def test_old_history_on_a_fresh_replica_is_not_listed(w: ReviewWorld) -> None:
    w.review("dm", at=utcnow() - dt.timedelta(days=90))
    assert nt.compute_notifications(w.replica) == []


def test_a_rejected_change_is_notified_until_resolved(w: ReviewWorld) -> None:
    reject_one(w.replica, w.ids["visit"])
    (raised,) = nt.take_new_notifications(w.replica)
    assert raised.kind == "rejected" and nt.take_new_notifications(w.replica) == []
    with w.replica.begin() as conn:
        ob.resolve_rejections(conn, [r["id"] for r in ob.unresolved_rejections(conn)])
    assert nt.compute_notifications(w.replica) == []


def test_the_pop_up_summarises_several(qapp: Any, english: None, w: ReviewWorld) -> None:
    for i in range(5):
        w.comment("dm", f"第{i}条", at=recently(5 - i))
    items = nt.compute_notifications(w.replica)
    title, message = NotificationText().summary(items)
    assert title == "5 new notifications"
    assert message.splitlines() == ["张伟 commented on your visit to 陈医生"] * 3 + ["and 2 more"]
    notifier = TrayNotifier(Ops(SynchronousTaskManager(), w.replica))
    notifier.announce(items[:1])
    assert notifier.last_shown == ("张伟 commented on your visit to 陈医生", "第4条")
    notifier.close()


def test_today_lists_notifications_and_opens_what_they_are_about(qtbot: Any, w: ReviewWorld) -> None:
    w.review("dm", visit="visit2", exemplary=True, at=recently(2))
    reject_one(w.replica, w.ids["visit"])
    tasks = SynchronousTaskManager()
    page = TodayPage(Ops(tasks, w.replica), "王芳", role="rep")
    qtbot.addWidget(page)
    page.show()
    rows = page.notifications.buttons
    assert [b.text() for b in rows] == ["The server refused a comment",
                                        "Good practice: 李强's visit to 陈医生"]
    assert page.mark_seen.isVisible()
    rows[0].click()
    assert isinstance(page.notifications.opened, RejectedChangesDialog)
    page.notifications.opened.close()
    page.mark_seen.click()
    assert [b.text() for b in page.notifications.buttons] == ["The server refused a comment"]
    assert not page.mark_seen.isVisible() and not page.notifications.empty.isVisible()


def test_over_a_live_server_the_rep_is_told_and_reads_the_thread(
        qtbot: Any, engine: Engine, world: World, device: Any) -> None:
    """The DM suggests and shares a visit; the rep's device notices both once, reads the
    thread (the read receipt reaches the server), and a suggestion the rep sneaks in
    past the form is refused by the server and becomes a notification."""
    from desktop.ui.visit_thread import VisitThreadWidget
    from tests.sync.conftest import server_row

    dm, rep = device(world.dm), device(world.rep_a)
    dm.sync()
    rep.sync()
    visit_id = world.visit_a["id"]
    comment_id = review.add_to_thread(dm.db, visit_id, "下次带上临床数据单页。", kind="suggestion",
                                      role="dm")
    review.set_review(dm.db, visit_id, exemplary=True)
    dm.sync()
    rep.sync()
    doctor = world.doc_a["name"]
    assert kinds(nt.take_new_notifications(rep.db)) == [
        ("comment", ("张伟", doctor, "suggestion")), ("reviewed", ("张伟", doctor, "exemplary"))]
    assert nt.take_new_notifications(rep.db) == []

    widget = VisitThreadWidget(Ops(SynchronousTaskManager(), rep.db), "rep", visit_id)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.loaded is not None and [c.kind for c in widget.loaded.comments] == ["suggestion"]
    with rep.db.begin() as conn:
        writes.add_comment(conn, visit_id, "我也来建议一下", kind="suggestion")
    rep.sync()
    (read_id,) = rep.ids("comment_reads")
    on_server = server_row(engine, "comment_reads", read_id)
    assert on_server is not None and on_server["comment_id"] == comment_id
    assert on_server["user_id"] == world.rep_a["id"]
    found = nt.compute_notifications(rep.db)
    assert [n.kind for n in found] == ["rejected", "reviewed"]
    assert found[0].title_args[1] == "not_allowed" and found[0].visit_id == visit_id
    (raised,) = nt.take_new_notifications(rep.db)
    assert raised.kind == "rejected"


def test_a_colleagues_visit_shared_with_the_district_is_announced_and_opens_its_snapshot(
        qtbot: Any, w: ReviewWorld) -> None:
    from desktop.ui.shared_visit import SharedVisitDialog

    elsewhere = uuid.uuid4()  # another territory's visit: only its snapshot reached us
    w.insert("shared_visits", at=recently(1), visit_id=elsewhere, district_id=uuid.uuid4(),
             rep_id=uuid.uuid4(), rep_name="孙丽", doctor_name="黄医生", reviewer_name="周经理",
             purpose="介绍新适应症", shared_at=recently(1))
    found = nt.compute_notifications(w.replica)
    assert [(n.kind, n.title_args) for n in found] == [("exemplary", ("孙丽", "黄医生", "周经理"))]
    assert found[0].shared_id is not None and found[0].visit_id == elsewhere
    assert [n.kind for n in nt.take_new_notifications(w.replica)] == ["exemplary"]
    assert nt.take_new_notifications(w.replica) == []

    page = TodayPage(Ops(SynchronousTaskManager(), w.replica), "王芳", role="rep")
    qtbot.addWidget(page)
    page.show()
    page.notifications.buttons[0].click()
    viewer = page.notifications.opened
    assert isinstance(viewer, SharedVisitDialog) and viewer.fields["purpose"].text() == "介绍新适应症"
    viewer.close()


def share_good_practice(w: ReviewWorld, count: int, *, newest_hours_ago: float = 0.1) -> None:
    """``count`` colleagues' exemplary visits shared with the district, newer than the rest."""
    for i in range(count):
        at = recently(newest_hours_ago + i * 0.01)
        w.insert("shared_visits", at=at, visit_id=uuid.uuid4(), district_id=uuid.uuid4(),
                 rep_id=uuid.uuid4(), rep_name=f"同事{i}", doctor_name="黄医生",
                 reviewer_name="周经理", purpose="介绍新适应症", shared_at=at)


def test_personal_notifications_come_first_and_good_practice_is_one_group(w: ReviewWorld) -> None:
    w.comment("dm", "开场很好", at=recently(3))
    w.comment("dm", "下次带资料", kind="manager_note", at=recently(2))
    share_good_practice(w, 30)
    personal, groups = nt.arrange(nt.compute_notifications(w.replica))
    assert [n.kind for n in personal] == ["comment", "comment"]
    assert personal[0].title_args[2] == "manager_note"  # newest first
    (group,) = groups
    assert (group.kind, group.count) == ("exemplary", 30)
    assert group.items[0].title_args[0] == "同事0"
    # one good-practice visit alone is listed like the personal ones, after them
    single = [n for n in nt.compute_notifications(w.replica) if n.kind != "exemplary"][:1]
    personal, groups = nt.arrange([*group.items[:1], *single])
    assert [n.kind for n in personal] == ["comment", "exemplary"] and groups == []


def test_today_shows_comments_first_and_good_practice_as_one_row_with_its_count(
        qtbot: Any, english: None, w: ReviewWorld) -> None:
    w.comment("dm", "开场很好", at=recently(3))
    w.comment("dm", "下次带资料", kind="manager_note", at=recently(2))
    share_good_practice(w, 30)
    page = TodayPage(Ops(SynchronousTaskManager(), w.replica), "王芳", role="rep")
    qtbot.addWidget(page)
    page.resize(1024 - 190, 700)
    page.show()
    rows = page.notifications.buttons
    assert [r.text() for r in rows] == ["张伟 added a note to your visit to 陈医生",
                                        "张伟 commented on your visit to 陈医生",
                                        "30 new good-practice visits"]
    group = rows[2]
    assert isinstance(group, GroupRow) and not group.is_expanded()
    assert group.header.detail.full_text().startswith("Newest: 同事0's visit to 黄医生 · ")
    group.click()
    assert group.is_expanded() and len(group.rows) == 10
    assert group.rows[0].text() == "Good practice: 同事0's visit to 黄医生"
    assert group.rest.text() == "and 20 more: Visits › Good practice lists them all"
    page.refresh()  # a sync: the group stays open
    assert page.notifications.buttons[2].is_expanded()  # type: ignore[union-attr]
    page.notifications.buttons[2].rows[0].click()  # type: ignore[union-attr]
    assert page.notifications.opened is not None


def test_more_than_five_personal_notifications_show_on_request(
        qtbot: Any, english: None, w: ReviewWorld) -> None:
    for i in range(7):
        w.comment("dm", f"第{i}条", at=recently(7 - i))
    page = TodayPage(Ops(SynchronousTaskManager(), w.replica), "王芳", role="rep")
    qtbot.addWidget(page)
    page.show()
    assert len(page.notifications.buttons) == 5
    assert page.notifications.more.text() == "Show 2 more" and page.notifications.more.isVisible()
    page.notifications.more.click()
    assert len(page.notifications.buttons) == 7 and not page.notifications.more.isVisible()


def test_the_pop_up_puts_personal_lines_first_and_counts_good_practice(
        qapp: Any, english: None, w: ReviewWorld) -> None:
    w.comment("dm", "开场很好", at=recently(3))
    share_good_practice(w, 12)
    title, message = NotificationText().summary(nt.compute_notifications(w.replica))
    assert title == "13 new notifications"
    assert message.splitlines() == ["张伟 commented on your visit to 陈医生",
                                    "12 new good-practice visits"]
