"""The authorization matrix, generated from the policy declarations: every table ×
operation × role × relation × column group is pushed over real HTTP and its outcome
compared with what the declaration says (tests/server/policy_world.py). One server
per database, one shared world, one push per role."""

from __future__ import annotations

import time
import uuid
from collections import Counter

import pytest
import requests
from sqlalchemy.engine import Engine

from server.auth.service import issue_tokens
from tests.conftest import LiveServer
from tests.server.policy_world import ROLES, TABLES, Case, World
from wire.protocol import MAX_PUSH_BATCH


def push_cases(server: LiveServer, token: str, cases: list[Case]) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    for start in range(0, len(cases), MAX_PUSH_BATCH):
        batch = cases[start : start + MAX_PUSH_BATCH]
        body = {"protocol": 1, "client_id": f"matrix-{uuid.uuid4().hex[:12]}", "mutations": [
            {"mutation_id": i + 1, "table": c.table, "id": str(c.row_id), "op": c.op.value,
             "base_version": None if c.op.value == "insert" else 1, "fields": c.fields}
            for i, c in enumerate(batch)]}
        response = requests.post(f"{server.url}/api/v1/sync/push", json=body, timeout=60,
                                 headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        results += response.json()["results"]
    return results


def test_the_authorization_matrix_matches_the_declarations(
        live_server: LiveServer, engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    began = time.monotonic()
    with engine.begin() as conn:
        world = World(conn)
        tokens = {role: issue_tokens(conn, live_server.settings, user["id"])["access_token"]
                  for role, user in world.principals.items()}
    wrong: list[str] = []
    outcomes: Counter[str] = Counter()
    for role in ROLES:
        cases = [c for c in world.cases if c.role is role]
        for case, result in zip(cases, push_cases(live_server, tokens[role], cases), strict=True):
            applied = result["status"] == "applied"
            outcomes["applied" if applied else str(result.get("reason"))] += 1
            if applied != case.allowed:
                wrong.append(f"{role.value} {case.op.value} {case.table} ({case.relation.value}"
                             f"{', ' + case.column if case.column else ''}): expected "
                             f"{'applied' if case.allowed else 'refused'}, got {result}")
    seconds = time.monotonic() - began
    with capsys.disabled():
        print(f"\nauthorization matrix on {engine.dialect.name}: {len(world.cases)} cases "
              f"({len(TABLES)} tables × 3 roles × 5 relations × insert/update×2/delete) in "
              f"{seconds:.1f} s; outcomes {dict(sorted(outcomes.items()))}")
    assert not wrong, "\n".join(wrong)
    assert outcomes["applied"] > 0 and len(outcomes) > 2  # both sides of the matrix ran
