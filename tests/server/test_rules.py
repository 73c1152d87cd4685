"""Rule files (import/export, versions, refusals) and regrade on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Engine

from domain.grading import default_grading_rule
from server.cli import main as server_cli
from server.errors import ServiceError
from server.rules.service import (
    export_rules,
    frequency_rule_in_force,
    grading_rule_in_force,
    import_rules,
    parse_rules,
    regrade,
)
from server.tables import sync_feed, synced
from tests.factories import Factory

TODAY = dt.date(2026, 12, 3)


def _grading(**changes: Any) -> dict[str, Any]:
    rule = {"kind": "grading_rule", "name": "2027 grading", "effective_from": "2026-12-01",
            **default_grading_rule().to_json()}
    rule.update(changes)
    return rule


def _frequency(**changes: Any) -> dict[str, Any]:
    rule = {"kind": "frequency_rule", "name": "2027 frequency", "effective_from": "2026-12-01",
            "visits_per_month": {"A": 6, "B": 3, "C": 1, "D": 0},
            "counted_visit_types": ["face_to_face"], "target_grades": ["A", "B"],
            "time_zone": "Asia/Shanghai", "reminder_day": 18}
    rule.update(changes)
    return rule


def _bands_with(attribute: str, band: dict[str, Any]) -> dict[str, Any]:
    bands = default_grading_rule().to_json()["bands"]
    return {**bands, attribute: band}


@pytest.mark.parametrize(("rule", "field", "words"), [
    (_grading(weights={"title": -0.5, "hospital_level": 1.0}), "weights.title", "negative"),
    (_grading(weights={"title": 0, "hospital_level": 0}), "weights", "add up to 0"),
    (_grading(weights={"shoe_size": 1.0}), "weights.shoe_size", "unknown"),
    (_grading(thresholds={"A": 80, "B": 80, "C": 40, "D": 0}), "thresholds.B", "overlap"),
    (_grading(thresholds={"A": 80, "B": 60, "C": 40, "D": 10}), "thresholds.D", "gap"),
    (_grading(bands=_bands_with("department_beds", {"type": "range",
                                                    "steps": [[50, 80], [50, 60]]})),
     "bands.department_beds.steps", "overlap"),
    (_grading(bands=_bands_with("department_beds", {"type": "range",
                                                    "steps": [[50, 80], [10, 60]]})),
     "bands.department_beds.steps", "gap"),
    (_grading(bands=_bands_with("title", {"type": "category", "points": {"chief": 140}})),
     "bands.title.points.chief", "0–100"),
    (_grading(effective_from=None), "effective_from", "required"),
    (_frequency(visits_per_month={"A": -1}), "visits_per_month.A", "≥ 0"),
    (_frequency(counted_visit_types=["coffee"]), "counted_visit_types", "visit types"),
    (_frequency(time_zone="Mars/Olympus"), "time_zone", "unknown time zone"),
    (_frequency(reminder_day=31), "reminder_day", "1–28"),
    ({"kind": "evaluation_template"}, "code", "code"),
    ({"kind": "evaluation_templates"}, "kind", "must be one of"),
])
def test_bad_rules_are_refused_naming_field_and_reason(rule: dict[str, Any], field: str,
                                                       words: str) -> None:
    with pytest.raises(ServiceError) as caught:
        parse_rules(json.dumps({"rules": [_frequency(), rule]}), yaml_format=False)
    assert caught.value.field == f"rules[1].{field}"
    assert words in caught.value.message


def test_import_adds_versions_and_export_round_trips(engine: Engine) -> None:
    rules = parse_rules(yaml.safe_dump({"rules": [_grading(), _frequency()]}), yaml_format=True)
    with engine.begin() as conn:
        report = import_rules(conn, rules)
        assert report.added == [("grading_rule", 1), ("frequency_rule", 1)]
        assert import_rules(conn, rules).unchanged == ["grading_rule", "frequency_rule"]
        exported = export_rules(conn, TODAY)
        later = parse_rules(json.dumps(_frequency(effective_from="2027-01-01",
                                                  visits_per_month={"A": 9})), yaml_format=False)
        assert import_rules(conn, later).added == [("frequency_rule", 2)]
        assert frequency_rule_in_force(conn, TODAY).visits_per_month["A"] == 6  # waits its day
        assert frequency_rule_in_force(conn, dt.date(2027, 1, 1)).visits_per_month["A"] == 9
        feed = conn.execute(sa.select(sa.func.count()).select_from(sync_feed).where(
            sync_feed.c.table_name.in_(["grading_rules", "frequency_rules"]))).scalar_one()
    assert feed == 3
    assert parse_rules(json.dumps(exported), yaml_format=False) == rules


def test_regrade_writes_only_changed_doctors(
        engine: Engine, committed: Callable[[], AbstractContextManager[Factory]]) -> None:
    rule = default_grading_rule()
    with committed() as f:
        territory = f.territory()
        inst = f.institution(level="3A")
        dept = f.department(inst, outpatient_per_month=3000, beds=60)
        chief = f.doctor(territory, inst, dept, title="chief", product_potential={"p": 5})
        resident = f.doctor(territory, inst, dept, title="resident", product_potential={"p": 1})
    with engine.begin() as conn:
        first = regrade(conn, today=TODAY)  # the factory's grades were made up
        assert first.doctors == 2 and first.changed == 2
        assert regrade(conn, today=TODAY).changed == 0
        grades = {i: g for i, g in conn.execute(sa.select(synced["doctors"].c.id,
                                                           synced["doctors"].c.grade))}
        assert grades[chief["id"]] == "A" and grades[resident["id"]] != "A"
        # A stricter A threshold: only the chief's grade moves.
        stricter = {**rule.to_json(), "thresholds": {"A": 99, "B": 60, "C": 40, "D": 0}}
        import_rules(conn, parse_rules(json.dumps(_grading(**stricter)), yaml_format=False))
        assert grading_rule_in_force(conn, TODAY).thresholds["A"] == 99
        versions = {i: v for i, v in conn.execute(sa.select(synced["doctors"].c.id,
                                                            synced["doctors"].c.version))}
        seq = conn.execute(sa.select(sa.func.max(sync_feed.c.seq))).scalar_one()
        dry = regrade(conn, dry_run=True, today=TODAY)
        assert (dry.changed, dry.before["A"], dry.after["A"]) == (1, 1, 0)
        assert conn.execute(sa.select(sa.func.max(sync_feed.c.seq))).scalar_one() == seq
        report = regrade(conn, today=TODAY)
        assert report.changed == 1
        after = {i: v for i, v in conn.execute(sa.select(synced["doctors"].c.id,
                                                         synced["doctors"].c.version))}
        assert after[chief["id"]] == versions[chief["id"]] + 1
        assert after[resident["id"]] == versions[resident["id"]]
        new_entries = conn.execute(sa.select(sync_feed.c.row_id).where(
            sync_feed.c.seq > seq)).scalars().all()
        assert new_entries == [chief["id"]]


def test_cli_refuses_a_bad_file_and_writes_nothing(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'rules.db'}"
    assert server_cli(["init-db", "--database-url", url]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(_grading(weights={"title": -1.0})), encoding="utf-8")
    assert server_cli(["rules", "import", str(bad), "--database-url", url]) == 1
    assert "(rule).weights.title" in capsys.readouterr().out
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"rules": [_grading(), _frequency()]}), encoding="utf-8")
    assert server_cli(["rules", "import", str(good), "--database-url", url]) == 0
    out = tmp_path / "out.yaml"
    assert server_cli(["rules", "export", str(out), "--database-url", url]) == 0
    assert [r["kind"] for r in yaml.safe_load(out.read_text(encoding="utf-8"))["rules"]] == [
        "grading_rule", "frequency_rule"]
    assert server_cli(["regrade", "--dry-run", "--database-url", url]) == 0
    assert "0 doctors, 0 would change" in capsys.readouterr().out
