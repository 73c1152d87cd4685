"""Accompanied-visit evaluations: the weighted total of a scored template.

One function for the device (the total shown live on the form) and the server (which
recomputes and stores it on every accepted write, whatever the client sent), so the
two can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

TOTAL_DECIMALS = 2


class ScoreError(ValueError):
    """A score does not fit the template; ``field`` names the competency."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def competency_code(competency: Mapping[str, Any]) -> str:
    """A competency's code (templates name it ``code``; early ones ``key``)."""
    return str(competency.get("code", competency.get("key", "")))


def weighted_total(competencies: Sequence[Mapping[str, Any]], scores: Mapping[str, Any] | None,
                   *, scale_min: float | None = None, scale_max: float | None = None
                   ) -> float | None:
    """The weighted mean of ``scores`` by the template's competency weights, rounded
    to ``TOTAL_DECIMALS``; None while nothing is scored.

    Competencies without a score count for nothing (a draft is scored bit by bit);
    a score for a competency the template does not have, a non-number or one outside
    the scale raises ``ScoreError``.
    """
    weights = {competency_code(c): float(c.get("weight", 1.0)) for c in competencies}
    scored: list[tuple[float, float]] = []
    for code, value in (scores or {}).items():
        if code not in weights:
            raise ScoreError(code, f"{code} is not a competency of this template.")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScoreError(code, f"The score of {code} must be a number.")
        if (scale_min is not None and value < scale_min) or (
                scale_max is not None and value > scale_max):
            raise ScoreError(code, f"The score of {code} must be between {scale_min:g} and "
                                   f"{scale_max:g}.")
        scored.append((float(value), weights[code]))
    total_weight = sum(w for _v, w in scored)
    if not scored or total_weight <= 0:
        return None
    return round(sum(v * w for v, w in scored) / total_weight, TOTAL_DECIMALS)
