"""Importers for the ERP's sales (flow) data and the sales targets.

Sales arrive per institution × product × month and source (flow, shipment, invoice):
that is the natural key, so re-importing a month's file replaces its figures in place
and an unchanged file writes nothing. A sales row belongs to a territory (its sync
scope): the file may name it; otherwise it is the territory holding most of the
institution's active doctors, and a row whose institution no territory covers is
refused with a clear error instead of being guessed.

Targets are per territory × product × month, optionally per institution; quarters and
years are sums of months (``domain.kpis.sales_attainment``), never stored.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from server.imports.base import Importer, Outcome, fetch_by, flag_duplicates, index_by, upsert
from server.imports.formats import SALES, TARGETS
from server.imports.validation import ParsedRow
from server.tables import synced
from wire.in_lists import in_chunks
from wire.rows import plain_rows

SalesKey = tuple[uuid.UUID, uuid.UUID, Any, str]
TargetKey = tuple[uuid.UUID, uuid.UUID, Any, uuid.UUID | None]


def _codes(rows: Sequence[ParsedRow], column: str) -> set[str]:
    return {r.values[column] for r in rows if r.values.get(column)}


class _Lookups:
    """Institutions, products and territories the file names, read in one query each."""

    def __init__(self, importer: Importer, rows: Sequence[ParsedRow]) -> None:
        conn = importer.conn
        self.institutions = index_by(fetch_by(conn, "institutions", "code",
                                              _codes(rows, "institution_code")), "code")
        self.products = index_by(fetch_by(conn, "products", "code", _codes(rows, "product_code")), "code")
        self.territories = index_by(fetch_by(conn, "territories", "code",
                                             _codes(rows, "territory_code")), "code")

    def resolve(self, importer: Importer, row: ParsedRow, column: str, table: str, what: str
                ) -> uuid.UUID | None:
        code = row.values.get(column)
        if not code:
            return None
        found = getattr(self, table).get(code)
        if found is None:
            importer.unknown(row, column, what)
            return None
        return uuid.UUID(str(found["id"]))


def covering_territories(importer: Importer, institution_ids: set[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """Per institution, the territory holding most of its active doctors (ties: the
    territory with the smallest id, so the answer never depends on read order)."""
    doctors = synced["doctors"]
    counts: dict[uuid.UUID, Counter[uuid.UUID]] = defaultdict(Counter)
    wanted = sorted(institution_ids, key=str)
    for chunk in in_chunks(wanted):
        q = (sa.select(doctors.c.institution_id, doctors.c.territory_id, sa.func.count())
             .where(doctors.c.institution_id.in_(chunk), ~doctors.c.deleted,
                    doctors.c.territory_id.is_not(None))
             .group_by(doctors.c.institution_id, doctors.c.territory_id))
        for inst, territory, n in plain_rows(importer.conn.execute(q)):
            counts[uuid.UUID(str(inst))][uuid.UUID(str(territory))] += int(n)
    return {inst: min(c, key=lambda t: (-c[t], str(t))) for inst, c in counts.items()}


class SalesImporter(Importer):
    """Upsert sales records by (institution, product, month, source)."""

    format = SALES

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: (r.values.get("institution_code"), r.values.get("product_code"),
                                         r.values.get("month"), r.values.get("source")),
                        "month", "sales of this institution, product, month and source")
        look = _Lookups(self, rows)
        keyed: dict[int, tuple[uuid.UUID, uuid.UUID, uuid.UUID | None]] = {}
        for row in rows:
            inst = look.resolve(self, row, "institution_code", "institutions", "institution")
            product = look.resolve(self, row, "product_code", "products", "product")
            territory = look.resolve(self, row, "territory_code", "territories", "territory")
            if inst is not None and product is not None and row.ok:
                keyed[row.line] = (inst, product, territory)
        covering = covering_territories(self, {k[0] for k in keyed.values() if k[2] is None})
        self.resolved: dict[int, dict[str, Any]] = {}
        for row in rows:
            if row.line not in keyed:
                continue
            inst, product, territory = keyed[row.line]
            territory = territory or covering.get(inst)
            if territory is None:
                row.fail("institution_code", "no_territory",
                         f"no territory covers institution {row.values['institution_code']!r}: "
                         "add a territory_code column")
                continue
            self.resolved[row.line] = {
                "institution_id": inst, "product_id": product, "territory_id": territory,
                "month": row.values["month"], "quantity": row.values["quantity"],
                "amount": row.values.get("amount"), "source": row.values.get("source") or "flow",
            }
        self.existing = self._existing(list(self.resolved.values()))

    def _existing(self, values: list[dict[str, Any]]) -> dict[SalesKey, dict[str, Any]]:
        t = synced["sales_records"]
        out: dict[SalesKey, dict[str, Any]] = {}
        institutions = sorted({v["institution_id"] for v in values}, key=str)
        for chunk in in_chunks(institutions):
            q = sa.select(t).where(t.c.institution_id.in_(chunk))
            for r in self.conn.execute(q).mappings():
                out[_sales_key(r)] = dict(r)
        return out

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        items = []
        for row in rows:
            values = self.resolved[row.line]
            items.append((self.existing.get(_sales_key(values)), values))
        return [outcome for outcome, _ in upsert(self.conn, self.changes, "sales_records", items,
                                                 actor=self.actor)]


def _sales_key(row: Any) -> SalesKey:
    return (uuid.UUID(str(row["institution_id"])), uuid.UUID(str(row["product_id"])), row["month"],
            row["source"] or "flow")


def _target_key(row: Any) -> TargetKey:
    inst = row["institution_id"]
    return (uuid.UUID(str(row["territory_id"])), uuid.UUID(str(row["product_id"])), row["month"],
            uuid.UUID(str(inst)) if inst is not None else None)


class TargetImporter(Importer):
    """Upsert targets by (territory, product, month, institution or none)."""

    format = TARGETS

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: (r.values.get("territory_code"), r.values.get("product_code"),
                                         r.values.get("month"), r.values.get("institution_code")),
                        "month", "target of this territory, product, month and institution")
        look = _Lookups(self, rows)
        self.resolved: dict[int, dict[str, Any]] = {}
        for row in rows:
            territory = look.resolve(self, row, "territory_code", "territories", "territory")
            product = look.resolve(self, row, "product_code", "products", "product")
            inst = look.resolve(self, row, "institution_code", "institutions", "institution")
            if territory is None or product is None or not row.ok:
                continue
            self.resolved[row.line] = {
                "territory_id": territory, "product_id": product, "month": row.values["month"],
                "quantity": row.values["quantity"], "amount": row.values.get("amount"),
                "institution_id": inst,
            }
        t = synced["targets"]
        territories = sorted({v["territory_id"] for v in self.resolved.values()}, key=str)
        self.existing: dict[TargetKey, dict[str, Any]] = {}
        for chunk in in_chunks(territories):
            q = sa.select(t).where(t.c.territory_id.in_(chunk))
            for r in self.conn.execute(q).mappings():
                self.existing[_target_key(r)] = dict(r)

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        items = []
        for row in rows:
            values = self.resolved[row.line]
            items.append((self.existing.get(_target_key(values)), values))
        return [outcome for outcome, _ in upsert(self.conn, self.changes, "targets", items,
                                                 actor=self.actor)]
