"""The admin's read-only view of the company: aggregates and the import history.

Server-enforced: a rep or a district manager asking gets 403 ``admin_only`` and no
figure; the admin gets counts per district, never a doctor or a visit row.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from server.admin.overview import company_overview
from server.cli import main
from server.imports.runs import recent_runs
from tests.factories import Factory

DATA = Path(__file__).parent / "import_data"
NOW = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)  # 20 November, Shanghai time too

World = dict[str, Any]


@pytest.fixture
def world(committed: Callable[[], AbstractContextManager[Factory]]) -> World:
    """Two districts of one region; district 1 has two reps, graded doctors and visits."""
    with committed() as f:
        region = f.region(code="R1", name="华东")
        d1 = f.district(region, code="D1", name="上海一区")
        d2 = f.district(region, code="D2", name="上海二区")
        t1, t2 = f.territory(d1, code="T1"), f.territory(d1, code="T2")
        f.territory(d2, code="T3")
        rep1, rep2 = f.user("rep", t1), f.user("rep", t2)
        f.user("rep", t1, active=False)  # gone: not counted
        dm = f.user("dm", district_id=d1["id"], region_id=region["id"])
        admin = f.user("admin")
        hospital = f.institution()
        a = f.doctor(t1, hospital, grade="A")  # needs 8 a month (default rule), B 4
        b = f.doctor(t2, hospital, grade="B")
        f.doctor(t2, f.institution(), grade="D")  # not a target
        f.doctor(t1, hospital, grade=None)
        f.doctor(None, hospital, grade="A")  # unassigned
        f.doctor(t1, hospital, grade="A", status="inactive")
        this_month = dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC)
        last_month = dt.datetime(2026, 10, 15, 2, 0, tzinfo=dt.UTC)
        for _ in range(9):  # nine visits to A: 8 count toward its requirement
            f.visit(rep1, a, started_at=this_month)
        f.visit(rep2, b, started_at=last_month)
        f.visit(rep2, b, started_at=this_month, status="draft")  # never counted
        f.visit(rep2, b, started_at=this_month, visit_type="phone")  # not a counting type
    return {"rep": rep1, "dm": dm, "admin": admin, "d1": d1, "d2": d2}


def test_the_overview_counts_each_district_of_each_region(engine: Engine, world: World) -> None:
    with engine.connect() as conn:
        answer = company_overview(conn, NOW)
    assert answer["month"] == "2026-11-01" and answer["previous_month"] == "2026-10-01"
    [region] = answer["regions"]
    assert region["name"] == "华东" and region["institutions"] == 2
    d1, d2 = region["districts"]
    assert (d1["code"], d2["code"]) == ("D1", "D2")
    assert d1 | {"id": None} == {
        "id": None, "code": "D1", "name": "上海一区", "territories": 2, "reps": 2,
        "managers": 1, "doctors": 4, "doctors_by_grade": {"A": 1, "B": 1, "D": 1, "-": 1},
        "institutions": 2, "visits_this_month": 9, "visits_last_month": 1,
        "target_doctors": 2, "targets_visited": 1, "visits_required": 8 + 4,
        "visits_done": 8,
    }
    assert d2["territories"] == 1 and d2["doctors"] == 0 and d2["reps"] == 0
    assert answer["company"] == {"doctors": 5, "unassigned_doctors": 1, "institutions": 2}
    roles = {u["username"]: (u["role"], u["district"]) for u in answer["users"]}
    assert roles[world["rep"]["username"]] == ("rep", "上海一区")
    assert roles[world["admin"]["username"]] == ("admin", None)
    assert len(answer["users"]) == 5  # the inactive rep is listed (with active False)


def test_only_an_admin_gets_the_overview_and_the_imports(
        api: TestClient, world: World,
        auth_headers: Callable[[uuid.UUID], dict[str, str]]) -> None:
    for path in ("/api/v1/admin/overview", "/api/v1/admin/imports"):
        assert api.get(path).status_code == 401
        for who in ("rep", "dm"):
            answer = api.get(path, headers=auth_headers(world[who]["id"]))
            assert answer.status_code == 403
            body = answer.json()
            assert body["error"] == "admin_only" and body["details"] == {"role": who}
            assert "regions" not in body and "runs" not in body
        assert api.get(path, headers=auth_headers(world["admin"]["id"])).status_code == 200
    overview = api.get("/api/v1/admin/overview", headers=auth_headers(world["admin"]["id"])).json()
    assert [d["code"] for d in overview["regions"][0]["districts"]] == ["D1", "D2"]
    assert isinstance(overview["regions"][0]["districts"][0]["doctors"], int)  # counts, not rows


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_every_import_command_run_is_recorded_newest_first(
        engine: Engine, tmp_path: Path, api: TestClient, committed: Callable[[], Any],
        auth_headers: Callable[[uuid.UUID], dict[str, str]],
        capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--database-url", _url(engine)]
    work = tmp_path / "files"
    shutil.copytree(DATA, work)
    assert main(["import", "territories", str(work / "territories.csv"), *db]) == 0
    assert main(["import", "institutions", str(work / "institutions_bad.csv"), *db]) == 1
    assert main(["import", "institutions", str(work / "institutions_bad.csv"),
                 "--skip-invalid", *db]) == 2
    bad_rules = work / "rules.json"
    bad_rules.write_text('{"kind": "grading_rule"}', encoding="utf-8")
    assert main(["rules", "import", str(bad_rules), *db]) == 1
    capsys.readouterr()

    with engine.connect() as conn:
        runs = recent_runs(conn)
    assert [(r["kind"], r["source"], r["status"]) for r in runs] == [
        ("rules", "rules.json", "refused"),
        ("institutions", "institutions_bad.csv", "partial"),
        ("institutions", "institutions_bad.csv", "refused"),
        ("territories", "territories.csv", "ok"),
    ]
    rules, partial, refused, ok = runs
    assert (ok["created"], ok["rejected"], ok["errors_file"]) == (3, 0, None)
    assert ok["command"] == "fieldrep-server import territories"
    assert ok["finished_at"] >= ok["started_at"]
    assert refused["created"] == 0 and refused["rejected"] >= 1
    assert refused["errors_file"].endswith("institutions_bad.errors.csv")
    assert "problem" in refused["message"]
    assert (partial["created"], partial["errors_file"].endswith(".rejects.csv")) == (2, True)
    assert partial["rejected"] == refused["rejected"]
    assert rules["message"]

    with committed() as f:
        admin = f.user("admin")
    answer = api.get("/api/v1/admin/imports", headers=auth_headers(admin["id"]))
    assert [r["status"] for r in answer.json()["runs"]] == ["refused", "partial", "refused", "ok"]
    assert api.get("/api/v1/admin/imports?limit=1",
                   headers=auth_headers(admin["id"])).json()["runs"][0]["kind"] == "rules"


def test_a_crashing_import_is_recorded_as_failed(engine: Engine, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The import's transaction is gone; the record of the run is not."""
    from server.imports import commands

    def explode(*_: Any, **__: Any) -> None:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(commands, "import_file", explode)
    work = tmp_path / "files"
    shutil.copytree(DATA, work)
    assert main(["import", "territories", str(work / "territories.csv"), "--database-url",
                 _url(engine)]) != 0
    with engine.connect() as conn:
        [run] = recent_runs(conn)
    assert (run["status"], run["message"]) == ("failed", "disk on fire")
