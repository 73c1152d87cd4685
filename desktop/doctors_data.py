"""The Doctors screen's data as widgets import it (queries: ``local_store.read.doctor_list``,
values: ``local_store.read.doctors`` and ``doctor_index``)."""

from __future__ import annotations

import uuid

from sqlalchemy.engine import Engine

from local_store.doctor_targets import TARGET_CHANGES, set_target_override
from local_store.read.doctor_index import DoctorIndex, DoctorKey
from local_store.read.doctor_list import (
    SearchResult,
    Snapshot,
    fetch_rows,
    load_detail,
    load_snapshot,
    run_search,
)
from local_store.read.doctors import DoctorDetail, DoctorFilter, DoctorRow, FilterOptions

__all__ = [
    "TARGET_CHANGES",
    "DoctorDetail",
    "DoctorFilter",
    "DoctorIndex",
    "DoctorKey",
    "DoctorRow",
    "FilterOptions",
    "SearchResult",
    "Snapshot",
    "fetch_rows",
    "load_detail",
    "load_snapshot",
    "run_search",
    "save_target_override",
]


def save_target_override(replica: Engine, doctor_id: uuid.UUID, value: bool | None) -> None:
    """The manager's target mark, on the writer thread (``Ops.write``)."""
    with replica.begin() as conn:
        set_target_override(conn, doctor_id, value)
