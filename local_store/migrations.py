"""Local schema versioning: ``PRAGMA user_version`` plus an ordered list of upgrades.

A new replica is created from the current table definitions and stamped with the
latest version. An existing one runs the upgrades it has not seen yet, in order,
each inside the same transaction as the version stamp. Unsynced work (pending
outbox entries and unresolved rejected changes) is counted before and after: an
upgrade that would lose any of it is rolled back and the replica left as it was.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from local_store.attachments import adopt_legacy_attachment, attachment_tables
from local_store.drafts import form_journal
from local_store.kb_index import create_kb_fts, kb_search_tables, rebuild_kb_index
from local_store.read.search import doctor_search, rebuild_search_index
from local_store.replica import (
    metadata,
    outbox,
    quarantined_rows,
    rejected_changes,
    synced,
    visits_team_list_index,
)
from wire.schema import TABLES_BY_NAME

Migration = Callable[[Connection], None]


def _v1_initial(conn: Connection) -> None:
    """Version 1: the tables as first shipped (only ever run on an empty file)."""
    metadata.create_all(conn)


def _v2_doctor_search(conn: Connection) -> None:
    """Version 2: the local doctor search index (pinyin), filled from the synced doctors."""
    doctor_search.create(conn, checkfirst=True)
    rebuild_search_index(conn)


def _v3_form_journal(conn: Connection) -> None:
    """Version 3: the local-only visit form journal (``local_store.drafts``), empty."""
    form_journal.create(conn, checkfirst=True)


def _v4_team_list_index(conn: Connection) -> None:
    """Version 4: the covering index of the team visits list (``replica.visits_team_list_index``)."""
    visits_team_list_index.create(conn, checkfirst=True)


def _v5_shared_visits(conn: Connection) -> None:
    """Version 5: the district team's shared exemplary visits (a new synced table)."""
    synced["shared_visits"].create(conn, checkfirst=True)


def _rebuild(conn: Connection, table: sa.Table) -> None:
    """Re-create ``table`` as now defined, keeping every row (SQLite cannot drop a
    constraint or change a table's storage in place)."""
    name, old = table.name, f"_before_rebuild_{table.name}"
    for (index,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL", (name,)).fetchall():
        conn.exec_driver_sql(f'DROP INDEX "{index}"')
    conn.exec_driver_sql(f'ALTER TABLE "{name}" RENAME TO "{old}"')
    table.create(conn)
    cols = ", ".join(f'"{c.name}"' for c in table.columns)
    conn.exec_driver_sql(f'INSERT INTO "{name}" ({cols}) SELECT {cols} FROM "{old}"')
    conn.exec_driver_sql(f'DROP TABLE "{old}"')


def _v6_leaner_storage(conn: Connection) -> None:
    """Version 6: no unique constraints on the synced tables (the server keeps codes
    unique; enforcing them here could refuse a page where two rows swap codes), and
    ``row_scopes`` / ``doctor_search`` stored WITHOUT ROWID. Fewer B-trees per row
    stored: a first download of 10,000 doctors writes ~a quarter less."""
    for table in (*(t for t in synced.values() if TABLES_BY_NAME[t.name].unique),
                  metadata.tables["row_scopes"], doctor_search):
        _rebuild(conn, table)


def _columns(conn: Connection, table: str) -> set[str]:
    return {str(r[1]) for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')}


def _add_columns(conn: Connection, table: str, names: Sequence[str] | None = None) -> None:
    """ALTER TABLE … ADD COLUMN for each of ``names`` (default: every column of the
    current definition) the replica's table lacks, typed as the current definition types
    it (SQLite adds nullable columns in place: rows already held simply lack the value).
    With no ``names``, the definition's indexes are made too."""
    have = _columns(conn, table)
    t = synced[table]
    for name in names if names is not None else [c.name for c in t.columns]:
        if name not in have:
            col_type = t.c[name].type.compile(dialect=conn.dialect)
            conn.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {col_type}')
    if names is None:
        for index in t.indexes:
            index.create(conn, checkfirst=True)


def _v7_planning(conn: Connection) -> None:
    """Version 7: planning columns (server revision 0005): the company calendar and
    counting rule on ``frequency_rules``, ``doctors.target_override``,
    ``visit_plans.review_comment``."""
    _add_columns(conn, "frequency_rules",
                 ("time_zone", "counted_visit_types", "target_grades", "reminder_day"))
    _add_columns(conn, "doctors", ("target_override",))
    _add_columns(conn, "visit_plans", ("review_comment",))


def _v8_evaluations(conn: Connection) -> None:
    """Version 8: evaluation templates' code/target, an evaluation's district, indicator
    snapshot and amendment link; evaluation action items and visit companions."""
    for name in ("evaluation_templates", "evaluations"):
        _add_columns(conn, name)
    for name in ("evaluation_action_items", "visit_companions"):
        synced[name].create(conn, checkfirst=True)
def _v9_knowledge_base(conn: Connection) -> None:
    """Version 9: the knowledge base model of server revision 0007, made in place the
    way the server makes it (``product_id`` -> ``product_ids``, attachment bytes out
    of the row: their SHA-256 kept, the bytes stored as an already-downloaded file),
    the read receipts table, the local attachment store and the article search index.
    Columns already there are left alone (a replica built from newer definitions)."""
    for name, columns in (("knowledge_articles", ("slug", "product_ids", "published_on",
                                                  "valid_until", "must_read")),
                          ("knowledge_attachments", ("sha256", "position"))):
        _add_columns(conn, name, columns)
    for table in attachment_tables:
        table.create(conn, checkfirst=True)
    if "product_id" in _columns(conn, "knowledge_articles"):
        for article_id, product_id in conn.exec_driver_sql(
                "SELECT id, product_id FROM knowledge_articles "
                "WHERE product_id IS NOT NULL").all():
            conn.exec_driver_sql("UPDATE knowledge_articles SET product_ids = ? WHERE id = ?",
                                 (json.dumps([str(uuid.UUID(str(product_id)))]), article_id))
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_knowledge_articles_product_id")
        conn.exec_driver_sql("ALTER TABLE knowledge_articles DROP COLUMN product_id")
    if "content_base64" in _columns(conn, "knowledge_attachments"):
        for row_id, text in conn.exec_driver_sql(
                "SELECT id, content_base64 FROM knowledge_attachments "
                "WHERE content_base64 IS NOT NULL").all():
            adopt_legacy_attachment(conn, row_id, str(text))
        conn.exec_driver_sql("ALTER TABLE knowledge_attachments DROP COLUMN content_base64")
    synced["knowledge_reads"].create(conn, checkfirst=True)
    for index in synced["knowledge_reads"].indexes:
        index.create(conn, checkfirst=True)
    for table in kb_search_tables:
        table.create(conn, checkfirst=True)
    create_kb_fts(conn)
    rebuild_kb_index(conn)


def _v10_sales_source_and_institution_targets(conn: Connection) -> None:
    """Version 10: sales records name their ERP source (server revision 0008); a target
    may name an institution."""
    _add_columns(conn, "sales_records", ("source",))
    _add_columns(conn, "targets", ("institution_id",))


# Append new upgrades here; never edit or reorder shipped ones. Index i upgrades
# a replica from version i to version i + 1.
def _v11_quarantined_rows(conn: Connection) -> None:
    """Version 11: pulled rows set aside because this FieldRep cannot store them, empty."""
    quarantined_rows.create(conn, checkfirst=True)


def _v12_kpi_snapshots(conn: Connection) -> None:
    """Version 12: the server's KPI snapshots (a rep's own, a manager's team), empty
    until the next pull brings them."""
    synced["kpi_snapshots"].create(conn, checkfirst=True)
    for index in synced["kpi_snapshots"].indexes:
        index.create(conn, checkfirst=True)


def _v13_field_days_and_settled_outcomes(conn: Connection) -> None:
    """Version 13 (server revision 0024): a planned visit's settled outcome columns; a
    DM's field plans and field days."""
    _add_columns(conn, "planned_visits")
    for name in ("field_plans", "field_days"):
        synced[name].create(conn, checkfirst=True)
        for index in synced[name].indexes:
            index.create(conn, checkfirst=True)


MIGRATIONS: tuple[Migration, ...] = (_v1_initial, _v2_doctor_search, _v3_form_journal,
                                     _v4_team_list_index, _v5_shared_visits,
                                     _v6_leaner_storage, _v7_planning,
                                     _v8_evaluations,
                                     _v9_knowledge_base,
                                     _v10_sales_source_and_institution_targets,
                                     _v11_quarantined_rows,
                                     _v12_kpi_snapshots,
                                     _v13_field_days_and_settled_outcomes)


class ReplicaTooNew(RuntimeError):
    """The replica was written by a newer FieldRep; this one must not touch it."""


class MigrationLostWork(RuntimeError):
    """An upgrade would have dropped unsynced changes; it was rolled back."""


def schema_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _set_version(conn: Connection, version: int) -> None:
    conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def _unsynced_count(conn: Connection) -> int:
    names = set(sa.inspect(conn).get_table_names())
    total = 0
    if outbox.name in names:
        total += int(conn.execute(sa.text("SELECT count(*) FROM outbox")).scalar_one())
    if rejected_changes.name in names:
        total += int(conn.execute(
            sa.text("SELECT count(*) FROM rejected_changes WHERE NOT resolved")).scalar_one())
    return total


def migrate(engine: Engine, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the replica to ``len(migrations)``; returns the version it is at now."""
    latest = len(migrations)
    with engine.begin() as conn:
        current = schema_version(conn)
        if current > latest:
            raise ReplicaTooNew(
                f"this replica has schema version {current}, newer than this FieldRep "
                f"understands ({latest}); install the newer FieldRep"
            )
        if current == 0 and not sa.inspect(conn).get_table_names():
            metadata.create_all(conn)
            _set_version(conn, latest)
            return latest
    for version in range(current, latest):
        with engine.begin() as conn:
            before = _unsynced_count(conn)
            migrations[version](conn)
            after = _unsynced_count(conn)
            if after < before:
                raise MigrationLostWork(
                    f"upgrade to replica version {version + 1} would drop "
                    f"{before - after} unsynced change(s); nothing was changed"
                )
            _set_version(conn, version + 1)
    return latest
