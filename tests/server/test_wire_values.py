"""The defects of issue 21 that broke a whole territory's sync or answered 500: each
value is refused per mutation, naming its field, on both databases, and the rest of
the batch is applied. (The property test over every kind and column is
tests/sync/test_wire_round_trip.py.)"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory
from tests.server.test_sync_push import m, visit_fields
from wire.schema import TABLES_BY_NAME, decode_value
from wire.values import check_json

Committed = Callable[[], AbstractContextManager[Factory]]
PUSH = "/api/v1/sync/push"


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("started_at", "9999-12-31T23:59:59-14:00", "out_of_range"),  # the year 10000 in UTC
    ("started_at", "0001-01-01T00:00:00+14:00", "out_of_range"),  # before the year 1 in UTC
    ("purpose", "\ud800", "bad_text"),  # a lone surrogate
    ("purpose", "a\x00b", "nul_character"),
    ("products_detailed", [{"note": "\udfff"}], "bad_text"),
    ("products_detailed", [2**64], "out_of_range"),
])
def test_a_value_no_client_can_store_is_refused_naming_its_field(
        api: TestClient, committed: Committed,
        auth_headers: Callable[[uuid.UUID], dict[str, str]],
        field: str, value: Any, reason: str) -> None:
    with committed() as f:
        territory = f.territory()
        rep, doctor = f.user(territory=territory), f.doctor(territory)
    bad, good = uuid.uuid4(), uuid.uuid4()
    body = {"protocol": 1, "client_id": f"device-{rep['id']}", "mutations": [
        m(1, "visits", bad, **visit_fields(rep, doctor, **{field: value})),
        m(2, "visits", good, **visit_fields(rep, doctor)),
    ]}
    headers = {**auth_headers(rep["id"]), "content-type": "application/json"}
    answer = api.post(PUSH, content=json.dumps(body), headers=headers)  # (escapes surrogates)
    assert answer.status_code == 200, answer.text
    first, second = answer.json()["results"]
    assert (first["status"], first["reason"], first["field"]) == ("rejected", "validation", field)
    assert first["message"].startswith(field + " ")
    assert second["status"] == "applied"
    col = TABLES_BY_NAME["visits"].column(field)
    with pytest.raises(ValueError) as refused:
        decode_value(col, value)
    assert getattr(refused.value, "reason", None) == reason


def test_json_nesting_and_non_finite_numbers_are_refused() -> None:
    deep: Any = 1
    for _ in range(80):
        deep = [deep]
    for value in (deep, [float("nan")], {"x": float("inf")}, {1: "x"}):
        with pytest.raises(ValueError):
            check_json(value)
    assert check_json({"a": [1, 2.5, None, True, "中文"]}) == {"a": [1, 2.5, None, True, "中文"]}
