"""The field coaching evaluation form (随访评估表), signed by both sides (portrait A4).

Competencies with their weights (as shares of the whole), scores and weighted
contributions, the overall score (the weighted mean on the template's scale, as
stored with the evaluation when it is), the indicators snapshot
taken with the evaluation, the observed visits, strengths, areas to improve, action
items with due dates, then signature lines for the evaluator and the evaluated rep
and the acknowledgement date (printed when the rep has acknowledged, else a blank
line to fill in by hand). A draft evaluation carries the "DRAFT" watermark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from desktop.printing.frame import (
    INK,
    DocumentInfo,
    Styles,
    content_width,
    data_table,
    field_table,
    gap,
    keep,
    para,
    render_pdf,
    section,
)
from desktop.printing.labels import Labels

SIGNATURE_SPACE = 14 * mm


@dataclass(frozen=True, slots=True)
class CompetencyScore:
    name: str
    weight: float  # a share (0.25) or points (25): the total is the weighted mean either way
    score: float | None
    scale_max: float
    comment: str = ""


@dataclass(frozen=True, slots=True)
class ActionItem:
    text: str
    due: date | None = None
    owner: str = ""


@dataclass(frozen=True, slots=True)
class EvaluationData:
    template: str
    evaluator: str
    evaluatee: str
    eval_date: date
    status: str  # draft | submitted | acknowledged
    competencies: tuple[CompetencyScore, ...]
    indicators: tuple[tuple[str, str], ...] = ()
    observed_visits: tuple[str, ...] = ()
    strengths: str = ""
    improvements: str = ""
    action_items: tuple[ActionItem, ...] = ()
    acknowledged_on: date | None = None
    evaluatee_comment: str = ""
    total_score: float | None = None  # as stored; computed from the scores when None


def weighted_total(competencies: tuple[CompetencyScore, ...]) -> float | None:
    """The weighted mean score on the template's scale (Σ weight × score / Σ weight) over
    the scored competencies: one left unscored neither counts nor penalises."""
    scored = [c for c in competencies if c.score is not None]
    weights = sum(c.weight for c in scored)
    if not scored or not weights:
        return None
    return sum(c.weight * (c.score or 0.0) for c in scored) / weights


def _weight_text(weight: float, total: float) -> str:
    return f"{weight / total * 100:.0f}%" if total else _number(weight)


def _number(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.{decimals}f}"


def evaluation_pdf(data: EvaluationData, language: str, printed_at: datetime) -> bytes:
    labels = Labels(language)
    styles = Styles(labels)
    info = DocumentInfo(title=labels("title_evaluation"), person=f"{data.evaluatee} · {data.evaluator}",
                        period=labels.date(data.eval_date), printed_at=printed_at, language=language,
                        watermark=labels("draft_mark") if data.status == "draft" else None)
    width = content_width(info)
    total = data.total_score if data.total_score is not None else weighted_total(data.competencies)
    story: list[Flowable] = [
        para(labels("title_evaluation"), styles.title),
        field_table([(labels("evaluatee"), data.evaluatee), (labels("evaluator"), data.evaluator),
                     (labels("evaluation_date"), labels.date(data.eval_date)), ("", data.template)],
                    [32 * mm, width - 32 * mm], styles),
        *section(labels("competency"), styles.heading),
    ]
    rows: list[list[object]] = []
    weights = sum(c.weight for c in data.competencies)
    scale = data.competencies[0].scale_max if data.competencies else 0
    for item in data.competencies:
        weighted = None if item.score is None or not weights else item.weight * item.score / weights
        score = f"{_number(item.score)} / {_number(item.scale_max)}"
        share = _weight_text(item.weight, weights)
        rows.append([item.name, share, score, _number(weighted, 2), item.comment])
    rows.append([labels("overall"), "100%" if weights else "", f"{_number(total, 2)} / {_number(scale)}",
                 _number(total, 2), ""])
    story.append(data_table([labels("competency"), labels("weight"), labels("score"), labels("weighted"), ""],
                            rows, [width * f for f in (0.3, 0.1, 0.13, 0.12, 0.35)], styles,
                            right_columns=[1, 2, 3], total_row=True))
    if data.indicators:
        story += [*section(labels("indicators"), styles.heading),
                  data_table([labels("indicator"), labels("value")], [list(i) for i in data.indicators],
                             [width * 0.5, width * 0.2], styles, right_columns=[1])]
    if data.observed_visits:
        story += [*section(labels("observed_visits"), styles.heading)]
        story += [para(f"· {v}", styles.body) for v in data.observed_visits]
    for key, value in (("strengths", data.strengths), ("improvements", data.improvements)):
        story += [*section(labels(key), styles.heading), para(value or labels("none"), styles.body)]
    story.extend(section(labels("action_items"), styles.heading))
    if data.action_items:
        story.append(data_table(["#", labels("action_items"), labels("due")],
                                [[str(n), a.text, labels.date(a.due) if a.due else ""]
                                 for n, a in enumerate(data.action_items, start=1)],
                                [width * 0.06, width * 0.74, width * 0.2], styles))
    else:
        story.append(para(labels("none"), styles.body))
    if data.evaluatee_comment:
        story += [gap(2), para(f"{data.evaluatee}: {data.evaluatee_comment}", styles.body)]
    story += [gap(8), keep(_signatures(data, labels, styles, width))]
    return render_pdf(info, story)


def _signatures(data: EvaluationData, labels: Labels, styles: Styles, width: float) -> Table:
    acknowledged = labels.date(data.acknowledged_on) if data.acknowledged_on else ""
    def label(key: str) -> Flowable:
        return para(labels(key), styles.small)

    cells = [[label("signature_evaluator"), "", label("signature_date"), ""],
             [label("signature_evaluatee"), "", label("acknowledged_on"), para(acknowledged, styles.cell)]]
    table = Table(cells, colWidths=[width * 0.22, width * 0.38, width * 0.16, width * 0.24],
                  rowHeights=[SIGNATURE_SPACE] * 2, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, INK),
        ("LINEBELOW", (3, 0), (3, -1), 0.6, INK),
    ]))
    return table
