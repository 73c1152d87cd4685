"""One visit with its review thread (portrait), and a doctor's visit history (landscape).

The visit record prints every field of the visit, the products with key messages and
reactions, the quality score with its reasons, then the review thread (reviews and
comments in time order). A draft carries a "DRAFT" watermark on every page.

The doctor's history prints the doctor's profile and every visit the replica holds
for them (newest first), drafts tinted and tagged as in the summaries.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop.printing.frame import (
    MARGIN,
    DocumentInfo,
    Styles,
    content_width,
    data_table,
    field_table,
    gap,
    para,
    render_pdf,
    section,
)
from desktop.printing.labels import Labels
from desktop.printing.model import DoctorHistoryData, VisitRecordData, average_quality
from desktop.printing.visit_summary import grade_text, quality_text, type_text, visit_table

LABEL_COLUMN = 32 * mm


def visit_record_pdf(data: VisitRecordData, language: str, printed_at: datetime) -> bytes:
    labels = Labels(language)
    styles = Styles(labels)
    visit = data.visit
    when = f"{labels.date(visit.started_at)} {labels.time(visit.started_at)}"
    if visit.ended_at is not None:
        when += f"–{labels.time(visit.ended_at)}"
    info = DocumentInfo(title=labels("title_visit"), person=visit.rep_name,
                        period=f"{visit.doctor_name} · {when}", printed_at=printed_at, language=language,
                        watermark=labels("draft_mark") if visit.is_draft else None)
    width = A4[0] - 2 * MARGIN
    status = labels.get(f"status_{visit.status}", visit.status)
    grade = f" ({visit.doctor_grade})" if visit.doctor_grade else ""
    fields: list[tuple[str, object]] = [
        (labels("date"), when),
        (labels("rep"), visit.rep_name),
        (labels("doctor"), f"{visit.doctor_name}{grade}"),
        (labels("institution"), " · ".join(p for p in (visit.institution, visit.department) if p)),
        (labels("type"), type_text(visit.visit_type, labels)),
        (labels("status"), status),
    ]
    if visit.accompanied_by:
        fields.append((labels("accompanied_by"), visit.accompanied_by))
    fields += [(labels("purpose"), visit.purpose), (labels("feedback"), visit.feedback),
               (labels("result"), visit.result), (labels("next_step"), visit.next_step)]
    if data.amends:
        fields.append((labels("status"), labels("amends", when=data.amends)))
    story: list[Flowable] = [
        para(f"{labels('title_visit')} · {visit.doctor_name}", styles.title),
        field_table(fields, [LABEL_COLUMN, width - LABEL_COLUMN], styles),
    ]
    if visit.products:
        story += [*section(labels("products"), styles.heading),
                  data_table([labels("product"), labels("key_message"), labels("doctor_reaction")],
                             [[p.product, p.key_message, p.reaction] for p in visit.products],
                             [width * 0.25, width * 0.5, width * 0.25], styles)]
    story.extend(section(f"{labels('quality')}: {quality_text(visit.quality)}", styles.heading))
    for reason in data.quality_reasons:
        story.append(para(f"· {reason}", styles.body))
    story.extend(section(labels("review_thread"), styles.heading))
    thread = _thread_rows(data, labels)
    if thread:
        story.append(data_table([labels("date"), labels("author"), labels("kind"), labels("comment_text")],
                                thread,
                                [width * 0.17, width * 0.15, width * 0.14, width * 0.54], styles))
    else:
        story.append(para(labels("no_comments"), styles.body))
    return render_pdf(info, story)


def _thread_rows(data: VisitRecordData, labels: Labels) -> list[list[object]]:
    entries: list[tuple[datetime | None, list[object]]] = []
    for review in data.reviews:
        note = labels("exemplary") if review.exemplary else ""
        entries.append((review.reviewed_at, [_stamp(review.reviewed_at, labels), review.reviewer,
                                             labels("review"), note]))
    for comment in data.comments:
        kind = labels.get(f"comment_kind_{comment.kind}", comment.kind)
        entries.append((comment.written_at, [_stamp(comment.written_at, labels), comment.author, kind,
                                             comment.text]))
    entries.sort(key=lambda e: (e[0] is None, e[0] or datetime.min))
    return [row for _, row in entries]


def _stamp(moment: datetime | None, labels: Labels) -> str:
    return "" if moment is None else f"{labels.date(moment)} {labels.time(moment)}"


def doctor_history_pdf(data: DoctorHistoryData, language: str, printed_at: datetime) -> bytes:
    labels = Labels(language)
    styles = Styles(labels)
    visits = sorted(data.visits, key=lambda v: (v.started_at, v.id), reverse=True)
    if data.first is not None and data.last is not None:
        period = labels.period(data.first, data.last)
    elif visits:
        period = labels.period(visits[-1].started_at.date(), visits[0].started_at.date())
    else:
        period = labels("none")
    info = DocumentInfo(title=labels("title_doctor_history"), person=data.person,
                        period=f"{data.doctor_name} · {period}", printed_at=printed_at,
                        language=language, landscape=True)
    width = content_width(info)
    profile = [
        (labels("grade"), grade_text(data.grade, labels)),
        (labels("title_field"), data.title),
        (labels("institution"), data.institution),
        (labels("department"), data.department),
        (labels("specialty"), data.specialty),
    ]
    counted = [v for v in visits if not v.is_draft]
    summary = labels("first_last_visit", n=len(counted),
                     first=labels.date(counted[-1].started_at) if counted else labels("none"),
                     last=labels.date(counted[0].started_at) if counted else labels("none"))
    summary += f" · {labels('avg_quality')} {quality_text(average_quality(counted))}"
    story: list[Flowable] = [
        para(f"{data.doctor_name} · {labels('title_doctor_history')}", styles.title),
        field_table([p for p in profile if p[1]], [LABEL_COLUMN, width / 2 - LABEL_COLUMN], styles),
        gap(2), para(summary, styles.body),
    ]
    drafts = len(visits) - len(counted)
    if drafts:
        story.append(para(labels("drafts_marked", n=drafts), styles.note))
    story.append(gap(2))
    if visits:
        story.append(visit_table(visits, labels, styles, first_column="date", person_column="rep"))
    else:
        story.append(para(labels("nothing_in_period"), styles.body))
    return render_pdf(info, story)
