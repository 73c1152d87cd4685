"""The weekly report (周报: the week's plan against what was done) and the day plan.

Both take plain data (``PlannedStop``s), so they are ready for whatever the planning
screens store: a planned visit's outcome is ``done`` (a submitted visit fulfilled it),
``missed`` (its day is over without one) or ``planned`` (still ahead); a stop done by
a visit still in draft says so. Adherence is
done-as-planned over planned stops whose day is over; unplanned visits are listed
apart and do not raise adherence.

The day plan prints the route in order with addresses and objectives, and a sketch of
the stops drawn from their coordinates (an equirectangular projection of the stops'
bounding box: true enough at a city's scale; "not to scale" says the rest).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop.printing.fonts import register_fonts
from desktop.printing.frame import (
    ACCENT,
    MUTED,
    RULE,
    DocumentInfo,
    Styles,
    content_width,
    data_table,
    gap,
    keep,
    para,
    render_pdf,
    section,
)
from desktop.printing.labels import Labels
from desktop.printing.model import VisitEntry
from desktop.printing.visit_summary import percent_text, visit_table

DONE, MISSED, PLANNED = "done", "missed", "planned"
MAP_HEIGHT = 95 * mm
MAP_PADDING = 12 * mm
STOP_RADIUS = 7


@dataclass(frozen=True, slots=True)
class PlannedStop:
    day: date
    route_order: int | None
    doctor_name: str
    doctor_grade: str | None
    institution: str
    department: str
    address: str
    objective: str
    products: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    outcome: str = PLANNED
    visit_time: datetime | None = None
    visit_is_draft: bool = False  # done, but its visit is not submitted yet


@dataclass(frozen=True, slots=True)
class WeeklyReportData:
    person: str
    week_start: date
    planned: tuple[PlannedStop, ...]
    unplanned: tuple[VisitEntry, ...] = ()
    notes: str = ""

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)


@dataclass(frozen=True, slots=True)
class WeeklyFigures:
    planned: int
    done: int
    missed: int
    unplanned: int

    @property
    def adherence(self) -> float | None:
        due = self.done + self.missed
        return self.done / due if due else None


def weekly_figures(data: WeeklyReportData) -> WeeklyFigures:
    return WeeklyFigures(planned=len(data.planned),
                         done=sum(1 for s in data.planned if s.outcome == DONE),
                         missed=sum(1 for s in data.planned if s.outcome == MISSED),
                         unplanned=sum(1 for v in data.unplanned if not v.is_draft))


def _route_sorted(stops: Sequence[PlannedStop]) -> list[PlannedStop]:
    return sorted(stops, key=lambda s: (s.day, s.route_order is None, s.route_order or 0, s.doctor_name))


def _doctor(stop: PlannedStop) -> str:
    return f"{stop.doctor_name} ({stop.doctor_grade})" if stop.doctor_grade else stop.doctor_name


def weekly_report_pdf(data: WeeklyReportData, language: str, printed_at: datetime) -> bytes:
    labels = Labels(language)
    styles = Styles(labels)
    period = labels.period(data.week_start, data.week_end)
    info = DocumentInfo(title=labels("title_weekly_report"), person=data.person, period=period,
                        printed_at=printed_at, language=language, landscape=True)
    width = content_width(info)
    figures = weekly_figures(data)
    story: list[Flowable] = [
        para(labels("title_weekly_report"), styles.title),
        para(f"{data.person} · {period}", styles.body), gap(2),
        data_table([labels("planned"), labels("done_as_planned"), labels("missed"), labels("unplanned"),
                    labels("adherence")],
                   [[str(figures.planned), str(figures.done), str(figures.missed), str(figures.unplanned),
                     percent_text(figures.adherence)]],
                   [width * 0.12] * 5, styles, right_columns=[0, 1, 2, 3, 4]),
        *section(labels("plan_vs_actual"), styles.heading),
    ]
    columns = [width * f for f in (0.05, 0.2, 0.25, 0.35, 0.15)]
    for day, stops in groupby(_route_sorted(data.planned), key=lambda s: s.day):
        rows, missed = [], []
        for index, stop in enumerate(stops):  # numbered in route order, as the day plan is
            outcome = labels.get(f"outcome_{stop.outcome}", "")
            if stop.visit_time is not None:
                outcome += f" {labels.time(stop.visit_time)}"
            if stop.visit_is_draft:
                outcome += f" ({labels('status_draft')})"
            if stop.outcome == MISSED:
                missed.append(index)
            place = " · ".join(p for p in (stop.institution, stop.department) if p)
            rows.append([str(index + 1), _doctor(stop), place, stop.objective, outcome])
        story += [*section(f"{labels.date(day)} {labels.weekday(day)}", styles.subheading),
                  data_table([labels("stop"), labels("doctor"), labels("institution"), labels("objective"),
                              labels("status")], rows, columns, styles, highlight_rows=missed)]
    if data.unplanned:
        story += [*section(f"{labels('unplanned')} · {len(data.unplanned)}", styles.heading),
                  visit_table(sorted(data.unplanned, key=lambda v: v.started_at), labels, styles,
                              first_column="date")]
    if data.notes:
        story += [*section(labels("notes"), styles.heading), para(data.notes, styles.body)]
    return render_pdf(info, story)


@dataclass(frozen=True, slots=True)
class DayPlanData:
    person: str
    day: date
    stops: tuple[PlannedStop, ...]
    notes: str = ""


def day_plan_pdf(data: DayPlanData, language: str, printed_at: datetime) -> bytes:
    labels = Labels(language)
    styles = Styles(labels)
    period = f"{labels.date(data.day)} {labels.weekday(data.day)}"
    info = DocumentInfo(title=labels("title_day_plan"), person=data.person, period=period,
                        printed_at=printed_at, language=language)
    width = content_width(info)
    stops = _route_sorted(data.stops)
    rows = []
    for number, stop in enumerate(stops, start=1):
        place = " · ".join(p for p in (stop.institution, stop.department) if p)
        rows.append([str(number), _doctor(stop), f"{place}\n{stop.address}".strip(),
                     stop.objective + (f"\n{'、'.join(stop.products)}" if stop.products else "")])
    story: list[Flowable] = [para(labels("title_day_plan"), styles.title),
                             para(f"{data.person} · {period}", styles.body), gap(2)]
    story.append(data_table([labels("stop"), labels("doctor"), labels("address"), labels("objective")],
                            rows, [width * f for f in (0.07, 0.2, 0.38, 0.35)], styles))
    story.append(keep(para(labels("route_map"), styles.heading), route_sketch(stops, width, labels)))
    if data.notes:
        story += [*section(labels("notes"), styles.heading), para(data.notes, styles.body)]
    return render_pdf(info, story)


def route_sketch(stops: Sequence[PlannedStop], width: float, labels: Labels) -> Drawing:
    """The stops as numbered circles joined in route order, north up."""
    font = register_fonts()
    drawing = Drawing(width, MAP_HEIGHT)
    drawing.initialFontName = font  # the renderer starts in this font, not an unembedded one
    drawing.add(Rect(0, 0, width, MAP_HEIGHT, strokeColor=RULE, fillColor=colors.HexColor("#f5f7fa"),
                     strokeWidth=0.6))
    placed = [(n, s) for n, s in enumerate(stops, start=1)
              if s.latitude is not None and s.longitude is not None]
    if not placed:
        drawing.add(String(width / 2, MAP_HEIGHT / 2, labels("no_coordinates"), fontName=font, fontSize=9,
                           fillColor=MUTED, textAnchor="middle"))
        return drawing
    lats = [float(s.latitude or 0.0) for _, s in placed]
    squeeze = math.cos(math.radians(sum(lats) / len(lats)))
    xs = [float(s.longitude or 0.0) * squeeze for _, s in placed]
    ys = lats
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-6)
    scale = min((width - 2 * MAP_PADDING), (MAP_HEIGHT - 2 * MAP_PADDING)) / span
    x0 = (width - (max(xs) - min(xs)) * scale) / 2
    y0 = (MAP_HEIGHT - (max(ys) - min(ys)) * scale) / 2
    points = [(x0 + (x - min(xs)) * scale, y0 + (y - min(ys)) * scale) for x, y in zip(xs, ys, strict=True)]
    if len(points) > 1:
        drawing.add(PolyLine([c for p in points for c in p], strokeColor=ACCENT, strokeWidth=1.2,
                             strokeDashArray=[3, 2]))
    spots: dict[tuple[float, float], list[tuple[int, PlannedStop]]] = {}
    for (number, stop), point in zip(placed, points, strict=True):
        spots.setdefault((round(point[0], 1), round(point[1], 1)), []).append((number, stop))
    for (x, y), here in spots.items():
        # Stops at one place (the same hospital) share one marker and one label.
        numbers = "/".join(str(n) for n, _ in here)
        first = here[0][1]
        who = first.doctor_name if len(here) == 1 else "、".join(s.doctor_name for _, s in here)
        drawing.add(Circle(x, y, STOP_RADIUS, fillColor=ACCENT, strokeColor=colors.white, strokeWidth=1))
        drawing.add(String(x, y - 3, str(here[0][0]), fontName=font, fontSize=8, fillColor=colors.white,
                           textAnchor="middle"))
        drawing.add(String(x + STOP_RADIUS + 2, y - 3, f"{numbers} · {who} · {first.institution}",
                           fontName=font, fontSize=7, fillColor=MUTED))
    north_x = width - 8 * mm
    drawing.add(Line(north_x, MAP_HEIGHT - 16 * mm, north_x, MAP_HEIGHT - 6 * mm, strokeColor=MUTED,
                     strokeWidth=0.8))
    drawing.add(String(north_x, MAP_HEIGHT - 5 * mm + 1, "N", fontName=font, fontSize=7, fillColor=MUTED,
                       textAnchor="middle"))
    return drawing
