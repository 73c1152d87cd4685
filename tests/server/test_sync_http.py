"""The sync endpoints over real HTTP: auth, gzip both ways, error shapes, round trip."""

from __future__ import annotations

import gzip
import json
import uuid
from typing import Any

import requests
import zstandard
from sqlalchemy.engine import Engine

from server.auth.service import create_user, issue_tokens
from server.config import Settings
from tests.conftest import LiveServer
from tests.factories import Factory

START = "2026-11-03T09:00:00+00:00"


def setup_rep(engine: Engine, settings: Settings) -> dict[str, Any]:
    with engine.begin() as conn:
        f = Factory(conn)
        territory = f.territory()
        doctors = [f.doctor(territory) for _ in range(30)]
        rep = create_user(conn, f.changes, username=f"rep{uuid.uuid4().hex[:6]}",
                          display_name="王芳", role="rep", password="correct horse 12",
                          territory_id=territory["id"])
        f.publish()
        token = issue_tokens(conn, settings, rep["id"])["access_token"]
    return {"rep": rep, "territory": territory, "doctors": doctors,
            "headers": {"Authorization": f"Bearer {token}"}}


def post(server: LiveServer, path: str, body: Any, headers: dict[str, str],
         **kw: Any) -> requests.Response:
    return requests.post(f"{server.url}/api/v1/sync/{path}", json=body, headers=headers,
                         timeout=10, **kw)


def test_pull_push_round_trip_with_gzip(live_server: LiveServer) -> None:
    ctx = setup_rep(live_server.engine, live_server.settings)
    headers = ctx["headers"]
    first = post(live_server, "pull", {"protocol": 1}, headers)
    assert first.status_code == 200, first.text
    assert first.headers.get("content-encoding") == "gzip"  # requests asks for gzip
    body = first.json()
    doctor_ids = {c["id"] for c in body["changes"] if c["table"] == "doctors"}
    assert doctor_ids == {str(d["id"]) for d in ctx["doctors"]}
    cursors = body["cursors"]
    assert post(live_server, "pull", {"protocol": 1, "cursors": cursors}, headers).json()[
        "changes"] == []

    vid = str(uuid.uuid4())
    doctor = ctx["doctors"][0]
    push_body = {"protocol": 1, "client_id": "laptop-0001", "mutations": [{
        "mutation_id": 1, "table": "visits", "id": vid, "op": "insert", "fields": {
            "rep_id": str(ctx["rep"]["id"]), "territory_id": str(ctx["territory"]["id"]),
            "doctor_id": str(doctor["id"]), "visit_type": "face_to_face",
            "started_at": START, "status": "draft"}}]}
    raw = gzip.compress(json.dumps(push_body).encode())
    pushed = requests.post(f"{live_server.url}/api/v1/sync/push", data=raw, timeout=10,
                           headers={**headers, "Content-Encoding": "gzip",
                                    "Content-Type": "application/json"})
    assert pushed.status_code == 200, pushed.text
    assert pushed.json()["results"][0]["status"] == "applied"
    again = post(live_server, "push", push_body, headers).json()
    assert again["results"][0]["status"] == "duplicate"
    assert again["results"][0]["original_status"] == "applied"

    changes = post(live_server, "pull", {"protocol": 1, "cursors": cursors}, headers).json()[
        "changes"]
    assert [(c["table"], c["id"], c["version"]) for c in changes] == [("visits", vid, 1)]


def test_pull_pages_are_zstd_compressed_when_the_client_takes_it(live_server: LiveServer) -> None:
    ctx = setup_rep(live_server.engine, live_server.settings)
    headers = ctx["headers"]
    as_gzip = post(live_server, "pull", {"protocol": 1}, {**headers, "Accept-Encoding": "gzip"},
                   stream=True)
    as_zstd = post(live_server, "pull", {"protocol": 1},
                   {**headers, "Accept-Encoding": "zstd, gzip"}, stream=True)
    refused = post(live_server, "pull", {"protocol": 1},
                   {**headers, "Accept-Encoding": "zstd;q=0, gzip"}, stream=True)
    assert as_gzip.headers["content-encoding"] == "gzip"
    assert as_zstd.headers["content-encoding"] == "zstd"
    assert refused.headers["content-encoding"] == "gzip"
    zipped = as_gzip.raw.read(decode_content=False)
    packed = as_zstd.raw.read(decode_content=False)
    page = json.loads(zstandard.ZstdDecompressor().decompressobj().decompress(packed))
    expected = json.loads(gzip.decompress(zipped))
    assert page["changes"] == expected["changes"] and len(page["changes"]) >= 30
    assert len(packed) < len(zipped)


def test_errors_have_the_one_shape_and_never_a_500(live_server: LiveServer) -> None:
    ctx = setup_rep(live_server.engine, live_server.settings)
    headers = ctx["headers"]
    old = post(live_server, "pull", {"protocol": 0, "something_removed": True}, headers)
    assert old.status_code == 426
    assert old.json()["error"] == "upgrade_required" and "too old" in old.json()["message"]
    assert post(live_server, "push", {"protocol": 99, "client_id": "x"}, headers).status_code == 426
    assert post(live_server, "pull", {"protocol": 1}, {}).status_code == 401
    broken = requests.post(f"{live_server.url}/api/v1/sync/pull", data=b"{not json",
                           headers={**headers, "Content-Type": "application/json"}, timeout=10)
    assert broken.status_code == 400 and broken.json()["error"] == "malformed_json"
    for body in ({"protocol": 1, "limit": 0}, {"protocol": 1, "cursors": []}, [1, 2],
                 {"protocol": "1x"}):
        bad = post(live_server, "pull", body, headers)
        assert bad.status_code == 422 and bad.json()["error"] == "invalid_request", body
    gap = post(live_server, "push", {"protocol": 1, "client_id": "laptop-0002", "mutations": [
        {"mutation_id": 5, "table": "visits", "id": str(uuid.uuid4()), "op": "insert"}]},
        headers)
    assert gap.status_code == 409
    assert gap.json()["error"] == "mutation_gap" and gap.json()["details"]["expected"] == 1
    weird = post(live_server, "push", {"protocol": 1, "client_id": "laptop-0003", "mutations": [
        {"mutation_id": 1, "table": "visits", "id": str(uuid.uuid4()), "op": "insert",
         "fields": {"rep_id": 5, "started_at": {"a": 1}, "products_detailed": [1, {"x": None}]}},
        {"mutation_id": 2, "table": "visits", "id": "x" * 64, "op": "update", "base_version": 1,
         "fields": {"purpose": None}},
    ]}, headers)
    assert weird.status_code == 200
    assert [r["reason"] for r in weird.json()["results"]] == ["bad_value", "bad_value"]
