"""Benchmark: the whole fleet's morning sync against one server on PostgreSQL.

3,000 simulated reps (the large demo's rep001…rep3000), each a protocol-speaking
client (plain ``requests`` speaking the pull/push JSON, its own client id and access
token) that pushes ~10 new visits (each detailing a product) and pulls what changed in its territory overnight
(~50 changes: its cursor is set 50 feed entries before the end of its territory).
Bounded concurrency (``--threads``, default 48); the server is uvicorn with
``--workers`` processes (default: 2, one per core). Prints ``sync.fleet_3000_reps_s``
(wall time for all), ``sync.fleet_p50_ms`` / ``sync.fleet_p95_ms`` (one rep's push +
pull) and ``sync.fleet_errors`` (HTTP errors and rejected mutations).

Sign-in is done before the clock starts by opening sessions directly in the
database (3,000 argon2 password checks would measure the password hash, not sync).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import statistics
import threading
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import requests
import sqlalchemy as sa

from bench.common import emit
from bench.databases import demo_database
from bench.serve import running_server
from server.auth.service import issue_tokens
from server.config import Settings
from server.db import create_engine
from server.sync.cursors import CursorCodec, Position
from server.sync.feed import current_seq, territory_scope, user_scope
from server.sync.pull import server_values
from server.tables import synced, users

OVERNIGHT_CHANGES = 50
VISITS_PER_REP = 10


@dataclass(slots=True)
class Rep:
    username: str
    user_id: uuid.UUID
    territory_id: uuid.UUID
    token: str
    cursors: dict[str, str]
    doctors: list[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=list)  # (doctor, institution)
    products: list[str] = field(default_factory=list)  # active catalogue ids to detail


def prepare_fleet(url: str, reps: int) -> list[Rep]:
    """Sessions, cursors and a few doctors for the first ``reps`` reps (direct DB reads)."""
    settings = Settings(database_url=url, access_token_minutes=240)
    engine = create_engine(url)
    fleet: list[Rep] = []
    with engine.begin() as conn:
        high = current_seq(conn)
        codec = CursorCodec(server_values(conn, "epoch")["epoch"])
        rows = conn.execute(sa.select(users).where(users.c.role == "rep", ~users.c.deleted,
                                                   users.c.territory_id.is_not(None))
                            .order_by(users.c.username).limit(reps)).mappings().all()
        scopes = [territory_scope(r["territory_id"]) for r in rows]
        marks = dict(conn.execute(sa.text(
            "SELECT s.scope, (SELECT f.seq FROM sync_feed f WHERE f.scope = s.scope "
            "ORDER BY f.seq DESC OFFSET :n LIMIT 1) FROM unnest(CAST(:scopes AS text[])) "
            "AS s(scope)"), {"n": OVERNIGHT_CHANGES, "scopes": scopes}).all())
        products = synced["products"]
        catalogue = [str(p) for p in conn.execute(
            sa.select(products.c.id).where(products.c.active, ~products.c.deleted)
            .order_by(products.c.code)).scalars()]
        picks: dict[uuid.UUID, list[tuple[uuid.UUID, uuid.UUID]]] = {}
        for did, iid, tid in conn.execute(sa.text(
                "SELECT d.id, d.institution_id, d.territory_id FROM unnest(CAST(:t AS uuid[])) "
                "AS t(id) CROSS JOIN LATERAL (SELECT id, institution_id, territory_id FROM "
                "doctors WHERE territory_id = t.id AND NOT deleted LIMIT 5) AS d"),
                {"t": [r["territory_id"] for r in rows]}):
            picks.setdefault(tid, []).append((did, iid))
        for r, scope in zip(rows, scopes, strict=True):
            token = issue_tokens(conn, settings, r["id"], user=dict(r))["access_token"]
            cursors = {
                "global": codec.encode("global", Position(high)),
                user_scope(r["id"]): codec.encode(user_scope(r["id"]), Position(high)),
                scope: codec.encode(scope, Position(int(marks.get(scope) or 0))),
            }
            fleet.append(Rep(r["username"], r["id"], r["territory_id"], token, cursors,
                             picks.get(r["territory_id"], []), catalogue))
    engine.dispose()
    return fleet


_local = threading.local()


def _session() -> requests.Session:
    s = getattr(_local, "session", None)
    if s is None:
        s = _local.session = requests.Session()
        s.trust_env = False  # no proxy lookup per request: measure the server, not this
        s.headers.update({"Accept-Encoding": "gzip", "Content-Type": "application/json"})
    return s


def _post(base: str, path: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
    data = json.dumps(body, separators=(",", ":")).encode()
    headers = {"Authorization": f"Bearer {token}"}
    if len(data) > 4096:
        data, headers["Content-Encoding"] = gzip.compress(data, 1), "gzip"
    r = _session().post(base + path, data=data, headers=headers, timeout=120)
    if r.status_code != 200:
        raise RuntimeError(f"{path} HTTP {r.status_code}: {r.text[:200]}")
    answer: dict[str, Any] = r.json()
    return answer


def morning_sync(base: str, rep: Rep) -> tuple[float, int, int]:
    """One rep: push today's visits, then pull. Returns (seconds, pulled, rejected)."""
    started = time.perf_counter()
    at = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3)
    mutations = []
    for i in range(VISITS_PER_REP if rep.doctors else 0):
        doctor, institution = rep.doctors[i % len(rep.doctors)]
        start = at + dt.timedelta(minutes=15 * i)
        mutations.append({"mutation_id": i + 1, "table": "visits", "id": str(uuid.uuid4()),
                          "op": "insert", "fields": {
                              "rep_id": str(rep.user_id), "territory_id": str(rep.territory_id),
                              "doctor_id": str(doctor), "institution_id": str(institution),
                              "visit_type": "face_to_face", "started_at": start.isoformat(),
                              "ended_at": (start + dt.timedelta(minutes=12)).isoformat(),
                              "purpose": "介绍新适应症", "doctor_feedback": "有兴趣",
                              "status": "draft", "client_created_at": start.isoformat()}})
        if rep.products:  # as a rep's visits do: a product detailed, with its key message
            mutations[-1]["fields"]["products_detailed"] = [{
                "product_id": rep.products[i % len(rep.products)],
                "key_message": "一天一次，依从性好"}]
    rejected = 0
    if mutations:
        pushed = _post(base, "/api/v1/sync/push", rep.token, {
            "protocol": 1, "client_id": f"fleet-{uuid.uuid4().hex}", "mutations": mutations})
        rejected = sum(1 for r in pushed["results"] if r["status"] == "rejected")
    cursors, pulled = dict(rep.cursors), 0
    while True:
        page = _post(base, "/api/v1/sync/pull", rep.token,
                     {"protocol": 1, "cursors": cursors, "limit": 2000})
        pulled += len(page["changes"])
        cursors = page["cursors"]
        if not page["has_more"]:
            break
    return time.perf_counter() - started, pulled, rejected


def run_fleet(url: str, *, reps: int = 3000, threads: int = 48, workers: int = 2) -> None:
    fleet = prepare_fleet(url, reps)
    latencies: list[float] = []
    errors = 0
    rejected = 0
    pulled = 0
    lock = threading.Lock()

    def one(rep: Rep) -> None:
        nonlocal errors, rejected, pulled
        try:
            seconds, got, refused = morning_sync(base, rep)
        except Exception as exc:  # counted, and the first few shown
            with lock:
                errors += 1
                if errors <= 3:
                    print(f"# fleet error ({rep.username}): {exc}", flush=True)
            return
        with lock:
            latencies.append(seconds)
            rejected += refused
            pulled += got

    with running_server(url, workers=workers) as base:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(one, fleet))
        wall = time.perf_counter() - started
    ms = sorted(s * 1000 for s in latencies)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))] if ms else 0.0
    common = {"db": "postgresql", "reps": len(fleet), "threads": threads, "workers": workers}
    emit("sync.fleet_3000_reps_s", round(wall, 1), "s", target=60, **common,
         pulled_per_rep=round(pulled / max(1, len(latencies)), 1),
         pushed_per_rep=VISITS_PER_REP)
    emit("sync.fleet_p50_ms", round(statistics.median(ms), 1) if ms else 0.0, "ms", **common)
    emit("sync.fleet_p95_ms", round(p95, 1), "ms", **common)
    emit("sync.fleet_errors", errors + rejected, "count", target=0, http_errors=errors,
         rejected_mutations=rejected, **common)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.fleet", description=__doc__)
    parser.add_argument("--reps", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=48)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", help="default: the large demo (bench/sync.py)")
    args = parser.parse_args(argv)
    url = args.database_url or demo_database("large")
    run_fleet(url, reps=args.reps, threads=args.threads, workers=args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
