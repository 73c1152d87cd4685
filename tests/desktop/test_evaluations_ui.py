"""The evaluation form and the Evaluations page, offscreen with pytest-qt, on a replica."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy.engine import Engine

from desktop import evaluations as ev
from desktop.ops import Ops
from desktop.ui.evaluation_form import EvaluationDialog
from desktop.ui.evaluations_page import EvaluationsPage
from tests.desktop.evaluation_world import DAY, EvaluationWorld


@pytest.fixture
def world(replica: Engine) -> EvaluationWorld:
    return EvaluationWorld.build(replica)


@pytest.fixture
def ops(tasks: Any, replica: Engine) -> Ops:
    return Ops(tasks, replica)


def _form(qtbot: Any, ops: Ops, world: EvaluationWorld, **kw: Any) -> EvaluationDialog:
    dialog = EvaluationDialog(ops, **kw)
    qtbot.addWidget(dialog)
    dialog.confirm_submit = lambda: True
    return dialog


def test_the_form_checks_fields_totals_live_and_locks_on_submit(
        qtbot: Any, ops: Ops, world: EvaluationWorld) -> None:
    world.sign_in_as("dm")
    dialog = _form(qtbot, ops, world)
    assert [dialog.evaluatee.itemText(i) for i in range(dialog.evaluatee.count())][1:] == [
        "李强", "王芳"]  # the DM's team only: no RM, no DM
    dialog.save(submit=True)  # nothing chosen: errors next to the fields
    assert dialog.evaluatee_error.isVisible() or dialog.evaluatee_error.text()
    assert dialog.rows[0].error.text()
    dialog.evaluatee.setCurrentIndex(dialog.evaluatee.findData(str(world.ids["rep"])))
    dialog.date.setDate(QDate(DAY.year, DAY.month, DAY.day))
    assert dialog.visits.count() == 1  # that day's visit only
    assert dialog.indicators is not None and dialog.indicators.visits == 2
    dialog.visits.item(0).setCheckState(Qt.CheckState.Checked)
    for row, level in zip(dialog.rows, (5, 4, 4, 3, 3, 5), strict=True):
        row.group.button(level).click()
    assert "3.95" in dialog.total.text()  # 5*.15 + 4*.2 + 4*.25 + 3*.15 + 3*.15 + 5*.1
    dialog.rows[0].note.setText("准备充分")
    dialog.strengths.setPlainText("开场自然")
    dialog._add_item(ev.ItemDraft("练习异议处理", None))
    dialog.save(submit=True)
    data = ev.list_data(world.replica)
    [row] = data.rows
    assert row.record.status == "submitted" and row.record.observed_visit_ids == (
        str(world.ids["visit"]),)
    assert row.record.scores["pre_call_planning"] == {"score": 5, "note": "准备充分"}
    assert data.items[row.record.id][0].text == "练习异议处理"
    reopened = _form(qtbot, ops, world, evaluation_id=row.record.id)
    assert reopened.data is not None and reopened.data.locked
    assert not reopened.submit_button.isVisible() and not reopened.comp_box.isEnabled()


def test_a_score_refused_shows_next_to_its_competency(
        qtbot: Any, ops: Ops, world: EvaluationWorld) -> None:
    world.sign_in_as("dm")
    dialog = _form(qtbot, ops, world, evaluatee_id=world.ids["rep"])
    dialog.rows[0].group.button(3).click()
    dialog.strengths.setPlainText("保留的文字")
    dialog.save(submit=True)  # other competencies unscored
    assert dialog.rows[1].error.text() and not dialog.rows[0].error.text()
    assert dialog.strengths.toPlainText() == "保留的文字"  # nothing typed is lost
    dialog.save(submit=False)  # a draft may be incomplete
    assert ev.list_data(world.replica).rows[0].record.status == "draft"


def test_the_rep_acknowledges_and_completes_on_the_page(
        qtbot: Any, ops: Ops, world: EvaluationWorld) -> None:
    world.sign_in_as("dm")
    form = ev.EvaluationForm(
        template_id=world.ids["template"], evaluatee_id=world.ids["rep"], eval_date=DAY,
        scores={"pre_call_planning": 4}, items=[ev.ItemDraft("复盘", DAY)])
    evaluation_id = ev.save_form(world.replica, form, evaluation_id=None, submit=False)
    dm_page = EvaluationsPage(ops, "dm")
    qtbot.addWidget(dm_page)
    assert dm_page.table.rowCount() == 1 and dm_page.trends_tab is not None
    assert not dm_page.error.text() and dm_page.trend_competency.count() == 7
    dm_page.person.setCurrentIndex(dm_page.person.findData(str(world.ids["rep"])))
    assert dm_page.table.rowCount() == 1 and not dm_page.error.text()  # list and trends follow
    dm_page.competency.setCurrentIndex(dm_page.competency.findData("compliance"))
    assert dm_page.table.rowCount() == 0  # the draft scores pre-call planning only
    import dataclasses
    full = dataclasses.replace(form, scores={c: 4 for c in (
        "pre_call_planning", "opening_probing", "key_messages", "objection_handling",
        "closing", "compliance")}, items=[ev.ItemDraft(
            "复盘", DAY, ev.list_data(world.replica).items[evaluation_id][0].id)])
    ev.save_form(world.replica, full, evaluation_id=evaluation_id, submit=True)

    world.sign_in_as("rep")
    page = EvaluationsPage(ops, "rep")
    qtbot.addWidget(page)
    assert page.trends_tab is None and page.table.rowCount() == 1
    assert page.pending.item(0).text().startswith("2026") or page.pending.count() == 1
    page.table.selectRow(0)
    detail = page.detail
    detail.comment.setPlainText("谢谢经理")
    detail.ack_button.click()
    record = ev.list_data(world.replica).rows[0].record
    assert record.status == "acknowledged" and record.evaluatee_comment == "谢谢经理"
    assert ev.my_open_items(world.replica)
    page.select(evaluation_id)
    from PySide6.QtWidgets import QCheckBox
    [check] = page.detail.findChildren(QCheckBox)
    check.setChecked(True)
    assert not ev.my_open_items(world.replica)
    page.view.setCurrentIndex(page.view.findData("about_me"))
    assert page.table.rowCount() == 1


def test_today_shows_the_evaluatees_open_items_until_done(
        qtbot: Any, ops: Ops, world: EvaluationWorld) -> None:
    from desktop.ui.evaluation_today import TodayEvaluationsCard

    world.sign_in_as("dm")
    scores = {c: 3 for c in ("pre_call_planning", "opening_probing", "key_messages",
                             "objection_handling", "closing", "compliance")}
    ev.save_form(world.replica, ev.EvaluationForm(
        template_id=world.ids["template"], evaluatee_id=world.ids["rep"], eval_date=DAY,
        scores=scores, items=[ev.ItemDraft("复盘拜访", DAY)]), evaluation_id=None, submit=True)
    manager = TodayEvaluationsCard(ops, "dm")
    qtbot.addWidget(manager)
    assert "of 4" in manager.summary.text()
    assert "not reviewed" not in manager.summary.text()  # the world's visits are older
    world.sign_in_as("rep")
    card = TodayEvaluationsCard(ops, "rep")
    qtbot.addWidget(card)
    assert not card.isHidden() and [c.text()[:4] for c in card.checks] == ["复盘拜访"]
    card.checks[0].setChecked(True)
    assert card.isHidden() and not card.checks


def test_closing_keeps_what_was_typed_as_a_draft(qtbot: Any, ops: Ops, world: EvaluationWorld) -> None:
    """Close (or Escape) with unsaved work saves it as a draft; a form that cannot be
    saved stays open with the reason, and a second Close discards it."""
    world.sign_in_as("dm")
    dialog = _form(qtbot, ops, world)
    dialog.show()
    dialog.reject()  # nothing typed: it just closes
    assert not dialog.isVisible() and ev.list_data(world.replica).rows == ()

    dialog = _form(qtbot, ops, world)
    dialog.show()
    dialog.strengths.setPlainText("开场自然")
    dialog.reject()  # no evaluatee yet: a draft cannot be saved
    assert dialog.isVisible() and "Close again" in dialog.form_error.text()
    dialog.evaluatee.setCurrentIndex(dialog.evaluatee.findData(str(world.ids["rep"])))
    dialog.reject()
    assert not dialog.isVisible()
    [row] = ev.list_data(world.replica).rows
    assert row.record.status == "draft" and row.record.strengths == "开场自然"

    dialog = _form(qtbot, ops, world)
    dialog.show()
    dialog.improvements.setPlainText("再想想")
    dialog.reject()
    dialog.reject()  # unchanged after the refusal: discarded
    assert not dialog.isVisible() and len(ev.list_data(world.replica).rows) == 1
