"""The visit summary for a day, a week or a month (landscape A4).

Layout: the title and what the print counts (drafts marked or left out), three small
totals tables side by side (visits by type, by doctor grade, frequency attainment by
grade for the month so far), then the visits: one table per day, each visit on one
row with its time, doctor and institution, type, purpose, products with their key
messages, the doctor's feedback, result and next step, and the quality score. Drafts,
when included, are tinted and tagged "DRAFT"/"草稿" and no total counts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from itertools import groupby
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from desktop.printing.frame import (
    MUTED,
    CellParagraph,
    DocumentInfo,
    Styles,
    content_width,
    css,
    data_table,
    gap,
    para,
    render_pdf,
    section,
    text,
)
from desktop.printing.labels import Labels
from desktop.printing.model import (
    UNGRADED,
    VisitEntry,
    VisitSummaryData,
    attainment_by_grade,
    average_quality,
    count_by_grade,
    count_by_type,
    overall_attainment,
)

PERIOD_TITLES = {"day": "title_summary_day", "week": "title_summary_week", "month": "title_summary_month"}
# Visit table columns (landscape A4 content width ≈ 762 pt).
VISIT_COLUMNS = (58, 128, 54, 114, 166, 204, 38)


def visit_summary_pdf(data: VisitSummaryData, language: str, printed_at: datetime) -> bytes:
    """The summary as PDF bytes; ``printed_at`` is printed and fixes the file's date."""
    labels = Labels(language)
    styles = Styles(labels)
    info = DocumentInfo(title=labels(PERIOD_TITLES[data.period]), person=data.person,
                        period=period_text(data.period, data.first, data.last, labels),
                        printed_at=printed_at, language=language, landscape=True)
    story: list[Flowable] = [para(info.title, styles.title),
                             para(f"{data.person} · {info.period}", styles.body)]
    story.append(para(drafts_note(data, labels), styles.note))
    story.append(totals_block(data, labels, styles, content_width(info)))
    shown = data.shown_visits()
    if not shown:
        story += [gap(4), para(labels("nothing_in_period"), styles.body)]
    elif data.period == "day":
        story += [gap(3), visit_table(shown, labels, styles)]
    else:
        for day, visits in groupby(shown, key=lambda v: v.started_at.date()):
            day_visits = list(visits)
            heading = labels("day_heading", date=labels.date(day), weekday=labels.weekday(day),
                             n=len(day_visits))
            story += [*section(heading, styles.subheading), visit_table(day_visits, labels, styles)]
    return render_pdf(info, story)


def period_text(period: str, first: date, last: date, labels: Labels) -> str:
    if period == "month":
        return f"{labels.month(first)} ({labels.period(first, last)})"
    if period == "day":
        return f"{labels.date(first)} {labels.weekday(first)}"
    return labels.period(first, last)


def drafts_note(data: VisitSummaryData, labels: Labels) -> str:
    drafts = sum(1 for v in data.visits if v.is_draft)
    if data.include_drafts and drafts:
        return labels("drafts_marked", n=drafts)
    left_out = data.drafts_left_out + (0 if data.include_drafts else drafts)
    if left_out:
        return labels("drafts_excluded", n=left_out)
    return labels("only_submitted")


def quality_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def grade_text(grade: str | None, labels: Labels) -> str:
    return grade if grade and grade != UNGRADED else labels("ungraded")


def type_text(code: str, labels: Labels) -> str:
    return labels.get(f"visit_type_{code}", code)


def totals_block(data: VisitSummaryData, labels: Labels, styles: Styles, width: float) -> Table:
    """Visits by type, by grade, and frequency attainment by grade, side by side."""
    counted = data.counted_visits()
    column = (width - 24) * 0.28
    wide = (width - 24) * 0.44
    by_type = [[type_text(t, labels), str(n)] for t, n in count_by_type(counted)]
    by_type.append([labels("total"), str(len(counted))])
    by_grade = [[grade_text(g, labels), str(n)] for g, n in count_by_grade(counted)]
    by_grade.append([labels("avg_quality"), quality_text(average_quality(counted))])
    rows = [[g.grade, str(g.doctors), str(g.required), str(g.done), str(g.doctors_at_frequency),
             percent_text(g.rate)] for g in attainment_by_grade(data.attainment)]
    rows.append([labels("total"), str(len(data.attainment)), str(sum(d.required for d in data.attainment)),
                 str(sum(d.done for d in data.attainment)),
                 str(sum(1 for d in data.attainment if d.required and d.done >= d.required)),
                 percent_text(overall_attainment(data.attainment))])
    attainment_title = labels("attainment")
    if data.attainment_from is not None:
        attainment_title += f" ({labels.period(data.attainment_from, data.last)})"
    tables: list[list[Any]] = [[
        [para(labels("by_type"), styles.subheading),
         data_table([labels("type"), labels("visits")], by_type, [column * 0.7, column * 0.3], styles,
                    right_columns=[1], total_row=True)],
        [para(labels("by_grade"), styles.subheading),
         data_table([labels("grade"), labels("visits")], by_grade, [column * 0.7, column * 0.3], styles,
                    right_columns=[1], total_row=True)],
        [para(attainment_title, styles.subheading),
         data_table([labels("grade"), labels("doctors"), labels("required"), labels("done"),
                     labels("doctors_met"), labels("attained")], rows,
                    [wide * w for w in (0.13, 0.14, 0.18, 0.14, 0.22, 0.19)], styles,
                    right_columns=[1, 2, 3, 4, 5], total_row=True)],
    ]]
    block = Table(tables, colWidths=[column + 8, column + 8, wide + 8], hAlign="LEFT")
    block.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.font),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    return block


def products_markup(visit: VisitEntry, labels: Labels) -> str:
    lines = []
    for line in visit.products:
        entry = f"<b>{text(line.product)}</b>"
        if line.key_message:
            entry += f"：{text(line.key_message)}" if labels.chinese else f": {text(line.key_message)}"
        if line.reaction:
            colon = "：" if labels.chinese else ": "
            reaction = f"({text(labels('reaction'))}{colon}{text(line.reaction)})"
            entry += f' <font color="{css(MUTED)}">{reaction}</font>'
        lines.append(entry)
    return "<br/>".join(lines)


def outcome_markup(visit: VisitEntry, labels: Labels) -> str:
    muted = css(MUTED)
    parts = []
    fields = (("feedback", visit.feedback), ("result", visit.result), ("next_step", visit.next_step))
    for key, value in fields:
        if value:
            parts.append(f'<font color="{muted}">{text(labels(key))}</font> {text(value)}')
    return "<br/>".join(parts)


def time_text(visit: VisitEntry, labels: Labels) -> str:
    when = labels.time(visit.started_at)
    if visit.ended_at is not None:
        when += f"–{labels.time(visit.ended_at)}"
    if visit.is_draft:
        when += f"\n{labels('draft_mark')}"
    return when


def doctor_text(visit: VisitEntry) -> str:
    grade = f" ({visit.doctor_grade})" if visit.doctor_grade else ""
    place = " · ".join(p for p in (visit.institution, visit.department) if p)
    return f"{visit.doctor_name}{grade}\n{place}"


def rep_text(visit: VisitEntry) -> str:
    place = " · ".join(p for p in (visit.institution, visit.department) if p)
    return f"{visit.rep_name}\n{place}"


def visit_table(visits: Sequence[VisitEntry], labels: Labels, styles: Styles, *,
                first_column: str = "time", person_column: str = "doctor") -> Table:
    """One row per visit; ``first_column`` "date" shows the date above the time and
    ``person_column`` "rep" names the rep instead of the doctor (a doctor's history)."""
    header = [labels(first_column), labels(person_column), labels("type"), labels("purpose"),
              labels("products"), labels("outcome"), labels("quality")]
    rows = []
    drafts = []
    for index, visit in enumerate(visits):
        when = time_text(visit, labels)
        if first_column == "date":
            when = f"{labels.date(visit.started_at)}\n{when}"
        who = doctor_text(visit) if person_column == "doctor" else rep_text(visit)
        products = products_markup(visit, labels)
        outcome = outcome_markup(visit, labels)
        rows.append([when, who, type_text(visit.visit_type, labels), visit.purpose,
                     CellParagraph(products, styles.cell) if products else "",
                     CellParagraph(outcome, styles.cell) if outcome else "",
                     quality_text(visit.quality)])
        if visit.is_draft:
            drafts.append(index)
    return data_table(header, rows, VISIT_COLUMNS, styles, right_columns=[6], highlight_rows=drafts)
