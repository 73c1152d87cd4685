"""Importers for the product catalogue: our products (key ``code``) and competitor
products (key ``name``; ``competes_with_code`` names one of our products). Both are
global rows: every replica receives them, and the knowledge base links to them."""

from __future__ import annotations

from collections.abc import Sequence

from server.imports.base import Importer, Outcome, fetch_by, flag_duplicates, index_by, upsert
from server.imports.formats import COMPETITOR_PRODUCTS, PRODUCTS
from server.imports.validation import ParsedRow

PRODUCT_FIELDS = ("code", "name", "name_en", "generic_name", "therapeutic_area", "description",
                  "active")


class ProductImporter(Importer):
    format = PRODUCTS

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: r.values.get("code"), "code", "product code")
        self.existing = index_by(fetch_by(self.conn, "products", "code",
                                          (r.values.get("code") for r in rows),
                                          include_deleted=True), "code")

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        items = []
        for row in rows:
            existing = self.existing.get(row.values["code"])
            values = {n: row.values[n] for n in PRODUCT_FIELDS if n in row.values}
            if existing is None:
                values = {**self.insert_defaults(row), **values}
            items.append((existing, values))
        return [o for o, _ in upsert(self.conn, self.changes, "products", items, actor=self.actor)]


class CompetitorProductImporter(Importer):
    format = COMPETITOR_PRODUCTS

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: r.values.get("name"), "name", "competitor product name")
        self.existing = index_by(fetch_by(self.conn, "competitor_products", "name",
                                          (r.values.get("name") for r in rows),
                                          include_deleted=True), "name")
        self.products = index_by(fetch_by(self.conn, "products", "code",
                                          (r.values.get("competes_with_code") for r in rows)),
                                 "code")
        for row in rows:
            code = row.values.get("competes_with_code")
            if code and code not in self.products:
                self.unknown(row, "competes_with_code", "product")

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        items = []
        for row in rows:
            existing = self.existing.get(row.values["name"])
            values = {n: row.values[n] for n in ("name", "company", "description")
                      if n in row.values}
            if "competes_with_code" in row.values:
                code = row.values["competes_with_code"]
                values["competes_with_product_id"] = self.products[code]["id"] if code else None
            items.append((existing, values))
        return [o for o, _ in upsert(self.conn, self.changes, "competitor_products", items,
                                     actor=self.actor)]
