"""The demo's evaluations agree with domain.evaluation: every stored total is the
weighted total of its scores under the template version it names."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.evaluation import template_from_row, weighted_total
from server.demo.scale import SCALES
from server.demo.seed import seed_demo
from server.tables import synced
from tests.conftest import truncate_all
from tests.server.test_seed import HASH, TODAY


def test_the_domain_total_reproduces_every_seeded_total(engine: Engine) -> None:
    truncate_all(engine)
    seed_demo(engine, SCALES["small"], seed=3, today=TODAY, password_hash=HASH)
    with engine.connect() as conn:
        templates = {row["id"]: template_from_row(dict(row)) for row in
                     conn.execute(sa.select(synced["evaluation_templates"])).mappings()}
        rows = conn.execute(sa.select(synced["evaluations"])).mappings().all()
        items = conn.execute(sa.select(synced["evaluation_action_items"])).mappings().all()
        users = {r.id: r for r in conn.execute(sa.select(synced["users"]))}
        companions = conn.execute(sa.select(synced["visit_companions"])).mappings().all()
    assert len(rows) > 40 and {t.kind for t in templates.values()} == {"accompanied", "co_visit"}
    for row in rows:
        template = templates[row["template_id"]]
        assert weighted_total(template, row["scores"]) == row["total_score"], row["id"]
        evaluatee = users[row["evaluatee_id"]]
        assert row["district_id"] is not None
        if evaluatee.role == "dm":
            assert row["district_id"] == evaluatee.district_id
    assert {i["evaluation_id"] for i in items} == {r["id"] for r in rows}
    assert companions and all(c["user_id"] is not None for c in companions)
    assert all(c.anchors for t in templates.values() for c in t.competencies)
