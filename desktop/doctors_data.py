"""The Doctors screen's data as widgets import it (queries: ``local_store.read.doctor_list``,
values: ``local_store.read.doctors`` and ``doctor_index``)."""

from __future__ import annotations

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

__all__ = ["DoctorDetail", "DoctorFilter", "DoctorIndex", "DoctorKey", "DoctorRow", "FilterOptions",
           "SearchResult", "Snapshot", "fetch_rows", "load_detail", "load_snapshot", "run_search"]
