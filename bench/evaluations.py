"""Benchmark: evaluations on a manager's replica (issue 16).

``eval.form_open_ms``: ``desktop.evaluations.open_form`` for a new evaluation of a rep
by dm001 (team, template, that day's observable visits and the indicator snapshot of
the month), on dm001's replica of the medium demo. Target ≤ 150 ms.
``eval.save_ms``: ``save_form`` of a draft with six scores and two action items (the
evaluation, its items and their outbox entries in one transaction). Target ≤ 20 ms.
``eval.trends_ms``: ``management_data`` (counts per evaluator per month, the trend of
the total per person and the team average over two years) on rm001's replica (the
whole region). Target ≤ 200 ms.

Data are prepared once and cached under ``bench/out/eval-<scale>/``: the demo seeded
into a SQLite server database, served on a free port, dm001 and rm001 (and rep001)
synced into plain replica files. ``prepare`` is also what the screenshots of the
evaluation screens start from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "fieldrep"
SEED_TODAY = "2026-11-20"
USERS = ("dm001", "rm001", "rep001")
RUNS = 15


def prepare(scale: str = "medium", cache: Path | None = None) -> dict[str, str]:
    """Seed, serve and sync once; returns {user: replica path}."""
    cache = cache or ROOT / "bench" / "out" / f"eval-{scale}"
    info_file = cache / "replicas.json"
    if info_file.exists():
        info: dict[str, str] = json.loads(info_file.read_text())
        return info
    server_dir = cache / "server"
    cli = [sys.executable, "-m", "server.cli"]
    common = ["--data-dir", str(server_dir)]
    if not (server_dir / ".seeded").exists():
        print(f"# bench.evaluations: seeding the {scale} demo once…", file=sys.stderr, flush=True)
        subprocess.run([*cli, "init-db", *common], check=True, cwd=ROOT)
        subprocess.run([*cli, "seed-demo", "--scale", scale, "--seed", "7", "--today", SEED_TODAY,
                        *common], check=True, cwd=ROOT)
        (server_dir / ".seeded").write_text(scale + "\n")
    from bench.serve import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*cli, "serve", *common, "--host", "127.0.0.1", "--port", str(port)],
                              cwd=ROOT)
    info = {}
    try:
        from desktop.demo import wait_for_health
        from local_store.state import USER_ID, set_state
        from local_store.store import open_replica
        from sync.client import SyncHttpClient
        from sync.engine import SyncEngine

        wait_for_health(url, server, timeout=60)
        for user in USERS:
            print(f"# bench.evaluations: syncing {user} once…", file=sys.stderr, flush=True)
            path = cache / f"{user}.sqlite3"
            replica = open_replica(path)
            http = SyncHttpClient(url)
            answer = http.login(user, PASSWORD)
            with replica.begin() as conn:
                set_state(conn, USER_ID, str(answer["user"]["id"]))
            SyncEngine(replica, http).run()
            http.close()
            replica.dispose()
            info[user] = str(path)
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(server.pid, signal.SIGKILL)
                server.wait()
    info["today"] = SEED_TODAY
    info_file.write_text(json.dumps(info))
    return info


def _median_ms(fn: object, runs: int = RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2), round(min(times), 2)


def measure(info: dict[str, str], scale: str) -> None:
    import shutil
    import tempfile

    from bench.common import emit
    from desktop import evaluations as ev
    from local_store.read import evaluations as read
    from local_store.state import local_user_id
    from local_store.store import open_replica

    today = dt.date.fromisoformat(info["today"])
    with tempfile.TemporaryDirectory() as tmp:  # saves must not change the cached replica
        copy = Path(tmp) / "dm.sqlite3"
        shutil.copy(info["dm001"], copy)
        dm = open_replica(copy)
        with dm.connect() as conn:
            me = local_user_id(conn)
            assert me is not None
            team = read.team_of(conn, me)
            records = read.evaluation_records(conn)
        # the rep and day of the latest evaluation: a day with visits to observe
        latest = next(r for r in records if r.evaluator_id == me)
        evaluatee, day = latest.evaluatee_id, latest.eval_date
        ev.open_form(dm, evaluatee_id=evaluatee, day=day)  # warm caches
        median, best = _median_ms(lambda: ev.open_form(dm, evaluatee_id=evaluatee, day=day))
        data = ev.open_form(dm, evaluatee_id=evaluatee, day=day)
        emit("eval.form_open_ms", median, "ms", target=150, min=best, runs=RUNS,
             replica=f"{scale} demo, dm001", team=len(team), visits=len(data.visits),
             indicator_visits=data.indicators.visits if data.indicators else 0)
        import uuid
        scores = {c.code: 4 for c in data.template.competencies}
        form = ev.EvaluationForm(
            template_id=uuid.UUID(data.template.id), evaluatee_id=evaluatee, eval_date=day,
            scores=scores, observed_visit_ids=[str(v.id) for v in data.visits[:2]],
            strengths="开场自然", improvements="异议处理",
            items=[ev.ItemDraft("练习异议处理", day + dt.timedelta(days=14)),
                   ev.ItemDraft("复盘拜访记录", day + dt.timedelta(days=21))],
            indicators=data.indicators.to_json() if data.indicators else None)
        saved: list[float] = []
        for _ in range(RUNS):
            started = time.perf_counter()
            ev.save_form(dm, form, evaluation_id=None, submit=False)
            saved.append((time.perf_counter() - started) * 1000)
        emit("eval.save_ms", round(statistics.median(saved), 2), "ms", target=20,
             min=round(min(saved), 2), runs=RUNS, replica=f"{scale} demo, dm001")
        dm.dispose()
    rm = open_replica(Path(info["rm001"]))
    ev.management_data(rm, today=today)
    median, best = _median_ms(lambda: ev.management_data(rm, today=today))
    m = ev.management_data(rm, today=today)
    emit("eval.trends_ms", median, "ms", target=200, min=best, runs=RUNS,
         replica=f"{scale} demo, rm001", people=len(m.trend), evaluators=len(m.evaluators),
         months=len(m.months))
    rm.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.evaluations")
    parser.add_argument("--scale", default="medium")
    parser.add_argument("--prepare-only", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    info = prepare(args.scale)
    if args.prepare_only:
        print(json.dumps(info))
        return
    measure(info, args.scale)


if __name__ == "__main__":
    main()
