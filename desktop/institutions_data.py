"""The Institutions screen's reads of the replica (no Qt): run on the read pool."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from local_store.read.institutions import (
    InstitutionDetail,
    InstitutionRow,
    institution_detail,
    institution_list,
)


def load_list(replica: Engine, query: str) -> list[InstitutionRow]:
    with replica.connect() as conn:
        return institution_list(conn, query)


def load_detail(replica: Engine, key: str) -> InstitutionDetail | None:
    with replica.connect() as conn:
        return institution_detail(conn, key)
