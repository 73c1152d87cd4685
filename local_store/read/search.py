"""The doctor search index: one row per doctor with its name in pinyin, kept at sync time.

Why a table and not a query-time computation: pinyin has to be computed in Python
(``pypinyin``), so the replica stores it once per doctor version. The table also
carries the few columns the Doctors screen filters on (grade, title, institution,
department, status), so the screen's in-memory index (``doctor_index``) loads from
this one narrow table without a join.

``text`` is ``name|pinyin|initials|alt pinyin|institution|department`` in lowercase,
so one substring test finds 张伟, zhangwei, zhang, zw and the hospital's name. Common
polyphonic surnames are read as surnames (曾 zeng, 单 shan …) and the dictionary
reading is indexed too, so either spelling finds the doctor.

Who keeps it current: the sync engine calls ``after_page_applied`` in the same
transaction as each pulled page (doctors, institutions and departments are
read-only for clients, so sync is their only writer); the replica migration that
created the table filled it from existing rows; ``rebuild_search_index`` rebuilds it
from scratch (tests, benchmarks, repair).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.replica import metadata, synced
from local_store.state import dbapi
from wire.in_lists import in_chunks

# Registered on the replica metadata, so a new replica creates it with the rest;
# local_store.migrations imports this module (its upgrade step fills old replicas).
doctor_search = sa.Table(
    "doctor_search", metadata,
    sa.Column("doctor_id", sa.Uuid(), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("pinyin_full", sa.String(400), nullable=False),
    sa.Column("pinyin_initials", sa.String(100), nullable=False),
    sa.Column("institution_name", sa.String(200), nullable=False, server_default=""),
    sa.Column("department_name", sa.String(100), nullable=False, server_default=""),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("institution_id", sa.Uuid(), nullable=True),
    sa.Column("department_id", sa.Uuid(), nullable=True),
    sa.Column("title", sa.String(30), nullable=True),
    sa.Column("grade", sa.String(1), nullable=True),
    sa.Column("status", sa.String(20), nullable=False, server_default="active"),
    sqlite_with_rowid=False,  # (rows live in the key's own B-tree: one tree less per row)
)

_COLUMNS = ("doctor_id", "name", "pinyin_full", "pinyin_initials", "institution_name",
            "department_name", "text", "institution_id", "department_id", "title", "grade",
            "status")

# Surnames whose dictionary reading is not the surname reading.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao",
    "查": "zha", "盖": "ge", "乐": "yue", "翟": "zhai", "缪": "miao", "覃": "qin",
    "秘": "bi", "尉": "yu", "召": "shao", "繁": "po", "万俟": "moqi", "长孙": "zhangsun",
    "重": "chong", "种": "chong", "员": "yun", "冼": "xian", "隗": "wei", "燕": "yan",
}


@lru_cache(maxsize=65536)
def _han_run_pinyin(run: str) -> tuple[str, ...]:
    """``lazy_pinyin`` of one run of Chinese characters (cached: runs repeat far more
    than whole names do, e.g. 李明 in 李明3 and 李明7)."""
    from pypinyin import lazy_pinyin  # 0.25 s to import: only when a doctor is (re)indexed

    return tuple(lazy_pinyin(run, errors="default"))


def warm_up() -> None:
    """Import pypinyin and load its dictionaries now (~0.3 s), so that the first
    re-index does not pay for it. The sync engine runs this on a helper thread while
    a first sync waits for its first page."""
    _han_run_pinyin("中")
    _is_han("中")


@lru_cache(maxsize=8192)
def _is_han(ch: str) -> bool:
    from pypinyin.constants import RE_HANS  # (imports pypinyin: lazily, as above)

    return RE_HANS.match(ch) is not None


def _syllables(text: str) -> list[str]:
    """Pinyin syllables of ``text``; non-Chinese runs become lowercase words without spaces.

    Same answer as ``lazy_pinyin(text)``, which also splits text into Chinese and other
    runs before it looks words up; only the Chinese runs need the dictionary.
    """
    out: list[str] = []
    for han, chars in groupby(text, key=_is_han):
        run = "".join(chars)
        for part in _han_run_pinyin(run) if han else (run,):
            word = "".join(ch for ch in part.lower() if ch.isalnum())
            if word:
                out.append(word)
    return out


@lru_cache(maxsize=65536)
def name_pinyin(name: str) -> tuple[str, str, str]:
    """``name`` -> (full pinyin, initials, alternative full pinyin or "").

    张伟 -> ("zhangwei", "zw", ""); 曾志强 -> ("zengzhiqiang", "zzq", "cengzhiqiang").
    Names repeat a lot, hence the cache.
    """
    name = name.strip()
    plain = _syllables(name)
    surname_syllables = plain
    for size in (2, 1):  # compound surnames (长孙) first; no single-character key prefixes one
        reading = SURNAME_READINGS.get(name[:size]) if len(name) >= size else None
        if reading is not None:
            surname_syllables = [reading, *_syllables(name[size:])]
            break
    full = "".join(surname_syllables)
    initials = "".join(s[0] for s in surname_syllables)
    alternative = "".join(plain)
    return full, initials, alternative if alternative != full else ""


def search_text(name: object, institution: object, department: object) -> str:
    """An entry's ``text``: name, its pinyin spellings, institution and department,
    lowercased (Python's ``lower``, which folds more than SQLite's ASCII-only one)."""
    name_text = str(name or "")
    full, initials, alternative = name_pinyin(name_text)
    return "|".join((name_text, full, initials, alternative, str(institution or ""),
                     str(department or ""))).lower()


def _pinyin_full(name: object) -> str:
    return name_pinyin(str(name or ""))[0]


def _pinyin_initials(name: object) -> str:
    return name_pinyin(str(name or ""))[1]


def normalise_query(query: str) -> str:
    """What a search compares: lowercase, spaces removed (``Zhang Wei`` = ``zhangwei``)."""
    return "".join(query.lower().split())


# Entries are computed by SQLite, calling back into Python only for what needs pinyin:
# a first sync indexes 10,000+ doctors, and fetching each one's columns into Python and
# binding twelve values back cost about twice this.
_INDEX = (
    f"INSERT OR REPLACE INTO doctor_search ({', '.join(_COLUMNS)}) "
    "SELECT d.id, coalesce(d.name, ''), fieldrep_pinyin_full(d.name), "
    "fieldrep_pinyin_initials(d.name), coalesce(i.name, ''), coalesce(dep.name, ''), "
    "fieldrep_search_text(d.name, i.name, dep.name), d.institution_id, d.department_id, "
    "d.title, d.grade, coalesce(nullif(d.status, ''), 'active') FROM doctors d "
    "LEFT JOIN institutions i ON i.id = d.institution_id "
    "LEFT JOIN departments dep ON dep.id = d.department_id WHERE NOT d.deleted"
)


def _register_functions(conn: Connection) -> None:
    """The Python functions ``_INDEX`` calls, on this connection (cheap to repeat)."""
    raw = dbapi(conn)
    raw.create_function("fieldrep_pinyin_full", 1, _pinyin_full, deterministic=True)
    raw.create_function("fieldrep_pinyin_initials", 1, _pinyin_initials, deterministic=True)
    raw.create_function("fieldrep_search_text", 3, search_text, deterministic=True)


def _index_where(conn: Connection, where_sql: str = "", params: Sequence[str] = ()) -> int:
    """(Re)compute the entries of the doctors selected by ``where_sql``; returns how many."""
    _register_functions(conn)
    cursor = dbapi(conn).execute(_INDEX + (f" AND {where_sql}" if where_sql else ""),
                                 tuple(params))
    return int(cursor.rowcount)


def _stored_id(value: uuid.UUID | str) -> str:
    """An id as the replica stores it (32 lowercase hex digits)."""
    if isinstance(value, uuid.UUID):
        return value.hex
    text = str(value)
    if len(text) == 32 and text.isalnum() and text.islower():
        return text  # already stored form (the sync engine passes these)
    return uuid.UUID(text).hex


def _chunks(ids: Iterable[uuid.UUID | str]) -> Iterable[Sequence[str]]:
    return in_chunks([_stored_id(i) for i in ids])


def reindex(conn: Connection, *, doctors: Iterable[uuid.UUID | str] = (),
            institutions: Iterable[uuid.UUID | str] = (),
            departments: Iterable[uuid.UUID | str] = ()) -> int:
    """Recompute the entries touched by changed doctors, institutions or departments.

    Each doctor is indexed once even when a page changed it and its institution (a
    first sync does both): the doctors of changed institutions and departments are
    looked up first and merged with the changed doctors.
    """
    wanted = {i for chunk in _chunks(doctors) for i in chunk}
    for column, ids in (("institution_id", institutions), ("department_id", departments)):
        for chunk in _chunks(ids):
            marks = ", ".join("?" for _ in chunk)
            wanted.update(str(r) for (r,) in conn.exec_driver_sql(
                f"SELECT id FROM doctors WHERE {column} IN ({marks})", tuple(chunk)))
    done = 0
    ordered = sorted(wanted)
    for chunk in in_chunks(ordered):
        done += _index_where(conn, f"d.id IN ({', '.join('?' for _ in chunk)})", chunk)
    return done


def drop_orphans(conn: Connection) -> None:
    """Forget entries whose doctor left the replica (or is a tombstone)."""
    d = synced["doctors"]
    live = sa.select(d.c.id).where(~d.c.deleted)
    conn.execute(sa.delete(doctor_search).where(doctor_search.c.doctor_id.not_in(live)))


def rebuild_search_index(conn: Connection) -> int:
    """Rebuild the whole index from the replica's doctors; returns the entry count."""
    conn.execute(sa.delete(doctor_search))
    return _index_where(conn)


_DOCTOR_COLUMN_AT = {c.name: i for i, c in enumerate(synced["doctors"].columns)}
# What an entry holds of its doctor's own row (the rest comes from its institution and
# department), in doctor_search's column order.
_OWN = ("name", "institution_id", "department_id", "title", "grade", "status")


def doctors_to_reindex(conn: Connection, rows: Mapping[str, Sequence[Any]]) -> list[str]:
    """Of doctors just written (stored id -> stored row in ``doctors``' column order),
    those whose entry would change: a phone number or a grade score does not touch the
    index. Entries of doctors written as deleted are dropped here."""
    own = itemgetter(*(_DOCTOR_COLUMN_AT[name] for name in _OWN))
    deleted_at = _DOCTOR_COLUMN_AT["deleted"]
    gone = [i for i, r in rows.items() if r[deleted_at]]
    for chunk in in_chunks(gone):
        conn.exec_driver_sql(f"DELETE FROM doctor_search WHERE doctor_id IN "
                             f"({', '.join('?' for _ in chunk)})", tuple(chunk))
    live = [i for i, r in rows.items() if not r[deleted_at]]
    entries: dict[str, tuple[Any, ...]] = {}
    for chunk in in_chunks(live):
        entries.update((str(e[0]), tuple(e[1:])) for e in conn.exec_driver_sql(
            f"SELECT doctor_id, {', '.join(_OWN)} FROM doctor_search WHERE doctor_id IN "
            f"({', '.join('?' for _ in chunk)})", tuple(chunk)))
    return [i for i in live if entries.get(i) != own(rows[i])]


def after_page_applied(conn: Connection, upserted: Mapping[str, Iterable[uuid.UUID | str]],
                       rows_left: bool,
                       doctor_rows: Mapping[str, Sequence[Any]] | None = None) -> None:
    """Sync hook, in the page's transaction: re-index what the page changed.

    ``upserted`` maps table name -> ids written; ``rows_left`` is True when the page
    deleted or purged any row (then entries of vanished doctors are dropped).
    ``doctor_rows`` (the page's doctors as stored, by id): only those whose entry
    would change are indexed again (see ``doctors_to_reindex``).
    """
    touched = {t: list(upserted.get(t, ())) for t in ("doctors", "institutions", "departments")}
    if doctor_rows is not None:
        touched["doctors"] = [*doctors_to_reindex(conn, doctor_rows)]
    if any(touched.values()):
        reindex(conn, doctors=touched["doctors"], institutions=touched["institutions"],
                departments=touched["departments"])
    if rows_left:
        drop_orphans(conn)
