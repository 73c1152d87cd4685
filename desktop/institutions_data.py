"""What the Institutions screen shows, as widgets import it (queries: ``local_store.read.institutions``)."""

from __future__ import annotations

from local_store.read.institutions import InstitutionDetail, InstitutionRow, load_detail, load_list

__all__ = ["InstitutionDetail", "InstitutionRow", "load_detail", "load_list"]
