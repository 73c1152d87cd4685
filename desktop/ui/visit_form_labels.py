"""Translated texts for the visit rules' codes: field problems and quality score lines.

The domain reports problems and quality terms by stable ``code`` (its English
``message`` is for logs and the server). The sources are marked with
``QT_TRANSLATE_NOOP`` (context ``VisitFormLabels``) so ``lupdate`` collects them and
they are translated when shown. Shared by the visit form and any list that shows a
visit's quality explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from domain.visit_rules import FieldError, VisitRules

CONTEXT = "VisitFormLabels"

QUALITY_LABELS: dict[str, object] = {
    "duration_in_range": QT_TRANSLATE_NOOP("VisitFormLabels", "duration in range"),
    "purpose": QT_TRANSLATE_NOOP("VisitFormLabels", "purpose stated"),
    "products_with_key_message": QT_TRANSLATE_NOOP("VisitFormLabels",
                                                   "product detailed with a key message"),
    "feedback": QT_TRANSLATE_NOOP("VisitFormLabels", "feedback recorded"),
    "result": QT_TRANSLATE_NOOP("VisitFormLabels", "result recorded"),
    "next_step": QT_TRANSLATE_NOOP("VisitFormLabels", "next step set"),
    "linked_to_plan": QT_TRANSLATE_NOOP("VisitFormLabels", "linked to a plan"),
    "no_purpose": QT_TRANSLATE_NOOP("VisitFormLabels", "no purpose"),
    "no_key_message": QT_TRANSLATE_NOOP("VisitFormLabels", "no product with a key message"),
    "no_feedback": QT_TRANSLATE_NOOP("VisitFormLabels", "no feedback"),
    "no_result": QT_TRANSLATE_NOOP("VisitFormLabels", "no result"),
    "no_next_step": QT_TRANSLATE_NOOP("VisitFormLabels", "no next step"),
}

# Field problems by code; %1 %2 %3 are filled by ``problem_text``.
PROBLEMS: dict[str, object] = {
    "required": QT_TRANSLATE_NOOP("VisitFormLabels", "Required to submit the visit."),
    "needed_for_draft": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "Needed to save the draft (what you typed is kept on this computer)."),
    "doctor_not_in_scope": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "This doctor is no longer in your territory (reassigned); "
        "choose another doctor."),
    "end_before_start": QT_TRANSLATE_NOOP("VisitFormLabels",
                                          "The visit cannot end before it starts."),
    "too_long": QT_TRANSLATE_NOOP("VisitFormLabels",
                                  "Too long: %1 characters, at most %2 are allowed."),
    "unknown_product": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "This product is not in the active catalogue; choose another."),
    "bad_products": QT_TRANSLATE_NOOP("VisitFormLabels", "Choose a product."),
    "key_message_required": QT_TRANSLATE_NOOP("VisitFormLabels",
                                              "Enter the key message you delivered."),
    "in_future": QT_TRANSLATE_NOOP("VisitFormLabels",
                                   "This is in the future; record the visit after it happened."),
    "backdated": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "Visits can be recorded at most %1 days after they happen."),
    "month_closed": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "That month is closed: last month's visits can be submitted "
        "until day %1 of this month."),
    "duration_out_of_range": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "The visit lasted %1 minutes; between %2 and %3 is expected "
        "(the duration points are withheld)."),
    "unknown_visit_type": QT_TRANSLATE_NOOP("VisitFormLabels", "Choose a visit type."),
    "bad_type": QT_TRANSLATE_NOOP("VisitFormLabels", "This value is not valid."),
    "clock_behind_server": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "This computer's clock is earlier than the server time seen at the "
        "last sync; correct the date and time (or sync) before submitting."),
    "locked": QT_TRANSLATE_NOOP("VisitFormLabels", "This visit is submitted and locked."),
    "not_a_manager": QT_TRANSLATE_NOOP("VisitFormLabels",
                                       "A companion is a district or regional manager."),
    "not_a_companion": QT_TRANSLATE_NOOP("VisitFormLabels",
                                         "You cannot accompany your own visit."),
    "not_owner": QT_TRANSLATE_NOOP("VisitFormLabels",
                                   "Only the visit's rep records who came along."),
    "amended_visit_missing": QT_TRANSLATE_NOOP("VisitFormLabels",
                                               "The visit being corrected does not exist."),
    "amended_visit_not_submitted": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "Only a submitted visit can be corrected."),
    "amended_visit_other_rep": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "A correction must be recorded by the rep of the original visit."),
    "amended_visit_other_doctor": QT_TRANSLATE_NOOP(
        "VisitFormLabels", "A correction must be about the same doctor as the original visit."),
}


def translate(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def quality_line(item: Mapping[str, Any]) -> str:
    """``+15 next step set`` / ``−10 no feedback`` for one explanation item (code, points)."""
    points = float(item.get("points") or 0)
    code = str(item.get("code", ""))
    source = QUALITY_LABELS.get(code)
    text = translate(source) if source is not None else str(item.get("label_en") or code)
    sign = "+" if points >= 0 else "−"
    return f"{sign}{abs(points):g} {text}"


def problem_text(error: FieldError, value: Any = None, rules: VisitRules | None = None,
                 limit: int | None = None) -> str:
    """The translated message for ``error``; ``value`` (the field's value), ``rules`` and
    ``limit`` fill the numbers. Unknown codes fall back to the English message."""
    source = PROBLEMS.get(error.code)
    if source is None:
        return error.message
    text = translate(source)
    rules = rules or VisitRules.default()
    if error.code == "too_long":
        length = len(value) if isinstance(value, str) else 0
        text = text.replace("%1", str(length)).replace("%2", str(limit or ""))
    elif error.code == "backdated":
        text = text.replace("%1", str(rules.backdate_days))
    elif error.code == "month_closed":
        text = text.replace("%1", str(rules.month_end_day))
    elif error.code == "duration_out_of_range":
        minutes = value if isinstance(value, int | float) else 0
        text = (text.replace("%1", f"{minutes:.0f}").replace("%2", str(rules.min_minutes))
                .replace("%3", str(rules.max_minutes)))
    return text
