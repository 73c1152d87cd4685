"""What the evaluation form reads: one evaluation with its template and both people.

A plain row; ``desktop.printing_data`` makes the form's data of it (competency names in
the print's language, scores, observed visits, indicators).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.read.ids import stored_id
from local_store.read.prints import hex_id
from local_store.replica import synced

evaluations_t = synced["evaluations"]
templates_t = synced["evaluation_templates"]
users_t = synced["users"]



@dataclass(frozen=True, slots=True)
class PrintEvaluation:
    id: str
    template_name: str
    competencies: tuple[dict[str, Any], ...]  # {code, name, name_en, weight}
    scale_max: float
    evaluator: str
    evaluatee_id: str
    evaluatee: str
    eval_date: dt.date
    observed_visit_ids: tuple[str, ...]
    scores: dict[str, Any]
    total_score: float | None
    strengths: str
    improvements: str
    action_plan: str
    status: str
    acknowledged_at: dt.datetime | None
    evaluatee_comment: str


def _person(name: object, username: object) -> str:
    return f"{name} ({username})" if name and username and name != username else str(username or name or "")


def evaluation_by_id(conn: Connection, evaluation_id: str) -> PrintEvaluation | None:
    evaluator = users_t.alias("evaluator")
    evaluatee = users_t.alias("evaluatee")
    row = conn.execute(
        sa.select(stored_id(evaluations_t.c.id), templates_t.c.name, templates_t.c.competencies,
                  templates_t.c.scale_max, evaluator.c.display_name, evaluator.c.username,
                  stored_id(evaluations_t.c.evaluatee_id),
                  evaluatee.c.display_name, evaluatee.c.username, evaluations_t.c.eval_date,
                  evaluations_t.c.observed_visit_ids, evaluations_t.c.scores, evaluations_t.c.total_score,
                  evaluations_t.c.strengths, evaluations_t.c.improvements, evaluations_t.c.action_plan,
                  evaluations_t.c.status, evaluations_t.c.acknowledged_at, evaluations_t.c.evaluatee_comment)
        .select_from(evaluations_t)
        .join(templates_t, templates_t.c.id == evaluations_t.c.template_id, isouter=True)
        .join(evaluator, evaluator.c.id == evaluations_t.c.evaluator_id, isouter=True)
        .join(evaluatee, evaluatee.c.id == evaluations_t.c.evaluatee_id, isouter=True)
        .where(stored_id(evaluations_t.c.id) == hex_id(evaluation_id), ~evaluations_t.c.deleted)).first()
    if row is None:
        return None
    competencies = tuple(c for c in (row[2] if isinstance(row[2], list) else []) if isinstance(c, dict))
    observed = tuple(str(v) for v in (row[10] if isinstance(row[10], list) else []) if v)
    acknowledged = row[17]
    if isinstance(acknowledged, dt.datetime) and acknowledged.tzinfo is None:
        acknowledged = acknowledged.replace(tzinfo=dt.UTC)
    return PrintEvaluation(
        id=str(row[0]), template_name=str(row[1] or ""), competencies=competencies,
        scale_max=float(row[3] or 5), evaluator=_person(row[4], row[5]), evaluatee_id=str(row[6]),
        evaluatee=_person(row[7], row[8]), eval_date=row[9], observed_visit_ids=observed,
        scores=dict(row[11]) if isinstance(row[11], dict) else {},
        total_score=None if row[12] is None else float(row[12]), strengths=str(row[13] or ""),
        improvements=str(row[14] or ""), action_plan=str(row[15] or ""), status=str(row[16] or ""),
        acknowledged_at=acknowledged if isinstance(acknowledged, dt.datetime) else None,
        evaluatee_comment=str(row[18] or ""))
