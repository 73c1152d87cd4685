"""Words for evaluations on screen: statuses, refusals by code, indicator rows.

The domain speaks in codes (``out_of_scale``, ``not_in_team`` …); the screen words them
in the user's language here, once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QObject

from desktop import evaluations as ev


def is_english() -> bool:
    """Whether competency names and anchors are shown in English (any non-Chinese UI)."""
    return QLocale().language() != QLocale.Language.Chinese


def format_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"



class EvaluationWords(QObject):
    """The translated words (a QObject, so lupdate files them under one context)."""

    def status_text(self, status: str) -> str:
        return {"draft": self.tr("Draft"), "submitted": self.tr("Submitted, awaiting acknowledgement"),
                "acknowledged": self.tr("Acknowledged")}.get(status, status)

    def kind_text(self, kind: str) -> str:
        return {"accompanied": self.tr("Accompanied visit (随访)"),
                "co_visit": self.tr("Co-visit (协访)")}.get(kind, kind)

    def error_text(self, error: ev.FieldError, template: Any) -> str:
        """A field error in the user's language (the domain's English as a fallback)."""
        low, high = (template.scale_min, template.scale_max) if template is not None else (1, 5)
        words = {
            "required": {"evaluatee_id": self.tr("Choose whom you evaluate."),
                         "eval_date": self.tr("The date is required.")}.get(
                error.field, self.tr("Score every competency before submitting.")
                if error.field.startswith("scores.") else self.tr("An action item needs a text.")),
            "not_in_team": self.tr("You can only evaluate a member of your own team."),
            "future": self.tr("The date cannot be in the future."),
            "out_of_scale": self.tr("The score must be a whole number from {low} to {high}.").format(
                low=low, high=high),
            "unknown_competency": self.tr("This competency is not part of the template."),
            "unknown_visit": self.tr("An observed visit could not be found."),
            "not_evaluatee_visit": self.tr("An observed visit is not one of the evaluated person's."),
            "wrong_date": self.tr("An observed visit is not on the evaluation date."),
            "too_long": self.tr("An action item is at most 1000 characters."),
            "due_before_date": self.tr("An action item is due on or after the evaluation date."),
            "unknown_template": self.tr("The evaluation template is not available."),
        }
        return words.get(error.code, error.message)

    def indicator_rows(self, ind: ev.Indicators) -> list[tuple[str, str]]:
        """(label, value) pairs of the snapshot, in the order the form and print show."""
        rows = [(self.tr("Frequency attainment"), format_ratio(ind.frequency_attainment))]
        for g in ind.by_grade:
            rows.append((self.tr("Grade {grade} ({doctors} doctors)").format(grade=g.grade,
                                                                       doctors=g.doctors),
                         f"{g.done} / {g.required:.1f} · {format_ratio(g.ratio)}"))
        rows += [
            (self.tr("Target doctors covered"), f"{ind.covered_doctors} / {ind.target_doctors} · "
                                           f"{format_ratio(ind.coverage)}"),
            (self.tr("Visits per working day"), _number(ind.visits_per_day)),
            (self.tr("Average visit quality"), _number(ind.average_quality)),
            (self.tr("Plan adherence"), format_ratio(ind.plan_adherence) if ind.planned
             else self.tr("no plan")),
        ]
        if ind.people > 1:
            rows.append((self.tr("Reps in the team"), str(ind.people)))
        return rows

    def indicator_rows_from_json(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        """The stored snapshot of an evaluation, worded as on the form."""
        rows = [(self.tr("Frequency attainment"), format_ratio(data.get("frequency_attainment")))]
        for g in data.get("by_grade") or []:
            rows.append((self.tr("Grade {grade} ({doctors} doctors)").format(
                grade=g.get("grade"), doctors=g.get("doctors")),
                f"{g.get('done')} / {g.get('required')} · {format_ratio(g.get('ratio'))}"))
        rows += [
            (self.tr("Target doctors covered"), f"{data.get('covered_doctors')} / "
                                           f"{data.get('target_doctors')} · "
                                           f"{format_ratio(data.get('coverage'))}"),
            (self.tr("Visits per working day"), _number(data.get("visits_per_day"))),
            (self.tr("Average visit quality"), _number(data.get("average_quality"))),
            (self.tr("Plan adherence"), format_ratio(data.get("plan_adherence"))
             if data.get("planned") else self.tr("no plan")),
        ]
        return rows


_WORDS: list[EvaluationWords] = []


def _words() -> EvaluationWords:
    if not _WORDS:
        _WORDS.append(EvaluationWords())
    return _WORDS[0]


def status_text(status: str) -> str:
    return _words().status_text(status)


def kind_text(kind: str) -> str:
    return _words().kind_text(kind)


def error_text(error: ev.FieldError, template: Any) -> str:
    return _words().error_text(error, template)


def indicator_rows(ind: ev.Indicators) -> list[tuple[str, str]]:
    return _words().indicator_rows(ind)


def indicator_rows_from_json(data: dict[str, Any]) -> list[tuple[str, str]]:
    return _words().indicator_rows_from_json(data)
