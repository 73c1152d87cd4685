"""The Reports page's figures: a period's KPIs against the one before, per person.

Composes ``local_store.read.reports`` (facts from the replica) with ``domain.kpis`` (the
one definition of each KPI, the same the server uses) into what the page shows: KPI
cards with the change against the previous period, frequency attainment by grade, sales
against target per product and, for managers, a ranked table of their reps. Exports
write the page's tables to CSV (UTF-8 with BOM, so Excel reads Chinese) or .xlsx.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from desktop.report_snapshots import KpiSnapshot, own_standing, period_snapshots, server_ranking
from domain.kpis import (
    GradeAttainment,
    Period,
    RepKpis,
    SalesAttainment,
    change,
    median,
    rank,
    rep_kpis,
    sales_attainment,
)
from local_store.read.plans import company_calendar
from local_store.read.reports import Person, ReportInputs, report_inputs

PERIOD_KINDS = ("month", "quarter", "year")
CARD_KEYS = ("visits", "coverage", "visits_per_working_day", "average_quality", "share_on_plan")
RANKED_BY = "coverage"


def period_of(kind: str, day: dt.date) -> Period:
    """The month, quarter or year holding ``day``."""
    if kind == "month":
        return Period.month(day.year, day.month)
    if kind == "quarter":
        return Period.quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == "year":
        return Period.year(day.year)
    raise ValueError(f"unknown period kind {kind!r}")


@dataclass(frozen=True, slots=True)
class Card:
    key: str
    value: float | None
    previous: float | None
    change: float | None


@dataclass(frozen=True, slots=True)
class TeamRow:
    person: Person
    kpis: RepKpis
    rank: int


@dataclass(frozen=True, slots=True)
class ReportView:
    kind: str
    period: Period
    previous: Period
    me: Person
    cards: tuple[Card, ...]
    grades: tuple[GradeAttainment, ...]
    sales: tuple[tuple[str, SalesAttainment], ...]  # (product name, figures)
    team: tuple[TeamRow, ...]  # managers: their reps, ranked by coverage
    team_median_coverage: float | None
    today: dt.date
    # The server's snapshots (desktop.report_snapshots): a rep's own rank and district
    # median; whether a manager's ranking is the server's ("server") or the device's.
    standing: KpiSnapshot | None = None
    ranking_source: str = "device"
    ranking_computed_at: dt.datetime | None = None


def _figure(kpis: RepKpis, key: str) -> float | None:
    value = getattr(kpis, key)
    return float(value) if value is not None else None


def _pooled(inputs: ReportInputs, period: Period) -> RepKpis:
    """The whole view's KPIs: every rep's visits against every rep's targets."""
    targets = [t for rep in inputs.people for t in inputs.targets.get(rep.user_id, ())]
    return rep_kpis(inputs.visits, targets, period)


def build_view(inputs: ReportInputs, kind: str, period: Period,
               snapshots: Sequence[KpiSnapshot] = ()) -> ReportView:
    """The page's figures from facts already read (pure: tests and benchmarks call it);
    ``snapshots``: the server's for the period, preferred for the ranking."""
    # A running period counts up to today and compares with the same stretch of the
    # previous one (docs/kpis.md "Periods that are still running").
    counted, previous = period.elapsed(inputs.today), period.previous_to_date(inputs.today)
    now, before = _pooled(inputs, counted), _pooled(inputs, previous)
    cards = tuple(Card(k, _figure(now, k), _figure(before, k), change(_figure(now, k), _figure(before, k)))
                  for k in CARD_KEYS)
    sold = sales_attainment(inputs.sales, inputs.sales_targets, period)
    sales = tuple(sorted(((inputs.product_names.get(p, p), s) for p, s in sold.items()),
                         key=lambda pair: pair[0]))
    team: tuple[TeamRow, ...] = ()
    team_median = None
    server = server_ranking(inputs.people, snapshots) if inputs.me.role != "rep" else None
    if server is not None:
        team = tuple(sorted((TeamRow(p, server.kpis[p.user_id], server.ranks[p.user_id])
                             for p in inputs.people), key=lambda row: (row.rank, row.person.name)))
        team_median = server.median_coverage
    elif inputs.me.role != "rep":
        per_rep = {p.user_id: rep_kpis([v for v in inputs.visits if v.rep_id == p.user_id],
                                       inputs.targets.get(p.user_id, ()), counted)
                   for p in inputs.people}
        places = rank({rep: k.coverage for rep, k in per_rep.items()})
        team = tuple(sorted((TeamRow(p, per_rep[p.user_id], places[p.user_id]) for p in inputs.people),
                            key=lambda row: (row.rank, row.person.name)))
        team_median = median(k.coverage for k in per_rep.values())
    return ReportView(kind, period, previous, inputs.me, cards, tuple(now.frequency.values()), sales,
                      team, team_median, inputs.today, own_standing(inputs.me, snapshots),
                      "server" if server else "device", server.computed_at if server else None)


def load_report(replica: Engine, kind: str = "month", day: dt.date | None = None, *,
                today: dt.date | None = None) -> ReportView:
    """Read the replica and compute the page for the period of ``kind`` holding ``day``
    (today in the company calendar by default; ``today`` too: a running period counts
    up to it). Runs off the UI thread."""
    with replica.connect() as conn:
        today = today or company_calendar(conn).today()
        anchor = day or today
        period = period_of(kind, anchor)
        span = Period(period.previous().first_day, period.last_day)
        inputs = report_inputs(conn, span, today=today)
        snapshots = period_snapshots(conn, kind, period.first_day)
    return build_view(inputs, kind, period, snapshots)


def export_table(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    """Write a table to ``path``: .xlsx by its suffix, else CSV (UTF-8 with BOM)."""
    if path.suffix.lower() == ".xlsx":
        import xlsxwriter  # only when exporting: keeps the app's start lean

        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet()
        bold = book.add_format({"bold": True})
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
            sheet.set_column(col, col, max(10, len(str(header)) * 2))
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is None:
                    continue
                sheet.write(r, col, value)
        book.close()
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows([["" if v is None else _csv_safe(v) for v in row] for row in rows])
    return path


def _csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
