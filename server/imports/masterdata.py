"""Importers for hospitals, departments, doctors and territory assignments."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.engine import Connection

from server.imports.base import (
    Importer,
    Outcome,
    fetch_by,
    flag_duplicates,
    index_by,
    upsert,
)
from server.imports.formats import ASSIGNMENTS, DEPARTMENTS, DOCTORS, INSTITUTIONS
from server.imports.validation import ParsedRow
from server.masterdata.service import reassign_doctor
from server.sync.rows import ensure_doctor_context, insert_rows

IMPORT_REASON = "import"

INSTITUTION_FIELDS = (
    "code",
    "name",
    "level",
    "type",
    "province",
    "city",
    "county",
    "address",
    "latitude",
    "longitude",
    "beds",
    "phone",
    "status",
)
DOCTOR_FIELDS = ("code", "name", "gender", "title", "position", "specialty", "phone", "status")


def _pick(row: ParsedRow, names: Sequence[str]) -> dict[str, Any]:
    return {n: row.values[n] for n in names if n in row.values}


class InstitutionImporter(Importer):
    """Upsert institutions by ``code``."""

    format = INSTITUTIONS

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: r.values.get("code"), "code", "institution code")
        self.existing = index_by(
            fetch_by(
                self.conn, "institutions", "code", (r.values.get("code") for r in rows), include_deleted=True
            ),
            "code",
        )

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        items = []
        for row in rows:
            existing = self.existing.get(row.values["code"])
            values = _pick(row, INSTITUTION_FIELDS)
            if existing is None:
                values = {**self.insert_defaults(row), **values}
            items.append((existing, values))
        return [o for o, _ in upsert(self.conn, self.changes, "institutions", items, actor=self.actor)]


class InstitutionRefs:
    """Institutions (by code) and their departments (by institution id and name)."""

    def __init__(self, importer: Importer, codes: Sequence[str | None]) -> None:
        self.by_code = index_by(fetch_by(importer.conn, "institutions", "code", codes), "code")
        depts = fetch_by(
            importer.conn,
            "departments",
            "institution_id",
            (i["id"] for i in self.by_code.values()),
            include_deleted=True,
        )
        self.departments: dict[tuple[uuid.UUID, str], dict[str, Any]] = {}
        for d in sorted(depts, key=lambda d: d["deleted"]):  # a live row wins over a tombstone
            self.departments.setdefault((d["institution_id"], d["name"]), d)

    def live_department(self, institution_id: uuid.UUID, name: str) -> dict[str, Any] | None:
        d = self.departments.get((institution_id, name))
        return None if d is None or d["deleted"] else d


class DepartmentImporter(Importer):
    """Upsert departments by (institution_code, name)."""

    format = DEPARTMENTS

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: _dept_key(r), "name", "department")
        self.refs = InstitutionRefs(self, [r.values.get("institution_code") for r in rows])
        for row in rows:
            code = row.values.get("institution_code")
            if code is not None and code not in self.refs.by_code:
                self.unknown(row, "institution_code", "institution")

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        items = []
        for row in rows:
            inst_id = self.refs.by_code[row.values["institution_code"]]["id"]
            values = {"institution_id": inst_id, **_pick(row, ("name", "outpatient_per_month", "beds"))}
            items.append((self.refs.departments.get((inst_id, row.values["name"])), values))
        return [o for o, _ in upsert(self.conn, self.changes, "departments", items, actor=self.actor)]


def _dept_key(row: ParsedRow) -> tuple[str, str] | None:
    code, name = row.values.get("institution_code"), row.values.get("name")
    return (code, name) if code and name else None


def _territories(importer: Importer, rows: Sequence[ParsedRow]) -> dict[str, dict[str, Any]]:
    return index_by(
        fetch_by(importer.conn, "territories", "code", (r.values.get("territory_code") for r in rows)), "code"
    )


class DoctorImporter(Importer):
    """Upsert doctors by ``code``; ``territory_code`` assigns or reassigns them.

    A new doctor with a territory gets an open assignment from ``valid_from``
    (default today). An existing doctor whose territory differs is moved with
    ``reassign_doctor`` (history kept, old scope sees ``remove``). An empty
    territory cell leaves the current assignment alone.
    """

    format = DOCTORS

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: r.values.get("code"), "code", "doctor code")
        self.refs = InstitutionRefs(self, [r.values.get("institution_code") for r in rows])
        self.territories = _territories(self, rows)
        self.existing = index_by(
            fetch_by(
                self.conn, "doctors", "code", (r.values.get("code") for r in rows), include_deleted=True
            ),
            "code",
        )
        for row in rows:
            inst = self.refs.by_code.get(row.values.get("institution_code") or "")
            if row.values.get("institution_code") and inst is None:
                self.unknown(row, "institution_code", "institution")
            dept = row.values.get("department_name")
            if inst is not None and dept and self.refs.live_department(inst["id"], dept) is None:
                row.fail(
                    "department_name",
                    "unknown_reference",
                    f"institution {inst['code']!r} has no department {dept!r}",
                )
            terr = row.values.get("territory_code")
            if terr and terr not in self.territories:
                self.unknown(row, "territory_code", "territory")
        self.potentials = _product_potentials(self.conn, rows)

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        items = []
        moves: list[tuple[int, uuid.UUID, ParsedRow]] = []
        for pos, row in enumerate(rows):
            existing = self.existing.get(row.values["code"])
            values = {**_pick(row, DOCTOR_FIELDS), **self._links(row, existing)}
            if id(row) in self.potentials:
                values["product_potential"] = self.potentials[id(row)]
            territory = self.territories.get(row.values.get("territory_code") or "")
            if existing is None:
                values = {**self.insert_defaults(row), **values}
                values["territory_id"] = territory["id"] if territory else None
            elif territory is not None and territory["id"] != existing["territory_id"]:
                moves.append((pos, territory["id"], row))
            items.append((existing, values))
        written = upsert(self.conn, self.changes, "doctors", items, actor=self.actor)
        outcomes = [o for o, _ in written]
        self._open_assignments(rows, written)
        relinked = [
            after
            for (o, after), (before, _) in zip(written, items, strict=True)
            if o is Outcome.UPDATED
            and before is not None
            and (after["institution_id"], after["department_id"])
            != (before["institution_id"], before["department_id"])
        ]
        ensure_doctor_context(self.conn, self.changes, relinked)
        for pos, territory_id, row in moves:
            reassign_doctor(
                self.conn,
                self.changes,
                written[pos][1]["id"],
                territory_id,
                valid_from=row.values.get("valid_from") or self.today,
                actor=self.actor,
                reason=IMPORT_REASON,
            )
            outcomes[pos] = Outcome.UPDATED
        return outcomes

    def _links(self, row: ParsedRow, existing: dict[str, Any] | None) -> dict[str, Any]:
        """institution_id and department_id as the row says (department cleared if moved)."""
        inst_id = self.refs.by_code[row.values["institution_code"]]["id"]
        links: dict[str, Any] = {"institution_id": inst_id}
        if "department_name" in row.values:
            name = row.values["department_name"]
            dept = self.refs.live_department(inst_id, name) if name else None
            links["department_id"] = dept["id"] if dept else None
        elif existing is None or existing["institution_id"] != inst_id:
            links["department_id"] = None
        return links

    def _open_assignments(
        self, rows: Sequence[ParsedRow], written: Sequence[tuple[Outcome, dict[str, Any]]]
    ) -> None:
        new = [
            {
                "doctor_id": doc["id"],
                "territory_id": doc["territory_id"],
                "valid_from": row.values.get("valid_from") or self.today,
                "valid_to": None,
                "reason": IMPORT_REASON,
            }
            for row, (outcome, doc) in zip(rows, written, strict=True)
            if outcome is Outcome.CREATED and doc["territory_id"] is not None
        ]
        insert_rows(self.conn, self.changes, "assignments", new, actor=self.actor)


class AssignmentImporter(Importer):
    """Move doctors to territories explicitly (history kept by ``reassign_doctor``)."""

    format = ASSIGNMENTS

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: r.values.get("doctor_code"), "doctor_code", "doctor")
        self.doctors = index_by(
            fetch_by(self.conn, "doctors", "code", (r.values.get("doctor_code") for r in rows)), "code"
        )
        self.territories = _territories(self, rows)
        for row in rows:
            if row.values.get("doctor_code") and row.values["doctor_code"] not in self.doctors:
                self.unknown(row, "doctor_code", "doctor")
            if row.values.get("territory_code") and row.values["territory_code"] not in self.territories:
                self.unknown(row, "territory_code", "territory")

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        outcomes = []
        for row in rows:
            doctor = self.doctors[row.values["doctor_code"]]
            territory_id = self.territories[row.values["territory_code"]]["id"]
            if doctor["territory_id"] == territory_id:
                outcomes.append(Outcome.UNCHANGED)
                continue
            reassign_doctor(
                self.conn,
                self.changes,
                doctor["id"],
                territory_id,
                valid_from=row.values.get("valid_from") or self.today,
                actor=self.actor,
                reason=row.values.get("reason") or IMPORT_REASON,
            )
            outcomes.append(Outcome.UPDATED)
        return outcomes


MAX_POTENTIAL = 5


def _product_potentials(conn: Connection, rows: Sequence[ParsedRow]) -> dict[int, dict[str, int]]:
    """Each row's ``product_potential`` cell ("CODE:rating;…") as {product id: rating}, keyed
    by ``id(row)``; a bad pair fails the row naming the product code or the rating."""
    cells = {id(r): str(r.values.get("product_potential") or "").strip() for r in rows}
    codes: set[str] = set()
    for text in cells.values():
        for pair in filter(None, (p.strip() for p in text.replace("；", ";").split(";"))):
            codes.add(pair.split(":", 1)[0].replace("：", "").strip())
    products = {p["code"]: p for p in fetch_by(conn, "products", "code", codes)}
    out: dict[int, dict[str, int]] = {}
    for row in rows:
        text = cells[id(row)]
        if not text:
            continue
        parsed: dict[str, int] = {}
        for pair in filter(None, (p.strip() for p in text.replace("；", ";").split(";"))):
            code, sep, rating = pair.replace("：", ":").partition(":")
            product = products.get(code.strip())
            if not sep or not rating.strip().isdigit() \
                    or not 0 <= int(rating) <= MAX_POTENTIAL:
                row.fail("product_potential", "invalid",
                         f"{pair!r}: write PRODUCT_CODE:rating with a rating 0–{MAX_POTENTIAL}")
                break
            if product is None or product.get("deleted"):
                row.fail("product_potential", "unknown_reference", f"no product {code.strip()!r}")
                break
            parsed[str(product["id"])] = int(rating)
        else:
            out[id(row)] = parsed
    return out
