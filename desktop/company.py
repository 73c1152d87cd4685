"""The admin's Company page data: the server's aggregates, kept for offline display.

An admin is not a field user: their replica holds the org tree, rules and knowledge
base but no doctors, visits or colleagues (``server.auth.scoping``). What the page
shows comes from two read-only admin endpoints (``sync.client.SyncHttpClient.
admin_overview`` and ``admin_imports``); the last answers are kept in the replica
(``local_store.server_answers``) so the page opens offline on what was last fetched,
with its time.

``refresh_company`` runs on the writer thread (``Ops.write``): the session's HTTP client
is used by one thread at a time (the sync uses it there too), and the answers are
stored in the same step. A failure to reach the server is not an error of the page:
it comes back as a ``problem`` code next to whatever was kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from local_store.server_answers import keep_answer, kept_answer
from sync.client import AuthError, NetworkError, ServerError, ServerRejected, SyncHttpClient
from wire.overview import Figures, as_count

OVERVIEW = "admin.overview"
IMPORTS = "admin.imports"

# Why a refresh brought nothing new (the page says it in words).
OFFLINE = "offline"
FORBIDDEN = "forbidden"
SIGNED_OUT = "signed_out"
SERVER_FAILED = "server_failed"


@dataclass(frozen=True, slots=True)
class District:
    code: str
    name: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    districts: tuple[District, ...]
    figures: Figures


@dataclass(frozen=True, slots=True)
class CompanyUser:
    username: str
    display_name: str
    role: str
    active: bool
    region: str
    district: str
    territory: str


@dataclass(frozen=True, slots=True)
class CompanyOverview:
    generated_at: dt.datetime
    month: dt.date
    previous_month: dt.date
    grades: tuple[str, ...]
    regions: tuple[Region, ...]
    company: Figures
    unassigned_doctors: int
    users: tuple[CompanyUser, ...]


@dataclass(frozen=True, slots=True)
class ImportRun:
    kind: str
    source: str
    command: str
    run_by: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    status: str
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors_file: str
    message: str

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True, slots=True)
class CompanySnapshot:
    """What the page shows: the kept answers (None: never fetched) and a refresh problem."""

    overview: CompanyOverview | None
    imports: tuple[ImportRun, ...]
    fetched_at: dt.datetime | None
    problem: str | None = None
    problem_detail: str = ""


def _time(value: Any) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return dt.date.min


def parse_overview(body: Mapping[str, Any]) -> CompanyOverview:
    regions = []
    for r in body.get("regions") or []:
        districts = tuple(District(str(d.get("code") or ""), str(d.get("name") or ""),
                                   Figures.of(d)) for d in r.get("districts") or [])
        total = Figures.summed([d.figures for d in districts],
                               institutions=as_count(r.get("institutions")))
        regions.append(Region(str(r.get("code") or ""), str(r.get("name") or ""), districts, total))
    company = dict(body.get("company") or {})
    all_districts = [d.figures for r in regions for d in r.districts]
    summed = Figures.summed(all_districts, institutions=as_count(company.get("institutions")))
    users = tuple(CompanyUser(str(u.get("username") or ""), str(u.get("display_name") or ""),
                              str(u.get("role") or ""), bool(u.get("active")),
                              str(u.get("region") or ""), str(u.get("district") or ""),
                              str(u.get("territory") or ""))
                  for u in body.get("users") or [])
    return CompanyOverview(
        generated_at=_time(body.get("generated_at")) or dt.datetime.min.replace(tzinfo=dt.UTC),
        month=_date(body.get("month")), previous_month=_date(body.get("previous_month")),
        grades=tuple(str(g) for g in body.get("grades") or ()), regions=tuple(regions),
        company=summed, unassigned_doctors=as_count(company.get("unassigned_doctors")), users=users)


def parse_imports(body: Mapping[str, Any]) -> tuple[ImportRun, ...]:
    return tuple(ImportRun(
        kind=str(r.get("kind") or ""), source=str(r.get("source") or ""),
        command=str(r.get("command") or ""), run_by=str(r.get("run_by") or ""),
        started_at=_time(r.get("started_at")), finished_at=_time(r.get("finished_at")),
        status=str(r.get("status") or ""), created=as_count(r.get("created")),
        updated=as_count(r.get("updated")), unchanged=as_count(r.get("unchanged")),
        rejected=as_count(r.get("rejected")), errors_file=str(r.get("errors_file") or ""),
        message=str(r.get("message") or "")) for r in body.get("runs") or [])


def cached_company(replica: Engine) -> CompanySnapshot:
    """What was last fetched (read pool); ``overview`` None when nothing ever was."""
    overview, imports = kept_answer(replica, OVERVIEW), kept_answer(replica, IMPORTS)
    return CompanySnapshot(
        overview=parse_overview(overview.body) if overview else None,
        imports=parse_imports(imports.body) if imports else (),
        fetched_at=overview.fetched_at if overview else None)


def refresh_company(http: SyncHttpClient, replica: Engine) -> CompanySnapshot:
    """Fetch both answers, keep them, return what to show (writer thread, see above)."""
    try:
        overview = http.admin_overview()
        imports = http.admin_imports()
    except NetworkError as exc:
        return _with_problem(replica, OFFLINE, exc.message)
    except AuthError as exc:
        return _with_problem(replica, SIGNED_OUT, exc.message)
    except ServerRejected as exc:
        return _with_problem(replica, FORBIDDEN if exc.status == 403 else SERVER_FAILED,
                             exc.message)
    except ServerError as exc:
        return _with_problem(replica, SERVER_FAILED, exc.message)
    now = dt.datetime.now(dt.UTC)
    keep_answer(replica, OVERVIEW, overview, now)
    keep_answer(replica, IMPORTS, imports, now)
    return cached_company(replica)


def _with_problem(replica: Engine, problem: str, detail: str) -> CompanySnapshot:
    kept = cached_company(replica)
    return CompanySnapshot(kept.overview, kept.imports, kept.fetched_at, problem, detail)
