"""The Doctors screen's reads of the replica (no Qt): run on the read pool.

``load_snapshot`` gives the in-memory doctor index with the filter choices,
``run_search`` the ordered ids of a search with its first rows, ``fetch_rows`` one
block of rows for the lazy table, ``load_detail`` the detail pane's content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from local_store.read.doctor_index import DoctorIndex, DoctorKey, load_doctor_index
from local_store.read.doctors import (
    DoctorDetail,
    DoctorFilter,
    DoctorRow,
    FilterOptions,
    behind_set,
    doctor_count,
    doctor_detail,
    doctor_rows,
    filter_options,
    to_index_filter,
)
from local_store.read.plans import company_calendar


@dataclass(frozen=True, slots=True)
class Snapshot:
    index: DoctorIndex
    options: FilterOptions
    count: int


@dataclass(frozen=True, slots=True)
class SearchResult:
    keys: list[DoctorKey]
    first_rows: dict[DoctorKey, DoctorRow]
    behind: set[DoctorKey] | None


def load_snapshot(replica: Engine) -> Snapshot:
    with replica.connect() as conn:
        return Snapshot(load_doctor_index(conn), filter_options(conn), doctor_count(conn))


def run_search(replica: Engine, index: DoctorIndex, flt: DoctorFilter,
               behind: set[DoctorKey] | None, first: int) -> SearchResult:
    """Select the ids (in memory) and fetch the first ``first`` rows (one query)."""
    with replica.connect() as conn:
        if flt.behind and behind is None:
            behind = behind_set(conn, index)
        keys = index.select(to_index_filter(flt), behind if flt.behind else None)
        return SearchResult(keys, doctor_rows(conn, keys[:first]), behind)


def load_detail(replica: Engine, key: DoctorKey) -> DoctorDetail | None:
    with replica.connect() as conn:
        return doctor_detail(conn, key, company_calendar(conn).today())


def fetch_rows(replica: Engine, keys: Sequence[DoctorKey]) -> dict[DoctorKey, DoctorRow]:
    """One block of rows of the lazy table."""
    with replica.connect() as conn:
        return doctor_rows(conn, keys)
