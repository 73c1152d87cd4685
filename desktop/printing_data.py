"""The prints' data from the replica: ``local_store.read.prints`` rows made into the
printing package's dataclasses, and the PDFs built from them (no Qt).

One calendar (DESIGN §6): days, weeks (Monday first) and months are those of the
company time zone (the synced setting, Asia/Shanghai by default), whatever the
computer's zone; times print in it, the "printed at" stamp included.

Who may print what: a rep prints their own visits; a manager prints their own and
those of the reps they manage (``PrintRefused`` otherwise, with a message for the
user). Visit summaries list drafts marked and count only submitted visits. Frequency
attainment covers the month of the period's last day up to that day, each doctor's
requirement pro rata (``domain.frequency``: what was due by then), counting every
submitted visit to the rep's territory's active doctors, as the Doctors screen does.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.engine import Connection, Engine

from desktop.printing import (
    ActionItem,
    CommentEntry,
    CompetencyScore,
    DayPlanData,
    DoctorFrequency,
    DoctorHistoryData,
    EvaluationData,
    FieldDayLine,
    FieldDaysData,
    PlannedStop,
    ProductLine,
    RepFigures,
    ReviewEntry,
    TeamSummaryData,
    VisitEntry,
    VisitRecordData,
    VisitSummaryData,
    WeeklyReportData,
    day_plan_pdf,
    doctor_history_pdf,
    evaluation_pdf,
    field_days_pdf,
    month_bounds,
    team_summary_pdf,
    visit_record_pdf,
    visit_summary_pdf,
    week_bounds,
    weekly_report_pdf,
)
from desktop.printing.labels import Labels
from domain.calendar import CompanyCalendar, days_in_month
from domain.frequency import frequency_gap
from local_store.read import evaluation_prints as ep
from local_store.read import field_days as fd
from local_store.read import plan_prints as pp
from local_store.read import prints as rp
from local_store.read.doctors import active_frequency_rule
from local_store.read.plans import company_calendar
from local_store.read.visits import utc_range
from local_store.state import local_user_id

PERIODS = ("day", "week", "month")
MANAGER_ROLES = ("dm", "rm", "admin")

T = TypeVar("T")


class PrintRefused(ValueError):
    """The print cannot be made (unknown visit, someone else's rep, …); ``str()`` is for the
    user, in the print's language (the ``refused_*`` labels)."""


@dataclass(frozen=True, slots=True)
class Printed:
    """A finished print: the PDF and a file name to offer when saving it."""

    pdf: bytes
    file_name: str
    title: str


def period_bounds(period: str, day: dt.date, labels: Labels) -> tuple[dt.date, dt.date]:
    """First and last day of the day, week (Monday–Sunday) or month holding ``day``."""
    if period == "day":
        return day, day
    if period == "week":
        return week_bounds(day)
    if period == "month":
        return month_bounds(day)
    raise PrintRefused(labels("refused_period", period=period))


def company_calendar_of(replica: Engine) -> CompanyCalendar:
    """The company's calendar as the replica last synced it."""
    with replica.connect() as conn:
        return company_calendar(conn)


def company_today(replica: Engine) -> dt.date:
    """Today in the company's calendar (the default day of a print)."""
    return company_calendar_of(replica).today()


def _stamp(replica: Engine, printed_at: dt.datetime) -> dt.datetime:
    """The "printed at" moment as the company's wall-clock time (naive = UTC)."""
    return company_calendar_of(replica).local(printed_at)


def _local(calendar: CompanyCalendar, moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else calendar.local(moment)


def _lookup(find: Callable[[Connection, str], T | None], conn: Connection, key: str) -> T | None:
    """``find(conn, key)``; a key that is not even an id (``ValueError``) finds nothing."""
    try:
        return find(conn, key)
    except ValueError:
        return None


def _found(find: Callable[[Connection, str], T | None], conn: Connection, key: str, refusal: str) -> T:
    """What ``find`` finds for ``key`` (a visit, doctor, evaluation the user asked to print);
    nothing refuses the print with ``refusal``, the user's message."""
    row = _lookup(find, conn, key)
    if row is None:
        raise PrintRefused(refusal)
    return row


@dataclass(frozen=True, slots=True)
class ProductNames:
    """Products as a print names them: an English print shows the English name where the
    product has one; an id the replica does not know prints as it is."""

    names: dict[str, tuple[str, str | None]]
    chinese: bool

    @classmethod
    def read(cls, conn: Connection, labels: Labels) -> ProductNames:
        return cls(rp.product_names(conn), labels.chinese)

    def __call__(self, product_id: object) -> str:
        raw = str(product_id or "")
        try:
            key = rp.hex_id(raw) if raw else ""
        except ValueError:
            key = ""
        name, name_en = self.names.get(key, (raw, None))
        return name_en if (not self.chinese and name_en) else name


def _product_lines(row: rp.PrintVisitRow, products: ProductNames) -> tuple[ProductLine, ...]:
    return tuple(ProductLine(products(entry.get("product_id")), str(entry.get("key_message") or ""),
                             str(entry.get("reaction") or ""))
                 for entry in row.products)


def to_entry(row: rp.PrintVisitRow, products: ProductNames, calendar: CompanyCalendar) -> VisitEntry:
    return VisitEntry(
        id=row.id, started_at=calendar.local(row.started_at), ended_at=_local(calendar, row.ended_at),
        rep_name=row.rep_name, doctor_name=row.doctor_name, doctor_grade=row.doctor_grade,
        institution=row.institution, department=row.department, visit_type=row.visit_type,
        purpose=row.purpose, products=_product_lines(row, products), feedback=row.feedback,
        result=row.result, next_step=row.next_step, quality=row.quality, status=row.status,
        accompanied_by=row.accompanied_by)


def _person(user: rp.PrintUser) -> str:
    return f"{user.display_name} ({user.username})" if user.username != user.display_name else user.username


def resolve_rep(replica: Engine, rep: str | None, labels: Labels) -> tuple[rp.PrintUser, rp.PrintUser]:
    """(the signed-in user, the rep to print for): ``rep`` is a username or id, None for
    the signed-in user. Refuses anyone but the user and, for a manager, their reps."""
    with replica.connect() as conn:
        me_id = local_user_id(conn)
        me = rp.user_by_id(conn, str(me_id)) if me_id else None
        if me is None:
            raise PrintRefused(labels("refused_signed_out"))
        if rep is None:
            return me, me
        target = rp.user_by_username(conn, rep)
        if target is None:
            target = _found(rp.user_by_id, conn, rep, labels("refused_no_user", user=rep))
        if target.id != me.id and target.id not in {r.id for r in rp.team_reps(conn, me)}:
            raise PrintRefused(labels("refused_not_in_team", name=target.display_name))
        return me, target


def _attainment(conn: Connection, user: rp.PrintUser, last: dt.date) -> tuple[DoctorFrequency, ...]:
    if not user.territory_id:
        return ()
    first = last.replace(day=1)
    days = days_in_month(last)
    start, end = utc_range(company_calendar(conn), first, last)
    rule = active_frequency_rule(conn)
    counts = rp.territory_doctor_counts(conn, user.territory_id, start, end)
    return tuple(
        DoctorFrequency(c.grade, frequency_gap(c.grade, c.done, rule, last.day, days).expected_by_now, c.done)
        for c in counts)


def visit_summary_data(replica: Engine, period: str, day: dt.date, language: str, *,
                       rep: str | None = None, include_drafts: bool = True) -> VisitSummaryData:
    labels = Labels(language)
    first, last = period_bounds(period, day, labels)
    _me, user = resolve_rep(replica, rep, labels)
    with replica.connect() as conn:
        calendar = company_calendar(conn)
        start, end = utc_range(calendar, first, last)
        products = ProductNames.read(conn, labels)
        rows = rp.visits_between(conn, start, end, rep_ids=[user.id])
        attainment = _attainment(conn, user, last)
    entries = tuple(to_entry(r, products, calendar) for r in rows)
    return VisitSummaryData(period=period, first=first, last=last, person=_person(user), visits=entries,
                            attainment=attainment, attainment_from=last.replace(day=1),
                            include_drafts=include_drafts)


def visit_record_data(replica: Engine, visit_id: str, language: str) -> VisitRecordData:
    labels = Labels(language)
    with replica.connect() as conn:
        calendar = company_calendar(conn)
        row = _found(rp.visit_by_id, conn, visit_id, labels("refused_no_visit", id=visit_id))
        products = ProductNames.read(conn, labels)
        comments, reviews = rp.visit_thread(conn, row.id)
        amended = rp.visit_by_id(conn, row.amends_visit_id) if row.amends_visit_id else None
    reasons = tuple(_quality_line(item, labels) for item in row.quality_explanation)
    amends = ""
    if amended is not None:
        local = calendar.local(amended.started_at)
        amends = f"{labels.date(local)} {labels.time(local)}"
    return VisitRecordData(
        visit=to_entry(row, products, calendar), quality_reasons=reasons, amends=amends,
        comments=tuple(CommentEntry(c.author, c.kind, _local(calendar, c.written_at), c.text)
                       for c in comments),
        reviews=tuple(ReviewEntry(r.reviewer, _local(calendar, r.reviewed_at), r.exemplary)
                      for r in reviews))


def _quality_line(item: dict[str, object], labels: Labels) -> str:
    points = float(item.get("points") or 0)  # type: ignore[arg-type]
    code = str(item.get("code", ""))
    text = labels.get(f"quality_{code}", str(item.get("label_en") or code))
    sign = "+" if points >= 0 else "−"
    return f"{sign}{abs(points):g} {text}"


def doctor_history_data(replica: Engine, doctor_id: str, language: str) -> DoctorHistoryData:
    labels = Labels(language)
    me, _ = resolve_rep(replica, None, labels)
    with replica.connect() as conn:
        calendar = company_calendar(conn)
        doctor = _found(rp.doctor_profile, conn, doctor_id, labels("refused_no_doctor", id=doctor_id))
        products = ProductNames.read(conn, labels)
        rows = rp.doctor_visits(conn, doctor.id)
    title = labels.get(f"doctor_title_{doctor.title}", doctor.title)
    return DoctorHistoryData(doctor_name=doctor.name, grade=doctor.grade, title=title,
                             institution=doctor.institution, department=doctor.department,
                             specialty=doctor.specialty, person=_person(me),
                             visits=tuple(to_entry(r, products, calendar) for r in rows))


def team_summary_data(replica: Engine, period: str, day: dt.date, language: str) -> TeamSummaryData:
    """Per rep of the signed-in manager: submitted visits, doctors, quality, attainment."""
    labels = Labels(language)
    first, last = period_bounds(period, day, labels)
    me, _ = resolve_rep(replica, None, labels)
    with replica.connect() as conn:
        start, end = utc_range(company_calendar(conn), first, last)
        reps = rp.team_reps(conn, me)
        if not reps:
            raise PrintRefused(labels("refused_no_reps"))
        rows = rp.visits_between(conn, start, end, rep_ids=[r.id for r in reps])
        figures = []
        for rep in reps:
            mine = [r for r in rows if r.rep_id == rep.id]
            submitted = [r for r in mine if r.status == rp.SUBMITTED]
            scores = [r.quality for r in submitted if r.quality is not None]
            figures.append(RepFigures(
                rep_name=_person(rep), territory=rep.territory_name, visits=len(submitted),
                doctors_visited=len({r.doctor_id for r in submitted}),
                average_quality=sum(scores) / len(scores) if scores else None,
                attainment=_attainment(conn, rep, last), drafts=len(mine) - len(submitted)))
    by_type: dict[str, int] = {}
    for row in rows:
        if row.status == rp.SUBMITTED:
            by_type[row.visit_type] = by_type.get(row.visit_type, 0) + 1
    return TeamSummaryData(manager=_person(me), first=first, last=last, reps=tuple(figures),
                           by_type=dict(sorted(by_type.items())))


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text).strip("_") or "print"


def _username(person: str) -> str:
    """The username of ``_person``'s "Name (username)", safe in a file name."""
    return _safe(person.split(" (")[-1].rstrip(")"))


def print_visit_summary(replica: Engine, period: str, day: dt.date, language: str, printed_at: dt.datetime,
                        *, rep: str | None = None, include_drafts: bool = True) -> Printed:
    data = visit_summary_data(replica, period, day, language, rep=rep, include_drafts=include_drafts)
    pdf = visit_summary_pdf(data, language, _stamp(replica, printed_at))
    who = _username(data.person)
    return Printed(pdf, f"visits-{period}-{data.first.isoformat()}-{who}.pdf", data.person)


def print_visit(replica: Engine, visit_id: str, language: str, printed_at: dt.datetime) -> Printed:
    data = visit_record_data(replica, visit_id, language)
    stamp = data.visit.started_at.strftime("%Y-%m-%d-%H%M")
    name = f"visit-{stamp}-{_safe(data.visit.doctor_name)}.pdf"
    return Printed(visit_record_pdf(data, language, _stamp(replica, printed_at)), name,
                   data.visit.doctor_name)


def print_doctor_history(replica: Engine, doctor_id: str, language: str, printed_at: dt.datetime) -> Printed:
    data = doctor_history_data(replica, doctor_id, language)
    return Printed(doctor_history_pdf(data, language, _stamp(replica, printed_at)),
                   f"doctor-history-{_safe(data.doctor_name)}.pdf", data.doctor_name)


def print_team_summary(replica: Engine, period: str, day: dt.date, language: str,
                       printed_at: dt.datetime) -> Printed:
    data = team_summary_data(replica, period, day, language)
    return Printed(team_summary_pdf(data, language, _stamp(replica, printed_at)),
                   f"team-{period}-{data.first.isoformat()}.pdf", data.manager)


DONE, MISSED, PLANNED = "done", "missed", "planned"
PLANNED_MISSED = "missed"


def _stops(rows: list[pp.PlannedRow], products: ProductNames, today: dt.date,
           calendar: CompanyCalendar) -> tuple[PlannedStop, ...]:
    """Planned visits with their outcome: done (a visit fulfilled it, "draft" when it is
    not submitted yet), missed (marked so, or its day is over without one) or planned."""
    stops = []
    for row in rows:
        if row.fulfilled_at is not None:
            outcome = DONE
        elif row.status == PLANNED_MISSED or row.planned_date < today:
            outcome = MISSED
        else:
            outcome = PLANNED
        stops.append(PlannedStop(
            day=row.planned_date, route_order=row.route_order, doctor_name=row.doctor_name,
            doctor_grade=row.doctor_grade, institution=row.institution, department=row.department,
            address=row.address, objective=row.objective,
            products=tuple(products(key) for key in row.product_ids),
            latitude=row.latitude, longitude=row.longitude, outcome=outcome,
            visit_time=_local(calendar, row.fulfilled_at),
            visit_is_draft=row.fulfilled_at is not None and not row.fulfilled_submitted))
    return tuple(stops)


def weekly_report_data(replica: Engine, day: dt.date, language: str, *, rep: str | None = None,
                       today: dt.date | None = None) -> WeeklyReportData:
    """The week of ``day``: its planned visits and their outcome (``today``, the
    company's by default, decides which are missed), the unplanned visits."""
    monday, sunday = week_bounds(day)
    labels = Labels(language)
    _me, user = resolve_rep(replica, rep, labels)
    with replica.connect() as conn:
        calendar = company_calendar(conn)
        today = today or calendar.today()
        start, end = utc_range(calendar, monday, sunday)
        products = ProductNames.read(conn, labels)
        planned = pp.planned_between(conn, user.id, monday, sunday)
        visits = rp.visits_between(conn, start, end, rep_ids=[user.id])
        notes = pp.plan_notes(conn, user.id, monday)
    unplanned = tuple(to_entry(v, products, calendar) for v in visits
                      if v.planned_visit_id is None and v.status == rp.SUBMITTED)
    return WeeklyReportData(person=_person(user), week_start=monday,
                            planned=_stops(planned, products, today, calendar),
                            unplanned=unplanned, notes=notes)


def day_plan_data(replica: Engine, day: dt.date, language: str, *, rep: str | None = None,
                  today: dt.date | None = None) -> DayPlanData:
    labels = Labels(language)
    _me, user = resolve_rep(replica, rep, labels)
    with replica.connect() as conn:
        calendar = company_calendar(conn)
        today = today or calendar.today()
        products = ProductNames.read(conn, labels)
        planned = pp.planned_between(conn, user.id, day, day)
    return DayPlanData(person=_person(user), day=day,
                       stops=_stops(planned, products, today, calendar))


def print_weekly_report(replica: Engine, day: dt.date, language: str, printed_at: dt.datetime, *,
                        rep: str | None = None) -> Printed:
    stamp = _stamp(replica, printed_at)
    data = weekly_report_data(replica, day, language, rep=rep, today=stamp.date())
    who = _username(data.person)
    return Printed(weekly_report_pdf(data, language, stamp),
                   f"weekly-report-{data.week_start.isoformat()}-{who}.pdf", data.person)


def print_day_plan(replica: Engine, day: dt.date, language: str, printed_at: dt.datetime, *,
                   rep: str | None = None) -> Printed:
    stamp = _stamp(replica, printed_at)
    data = day_plan_data(replica, day, language, rep=rep, today=stamp.date())
    who = _username(data.person)
    return Printed(day_plan_pdf(data, language, stamp), f"day-plan-{day.isoformat()}-{who}.pdf",
                   data.person)


def evaluation_data(replica: Engine, evaluation_id: str, language: str) -> EvaluationData:
    """One evaluation as its form prints it. The indicators snapshot is the evaluated
    rep's month up to the evaluation day (submitted visits, average quality, frequency
    attainment); the replica holds the evaluations its user may see (their own, and
    those they wrote), so no further check is needed."""
    labels = Labels(language)
    with replica.connect() as conn:
        calendar = company_calendar(conn)
        row = _found(ep.evaluation_by_id, conn, evaluation_id,
                     labels("refused_no_evaluation", id=evaluation_id))
        observed = [rp.visit_by_id(conn, v) for v in row.observed_visit_ids if _is_uuid(v)]
        evaluatee = rp.user_by_id(conn, row.evaluatee_id)
        indicators: list[tuple[str, str]] = []
        if evaluatee is not None and evaluatee.territory_id:
            first = row.eval_date.replace(day=1)
            start, end = utc_range(calendar, first, row.eval_date)
            visits = [v for v in rp.visits_between(conn, start, end, rep_ids=[evaluatee.id])
                      if v.status == rp.SUBMITTED]
            scores = [v.quality for v in visits if v.quality is not None]
            frequency = _attainment(conn, evaluatee, row.eval_date)
            required = sum(f.required for f in frequency)
            credited = sum(min(f.done, f.required) for f in frequency)
            period = labels.period(first, row.eval_date)
            indicators = [
                (f"{labels('visits')} ({period})", str(len(visits))),
                (labels("avg_quality"), f"{sum(scores) / len(scores):.0f}" if scores else "—"),
                (labels("attained"), f"{credited / required * 100:.0f}%" if required else "—"),
            ]
    def competency_name(c: dict[str, object]) -> str:
        english = c.get("name_en")
        return str((english if not labels.chinese and english else c.get("name")) or c.get("code") or "")

    competencies = tuple(
        CompetencyScore(name=competency_name(c), weight=float(str(c.get("weight") or 0)),
                        score=_float(row.scores.get(str(c.get("code")))), scale_max=row.scale_max)
        for c in row.competencies)
    seen = []
    for visit in observed:
        if visit is not None:
            local = calendar.local(visit.started_at)
            when = f"{labels.date(local)} {labels.time(local)}"
            seen.append(f"{when} {visit.doctor_name} · {visit.institution}")
    actions = tuple(ActionItem(line.strip(" -·•")) for line in row.action_plan.splitlines() if line.strip())
    acknowledged = calendar.local_date(row.acknowledged_at) if row.acknowledged_at else None
    return EvaluationData(
        template=row.template_name, evaluator=row.evaluator, evaluatee=row.evaluatee, eval_date=row.eval_date,
        status=row.status, competencies=competencies, indicators=tuple(indicators),
        observed_visits=tuple(seen), strengths=row.strengths, improvements=row.improvements,
        action_items=actions, acknowledged_on=acknowledged, evaluatee_comment=row.evaluatee_comment,
        total_score=row.total_score)


def _float(value: object) -> float | None:
    try:
        return None if value is None else float(str(value))
    except ValueError:
        return None


def _is_uuid(value: str) -> bool:
    try:
        rp.hex_id(value)
    except ValueError:
        return False
    return True


def print_evaluation(replica: Engine, evaluation_id: str, language: str, printed_at: dt.datetime) -> Printed:
    data = evaluation_data(replica, evaluation_id, language)
    who = _username(data.evaluatee)
    return Printed(evaluation_pdf(data, language, _stamp(replica, printed_at)),
                   f"evaluation-{data.eval_date.isoformat()}-{who}.pdf", data.evaluatee)


def field_days_data(replica: Engine, day: dt.date, language: str, *,
                    manager: str | None = None) -> FieldDaysData:
    """The week of ``day`` of a DM's field days: ``manager`` (a username or id) is the
    signed-in DM by default; an RM names one of their DMs (``fd.team_of``: managed by
    them or of their region). Anyone else is refused."""
    monday, _sunday = week_bounds(day)
    labels = Labels(language)
    _me, target = resolve_field_manager(replica, manager, labels)
    with replica.connect() as conn:
        [week] = fd.field_weeks(conn, [uuid.UUID(str(target.id))], monday)
    lines: dict[dt.date, tuple[list[str], str]] = {}
    for entry in week.entries:
        reps, note = lines.setdefault(entry.planned_date, ([], ""))
        if entry.rep_id is not None:
            reps.append(entry.rep_name)
        if entry.note and not note:
            lines[entry.planned_date] = (reps, entry.note)
    days = tuple(FieldDayLine(d, tuple(reps), note) for d, (reps, note) in sorted(lines.items()))
    return FieldDaysData(manager=_person(target), week_start=monday, status=week.status,
                         days=days, review_comment=week.review_comment or "")


def resolve_field_manager(replica: Engine, manager: str | None,
                          labels: Labels) -> tuple[rp.PrintUser, rp.PrintUser]:
    """(the signed-in user, the DM whose field days print)."""
    with replica.connect() as conn:
        me_id = local_user_id(conn)
        me = rp.user_by_id(conn, str(me_id)) if me_id else None
        if me is None or me_id is None:
            raise PrintRefused(labels("refused_signed_out"))
        if manager is None:
            if me.role != "dm":
                raise PrintRefused(labels("refused_no_field_manager"))
            return me, me
        target = rp.user_by_username(conn, manager)
        if target is None:
            target = _found(rp.user_by_id, conn, manager, labels("refused_no_user", user=manager))
        if target.id == me.id and me.role == "dm":
            return me, target
        mine = {rp.hex_id(str(uid)) for uid, _name in fd.team_of(conn, me_id)}
        if me.role != "rm" or rp.hex_id(target.id) not in mine:
            raise PrintRefused(labels("refused_not_your_dm", name=target.display_name))
        return me, target


def print_field_days(replica: Engine, day: dt.date, language: str, printed_at: dt.datetime, *,
                     manager: str | None = None) -> Printed:
    data = field_days_data(replica, day, language, manager=manager)
    who = _username(data.manager)
    return Printed(field_days_pdf(data, language, _stamp(replica, printed_at)),
                   f"field-days-{data.week_start.isoformat()}-{who}.pdf", data.manager)
