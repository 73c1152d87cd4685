"""Importers for the org tree (regions, districts, territories) and for users."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from server.auth.passwords import hash_password, verify_password
from server.imports.base import (
    Importer,
    Outcome,
    fetch_by,
    flag_duplicates,
    index_by,
    upsert,
)
from server.imports.csv_safety import formula_like
from server.imports.formats import TERRITORIES, USERS
from server.imports.validation import ParsedRow
from server.sync.feed import utcnow
from server.tables import credentials, districts, regions, territories
from wire.in_lists import in_chunks


def _load_all(importer: Importer, table: sa.Table) -> dict[str, dict[str, Any]]:
    """The whole (small) org table by code, tombstones included (codes stay unique)."""
    return {r["code"]: dict(r) for r in importer.conn.execute(sa.select(table)).mappings()}


class TerritoryImporter(Importer):
    """Each row names a territory and its district and region; all three are upserted.

    A region or district named on several rows must be named the same way each
    time. A row counts as created when its territory is new, updated when this
    import changed its territory, or its district or region on the row that first
    names them.
    """

    format = TERRITORIES

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: r.values.get("territory_code"), "territory_code", "territory code")
        self.regions = _load_all(self, regions)
        self.districts = _load_all(self, districts)
        self.territories = _load_all(self, territories)
        region_seen: dict[str, ParsedRow] = {}
        district_seen: dict[str, ParsedRow] = {}
        for row in rows:
            v = row.values
            self._consistent(row, region_seen, v.get("region_code"), ("region_name",))
            self._consistent(row, district_seen, v.get("district_code"), ("district_name", "region_code"))

    @staticmethod
    def _consistent(
        row: ParsedRow, seen: dict[str, ParsedRow], code: str | None, columns: tuple[str, ...]
    ) -> None:
        if not code:
            return
        first = seen.setdefault(code, row)
        for column in columns:
            if first is not row and first.values.get(column) != row.values.get(column):
                row.fail(
                    column,
                    "conflicts_in_file",
                    f"{column} differs from line {first.line} "
                    f"({first.raw.get(column, '')!r}) for the same code {code!r}",
                )

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        region_out = self._upsert_level(
            rows,
            "regions",
            self.regions,
            "region_code",
            lambda r: {"code": r.values["region_code"], "name": r.values["region_name"]},
        )
        region_ids = {code: row["id"] for code, (_, row) in region_out.items()}
        district_out = self._upsert_level(
            rows,
            "districts",
            self.districts,
            "district_code",
            lambda r: {
                "code": r.values["district_code"],
                "name": r.values["district_name"],
                "region_id": region_ids[r.values["region_code"]],
            },
        )
        district_ids = {code: row["id"] for code, (_, row) in district_out.items()}
        territory_out = self._upsert_level(
            rows,
            "territories",
            self.territories,
            "territory_code",
            lambda r: {
                "code": r.values["territory_code"],
                "name": r.values["territory_name"],
                "district_id": district_ids[r.values["district_code"]],
            },
        )
        outcomes = []
        claimed: set[tuple[str, str]] = set()
        for row in rows:
            outcome = territory_out[row.values["territory_code"]][0]
            for level, out, column in (
                ("r", region_out, "region_code"),
                ("d", district_out, "district_code"),
            ):
                key = (level, row.values[column])
                if key not in claimed:
                    claimed.add(key)
                    if outcome is Outcome.UNCHANGED and out[key[1]][0] is not Outcome.UNCHANGED:
                        outcome = Outcome.UPDATED
            outcomes.append(outcome)
        return outcomes

    def _upsert_level(
        self,
        rows: Sequence[ParsedRow],
        table: str,
        existing: dict[str, dict[str, Any]],
        column: str,
        values_of: Any,
    ) -> dict[str, tuple[Outcome, dict[str, Any]]]:
        firsts: dict[str, ParsedRow] = {}
        for row in rows:
            firsts.setdefault(row.values[column], row)
        codes = list(firsts)
        items = [(existing.get(code), values_of(firsts[code])) for code in codes]
        written = upsert(self.conn, self.changes, table, items, actor=self.actor)
        return dict(zip(codes, written, strict=True))


ROLE_NEEDS = {"rep": "territory_code", "dm": "district_code", "rm": "region_code"}


def temporary_password() -> str:
    """A random password that a spreadsheet shows as written (never ``-…``)."""
    while True:
        password = secrets.token_urlsafe(9)
        if not formula_like(password):
            return password


class UserImporter(Importer):
    """Upsert users by ``username``; passwords go to ``credentials`` (argon2).

    A new user (or one without credentials) whose password cell is empty gets a
    random temporary password, returned in ``temporary_passwords`` and never
    logged. A given password replaces the stored one unless it already matches.
    Managers may be existing users or users of the same file.
    """

    format = USERS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.temporary_passwords: dict[str, str] = {}

    def check(self, rows: Sequence[ParsedRow]) -> None:
        flag_duplicates(rows, lambda r: r.values.get("username"), "username", "username")
        names = {r.values.get("username") for r in rows} | {r.values.get("manager_username") for r in rows}
        self.existing = index_by(
            fetch_by(self.conn, "users", "username", names, include_deleted=True), "username"
        )
        self.territories = index_by(
            fetch_by(self.conn, "territories", "code", (r.values.get("territory_code") for r in rows)), "code"
        )
        self.districts = {d["code"]: d for d in _load_all(self, districts).values() if not d["deleted"]}
        self.regions = {r["code"]: r for r in _load_all(self, regions).values() if not r["deleted"]}
        self.district_by_id = {d["id"]: d for d in self.districts.values()}
        self.placement: dict[int, dict[str, Any]] = {}
        in_file = {r.values["username"]: r for r in rows if r.values.get("username")}
        for row in rows:
            self._check_role(row)
            self.placement[row.line] = self._place(row)
            manager = row.values.get("manager_username")
            if manager and manager == row.values.get("username"):
                row.fail("manager_username", "self_manager", "a user cannot be their own manager")
            elif (
                manager
                and manager not in in_file
                and (manager not in self.existing or self.existing[manager]["deleted"])
            ):
                self.unknown(row, "manager_username", "user")
        self._reject_cycles(rows, in_file)
        self._reject_orphans(rows)

    @staticmethod
    def _reject_cycles(rows: Sequence[ParsedRow], in_file: dict[str, ParsedRow]) -> None:
        for row in rows:
            seen = {row.values.get("username")}
            manager = row.values.get("manager_username")
            while manager in in_file and manager not in seen:
                seen.add(manager)
                manager = in_file[manager].values.get("manager_username")
            if manager is not None and manager == row.values.get("username") and len(seen) > 1:
                row.fail(
                    "manager_username",
                    "manager_cycle",
                    "the managers in this file form a loop back to this user",
                )

    def _check_role(self, row: ParsedRow) -> None:
        needed = ROLE_NEEDS.get(row.values.get("role") or "")
        if needed and not row.values.get(needed):
            row.fail(needed, "required_for_role", f"a user with role {row.values['role']} needs {needed}")

    def _place(self, row: ParsedRow) -> dict[str, Any]:
        """region_id/district_id/territory_id from the most specific code given."""
        place: dict[str, Any] = {"territory_id": None, "district_id": None, "region_id": None}
        code = row.values.get("territory_code")
        if code:
            t = self.territories.get(code)
            if t is None:
                self.unknown(row, "territory_code", "territory")
                return place
            place["territory_id"] = t["id"]
            place["district_id"] = t["district_id"]
            district = self.district_by_id.get(t["district_id"])
            place["region_id"] = district["region_id"] if district else None
        code = row.values.get("district_code")
        if code:
            d = self.districts.get(code)
            if d is None:
                self.unknown(row, "district_code", "district")
                return place
            if place["district_id"] not in (None, d["id"]):
                row.fail(
                    "district_code",
                    "inconsistent_org",
                    f"territory {row.values['territory_code']!r} is not in district {code!r}",
                )
                return place
            place["district_id"], place["region_id"] = d["id"], d["region_id"]
        code = row.values.get("region_code")
        if code:
            r = self.regions.get(code)
            if r is None:
                self.unknown(row, "region_code", "region")
            elif place["region_id"] not in (None, r["id"]):
                row.fail(
                    "region_code",
                    "inconsistent_org",
                    f"the territory/district given is not in region {code!r}",
                )
            else:
                place["region_id"] = r["id"]
        return place

    @staticmethod
    def _reject_orphans(rows: Sequence[ParsedRow]) -> None:
        """A user whose manager's row (in this file) is invalid cannot be imported either."""
        by_name = {r.values.get("username"): r for r in rows if r.values.get("username")}
        changed = True
        while changed:
            changed = False
            for row in rows:
                manager = by_name.get(row.values.get("manager_username"))
                if row.ok and manager is not None and manager is not row and not manager.ok:
                    row.fail(
                        "manager_username",
                        "manager_rejected",
                        f"the manager's row (line {manager.line}) is invalid",
                    )
                    changed = True

    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]:
        ids = {u: r["id"] for u, r in self.existing.items()}
        for row in rows:
            ids.setdefault(row.values["username"], uuid.uuid4())
        items = []
        for row in self._managers_first(rows):
            existing = self.existing.get(row.values["username"])
            values = {
                **{
                    k: row.values[k]
                    for k in ("username", "display_name", "role", "email", "phone", "active")
                    if k in row.values
                },
                **self.placement[row.line],
            }
            if "manager_username" in row.values:
                manager = row.values["manager_username"]
                values["manager_id"] = ids[manager] if manager else None
            if existing is None:
                values = {"id": ids[row.values["username"]], **self.insert_defaults(row), **values}
            items.append((row, existing, values))
        written = upsert(self.conn, self.changes, "users", [(e, v) for _, e, v in items], actor=self.actor)
        by_line = {row.line: o for (row, _, _), (o, _) in zip(items, written, strict=True)}
        stored = self._stored_hashes([user["id"] for _, user in written])
        for (row, _, _), (_, user) in zip(items, written, strict=True):
            changed = self._set_password(row, user["id"], stored.get(user["id"]))
            if changed and by_line[row.line] is Outcome.UNCHANGED:
                by_line[row.line] = Outcome.UPDATED
        return [by_line[row.line] for row in rows]

    @staticmethod
    def _managers_first(rows: Sequence[ParsedRow]) -> list[ParsedRow]:
        """Order rows so a manager created by this file is inserted before its reports."""
        by_name = {r.values["username"]: r for r in rows}
        depth: dict[str, int] = {}

        def depth_of(name: str, trail: frozenset[str] = frozenset()) -> int:
            if name in depth:
                return depth[name]
            manager = by_name[name].values.get("manager_username")
            if not manager or manager not in by_name or manager in trail:
                depth[name] = 0
            else:
                depth[name] = depth_of(manager, trail | {name}) + 1
            return depth[name]

        return sorted(rows, key=lambda r: depth_of(r.values["username"]))

    def _stored_hashes(self, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
        out: dict[uuid.UUID, str] = {}
        for chunk in in_chunks(user_ids):
            q = sa.select(credentials.c.user_id, credentials.c.password_hash).where(
                credentials.c.user_id.in_(chunk)
            )
            out.update({row.user_id: str(row.password_hash) for row in self.conn.execute(q)})
        return out

    def _set_password(self, row: ParsedRow, user_id: uuid.UUID, stored: str | None) -> bool:
        """Store the row's password (or a temporary one); True when credentials changed."""
        password = row.values.get("password")
        if not password:
            if stored is not None:
                return False
            password = temporary_password()
            self.temporary_passwords[row.values["username"]] = password
        elif stored is not None and verify_password(stored, password):
            return False
        values = {"password_hash": hash_password(password), "changed_at": utcnow()}
        if stored is None:
            self.conn.execute(sa.insert(credentials).values(user_id=user_id, **values))
        else:
            self.conn.execute(sa.update(credentials).where(credentials.c.user_id == user_id).values(**values))
        return True
