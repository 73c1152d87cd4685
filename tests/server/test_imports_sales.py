"""Sales (ERP flow data) and targets imports: keys, territories, idempotency, encodings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.feed import ChangeSet, publish
from server.sync.rows import insert_rows
from server.tables import sync_feed, synced
from tests.server.test_imports import errors_of, load, run, write_csv

SALES_HEADER = ["institution_code", "product_code", "month", "quantity", "amount", "source"]


def products(conn: Connection) -> None:
    changes = ChangeSet()
    insert_rows(conn, changes, "products", [
        {"code": "P-ATV", "name": "阿托伐他汀", "active": True},
        {"code": "P-MET", "name": "二甲双胍", "active": True},
    ], actor=None)
    publish(conn, changes)


def world(conn: Connection) -> None:
    load(conn, "territories", "institutions", "departments", "doctors")
    products(conn)


def sales_rows(conn: Connection) -> list[dict[str, object]]:
    t = synced["sales_records"]
    return [dict(r) for r in conn.execute(sa.select(t).order_by(t.c.month, t.c.quantity)).mappings()]


def feed_count(conn: Connection) -> int:
    """Feed entries written so far (the feed keeps one entry per row: count the sequence)."""
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(sync_feed.c.seq), 0))).scalar_one())


def territory_id(conn: Connection, code: str) -> object:
    t = synced["territories"]
    return conn.execute(sa.select(t.c.id).where(t.c.code == code)).scalar_one()


def test_sales_import_keys_by_institution_product_month_and_source(conn: Connection, tmp_path: Path) -> None:
    world(conn)
    path = write_csv(tmp_path / "sales.csv", [
        SALES_HEADER,
        ["H001", "P-ATV", "2026-10", "120", "3600.5", "流向"],
        ["H001", "P-ATV", "2026年11月", "130", "", ""],
        ["H001", "P-ATV", "2026-11-01", "90", "", "shipment"],  # same month, other source
        ["H001", "P-MET", "202611", "40", "800", "invoice"],
    ])
    result = run(conn, "sales", path)
    assert result.ok and result.written, [e.describe() for e in result.errors]
    rows = sales_rows(conn)
    assert len(rows) == 4
    assert {(r["month"], r["source"], r["quantity"]) for r in rows} == {
        (dt.date(2026, 10, 1), "flow", 120.0), (dt.date(2026, 11, 1), "flow", 130.0),
        (dt.date(2026, 11, 1), "shipment", 90.0), (dt.date(2026, 11, 1), "invoice", 40.0)}
    # H001's doctors are in T-XH: that territory receives the rows.
    assert {r["territory_id"] for r in rows} == {territory_id(conn, "T-XH")}


def test_reimporting_the_same_sales_changes_nothing_and_an_edit_one_row(conn: Connection,
                                                                         tmp_path: Path) -> None:
    world(conn)
    rows = [SALES_HEADER, ["H001", "P-ATV", "2026-11", "130", "", ""],
            ["H001", "P-MET", "2026-11", "40", "", ""]]
    path = write_csv(tmp_path / "sales.csv", rows)
    run(conn, "sales", path)
    before, feed_before = sales_rows(conn), feed_count(conn)
    again = run(conn, "sales", path)
    assert again.ok and sales_rows(conn) == before and feed_count(conn) == feed_before
    rows[1][3] = "135"
    edited = run(conn, "sales", write_csv(tmp_path / "sales.csv", rows))
    assert edited.ok
    after = sales_rows(conn)
    assert len(after) == 2 and feed_count(conn) == feed_before + 1
    changed = [r for r in after if r["quantity"] == 135.0]
    assert len(changed) == 1 and changed[0]["version"] > 1


def test_sales_rows_are_refused_with_their_line_and_column(conn: Connection, tmp_path: Path) -> None:
    world(conn)
    path = write_csv(tmp_path / "sales.csv", [
        [*SALES_HEADER, "territory_code"],
        ["H001", "P-NONE", "2026-11", "1", "", "", ""],  # 2: unknown product
        ["H001", "P-ATV", "2026-13", "1", "", "", ""],  # 3: no such month
        ["H001", "P-ATV", "2026-11", "many", "", "", ""],  # 4: not a number
        ["H001", "P-ATV", "2026-11", "1", "", "gift", ""],  # 5: unknown source
        ["H001", "P-MET", "2026-10", "1", "", "", "T-NONE"],  # 6: unknown territory
        ["H001", "P-MET", "2026-11", "1", "", "", ""],  # 7 and 8: the same key twice
        ["H001", "P-MET", "2026-11", "2", "", "flow", ""],
    ])
    result = run(conn, "sales", path)
    assert not result.written
    codes = {(line, column, code) for line, column, _value, code in errors_of(result)}
    assert codes == {(2, "product_code", "unknown_reference"), (3, "month", "bad_month"),
                     (4, "quantity", "bad_float"), (5, "source", "not_allowed"),
                     (6, "territory_code", "unknown_reference"), (8, "month", "duplicate_in_file")}
    assert sales_rows(conn) == []


def test_an_institution_no_territory_covers_needs_a_territory_code(conn: Connection,
                                                                   tmp_path: Path) -> None:
    world(conn)
    t = synced["institutions"]
    uncovered = conn.execute(sa.select(t.c.code).where(t.c.code != "H001").order_by(t.c.code)).scalars()
    lonely = next(code for code in uncovered
                  if not conn.execute(sa.select(synced["doctors"].c.id).where(
                      synced["doctors"].c.institution_id == sa.select(t.c.id).where(t.c.code == code)
                      .scalar_subquery())).first())
    rows = [[*SALES_HEADER, "territory_code"], [lonely, "P-ATV", "2026-11", "5", "", "", ""]]
    result = run(conn, "sales", write_csv(tmp_path / "sales.csv", rows))
    assert {(e.column, e.code) for e in result.errors} == {("institution_code", "no_territory")}
    rows[1][-1] = "T-PD"
    assert run(conn, "sales", write_csv(tmp_path / "sales.csv", rows)).ok
    assert [r["territory_id"] for r in sales_rows(conn)] == [territory_id(conn, "T-PD")]


def test_targets_from_a_gb18030_file_with_chinese_headers(conn: Connection, tmp_path: Path) -> None:
    world(conn)
    path = write_csv(tmp_path / "targets.csv", [
        ["片区编码", "产品编码", "月份", "指标数量", "指标金额", "医院编码"],
        ["T-XH", "P-ATV", "2026-10", "100", "3000", ""],
        ["T-XH", "P-ATV", "2026-11", "110", "", ""],
        ["T-XH", "P-ATV", "2026-11", "60", "", "H001"],  # a target of one hospital as well
    ], encoding="gb18030")
    result = run(conn, "targets", path)
    assert result.ok and result.written, [e.describe() for e in result.errors]
    t = synced["targets"]
    stored = {(r.month, r.quantity, r.institution_id is not None) for r in conn.execute(sa.select(t))}
    assert stored == {(dt.date(2026, 10, 1), 100.0, False), (dt.date(2026, 11, 1), 110.0, False),
                      (dt.date(2026, 11, 1), 60.0, True)}
    feed = feed_count(conn)
    assert run(conn, "targets", path).ok and feed_count(conn) == feed
    negative = write_csv(tmp_path / "bad.csv", [["territory_code", "product_code", "month", "quantity"],
                                                ["T-XH", "P-ATV", "2026-12", "-5"]])
    assert {e.code for e in run(conn, "targets", negative).errors} == {"out_of_range"}
