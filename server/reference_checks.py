"""Foreign keys checked once per statement, for the tables written in bulk (PostgreSQL).

A foreign key is a row trigger: for every row an INSERT writes, PostgreSQL runs
``SELECT 1 FROM parent WHERE id = $1 FOR KEY SHARE`` once per reference column, and
the share lock dirties the parent's page. A push of 100 visits names a doctor, an
institution, a department, a rep and a territory each: ~500 such checks, about three
quarters of the visits' INSERT (measured with ``EXPLAIN ANALYZE``: 7.4 of 10 ms on a
busy 2-core machine).

For the tables listed in ``STATEMENT_CHECKED`` the foreign keys are replaced, on
PostgreSQL only, by a statement-level trigger on INSERT that checks every new row's
references in one query over the statement's transition table (``new_rows``) — the
same rule at a third of the cost — and, on UPDATE, a row trigger that runs only when a
reference column changes (as a foreign key does). It raises what a foreign key raises
(``foreign_key_violation``, SQLSTATE 23503) with the constraint name the foreign key
had (``fk_visits_doctor_id``), so callers and the push's per-mutation retry see no
difference.

What the share lock bought, a parent deleted while the child is being written, cannot
happen here: synced rows are never deleted, only marked ``deleted`` (tombstones purge
feed entries, not rows). The push checks every reference before it writes anyway
(``server.sync.authorize.check_references``); this is the database's own guarantee
behind it. SQLite keeps its foreign keys (no transition tables there, and its checks
take no locks). The table definitions (``server.tables``) keep the foreign keys as the
model; the schema test ignores them on PostgreSQL for these tables.

The check is generated from the table's reference columns when a migration installs
it (0027): a later migration that adds a reference column to one of these tables must
run ``install_sql`` again. tests/server/test_reference_checks.py tries every reference
column of the current definition, so a column the installed check misses fails there.
"""

from __future__ import annotations

from wire.schema import TABLES_BY_NAME

# Tables whose foreign keys are checked per statement on PostgreSQL.
STATEMENT_CHECKED: tuple[str, ...] = ("visits",)


def references(table: str) -> list[tuple[str, str]]:
    """``(column, referenced table)`` of ``table``, in table order."""
    return [(c.name, c.references) for c in TABLES_BY_NAME[table].columns
            if c.references is not None]


def _function_sql(table: str) -> str:
    # One anti-join per column, joined by UNION ALL: each becomes an index lookup per
    # new row. (The columns OR'ed in one WHERE made PostgreSQL hash every parent table
    # whole, the visits themselves included.)
    missing = " UNION ALL ".join(
        f"SELECT '{column}' FROM new_rows n WHERE n.{column} IS NOT NULL AND NOT EXISTS "
        f"(SELECT 1 FROM {parent} p WHERE p.id = n.{column})"
        for column, parent in references(table))
    return f"""
CREATE OR REPLACE FUNCTION check_{table}_references() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    bad text;
BEGIN
    SELECT missing.col INTO bad FROM ({missing}) AS missing (col) LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('{table}.%s refers to a row that does not exist', bad),
            CONSTRAINT = 'fk_{table}_' || bad, TABLE = '{table}', COLUMN = bad;
    END IF;
    RETURN NULL;
END
$$"""


def _row_function_sql(table: str) -> str:
    checks = "\n".join(
        f"""    IF NEW.{column} IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = NEW.{column}) THEN
        RAISE foreign_key_violation USING
            MESSAGE = '{table}.{column} refers to a row that does not exist',
            CONSTRAINT = 'fk_{table}_{column}', TABLE = '{table}', COLUMN = '{column}';
    END IF;"""
        for column, parent in references(table))
    return f"""
CREATE OR REPLACE FUNCTION check_{table}_row_references() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
{checks}
    RETURN NULL;
END
$$"""


def install_sql(table: str) -> list[str]:
    """DDL that replaces ``table``'s foreign keys by the statement-level check on
    INSERT, and on UPDATE by a row check that runs only for a row whose references
    changed (as a foreign key skips an update that leaves its key alone: an edit or a
    submit of a draft changes no reference, and a statement-level check there cost
    each single-row UPDATE ~0.25 ms more). PostgreSQL allows no transition table on a
    trigger limited to some columns, hence the two kinds."""
    columns = [column for column, _parent in references(table)]
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
    statements = [_function_sql(table), _row_function_sql(table)]
    statements += [f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS fk_{table}_{column}"
                   for column in columns]
    statements += [
        f"DROP TRIGGER IF EXISTS {table}_references_on_insert ON {table}",
        f"CREATE TRIGGER {table}_references_on_insert AFTER INSERT ON {table} "
        f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        f"EXECUTE FUNCTION check_{table}_references()",
        f"DROP TRIGGER IF EXISTS {table}_references_on_update ON {table}",
        f"CREATE TRIGGER {table}_references_on_update AFTER UPDATE OF {', '.join(columns)} "
        f"ON {table} FOR EACH ROW WHEN ({changed}) "
        f"EXECUTE FUNCTION check_{table}_row_references()",
    ]
    return statements


def uninstall_sql(table: str) -> list[str]:
    """DDL that puts ``table``'s foreign keys back (the downgrade)."""
    statements = [f"DROP TRIGGER IF EXISTS {table}_references_on_{event} ON {table}"
                  for event in ("insert", "update")]
    statements.append(f"DROP FUNCTION IF EXISTS check_{table}_references()")
    statements.append(f"DROP FUNCTION IF EXISTS check_{table}_row_references()")
    statements += [f"ALTER TABLE {table} ADD CONSTRAINT fk_{table}_{column} "
                   f"FOREIGN KEY ({column}) REFERENCES {parent} (id)"
                   for column, parent in references(table)]
    return statements
