"""Localized names for the codes the replica stores (titles, hospital levels, visit types…).

Shared by the Doctors and Institutions screens. The English source strings are
marked with ``QT_TRANSLATE_NOOP`` (context ``MasterData``) so ``lupdate`` collects
them; ``label()`` translates at display time, so a language switch needs no restart
of the lookup tables. Unknown codes are shown as stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "MasterData"

TITLES: dict[str, object] = {
    "chief": QT_TRANSLATE_NOOP("MasterData", "Chief physician"),
    "associate_chief": QT_TRANSLATE_NOOP("MasterData", "Associate chief physician"),
    "attending": QT_TRANSLATE_NOOP("MasterData", "Attending physician"),
    "resident": QT_TRANSLATE_NOOP("MasterData", "Resident physician"),
    "pharmacist": QT_TRANSLATE_NOOP("MasterData", "Pharmacist"),
}

LEVELS: dict[str, object] = {
    "3A": QT_TRANSLATE_NOOP("MasterData", "Tertiary grade A"),
    "3B": QT_TRANSLATE_NOOP("MasterData", "Tertiary grade B"),
    "3C": QT_TRANSLATE_NOOP("MasterData", "Tertiary grade C"),
    "2A": QT_TRANSLATE_NOOP("MasterData", "Secondary grade A"),
    "2B": QT_TRANSLATE_NOOP("MasterData", "Secondary grade B"),
    "2C": QT_TRANSLATE_NOOP("MasterData", "Secondary grade C"),
    "1": QT_TRANSLATE_NOOP("MasterData", "Primary"),
    "unrated": QT_TRANSLATE_NOOP("MasterData", "Unrated"),
}

INSTITUTION_TYPES: dict[str, object] = {
    "hospital": QT_TRANSLATE_NOOP("MasterData", "Hospital"),
    "pharmacy": QT_TRANSLATE_NOOP("MasterData", "Pharmacy"),
    "community": QT_TRANSLATE_NOOP("MasterData", "Community health center"),
    "clinic": QT_TRANSLATE_NOOP("MasterData", "Clinic"),
}

VISIT_TYPES: dict[str, object] = {
    "face_to_face": QT_TRANSLATE_NOOP("MasterData", "Face to face"),
    "phone": QT_TRANSLATE_NOOP("MasterData", "Phone"),
    "department_meeting": QT_TRANSLATE_NOOP("MasterData", "Department meeting"),
    "academic_event": QT_TRANSLATE_NOOP("MasterData", "Academic event"),
}

STATUSES: dict[str, object] = {
    "draft": QT_TRANSLATE_NOOP("MasterData", "Draft"),
    "submitted": QT_TRANSLATE_NOOP("MasterData", "Submitted"),
    "planned": QT_TRANSLATE_NOOP("MasterData", "Planned"),
    "active": QT_TRANSLATE_NOOP("MasterData", "Active"),
    "inactive": QT_TRANSLATE_NOOP("MasterData", "Inactive"),
}

GRADING_ATTRIBUTES: dict[str, object] = {
    "hospital_level": QT_TRANSLATE_NOOP("MasterData", "Hospital level"),
    "title": QT_TRANSLATE_NOOP("MasterData", "Title"),
    "outpatient_per_month": QT_TRANSLATE_NOOP("MasterData", "Department outpatients per month"),
    "department_beds": QT_TRANSLATE_NOOP("MasterData", "Department beds"),
    "product_potential": QT_TRANSLATE_NOOP("MasterData", "Product potential"),
}


def translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def label(table: Mapping[str, object], code: str | None, empty: str = "") -> str:
    """The localized name of ``code`` in ``table`` (the code itself when unknown)."""
    if code is None or code == "":
        return empty
    source = table.get(str(code))
    return translate(str(source)) if source is not None else str(code)


def explanation_line(entry: Mapping[str, Any]) -> str:
    """One grading term as shown: ``Hospital level Tertiary grade A: 100 × 30% = 30``."""
    attribute = str(entry.get("attribute", ""))
    value = entry.get("value")
    if value is None:
        value_text = translate(str(QT_TRANSLATE_NOOP("MasterData", "unknown")))
    elif attribute == "hospital_level":
        value_text = label(LEVELS, str(value))
    elif attribute == "title":
        value_text = label(TITLES, str(value))
    else:
        value_text = str(value)
    name = label(GRADING_ATTRIBUTES, attribute) or str(entry.get("label", attribute))
    points = float(entry.get("points") or 0)
    weight = float(entry.get("weight") or 0)
    contribution = float(entry.get("contribution") or 0)
    return f"{name} {value_text}: {points:g} × {weight * 100:g}% = {contribution:g}"
