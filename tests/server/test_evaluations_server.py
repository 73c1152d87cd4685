"""Evaluations on the server: push rules (team, scale, observed visits, lock, total),
action items, companions, managers-only scopes and template versions."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar
from server.auth.scoping import subscribed_scopes
from server.errors import ServiceError
from server.evaluations.templates import export_templates, import_templates
from server.sync.feed import managers_scope
from server.sync.rows import get_row
from server.tables import synced
from tests.factories import Factory
from tests.server.test_sync_pull import principal_for, pull
from tests.server.test_sync_push import m, push, statuses

DAY = "2026-11-02"
TEMPLATE = {"code": "ACC", "name": "随访", "kind": "accompanied", "evaluator_role": "dm",
            "evaluatee_role": "rep", "scale_min": 1, "scale_max": 5, "monthly_target": 4,
            "competencies": [
                {"code": "probing", "name": "探询", "weight": 0.4,
                 "anchors": {"1": "不提问", "5": "深入探询"}},
                {"code": "closing", "name": "缔结", "weight": 0.6}]}


@pytest.fixture
def region(conn: Connection) -> dict[str, Any]:
    f = Factory(conn)
    reg = f.region()
    d1, d2 = f.district(reg), f.district(reg)
    t1, t2 = f.territory(d1), f.territory(d2)
    rep, peer, rep2 = f.user(territory=t1), f.user(territory=t1), f.user(territory=t2)
    dm = f.user(role="dm", district_id=d1["id"], region_id=reg["id"])
    dm2 = f.user(role="dm", district_id=d2["id"], region_id=reg["id"])
    rm = f.user(role="rm", region_id=reg["id"])
    doc = f.doctor(t1)
    own = f.visit(rep, doc, started_at=dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC))
    other_day = f.visit(rep, doc, started_at=dt.datetime(2026, 11, 1, 2, 0, tzinfo=dt.UTC))
    peers = f.visit(peer, doc, started_at=dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC))
    f.publish()
    [template] = [o.template_id for o in import_templates(conn, [TEMPLATE])]
    co = import_templates(conn, [{**TEMPLATE, "code": "CO", "evaluator_role": "rm",
                                  "evaluatee_role": "dm", "kind": "co_visit"}])[0].template_id
    return {"f": f, "d1": d1, "t1": t1, "rep": rep, "peer": peer, "rep2": rep2, "dm": dm,
            "dm2": dm2, "rm": rm, "own": own, "other_day": other_day, "peers": peers,
            "template": template, "co": co}


def evaluation(w: dict[str, Any], evaluatee: str = "rep", **kw: Any) -> dict[str, Any]:
    return {"template_id": str(w["template"]), "evaluator_id": str(w["dm"]["id"]),
            "evaluatee_id": str(w[evaluatee]["id"]), "kind": "accompanied", "eval_date": DAY,
            "status": "draft", **kw}


def test_bad_evaluations_are_refused_with_the_field(conn: Connection, region: dict[str, Any]) -> None:
    w = region
    dm = principal_for(w["dm"])
    assert statuses(push(conn, dm, [
        m(1, "evaluations", uuid.uuid4(), **evaluation(w, "rep2")),
        m(2, "evaluations", uuid.uuid4(), **evaluation(w, scores={"probing": 7})),
        m(3, "evaluations", uuid.uuid4(), **evaluation(w, observed_visit_ids=[str(w["peers"]["id"])])),
        m(4, "evaluations", uuid.uuid4(), **evaluation(w, observed_visit_ids=[str(w["other_day"]["id"])])),
        m(5, "evaluations", uuid.uuid4(), **evaluation(w, template_id=str(w["co"]))),
        m(6, "evaluations", uuid.uuid4(), **evaluation(w, status="acknowledged")),
        m(7, "evaluations", uuid.uuid4(), **evaluation(w, observed_visit_ids=[str(w["own"]["id"])],
                                                        scores={"probing": 3})),
    ])) == [("rejected", "out_of_scope", "evaluator_id"),
            ("rejected", "validation", "scores.probing"),
            ("rejected", "validation", "observed_visit_ids"),
            ("rejected", "validation", "observed_visit_ids"),
            ("rejected", "not_allowed", "template_id"),
            ("rejected", "invalid_transition", "status"),
            ("applied", None, None)]
    rep = principal_for(w["rep"])  # a rep evaluating a peer with the DM template
    assert statuses(push(conn, rep, [m(1, "evaluations", uuid.uuid4(), **evaluation(
        w, "peer", evaluator_id=str(w["rep"]["id"])))]))[0][:2] == ("rejected", "not_allowed")


def test_days_are_the_company_time_zone_s(conn: Connection, region: dict[str, Any]) -> None:
    """Which day a visit was observed on, and which day is "today" for a date in the
    future, follow the company's zone (the frequency rule's): the rep's visit at 02:00
    UTC on 2 November is a 1 November visit in Los Angeles."""
    w = region
    w["f"]._insert("frequency_rules", name="rule", visits_per_month={"A": 2}, rule_version=1,
                   active=True, time_zone="America/Los_Angeles", reminder_day=20,
                   counted_visit_types=["face_to_face"], target_grades=["A"])
    observed = [str(w["own"]["id"])]
    tomorrow = CompanyCalendar("America/Los_Angeles").today() + dt.timedelta(days=1)
    assert statuses(push(conn, principal_for(w["dm"]), [
        m(1, "evaluations", uuid.uuid4(), **evaluation(w, observed_visit_ids=observed)),
        m(2, "evaluations", uuid.uuid4(), **evaluation(w, observed_visit_ids=observed,
                                                        eval_date="2026-11-01")),
        m(3, "evaluations", uuid.uuid4(), **evaluation(w, eval_date=tomorrow.isoformat())),
    ])) == [("rejected", "validation", "observed_visit_ids"), ("applied", None, None),
            ("rejected", "validation", "eval_date")]


def test_a_companion_visit_counts_as_observed(conn: Connection, region: dict[str, Any]) -> None:
    w = region
    dm = principal_for(w["dm"])
    companion = {"visit_id": str(w["peers"]["id"]), "territory_id": str(w["t1"]["id"]),
                 "user_id": str(w["dm"]["id"])}
    assert statuses(push(conn, dm, [
        m(1, "visit_companions", uuid.uuid4(), **{**companion, "user_id": str(w["rm"]["id"])}),
        m(2, "visit_companions", uuid.uuid4(), **companion),
        m(3, "evaluations", uuid.uuid4(), **evaluation(w, "peer", observed_visit_ids=[
            str(w["peers"]["id"])])),
    ])) == [("rejected", "not_owner", "user_id"), ("applied", None, None), ("applied", None, None)]


def test_submitted_is_locked_and_the_evaluatee_acknowledges_and_completes(
        conn: Connection, region: dict[str, Any]) -> None:
    w = region
    dm, rep = principal_for(w["dm"]), principal_for(w["rep"])
    ev, item = uuid.uuid4(), uuid.uuid4()
    item_fields = {"evaluation_id": str(ev), "evaluator_id": str(w["dm"]["id"]),
                   "evaluatee_id": str(w["rep"]["id"]), "position": 1, "text": "练习异议处理",
                   "due_date": "2026-11-20"}
    assert statuses(push(conn, dm, [
        m(1, "evaluations", ev, **evaluation(w, status="submitted", total_score=99,
                                             scores={"probing": 5, "closing": 2})),
        m(2, "evaluation_action_items", item, **item_fields),
    ])) == [("applied", None, None)] * 2
    row = get_row(conn, "evaluations", ev)
    assert row is not None
    assert row["total_score"] == 3.2 and row["district_id"] == w["d1"]["id"]
    assert row["submitted_at"] is not None
    assert statuses(push(conn, dm, [
        m(3, "evaluations", ev, "update", base=1, strengths="改"),
        m(4, "evaluation_action_items", item, "update", base=1, text="改"),
    ])) == [("rejected", "locked", None), ("rejected", "locked", None)]
    assert statuses(push(conn, rep, [
        m(1, "evaluation_action_items", item, "update", base=1, text="不做"),
        m(2, "evaluation_action_items", item, "update", base=1,
          done_at="2026-11-10T08:00:00+00:00", done_note="已完成"),
        m(3, "evaluations", ev, "update", base=1, status="acknowledged", evaluatee_comment="收到"),
    ])) == [("rejected", "not_allowed", "text"), ("applied", None, None), ("applied", None, None)]
    row = get_row(conn, "evaluations", ev)
    assert row is not None and row["status"] == "acknowledged" and row["acknowledged_at"]


def test_managers_scope_reaches_the_region_and_never_a_rep(
        conn: Connection, region: dict[str, Any]) -> None:
    w = region
    about_rep, about_peer, about_dm = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    draft = uuid.uuid4()
    done = {"status": "submitted", "scores": {"probing": 4, "closing": 4}}
    assert statuses(push(conn, principal_for(w["dm"]), [
        m(1, "evaluations", about_rep, **evaluation(w, **done)),
        m(2, "evaluations", about_peer, **evaluation(w, "peer", **done)),
        m(3, "evaluations", draft, **evaluation(w)),
    ])) == [("applied", None, None)] * 3
    assert statuses(push(conn, principal_for(w["rm"]), [m(1, "evaluations", about_dm, **evaluation(
        w, "dm", template_id=str(w["co"]), evaluator_id=str(w["rm"]["id"]), **done))])) == [
        ("applied", None, None)]
    scopes = subscribed_scopes(conn, principal_for(w["rm"]))
    assert managers_scope(w["d1"]["id"]) in scopes
    assert not [s for s in subscribed_scopes(conn, principal_for(w["rep"])) if "managers" in s]

    def received(user: dict[str, Any]) -> set[uuid.UUID]:
        changes = pull(conn, principal_for(user)).changes
        return {uuid.UUID(c.id) for c in changes if c.table == "evaluations"}

    assert received(w["rm"]) == {about_rep, about_peer, about_dm}
    assert received(w["dm"]) == {about_rep, about_peer, about_dm, draft}  # drafts: the author's
    assert received(w["rep"]) == {about_rep}
    assert received(w["peer"]) == {about_peer}
    assert received(w["dm2"]) == set()
    assert statuses(push(conn, principal_for(w["dm"]), [  # submitting shares it
        m(4, "evaluations", draft, "update", base=1, **done)])) == [("applied", None, None)]
    assert draft in received(w["rep"]) and draft in received(w["rm"])


def test_template_versions(conn: Connection, region: dict[str, Any]) -> None:
    w = region
    changed = copy.deepcopy(TEMPLATE)
    changed["competencies"][0]["weight"] = 0.5
    assert [o.action for o in import_templates(conn, [TEMPLATE])] == ["unchanged"]
    [updated] = import_templates(conn, [changed])  # unused yet: changed in place
    assert (updated.action, updated.version, updated.template_id) == ("updated", 1, w["template"])
    ev = uuid.uuid4()
    push(conn, principal_for(w["dm"]), [m(1, "evaluations", ev, **evaluation(
        w, status="submitted", scores={"probing": 5, "closing": 2}))])
    changed["competencies"][1]["weight"] = 0.1
    [new] = import_templates(conn, [changed])
    assert (new.action, new.version) == ("new_version", 2) and new.template_id != w["template"]
    old = get_row(conn, "evaluation_templates", w["template"])
    assert old is not None and old["active"] is False
    assert old["competencies"][1]["weight"] == 0.6  # the used version is never edited
    row = get_row(conn, "evaluations", ev)
    assert row is not None and row["template_id"] == w["template"] and row["total_score"] == 3.36
    exported = export_templates(conn)
    assert [(t["code"], t["competencies"][1]["weight"]) for t in exported["templates"]] == [
        ("ACC", 0.1), ("CO", 0.6)]
    t = synced["evaluation_templates"]
    assert conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() == 3


def test_a_bad_template_writes_nothing(conn: Connection, region: dict[str, Any]) -> None:
    bad = {**TEMPLATE, "code": "NEW", "scale_min": 5, "scale_max": 1}
    with pytest.raises(ServiceError, match=r"template 2.*scale"):
        import_templates(conn, [{**TEMPLATE, "code": "OK"}, bad])
    t = synced["evaluation_templates"]
    assert conn.execute(sa.select(t.c.id).where(t.c.code == "OK")).first() is None


def test_templates_travel_in_rules_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`fieldrep-server rules import|export` reads and writes templates as items of kind
    evaluation_template; a bad one refuses the file, naming the item and the field."""
    from server.cli import main as server_cli

    url = f"sqlite:///{tmp_path / 'rules.db'}"
    assert server_cli(["init-db", "--database-url", url]) == 0
    item = {"kind": "evaluation_template", "template_kind": "accompanied",
            **{k: v for k, v in TEMPLATE.items() if k != "kind"}}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"rules": [{**item, "scale_min": 9}]}, allow_unicode=True),
                   encoding="utf-8")
    assert server_cli(["rules", "import", str(bad), "--database-url", url]) == 1
    assert "rules[0]" in capsys.readouterr().out
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"rules": [item]}, ensure_ascii=False), encoding="utf-8")
    assert server_cli(["rules", "import", str(good), "--database-url", url]) == 0
    assert "evaluation_template ACC: version 1 added" in capsys.readouterr().out
    assert server_cli(["rules", "import", str(good), "--database-url", url]) == 0
    assert "unchanged" in capsys.readouterr().out
    out = tmp_path / "out.yaml"
    assert server_cli(["rules", "export", str(out), "--database-url", url]) == 0
    [exported] = [r for r in yaml.safe_load(out.read_text(encoding="utf-8"))["rules"]
                  if r["kind"] == "evaluation_template"]
    assert exported["template_kind"] == "accompanied" and exported["code"] == "ACC"
    assert exported["competencies"][0]["anchors"] == {"1": "不提问", "5": "深入探询"}


def test_companions_are_the_reps_to_change_while_the_visit_is_a_draft(
        conn: Connection, region: dict[str, Any]) -> None:
    """What the visit form does, and nothing more: the rep adds and removes the DM and
    the RM of their own draft; no update, no one else's visit, no manager from
    elsewhere; once submitted only a manager adding themselves (an evaluation)."""
    w = region
    rep, peer, dm = principal_for(w["rep"]), principal_for(w["peer"]), principal_for(w["dm"])
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).replace(microsecond=0)
    visit = uuid.uuid4()
    row = {"visit_id": str(visit), "territory_id": str(w["t1"]["id"])}
    with_dm, with_rm = uuid.uuid4(), uuid.uuid4()
    assert statuses(push(conn, rep, [
        m(1, "visits", visit, rep_id=str(w["rep"]["id"]), territory_id=str(w["t1"]["id"]),
          doctor_id=str(w["f"].doctor(w["t1"])["id"]), visit_type="face_to_face",
          started_at=start.isoformat(), ended_at=(start + dt.timedelta(minutes=30)).isoformat(),
          purpose="介绍", next_step="送资料", status="draft"),
        m(2, "visit_companions", with_dm, **row, user_id=str(w["dm"]["id"])),
        m(3, "visit_companions", with_rm, **row, user_id=str(w["rm"]["id"])),
        m(4, "visit_companions", uuid.uuid4(), **row, user_id=str(w["dm2"]["id"])),
        m(5, "visit_companions", uuid.uuid4(), **row, user_id=str(w["peer"]["id"])),
        m(6, "visit_companions", with_rm, "update", base=1, user_id=str(w["dm"]["id"])),
    ])) == [("applied", None, None)] * 3 + [
        ("rejected", "validation", "user_id"), ("rejected", "validation", "user_id"),
        ("rejected", "not_allowed", None)]
    assert statuses(push(conn, peer, [
        m(1, "visit_companions", uuid.uuid4(), **row, user_id=str(w["dm"]["id"])),
        m(2, "visit_companions", with_dm, "delete", base=1)])) == [
        ("rejected", "not_owner", "visit_id"), ("rejected", "not_owner", "visit_id")]
    assert statuses(push(conn, dm, [m(1, "visit_companions", with_rm, "delete", base=1)])) == [
        ("rejected", "not_owner", "visit_id")]
    assert statuses(push(conn, rep, [
        m(7, "visit_companions", with_rm, "delete", base=1),
        m(8, "visits", visit, "update", base=1, status="submitted"),
        m(9, "visit_companions", uuid.uuid4(), **row, user_id=str(w["rm"]["id"])),
        m(10, "visit_companions", with_dm, "delete", base=1),
    ])) == [("applied", None, None)] * 2 + [("rejected", "not_owner", "visit_id")] * 2
    c = synced["visit_companions"]
    live = set(conn.execute(sa.select(c.c.user_id).where(c.c.visit_id == visit, ~c.c.deleted))
               .scalars())
    assert live == {w["dm"]["id"]}  # the submit locked the companions in
    rm = principal_for(w["rm"])  # a manager who observed it adds themselves (an evaluation)
    assert statuses(push(conn, rm, [m(1, "visit_companions", uuid.uuid4(), **row,
                                      user_id=str(w["rm"]["id"]))])) == [("applied", None, None)]


def test_a_visit_with_the_dm_and_the_rm_is_observed_where_it_belongs(
        conn: Connection, region: dict[str, Any]) -> None:
    """The DM and the RM both rode along on the rep's visit: the DM's evaluation of the
    rep and the RM's of the DM may name it; the RM's of another DM may not."""
    w = region
    f = w["f"]
    for who in ("dm", "rm"):
        f._insert("visit_companions", visit_id=w["own"]["id"], territory_id=w["t1"]["id"],
                  user_id=w[who]["id"])
    f.publish()
    observed = [str(w["own"]["id"])]
    co_visit = {**evaluation(w, "dm", observed_visit_ids=observed),
                "template_id": str(w["co"]), "evaluator_id": str(w["rm"]["id"]), "kind": "co_visit"}
    assert statuses(push(conn, principal_for(w["dm"]), [
        m(1, "evaluations", uuid.uuid4(), **evaluation(w, observed_visit_ids=observed))])) == [
        ("applied", None, None)]
    assert statuses(push(conn, principal_for(w["rm"]), [
        m(1, "evaluations", uuid.uuid4(), **co_visit),
        m(2, "evaluations", uuid.uuid4(), **{**co_visit, "evaluatee_id": str(w["dm2"]["id"])}),
    ])) == [("applied", None, None), ("rejected", "validation", "observed_visit_ids")]
