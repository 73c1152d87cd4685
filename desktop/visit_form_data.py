"""What the visit form shows and saves.

Reads (context, a loaded visit, the preview): ``local_store.read.visit_form``; saves,
submits and amendments: ``local_store.visit_edits``.
"""

from __future__ import annotations

from local_store.read.visit_form import (
    COMPANIONS,
    FORM_FIELDS,
    LINK_FIELDS,
    MANAGER_ROLES,
    NEEDED_FOR_DRAFT,
    DoctorChoice,
    FormContext,
    FormState,
    LoadedVisit,
    ManagerChoice,
    ProductChoice,
    SaveOutcome,
    SubmitOutcome,
    doctor_row,
    form_fields,
    load_context,
    load_visit,
    new_visit_fields,
    open_form,
    preview,
)
from local_store.visit_edits import (
    VISIT_CHANGES,
    autosave,
    create_amendment,
    discard_journal,
    save_fields,
    set_visit_companions,
    submit,
)

__all__ = [
    "COMPANIONS",
    "FORM_FIELDS",
    "LINK_FIELDS",
    "MANAGER_ROLES",
    "NEEDED_FOR_DRAFT",
    "VISIT_CHANGES",
    "DoctorChoice",
    "FormContext",
    "FormState",
    "LoadedVisit",
    "ManagerChoice",
    "ProductChoice",
    "SaveOutcome",
    "SubmitOutcome",
    "autosave",
    "create_amendment",
    "discard_journal",
    "doctor_row",
    "form_fields",
    "load_context",
    "load_visit",
    "new_visit_fields",
    "open_form",
    "preview",
    "save_fields",
    "set_visit_companions",
    "submit",
]
