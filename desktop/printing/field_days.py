"""A district manager's field days for one week (协访/随访 plan), on one A4 page.

Monday to Sunday, one line a day: the reps the DM rides along with and the day's
note; above them the week's status (draft, submitted, approved, returned) with the
number of field days and of reps accompanied, and the RM's comment when there is one.
A DM takes it along for the week; an RM files it with the approval. Days without a
ride-along stay on the page (a dash), so the week reads as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reportlab.platypus import Flowable

from desktop.printing.frame import (
    DocumentInfo,
    Styles,
    content_width,
    data_table,
    gap,
    para,
    render_pdf,
    section,
)
from desktop.printing.labels import Labels

DAYS_IN_WEEK = 7
WEEKEND = 5  # Saturday's weekday()


@dataclass(frozen=True, slots=True)
class FieldDayLine:
    """One day of the week: whom the DM rides along with (names) and the note."""

    day: date
    reps: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class FieldDaysData:
    manager: str
    week_start: date
    status: str | None  # None: the DM has not started the week
    days: tuple[FieldDayLine, ...] = ()
    review_comment: str = ""

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=DAYS_IN_WEEK - 1)

    @property
    def field_days(self) -> int:
        return sum(1 for d in self.days if d.reps)

    @property
    def reps_accompanied(self) -> int:
        return len({name for d in self.days for name in d.reps})


def status_text(status: str | None, labels: Labels) -> str:
    return labels(f"field_status_{status or 'none'}")


def field_days_pdf(data: FieldDaysData, language: str, printed_at: datetime) -> bytes:
    labels = Labels(language)
    styles = Styles(labels)
    period = labels.period(data.week_start, data.week_end)
    person = labels("manager", name=data.manager)
    info = DocumentInfo(title=labels("title_field_days"), person=person, period=period,
                        printed_at=printed_at, language=language)
    width = content_width(info)
    story: list[Flowable] = [
        para(labels("title_field_days"), styles.title),
        para(f"{person} · {period}", styles.body), gap(2),
        data_table([labels("status"), labels("field_days"), labels("reps_accompanied")],
                   [[status_text(data.status, labels), str(data.field_days),
                     str(data.reps_accompanied)]],
                   [width * 0.2, width * 0.15, width * 0.2], styles, right_columns=[1, 2]),
    ]
    if data.review_comment:
        story += [gap(2), para(labels("rm_comment", text=data.review_comment), styles.body)]
    by_day = {d.day: d for d in data.days}
    rows, weekend = [], []
    for offset in range(DAYS_IN_WEEK):
        day = data.week_start + timedelta(days=offset)
        line = by_day.get(day, FieldDayLine(day))
        if day.weekday() >= WEEKEND:
            weekend.append(offset)
        rows.append([f"{labels.weekday(day)}\n{labels.date(day)}",
                     "、".join(line.reps) if line.reps else labels("none"), line.note])
    story += [*section(labels("field_week"), styles.heading),
              data_table([labels("date"), labels("reps_accompanied"), labels("notes")], rows,
                         [width * f for f in (0.18, 0.37, 0.45)], styles,
                         highlight_rows=weekend)]
    return render_pdf(info, story)
