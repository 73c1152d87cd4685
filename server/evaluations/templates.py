"""Evaluation templates as files: validate, import (new versions) and export.

Templates travel in ``fieldrep-server rules import|export`` files as items of kind
``evaluation_template`` (``server.rules.service`` hands them here); each names its
``code`` (the family its versions share), name, kind, roles, scale and competencies
(``domain.evaluation.Competency`` JSON: weights, descriptions, anchored levels).
Import compares each with the newest version of its code:

* the same content: nothing changes;
* a version no evaluation uses yet: changed in place (the same version number);
* a version already used: a new version (number + 1) becomes the active one and the
  old one is deactivated, never edited — an evaluation keeps the version it was made
  with, so its total and its printed form stay as they were.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.evaluation import Template, TemplateError, template_from_row
from domain.roles import Role
from server.errors import ServiceError
from server.sync.feed import ChangeSet, publish
from server.sync.rows import insert_rows, update_row
from server.tables import synced

FILE_KIND = "evaluation_template"
MANAGER_ROLES = frozenset({Role.DM.value, Role.RM.value})
ROLES = frozenset(r.value for r in Role)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    code: str
    action: str  # "created", "unchanged", "updated", "new_version"
    version: int
    template_id: uuid.UUID


def validate_template(data: Mapping[str, Any], *, where: str = "template") -> tuple[str, Template]:
    """(code, template) of one template of a file; ``ServiceError`` naming the field."""
    def fail(message: str, field: str) -> ServiceError:
        return ServiceError("validation", f"{where}: {message}", kind="validation", field=field)

    if not isinstance(data, Mapping):
        raise fail("must be an object", "templates")
    code = data.get("code")
    if not isinstance(code, str) or not code.strip() or len(code) > 40:
        raise fail("a code of 1–40 characters is required", "code")
    for name in ("name", "kind", "evaluator_role", "evaluatee_role"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise fail(f"{name} is required", name)
    if data["evaluator_role"] not in MANAGER_ROLES:
        raise fail("evaluator_role must be dm or rm", "evaluator_role")
    if data["evaluatee_role"] not in ROLES:
        raise fail("evaluatee_role is not a role", "evaluatee_role")
    target = data.get("monthly_target")
    if target is not None and (isinstance(target, bool) or not isinstance(target, int)
                               or target < 0):
        raise fail("monthly_target must be a whole number ≥ 0", "monthly_target")
    try:
        template = template_from_row({**data, "id": "", "template_version": 1})
    except TemplateError as exc:
        raise fail(str(exc), "competencies") from exc
    return code.strip(), template


def _content(template: Template, data: Mapping[str, Any]) -> dict[str, Any]:
    return {**template.content_json(), "description": data.get("description"),
            "monthly_target": data.get("monthly_target")}


def _stored_content(row: Mapping[str, Any]) -> dict[str, Any]:
    return {**template_from_row(row).content_json(), "description": row.get("description"),
            "monthly_target": row.get("monthly_target")}


def template_in_use(conn: Connection, template_id: uuid.UUID) -> bool:
    e = synced["evaluations"]
    return conn.execute(sa.select(e.c.id).where(e.c.template_id == template_id).limit(1)
                        ).first() is not None


def import_templates(conn: Connection, documents: list[Mapping[str, Any]], *,
                     actor: uuid.UUID | None = None) -> list[ImportOutcome]:
    """Validate every template first (nothing is written if one is bad), then apply."""
    checked = [(*validate_template(d, where=f"template {i + 1}"), d)
               for i, d in enumerate(documents)]
    codes = [code for code, _t, _d in checked]
    if len(set(codes)) != len(codes):
        raise ServiceError("validation", "a file names each template code once",
                           kind="validation", field="code")
    t = synced["evaluation_templates"]
    changes = ChangeSet()
    outcomes = []
    for code, template, data in checked:
        newest = conn.execute(sa.select(t).where(t.c.code == code, ~t.c.deleted)
                              .order_by(t.c.template_version.desc()).limit(1)).mappings().first()
        content = _content(template, data)
        values = {**content, "code": code, "active": True}
        if newest is None:
            row = insert_rows(conn, changes, "evaluation_templates",
                              [{**values, "template_version": 1}], actor=actor)[0]
            outcomes.append(ImportOutcome(code, "created", 1, row["id"]))
            continue
        stored: dict[str, Any] = dict(newest)
        version = int(stored["template_version"])
        if _stored_content(stored) == content and stored["active"]:
            outcomes.append(ImportOutcome(code, "unchanged", version, stored["id"]))
        elif not template_in_use(conn, stored["id"]):
            update_row(conn, changes, "evaluation_templates", stored["id"], values,
                       actor=actor, before=stored)
            outcomes.append(ImportOutcome(code, "updated", version, stored["id"]))
        else:
            update_row(conn, changes, "evaluation_templates", stored["id"], {"active": False},
                       actor=actor, before=stored)
            row = insert_rows(conn, changes, "evaluation_templates",
                              [{**values, "template_version": version + 1}], actor=actor)[0]
            outcomes.append(ImportOutcome(code, "new_version", version + 1, row["id"]))
    publish(conn, changes)
    return outcomes


def export_templates(conn: Connection, *, all_versions: bool = False) -> dict[str, Any]:
    """The active templates (or every version) as an importable document."""
    t = synced["evaluation_templates"]
    query = sa.select(t).where(~t.c.deleted).order_by(t.c.code, t.c.template_version)
    if not all_versions:
        query = query.where(t.c.active)
    templates = []
    for row in conn.execute(query).mappings():
        template = template_from_row(dict(row))
        item: dict[str, Any] = {"code": row["code"], **template.content_json()}
        for name in ("description", "monthly_target"):
            if row[name] is not None:
                item[name] = row[name]
        if all_versions:
            item["template_version"] = row["template_version"]
            item["active"] = row["active"]
        templates.append(item)
    return {"kind": FILE_KIND, "templates": templates}


# --- as items of a `fieldrep-server rules` file -------------------------------------------
# In a rules file every item names its ``kind``; an evaluation template's own kind
# (accompanied / co_visit) travels as ``template_kind`` there.

TEMPLATE_KIND_FIELD = "template_kind"


def template_from_rule_item(item: Mapping[str, Any], *, where: str) -> dict[str, Any]:
    """A rules-file item of kind ``evaluation_template`` as a template document, checked
    (``ServiceError`` naming ``where`` and the field)."""
    document = {k: v for k, v in item.items() if k not in ("kind", TEMPLATE_KIND_FIELD)}
    document["kind"] = item.get(TEMPLATE_KIND_FIELD)
    try:
        validate_template(document, where=where)
    except ServiceError as exc:
        field = TEMPLATE_KIND_FIELD if exc.field == "kind" else exc.field
        raise ServiceError(exc.code, exc.message, kind=exc.kind,
                           field=f"{where}.{field}") from None
    return document


def rule_items(conn: Connection) -> list[dict[str, Any]]:
    """The active templates as rules-file items (what ``rules export`` writes)."""
    items = []
    for template in export_templates(conn)["templates"]:
        item = {k: v for k, v in template.items() if k != "kind"}
        items.append({"kind": FILE_KIND, TEMPLATE_KIND_FIELD: template["kind"], **item})
    return items
