"""The schema: migrations run from empty, run twice, and match the table definitions."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine

from server.migrate import get_state, upgrade
from server.reference_checks import STATEMENT_CHECKED
from server.tables import metadata
from wire.schema import BASE_COLUMNS, TABLES


def _modelled(postgresql: bool) -> Any:
    """On PostgreSQL the foreign keys of ``STATEMENT_CHECKED`` tables are a trigger
    (server.reference_checks): everything else must match the model."""
    def include(obj: Any, _name: Any, type_: str, _reflected: bool, _compare_to: Any) -> bool:
        return not (postgresql and type_ == "foreign_key_constraint"
                    and obj.parent.name in STATEMENT_CHECKED)

    return include


def test_upgrade_is_idempotent_and_matches_metadata(engine: Engine) -> None:
    upgrade(engine)  # the fixture already ran it once: this is the second time
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_object": _modelled(conn.dialect.name == "postgresql")})
        diff = compare_metadata(context, metadata)
        epoch = get_state(conn, "epoch")
    assert diff == []
    assert len(epoch) == 32


def test_every_synced_table_has_the_sync_columns(engine: Engine) -> None:
    inspector = sa.inspect(engine)
    for spec in TABLES:
        columns = {c["name"] for c in inspector.get_columns(spec.name)}
        assert set(BASE_COLUMNS) <= columns, spec.name
        assert set(spec.column_names) <= columns, spec.name
