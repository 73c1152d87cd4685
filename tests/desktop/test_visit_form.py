"""The visit form offscreen on a real replica: validation next to fields, autosave and
recovery after a killed process, submit-and-lock, amendments, the live quality panel."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QDateTime
from sqlalchemy.engine import Engine

from desktop import visit_form_data as vfd
from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.visit_form import VisitDialog, open_visit_dialog, to_local
from desktop.ui.visit_thread import VisitThreadWidget
from local_store import drafts
from local_store import visit_rules as vr
from local_store import writes as w
from local_store.replica import synced
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from tests.local_store.test_drafts import PRODUCT, RETIRED, SERVER, build_world, later

ROOT = Path(__file__).resolve().parents[2]
START = SERVER - dt.timedelta(hours=2)


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Engine]:
    engine = open_replica(tmp_path / "replica.sqlite3")
    with engine.begin() as conn:
        set_state(conn, USER_ID, str(uuid.uuid4()))
    yield engine
    engine.dispose()


@pytest.fixture
def doctor(replica: Engine, monkeypatch: pytest.MonkeyPatch) -> uuid.UUID:
    monkeypatch.setattr(vr, "read_device_clock", lambda: later(1))
    return build_world(replica)


def dialog(qtbot: Any, tasks: SynchronousTaskManager, replica: Engine,
           visit_id: uuid.UUID | None = None, **kw: Any) -> VisitDialog:
    d = VisitDialog(Ops(tasks, replica), "rep", visit_id, **kw)
    qtbot.addWidget(d)
    d.confirm_submit = lambda: True
    d.ask_keep_journal = lambda: "keep"
    d.show()
    return d


def set_times(d: VisitDialog, start: dt.datetime, minutes: int = 20) -> None:
    d.started.setDateTime(to_local(start))
    d.ended.setDateTime(to_local(start + dt.timedelta(minutes=minutes)))


def fill(d: VisitDialog) -> None:
    set_times(d, START)
    d.purpose.setPlainText("介绍新适应症")
    d.next_step.setPlainText("下周送资料")


def test_required_markers_and_the_quality_panel_follow_typing(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine, doctor: uuid.UUID) -> None:
    d = dialog(qtbot, tasks, replica, doctor_id=doctor)
    assert d.labels["purpose"].text() == "Purpose *" and d.labels["result"].text() == "Result"
    assert d.doctor.currentText().startswith("李明")
    assert d.doctor_place.text() == "协和医院 · 心内科"
    assert [d.visit_type.itemText(i) for i in range(d.visit_type.count())] == [
        "Face to face", "Phone", "Department meeting", "Academic event"]
    d.purpose.setPlainText("")
    assert d.quality_score.text() == "0"
    assert "−10 no feedback" in d.quality_lines.text()
    d.purpose.setPlainText("介绍新适应症")
    d.next_step.setPlainText("下周送资料")
    assert d.quality_score.text() == "20"  # 15 + 15 - 10
    assert "+15 next step set" in d.quality_lines.text()
    d.feedback.setPlainText("有兴趣")
    assert d.quality_score.text() == "30"


def test_problems_show_next_to_their_fields(qtbot: Any, tasks: SynchronousTaskManager,
                                            replica: Engine, doctor: uuid.UUID) -> None:
    d = dialog(qtbot, tasks, replica, doctor_id=doctor)
    d.started.setDateTime(to_local(START))
    d.ended.setDateTime(to_local(START - dt.timedelta(minutes=30)))
    assert d.field_error("ended_at") == "The visit cannot end before it starts."
    set_times(d, START, minutes=300)
    assert "lasted 300 minutes; between 5 and 120" in d.field_error("ended_at")
    set_times(d, START)
    assert d.field_error("ended_at") == ""
    d.purpose.setPlainText("x" * 1001)
    assert d.field_error("purpose") == "Too long: 1001 characters, at most 1000 are allowed."
    assert d.counters["purpose"].text() == "1001 / 1000"
    d.purpose.setPlainText("")
    # Only active catalogue products can be chosen.
    d.products.add_product()
    combo = d.products.rows[0].product
    assert combo.findData(str(PRODUCT)) > 0 and combo.findData(str(RETIRED)) < 0
    d.submit()
    assert d.field_error("purpose") == "Required to submit the visit."
    assert d.field_error("next_step") == "Required to submit the visit."
    assert d.products.rows[0].error.text() == "Choose a product."
    assert "Not submitted" in d.status.text()
    d.purpose.setPlainText("补上目的")
    assert d.field_error("purpose") == "" and d.field_error("next_step") != ""


def test_a_retired_product_on_an_old_draft_is_marked(qtbot: Any, tasks: SynchronousTaskManager,
                                                     replica: Engine, doctor: uuid.UUID) -> None:
    visit = uuid.uuid4()
    assert vfd.autosave(replica, visit, {"doctor_id": doctor, "visit_type": "phone",
                                         "started_at": START}).saved
    with replica.begin() as conn:  # a draft saved while the product was still active
        conn.execute(sa.update(synced["visits"]).values(
            products_detailed=[{"product_id": str(RETIRED), "key_message": "旧"}]))
    d = dialog(qtbot, tasks, replica, visit)
    row = d.products.rows[0]
    assert row.product.currentText() == "Product no longer in the catalogue"
    assert row.error.text() == "This product is not in the active catalogue; choose another."


def test_autosave_journals_then_saves_the_draft(qtbot: Any, tasks: SynchronousTaskManager,
                                                replica: Engine, doctor: uuid.UUID) -> None:
    d = dialog(qtbot, tasks, replica)
    saved: list[object] = []
    d.saved.connect(saved.append)
    d.purpose.setPlainText("还没选医生")
    qtbot.waitUntil(lambda: "Saved on this computer" in d.status.text())
    assert d.field_error("doctor_id").startswith("Needed to save the draft")
    with replica.connect() as conn:
        entry = drafts.read_journal(conn, d.visit_id)
        assert w.get_local_row(conn, "visits", d.visit_id) is None
    assert entry is not None and entry.fields["purpose"] == "还没选医生"
    d.doctor.setCurrentIndex(0)
    qtbot.waitUntil(lambda: bool(saved))
    assert saved == [d.visit_id] and d.field_error("doctor_id") == ""
    assert d.status.text().startswith("Saved ") and "this computer" not in d.status.text()
    with replica.connect() as conn:
        row = w.get_local_row(conn, "visits", d.visit_id)
        assert drafts.read_journal(conn, d.visit_id) is None
    assert row is not None and row["purpose"] == "还没选医生" and row["status"] == "draft"
    d.result_text.setPlainText("同意试用")
    d.close()  # closing saves at once, without waiting for the debounce
    with replica.connect() as conn:
        assert w.get_local_row(conn, "visits", d.visit_id)["result"] == "同意试用"  # type: ignore[index]


def test_closing_a_refused_never_saved_form_asks_to_keep_or_discard_it(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine, doctor: uuid.UUID) -> None:
    for answer, kept in (("keep", True), ("discard", False)):
        d = dialog(qtbot, tasks, replica)
        d.confirm_submit = lambda: True
        asked: list[bool] = []
        d.ask_keep_journal = lambda answer=answer, asked=asked: asked.append(True) or answer  # type: ignore[misc]
        d.purpose.setPlainText("没有医生的拜访")
        d.submit()  # refused: no doctor; the text goes to the journal
        assert d.field_error("doctor_id") != ""
        visit_id = d.visit_id
        d.close()
        assert asked == [True]
        with replica.connect() as conn:
            assert (drafts.read_journal(conn, visit_id) is not None) is kept


KILL_SCRIPT = textwrap.dedent("""
    import sys, time, uuid
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from desktop.ops import Ops
    from desktop.tasks import TaskManager
    from desktop.ui.visit_form import VisitDialog
    from local_store.store import open_replica
    app = QApplication([])
    engine = open_replica(Path(sys.argv[1]))
    tasks = TaskManager()
    dialog = VisitDialog(Ops(tasks, engine), "rep", uuid.UUID(sys.argv[2]))
    dialog.show()
    deadline = time.monotonic() + 60
    while dialog.state is None and time.monotonic() < deadline:
        app.processEvents(); time.sleep(0.02)
    dialog.purpose.setPlainText(sys.argv[3])
    while "Saved" not in dialog.status.text() and time.monotonic() < deadline:
        app.processEvents(); time.sleep(0.02)
    print("AUTOSAVED", dialog.status.text(), flush=True)
    dialog.feedback.setPlainText("typed after the autosave")  # lost with the kill: never saved
    time.sleep(120)
""")


def test_what_was_typed_survives_a_killed_process(qtbot: Any, tasks: SynchronousTaskManager,
                                                  tmp_path: Path, replica: Engine,
                                                  doctor: uuid.UUID) -> None:
    visit = uuid.uuid4()
    text = "进程被杀也不丢 — typed before the kill"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(tmp_path / "replica.sqlite3"),
                             str(visit), text], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("AUTOSAVED Saved on this computer"), line or proc.stderr.read()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    again = open_replica(tmp_path / "replica.sqlite3")
    try:
        d = dialog(qtbot, tasks, again, visit)
        assert d.purpose.toPlainText() == text
        assert d.status.text().startswith("Restored what you typed")
        d.doctor.setCurrentIndex(0)
        d.save_now()
        with again.connect() as conn:
            row = w.get_local_row(conn, "visits", visit)
        assert row is not None and row["purpose"] == text
    finally:
        again.dispose()


def test_submit_locks_the_form_and_amend_opens_a_linked_draft(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine, doctor: uuid.UUID) -> None:
    d = dialog(qtbot, tasks, replica, doctor_id=doctor)
    saved: list[object] = []
    d.saved.connect(saved.append)
    fill(d)
    d.submit()
    assert saved and saved[-1] == d.visit_id
    assert d.read_only and d.purpose.isReadOnly() and not d.doctor.isEnabled()
    assert not d.started.isEnabled() and not d.products.add_button.isVisible()
    assert d.banner.text().startswith("Submitted on") and "locked" in d.banner.text()
    assert not d.submit_button.isVisible() and d.amend_button.isVisible()
    assert isinstance(d.thread_widget, VisitThreadWidget)
    d.purpose.setPlainText("试图修改")  # programmatic change of a read-only form saves nothing
    assert d.save_now() is None
    with pytest.raises(w.RowLocked):
        vfd.autosave(replica, d.visit_id, {**d.collect_fields(), "purpose": "改"})
    with replica.connect() as conn:
        assert w.get_local_row(conn, "visits", d.visit_id)["status"] == "submitted"  # type: ignore[index]

    reopened = dialog(qtbot, tasks, replica, d.visit_id)
    assert reopened.read_only and reopened.purpose.toPlainText() == "介绍新适应症"
    reopened.amend()
    amendment = reopened.amendment_dialog
    assert amendment is not None
    qtbot.addWidget(amendment)
    assert amendment.visit_id != d.visit_id and not amendment.read_only
    assert amendment.purpose.toPlainText() == "介绍新适应症"
    assert "corrects an earlier submitted visit" in amendment.banner.text()
    with replica.connect() as conn:
        row = w.get_local_row(conn, "visits", amendment.visit_id)
    assert row is not None and row["amends_visit_id"] == d.visit_id and row["status"] == "draft"


def test_a_visit_whose_doctor_was_reassigned_still_opens(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine, doctor: uuid.UUID) -> None:
    visit = uuid.uuid4()
    assert vfd.autosave(replica, visit, {"doctor_id": doctor, "visit_type": "phone",
                                         "started_at": START, "purpose": "离线记录"}).saved
    with replica.begin() as conn:
        conn.execute(sa.delete(synced["doctors"]).where(synced["doctors"].c.id == doctor))
    d = dialog(qtbot, tasks, replica, visit)
    assert "no longer in your territory" in d.banner.text()
    assert d.doctor.currentText() == "Doctor no longer in your territory"
    assert d.purpose.toPlainText() == "离线记录"
    d.result_text.setPlainText("仍然保存")
    d.save_now()
    with replica.connect() as conn:
        assert w.get_local_row(conn, "visits", visit)["result"] == "仍然保存"  # type: ignore[index]


def test_a_planned_visit_prefills_and_links(qtbot: Any, tasks: SynchronousTaskManager,
                                            replica: Engine, doctor: uuid.UUID) -> None:
    with replica.begin() as conn:
        planned = w.save_planned_visit(conn, plan_id=uuid.uuid4(), rep_id=uuid.uuid4(),
                                       territory_id=uuid.uuid4(), doctor_id=doctor,
                                       planned_date=dt.date(2026, 11, 20), objective="随访")
    d = open_visit_dialog(None, Ops(tasks, replica), "rep", planned_visit_id=planned)
    qtbot.addWidget(d)
    assert d.isVisible() and d.purpose.toPlainText() == "随访"
    assert d.doctor.currentText().startswith("李明")
    assert "+0" not in d.quality_lines.text()
    assert d.collect_fields()["planned_visit_id"] == planned
    assert isinstance(d.started.dateTime(), QDateTime)
