"""Alembic environment: the connection is handed in by server.migrate."""

from __future__ import annotations

from alembic import context

from server.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs plain `alembic`
    raise SystemExit("Run migrations with `fieldrep-server init-db`.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
