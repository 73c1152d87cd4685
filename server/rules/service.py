"""Rule versions on the server: import from a file, export, the rule in force, regrade.

Items of kind ``evaluation_template`` go to ``server.evaluations.templates`` (versions
by template code: a used version is never edited, a change makes a new one).

Imports add a new version (``rule_version`` = the table's highest + 1, active) and never
edit an old one, so a grade can always be explained by the rule that produced it.
Importing a rule identical to the newest version of its kind, with the same
``effective_from``, adds nothing (re-running an import is harmless). Every file is
validated whole before anything is written: a bad rule anywhere refuses the file.

``regrade`` recomputes every doctor's grade with the grading rule in force and writes
only the doctors whose grade or score changed, one feed entry each (their territory);
``dry_run`` computes the same report and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar
from domain.frequency import FrequencyRule, default_frequency_rule
from domain.grading import (
    DoctorAttributes,
    GradingRule,
    default_grading_rule,
    grade_doctor,
    score_doctor,
)
from domain.rule_versions import in_force
from server.errors import ServiceError
from server.evaluations.templates import FILE_KIND as TEMPLATE_FILE_KIND
from server.evaluations.templates import import_templates, template_from_rule_item
from server.evaluations.templates import rule_items as template_rule_items
from server.rules.validate import KINDS, frequency_rule_of, refuse
from server.sync.feed import ChangeSet, publish, territory_scope, utcnow
from server.sync.rows import insert_rows
from server.tables import synced
from wire.protocol import Op

SCORE_TOLERANCE = 0.005  # scores are stored rounded to 2 decimals
UNGRADED = "-"


def read_rule_file(path: Path) -> list[dict[str, Any]]:
    """The rules of a JSON or YAML file, validated; ``ServiceError`` names what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ServiceError("unreadable_file", f"cannot read {path}: {exc}") from exc
    return parse_rules(text, yaml_format=path.suffix.lower() in (".yaml", ".yml"))


def parse_rules(text: str, *, yaml_format: bool) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(text) if yaml_format else json.loads(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ServiceError("bad_file", f"not valid {'YAML' if yaml_format else 'JSON'}: {exc}") \
            from exc
    if isinstance(data, Mapping) and "rules" in data:
        items, prefix = data["rules"], "rules"
        if not isinstance(items, list) or not items:
            raise refuse("rules", "must be a non-empty list of rules")
    elif isinstance(data, Mapping):
        items, prefix = [data], ""
    else:
        raise refuse("(file)", "must hold a rule (a mapping with a 'kind') or 'rules: [...]'")
    out: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        at = f"{prefix}[{i}]" if prefix else "(rule)"
        if not isinstance(item, Mapping):
            raise refuse(at, "must be a mapping")
        kind = item.get("kind")
        if kind == TEMPLATE_FILE_KIND:
            out.append({"kind": kind, "template": template_from_rule_item(item, where=at)})
            continue
        if kind not in KINDS:
            raise refuse(f"{at}.kind", f"must be one of {', '.join((*KINDS, TEMPLATE_FILE_KIND))}, "
                                       f"not {kind!r}")
        out.append({"kind": kind, **KINDS[str(kind)].validate(item, at)})
    return out


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: list[tuple[str, int]]  # (kind, rule_version)
    unchanged: list[str]  # kinds already as imported


def _newest(conn: Connection, table: str) -> dict[str, Any] | None:
    t = synced[table]
    row = conn.execute(sa.select(t).where(~t.c.deleted).order_by(t.c.rule_version.desc())
                       .limit(1)).mappings().first()
    return dict(row) if row else None


def import_rules(conn: Connection, rules: list[dict[str, Any]], *,
                 actor: uuid.UUID | None = None) -> ImportReport:
    """Store each validated rule as a new version (see the module docstring)."""
    changes = ChangeSet()
    added: list[tuple[str, int]] = []
    unchanged: list[str] = []
    templates = [r["template"] for r in rules if r["kind"] == TEMPLATE_FILE_KIND]
    for outcome in import_templates(conn, templates, actor=actor) if templates else ():
        label = f"{TEMPLATE_FILE_KIND} {outcome.code}"
        if outcome.action == "unchanged":
            unchanged.append(label)
        else:
            added.append((label, outcome.version))
    for rule in rules:
        kind = rule["kind"]
        if kind == TEMPLATE_FILE_KIND:
            continue
        spec = KINDS[kind]
        values = {k: v for k, v in rule.items() if k != "kind"}
        newest = _newest(conn, spec.table)
        if newest is not None and all(_same(newest.get(k), v) for k, v in values.items()):
            unchanged.append(kind)
            continue
        version = int(newest["rule_version"]) + 1 if newest else 1
        insert_rows(conn, changes, spec.table,
                    [{**values, "rule_version": version, "active": True}], actor=actor)
        added.append((kind, version))
    publish(conn, changes)
    return ImportReport(added, unchanged)


def _same(stored: Any, given: Any) -> bool:
    return json.dumps(stored, sort_keys=True, default=str) == json.dumps(given, sort_keys=True,
                                                                         default=str)


def export_rules(conn: Connection, today: dt.date | None = None) -> dict[str, Any]:
    """The rules in force, as a file ``import_rules`` reads back unchanged."""
    today = today or company_calendar(conn).today()
    out = []
    for spec in KINDS.values():
        row = _row_in_force(conn, spec.table, today)
        if row is not None:
            out.append(spec.to_file(row))
    out.extend(template_rule_items(conn))
    return {"rules": out}


def write_rule_file(data: Mapping[str, Any], path: Path) -> None:
    if path.suffix.lower() in (".yaml", ".yml"):
        path.write_text(yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    else:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _row_in_force(conn: Connection, table: str, today: dt.date) -> dict[str, Any] | None:
    t = synced[table]
    rows = conn.execute(sa.select(t).where(t.c.active.is_(True), ~t.c.deleted)).mappings().all()
    return in_force(((r["effective_from"], r["rule_version"], dict(r)) for r in rows), today)


def company_calendar(conn: Connection) -> CompanyCalendar:
    """The company time zone: the newest frequency rule's (the server setting)."""
    newest = _newest(conn, "frequency_rules")
    return CompanyCalendar(frequency_rule_of(newest).time_zone if newest else
                           default_frequency_rule().time_zone)


def grading_rule_in_force(conn: Connection, today: dt.date | None = None) -> GradingRule:
    today = today or company_calendar(conn).today()
    row = _row_in_force(conn, "grading_rules", today)
    if row is None:
        return default_grading_rule()
    return GradingRule.from_json(row["weights"], row["bands"], row["thresholds"])


def frequency_rule_in_force(conn: Connection, today: dt.date | None = None) -> FrequencyRule:
    today = today or company_calendar(conn).today()
    row = _row_in_force(conn, "frequency_rules", today)
    return frequency_rule_of(row) if row is not None else default_frequency_rule()


@dataclass(slots=True)
class RegradeReport:
    doctors: int = 0
    changed: int = 0
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)


def _attributes(row: Any) -> DoctorAttributes:
    """What grading reads of a doctor; product potential reduced to its maximum, the only
    value of it the rule looks at (``DoctorAttributes.value_of``)."""
    potential = row.potential
    if isinstance(potential, str | bytes):
        potential = orjson.loads(potential)
    best = max((int(v) for v in potential.values()), default=None) \
        if isinstance(potential, dict) else None
    return DoctorAttributes(row.level, row.title, row.outpatient_per_month, row.beds,
                            {"max": best} if best is not None else {})


def regrade(conn: Connection, *, dry_run: bool = False, actor: uuid.UUID | None = None,
            today: dt.date | None = None) -> RegradeReport:
    """Recompute every live doctor's grade (see the module docstring)."""
    rule = grading_rule_in_force(conn, today)
    d, i, dep = synced["doctors"], synced["institutions"], synced["departments"]
    # product_potential comes as stored text (parsed here with orjson: a third of the
    # time of reading 100,000 doctors went into the JSON type's decoder).
    potential = sa.type_coerce(d.c.product_potential, sa.Text()).label("potential")
    query = (sa.select(d.c.id, d.c.version, d.c.territory_id, d.c.title, potential,
                       d.c.grade, d.c.grade_score, i.c.level, dep.c.outpatient_per_month,
                       dep.c.beds)
             .select_from(d.join(i, i.c.id == d.c.institution_id)
                          .outerjoin(dep, dep.c.id == d.c.department_id))
             .where(~d.c.deleted))
    report = RegradeReport()
    updates: list[dict[str, Any]] = []
    # Doctors of one department share most inputs: each distinct set is scored once.
    scores: dict[tuple[Any, ...], tuple[str, float]] = {}
    results: dict[tuple[Any, ...], Any] = {}
    for row in conn.execute(query):
        attributes = _attributes(row)
        key = (attributes.hospital_level, attributes.title, attributes.outpatient_per_month,
               attributes.department_beds, attributes.product_potential.get("max"))
        known = scores.get(key)
        if known is None:
            known = scores[key] = score_doctor(attributes, rule)
        grade, score = known
        report.doctors += 1
        report.before[row.grade or UNGRADED] += 1
        report.after[grade] += 1
        stored = row.grade_score
        if row.grade == grade and stored is not None \
                and abs(float(stored) - score) <= SCORE_TOLERANCE:
            continue
        report.changed += 1
        result = results.get(key)
        if result is None:
            result = results[key] = grade_doctor(attributes, rule)
        updates.append({"b_id": row.id, "b_version": int(row.version) + 1,
                        "b_territory": row.territory_id, "grade": result.grade,
                        "grade_score": result.score, "grade_explanation": result.explanation})
    if dry_run or not updates:
        return report
    now = utcnow()
    statement = (sa.update(d).where(d.c.id == sa.bindparam("b_id"))
                 .values(grade=sa.bindparam("grade"), grade_score=sa.bindparam("grade_score"),
                         grade_explanation=sa.bindparam("grade_explanation"),
                         version=sa.bindparam("b_version"), updated_at=now, updated_by=actor))
    conn.execute(statement, [{k: v for k, v in u.items() if k != "b_territory"} for u in updates])
    changes = ChangeSet()
    for u in updates:
        if u["b_territory"] is not None:
            changes.add(territory_scope(u["b_territory"]), "doctors", u["b_id"], u["b_version"],
                        Op.UPSERT)
    publish(conn, changes)
    return report
