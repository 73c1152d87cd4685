"""Many rows in ONE statement on PostgreSQL: the batch is one JSON parameter.

``conn.execute(sa.insert(t), rows)`` is an executemany: psycopg sends one
Bind/Execute per row (pipelined, but still a message, a parameter dump and an
executor start per row) and PostgreSQL runs the INSERT once per row. For a push of
100 visits that was most of the request: the visits, their ``processed_mutations``
and their feed entries took three executemanys, ~300 statements.

Here the rows travel as one ``jsonb`` array of arrays (``orjson``, a C encoder) and
one statement expands it: ``INSERT … SELECT (r->>0)::uuid, … FROM
jsonb_array_elements(:rows) AS r`` — one statement text per table and column list,
cached by SQLAlchemy and prepared by psycopg, whatever the number of rows.

Values keep exactly what the executemany stored:

- UUIDs, datetimes and dates travel as text and are cast by the column's type
  (a naive datetime is read in the session time zone, as psycopg's ``timestamp``
  parameter was); text is cast to ``text`` and the INSERT's assignment cast refuses
  an over-long value as before (an explicit cast to ``varchar(n)`` would truncate);
- a JSON column gets the value's JSON text (``None`` is JSON ``null``, as with
  SQLAlchemy's ``none_as_null=False``), written by orjson, or by ``json.dumps`` as
  SQLAlchemy's ``JSON`` type writes it where orjson would change the value
  (``_json_text``);
- a value this encoding cannot carry exactly (a NaN or infinite float, a string
  that is not valid UTF-8, a type not listed) makes the call fall back to the
  executemany, so no input changes meaning on the way.

A row the database refuses (a foreign key, a unique value) fails the whole
statement, as the executemany did: callers that must reject only that row redo the
work row by row (``server.sync.push``).

SQLite keeps the executemany: ``sqlite3`` loops over the rows in C in-process, there
is no round trip to save.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import orjson
import sqlalchemy as sa
from psycopg.types.json import Jsonb
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from wire.in_lists import in_chunks

# Bound on the JSON parameter's rows per statement (keeps one parameter well under
# PostgreSQL's 1 GB limit and memory small for bulk callers).
CHUNK_ROWS = 5000


class _Unencodable(Exception):
    """A value the JSON form could not carry exactly: use the executemany."""


def _pg_cast(column: sa.Column[Any]) -> tuple[str, Callable[[Any], Any]] | None:
    """(SQL type to cast ``r->>i`` to, Python encoder for the value) or None."""
    t = column.type
    if isinstance(t, sa.JSON):
        return "json", _json_text
    if isinstance(t, sa.Uuid):
        return "uuid", _plain
    if isinstance(t, sa.DateTime):
        return ("timestamptz" if t.timezone else "timestamp"), _plain
    if isinstance(t, sa.Date):
        return "date", _plain
    if isinstance(t, sa.Boolean):
        return "boolean", _plain
    if isinstance(t, sa.BigInteger):
        return "bigint", _int
    if isinstance(t, sa.Integer):
        return "integer", _int
    if isinstance(t, sa.Float):
        return "double precision", _float
    if isinstance(t, sa.String):  # String, Text, Unicode: length checked by the INSERT
        return "text", _text
    return None


# The exact types ``_plain`` passes, checked first by identity (a push of 100 visits
# encodes some 2,000 such values; ``isinstance`` with a tuple walks it).
_PLAIN_TYPES = frozenset({type(None), uuid.UUID, dt.datetime, dt.date, bool, str})


def _plain(value: Any) -> Any:
    if type(value) in _PLAIN_TYPES or isinstance(value, (uuid.UUID, dt.datetime, dt.date, str)):
        return value
    raise _Unencodable(type(value).__name__)


def _int(value: Any) -> Any:
    if value is None or type(value) is int or (
            isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise _Unencodable(type(value).__name__)


def _float(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    raise _Unencodable(repr(value))  # NaN / infinity: orjson would write null


def _text(value: Any) -> Any:
    if value is None or type(value) is str or isinstance(value, str):
        return value
    raise _Unencodable(type(value).__name__)


def _json_text(value: Any) -> str:
    """The column's JSON text. orjson (a C encoder; ``json.dumps`` builds its encoder
    per call, ~3 µs, three times per pushed visit) writes the same value, compact and
    in UTF-8. Where it would not — a NaN or infinity (orjson writes ``null``), a key
    that is not a string (orjson refuses it) — the text is ``json.dumps``', as
    SQLAlchemy's JSON type writes it, so such a value meets the same database rule as
    before. ``null`` in the output is the only sign of the first case worth checking
    for: a value that holds a real null takes the slower way too."""
    if value is None:
        return "null"
    try:
        text = orjson.dumps(value)
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(value)
    if b"null" in text:
        return json.dumps(value)
    return text.decode()


@functools.cache
def _plan(table: sa.Table, columns: tuple[str, ...],
          conflict: tuple[str, ...] | None, update: tuple[str, ...] | None
          ) -> tuple[sa.TextClause, tuple[Callable[[Any], Any], ...]] | None:
    """The statement and per-column encoders for ``columns`` of ``table``."""
    casts = []
    encoders = []
    for i, name in enumerate(columns):
        found = _pg_cast(table.c[name])
        if found is None:
            return None
        casts.append(f"(r->>{i})::{found[0]}")
        encoders.append(found[1])
    names = ", ".join(f'"{n}"' for n in columns)
    sql = (f'INSERT INTO "{table.name}" ({names}) SELECT {", ".join(casts)} '
           f"FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r")
    if conflict is not None:
        target = ", ".join(f'"{n}"' for n in conflict)
        if update:
            sets = ", ".join(f'"{n}" = EXCLUDED."{n}"' for n in update)
            sql += f" ON CONFLICT ({target}) DO UPDATE SET {sets}"
        else:
            sql += f" ON CONFLICT ({target}) DO NOTHING"
    return sa.text(sql), tuple(encoders)


def _as_is(payload: bytes) -> bytes:
    return payload


def jsonb_param(payload: bytes) -> Jsonb:
    """orjson's output as a ``jsonb`` parameter, its bytes sent as they are.

    As text, the payload was decoded into a Python string (``bytes.decode``) for
    psycopg to encode it back to UTF-8 (a push's 100 visits are ~100 kB of mostly
    Chinese text: both ways cost more than writing the JSON)."""
    return Jsonb(payload, dumps=_as_is)


def _encode(rows: Sequence[Mapping[str, Any]], columns: tuple[str, ...],
            encoders: tuple[Callable[[Any], Any], ...]) -> bytes | None:
    pairs = tuple(zip(columns, encoders, strict=True))
    try:
        data = [[enc(row[name]) for name, enc in pairs] for row in rows]
        if any(len(row) != len(columns) for row in rows):
            return None  # rows with other keys: let the executemany judge them
        return orjson.dumps(data)
    except (_Unencodable, TypeError, KeyError, orjson.JSONEncodeError):
        return None


def insert_many(conn: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]], *,
                on_conflict: Sequence[str] | None = None,
                update: Sequence[str] | None = None) -> None:
    """INSERT ``rows`` (mappings sharing the keys of the first) into ``table``.

    ``on_conflict``: the unique columns of an ``ON CONFLICT`` clause; ``update``: the
    columns set from the new row there (none: ``DO NOTHING``); both dialects.
    """
    if not rows:
        return
    columns = tuple(rows[0])
    plan = None
    if conn.dialect.name == "postgresql":
        plan = _plan(table, columns, tuple(on_conflict) if on_conflict is not None else None,
                     tuple(update) if update else None)
    for chunk in in_chunks(rows, CHUNK_ROWS):
        payload = _encode(chunk, columns, plan[1]) if plan is not None else None
        if plan is not None and payload is not None:
            conn.execute(plan[0], {"rows": jsonb_param(payload)})
        else:
            conn.execute(_fallback_statement(conn, table, on_conflict, update), list(chunk))


def insert_many_at_once(conn: Connection,
                        batches: Sequence[tuple[sa.Table, Sequence[Mapping[str, Any]]]]) -> None:
    """``insert_many`` of several tables' rows, in ONE statement on PostgreSQL.

    A push ends with its ``processed_mutations`` and its audit rows: two statements,
    each a round trip with its own parse, bind and executor start. Here each table's
    INSERT is a data-modifying ``WITH`` of one statement (each runs exactly once,
    whether the outer query reads it or not); a row refused fails the statement, as
    it failed its own before. Anything the single statement cannot carry (SQLite, a
    value for the executemany, a batch over ``CHUNK_ROWS``) goes table by table."""
    batches = [(table, rows) for table, rows in batches if rows]
    if conn.dialect.name == "postgresql" and len(batches) > 1 and all(
            len(rows) <= CHUNK_ROWS for _table, rows in batches):
        parts: list[tuple[sa.Table, tuple[str, ...]]] = []
        params: dict[str, Any] = {}
        for i, (table, rows) in enumerate(batches):
            columns = tuple(rows[0])
            plan = _plan(table, columns, None, None)
            payload = _encode(rows, columns, plan[1]) if plan is not None else None
            if payload is None:
                break
            parts.append((table, columns))
            params[f"rows_{i}"] = jsonb_param(payload)
        else:
            conn.execute(_together(tuple(parts)), params)
            return
    for table, rows in batches:
        insert_many(conn, table, rows)


@functools.cache
def _together(parts: tuple[tuple[sa.Table, tuple[str, ...]], ...]) -> sa.TextClause:
    """``WITH i0 AS (INSERT …) INSERT …`` of ``_plan``'s INSERTs, the i-th reading the
    ``rows_<i>`` parameter (built once per tables and columns)."""
    inserts = []
    for i, (table, columns) in enumerate(parts):
        plan = _plan(table, columns, None, None)
        assert plan is not None
        inserts.append(plan[0].text.replace("CAST(:rows AS jsonb)", f"CAST(:rows_{i} AS jsonb)"))
    head = ", ".join(f"i{i} AS ({sql})" for i, sql in enumerate(inserts[:-1]))
    return sa.text(f"WITH {head} {inserts[-1]}")


def _fallback_statement(conn: Connection, table: sa.Table, on_conflict: Sequence[str] | None,
                        update: Sequence[str] | None) -> sa.Insert:
    """The same statement as an executemany (SQLite, or values JSON cannot carry)."""
    if on_conflict is None:
        return sa.insert(table)
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = insert(table)
    if update:
        return stmt.on_conflict_do_update(index_elements=list(on_conflict),
                                          set_={n: stmt.excluded[n] for n in update})
    return stmt.on_conflict_do_nothing(index_elements=list(on_conflict))


__all__ = ["insert_many", "insert_many_at_once", "jsonb_param"]
