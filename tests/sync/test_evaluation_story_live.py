"""The accompanied-visit story over real HTTP: a DM evaluates a rep offline with that
day's observed visit and submits; the rep acknowledges with a comment and completes an
action item; the DM sees both; a later edit by the DM is refused ``locked``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from desktop import evaluations as ev
from local_store.evaluation_writes import EvaluationForm, EvaluationNotValid, ItemDraft
from local_store.outbox import unresolved_rejections
from local_store.writes import RowLocked, record_local_change
from tests.sync.conftest import Device, World, server_row

DAY = dt.date(2026, 11, 2)  # the factory's visits start 2026-11-02 09:00 UTC (17:00 in Shanghai)


def test_dm_evaluates_offline_rep_acknowledges_and_completes(world: World, device: Any,
                                                              engine: Engine) -> None:
    dm: Device = device(world.dm)
    rep: Device = device(world.rep_a)
    dm.sync()
    rep.sync()
    # Offline from here on for the DM: everything below works on the replica alone.
    opened = ev.open_form(dm.db, evaluatee_id=world.rep_a["id"], day=DAY)
    assert {p.id for p in opened.team} == {world.rep_a["id"], world.rep_b["id"]}
    assert [v.id for v in opened.visits] == [world.visit_a["id"]]
    assert opened.indicators is not None and opened.indicators.visits == 1
    form = EvaluationForm(
        template_id=uuid.UUID(opened.template.id),
        evaluatee_id=world.rep_a["id"], eval_date=DAY, scores={"opening": 6},
        observed_visit_ids=[str(world.visit_a["id"])], strengths="开场自然",
        items=[ItemDraft("每周复盘一次拜访记录", DAY + dt.timedelta(days=14))],
        indicators=opened.indicators.to_json())
    with pytest.raises(EvaluationNotValid) as refused:
        ev.save_form(dm.db, form, evaluation_id=None, submit=True)
    assert [e.field for e in refused.value.errors] == ["scores.opening"]
    form = dataclasses.replace(form, scores={"opening": 4})
    evaluation_id = ev.save_form(dm.db, form, evaluation_id=None, submit=False)
    draft = ev.open_form(dm.db, evaluation_id)  # the saved draft, reopened
    assert draft.record is not None and not draft.locked
    form = dataclasses.replace(form, items=[ItemDraft(i.text, i.due_date, i.id)
                                            for i in draft.items])
    ev.save_form(dm.db, form, evaluation_id=evaluation_id, submit=True)
    with pytest.raises(RowLocked):
        ev.save_form(dm.db, form, evaluation_id=evaluation_id, submit=True)
    pushed = dm.sync()
    with dm.db.connect() as conn:
        assert [(r["reason"], r["message"], r["field"]) for r in unresolved_rejections(conn)] == []
    assert pushed.rejected == 0
    stored = server_row(engine, "evaluations", evaluation_id)
    assert stored is not None and stored["status"] == "submitted" and stored["total_score"] == 4.0
    assert stored["observed_visit_ids"] == [str(world.visit_a["id"])]

    rep.sync()
    mine = ev.list_data(rep.db, today=DAY + dt.timedelta(days=1))
    [row] = [r for r in mine.rows if r.record.id == evaluation_id]
    assert row.about_me and row.record.status == "submitted" and row.record.total_score == 4.0
    [item] = ev.my_open_items(rep.db)
    ev.acknowledge(rep.db, evaluation_id, "谢谢指导")
    ev.set_item_done(rep.db, item.id, True, "已完成两次复盘")
    assert rep.sync().rejected == 0

    dm.sync()
    seen = ev.list_data(dm.db, today=DAY + dt.timedelta(days=30))
    [row] = [r for r in seen.rows if r.record.id == evaluation_id]
    assert row.record.status == "acknowledged" and row.record.evaluatee_comment == "谢谢指导"
    assert row.open_items == 0 and not seen.pending_acknowledgements and not seen.overdue

    # A later edit that gets past the device (an older client) is refused by the server.
    with dm.db.begin() as conn:
        record_local_change(conn, "evaluations", evaluation_id, "update", {"strengths": "改写"})
    assert dm.sync().rejected == 1
    with dm.db.connect() as conn:
        [rejection] = unresolved_rejections(conn)
    assert rejection["reason"] == "locked"

