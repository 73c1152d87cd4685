"""The review thread under a visit, offscreen, on a real replica filled as a pull would."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from sqlalchemy.engine import Engine

from desktop import review
from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.visit_thread import VisitThreadWidget
from local_store import outbox as ob
from local_store.replica import synced
from tests.desktop.review_world import T0, ReviewWorld


@pytest.fixture
def w(replica: Engine) -> ReviewWorld:
    return ReviewWorld.build(replica)


def thread_widget(qtbot: Any, tasks: SynchronousTaskManager, w: ReviewWorld, role: str,
                  *, show: bool = True) -> VisitThreadWidget:
    widget = VisitThreadWidget(Ops(tasks, w.replica), role, w.ids["visit"])
    qtbot.addWidget(widget)
    widget.resize(600, 600)
    if show:
        widget.show()
    return widget


def rows(replica: Engine, table: str) -> list[dict[str, Any]]:
    with replica.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(synced[table])).mappings()]


def outbox_tables(replica: Engine) -> list[tuple[str, str]]:
    with replica.connect() as conn:
        return [(e["table_name"], e["op"]) for e in ob.all_entries(conn)]


def test_the_rep_sees_the_dms_comment_unread_and_opening_marks_it_read(
        qtbot: Any, tasks: SynchronousTaskManager, w: ReviewWorld) -> None:
    dm_comment = w.comment("dm", "开场很好，但没有问到处方量。", at=T0 + dt.timedelta(hours=1))
    w.comment("rep", "好的，下次会问。", at=T0 + dt.timedelta(hours=2))
    w.sign_in_as("rep")
    hidden = thread_widget(qtbot, tasks, w, "rep", show=False)
    assert [c.unread for c in hidden.loaded.comments] == [True, False]  # type: ignore[union-attr]
    assert rows(w.replica, "comment_reads") == []  # nothing is read before it is shown

    widget = thread_widget(qtbot, tasks, w, "rep")
    first, mine = widget.cards
    assert not first.dot.isHidden() and first.text.font().bold()
    assert first.author.text() == "<b>张伟</b>" and first.badge.text() == "Comment"
    assert mine.dot.isHidden() and not mine.text.font().bold()
    reads = rows(w.replica, "comment_reads")
    assert [(r["comment_id"], r["user_id"]) for r in reads] == [(dm_comment, w.ids["rep"])]
    assert outbox_tables(w.replica) == [("comment_reads", "insert")]
    # the marker stays while the thread is open, even after a reload
    widget.refresh()
    assert not widget.cards[0].dot.isHidden()
    # the next time the thread opens nothing is unread and no second read row is written
    again = thread_widget(qtbot, tasks, w, "rep")
    assert all(card.dot.isHidden() for card in again.cards)
    assert len(rows(w.replica, "comment_reads")) == 1
    assert review.mark_thread_read(w.replica, w.ids["visit"]) == 0


def test_the_rep_replies_with_comments_only(qtbot: Any, tasks: SynchronousTaskManager,
                                            w: ReviewWorld) -> None:
    w.sign_in_as("rep")
    widget = thread_widget(qtbot, tasks, w, "rep")
    assert not widget.kind.isVisible() and widget.kind.count() == 1
    assert widget.current_kind() == "comment"
    assert not widget.review_box.isVisible()
    widget.text.setPlainText("  收到，下次带上数据。 ")
    qtbot.mouseClick(widget.send_button, Qt.MouseButton.LeftButton)
    (stored,) = rows(w.replica, "visit_comments")
    assert (stored["kind"], stored["text"], stored["author_id"]) == \
        ("comment", "收到，下次带上数据。", w.ids["rep"])
    assert widget.text.toPlainText() == "" and widget.cards[0].author.text() == "<b>王芳</b>"
    with pytest.raises(review.CommentRefused) as refused:
        review.add_to_thread(w.replica, w.ids["visit"], "建议", kind="suggestion", role="rep")
    assert refused.value.reason == "kind"


def test_empty_and_too_long_text_are_refused_next_to_the_box(
        qtbot: Any, tasks: SynchronousTaskManager, w: ReviewWorld) -> None:
    w.sign_in_as("rep")
    widget = thread_widget(qtbot, tasks, w, "rep")
    widget.text.setPlainText("   \n  ")
    widget.send()
    assert widget.compose_error.isVisible()
    assert widget.compose_error.text() == "Write something before sending."
    widget.text.setPlainText("长" * 4001)
    assert widget.counter.text() == "4001 / 4000"
    widget.send()
    assert widget.compose_error.text() == "Too long: at most 4000 characters."
    assert rows(w.replica, "visit_comments") == []
    widget.text.setPlainText("好")
    assert not widget.compose_error.isVisible() and widget.counter.text() == "1 / 4000"


def test_the_dm_adds_a_suggestion_and_marks_the_visit_exemplary(
        qtbot: Any, tasks: SynchronousTaskManager, w: ReviewWorld) -> None:
    w.sign_in_as("dm")
    widget = thread_widget(qtbot, tasks, w, "dm")
    assert widget.kind.isVisible() and widget.review_box.isVisible()
    assert [widget.kind.itemText(i) for i in range(3)] == ["Comment", "Suggestion", "Manager note"]
    assert widget.review_state.text() == "Not reviewed yet."
    widget.kind.setCurrentIndex(1)
    widget.text.setPlainText("下次带上临床数据单页。")
    widget.send()
    (stored,) = rows(w.replica, "visit_comments")
    assert stored["kind"] == "suggestion" and widget.cards[0].badge.text() == "Suggestion"

    widget.exemplary_check.click()
    (reviewed,) = rows(w.replica, "visit_reviews")
    assert reviewed["exemplary"] and reviewed["reviewer_id"] == w.ids["dm"]
    assert widget.review_state.text().startswith("Reviewed by 张伟 on ")
    assert widget.review_state.text().endswith("Exemplary: shared with the team")
    assert not widget.reviewed_button.isEnabled() and widget.exemplary_check.isChecked()
    widget.exemplary_check.click()  # un-share: the same review row, updated
    (unshared,) = rows(w.replica, "visit_reviews")
    assert unshared["id"] == reviewed["id"] and not unshared["exemplary"]
    assert "Exemplary" not in widget.review_state.text()
    assert outbox_tables(w.replica) == [("visit_comments", "insert"), ("visit_reviews", "insert")]


def test_a_dm_marks_reviewed_without_sharing(qtbot: Any, tasks: SynchronousTaskManager,
                                             w: ReviewWorld) -> None:
    w.sign_in_as("dm")
    widget = thread_widget(qtbot, tasks, w, "dm")
    qtbot.mouseClick(widget.reviewed_button, Qt.MouseButton.LeftButton)
    (reviewed,) = rows(w.replica, "visit_reviews")
    assert not reviewed["exemplary"]
    assert widget.reviewed_button.text() == "Reviewed ✓" and not widget.reviewed_button.isEnabled()
    info = review.load_thread(w.replica, w.ids["visit"]).review
    assert info.reviewed and info.reviewer_name == "张伟" and info.my_review_id == reviewed["id"]


def test_an_admin_writes_notes_but_does_not_review(qtbot: Any, tasks: SynchronousTaskManager,
                                                   w: ReviewWorld) -> None:
    """The server accepts visit_reviews from dm and rm only; the admin is not offered it."""
    w.sign_in_as("dm")
    widget = thread_widget(qtbot, tasks, w, "admin")
    assert widget.kind.count() == 3 and not widget.review_box.isVisible()


def test_a_manager_opening_a_reps_submitted_visit_sees_the_thread_under_it(
        qtbot: Any, tasks: SynchronousTaskManager, w: ReviewWorld) -> None:
    from desktop.ui.visit_form import VisitDialog

    w.comment("dm", "开场很好。", at=T0 + dt.timedelta(hours=1))
    w.sign_in_as("dm")
    dialog = VisitDialog(Ops(tasks, w.replica), "dm", w.ids["visit"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.thread_widget is not None)
    assert dialog.read_only and dialog.thread_widget is not None
    qtbot.waitUntil(lambda: dialog.thread_widget.isVisible())  # type: ignore[union-attr]
    assert dialog.thread_widget.review_box.isVisibleTo(dialog)  # type: ignore[union-attr]
