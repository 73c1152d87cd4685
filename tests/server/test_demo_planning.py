"""The demo is calibrated for planning: a mostly disciplined team, grades the server agrees with."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.calendar import CompanyCalendar
from domain.frequency import frequency_gap_on
from server.auth.passwords import hash_password
from server.demo.seed import DEMO_PASSWORD, seed_demo
from server.rules.service import frequency_rule_in_force, regrade
from tests.conftest import truncate_all

TODAY = dt.date(2026, 12, 3)
DAY_24 = dt.date(2026, 11, 24)


def test_small_demo_behind_share_on_day_24_and_no_regrade_changes(sqlite_engine: Engine) -> None:
    truncate_all(sqlite_engine)
    try:
        seed_demo(sqlite_engine, "small", seed=1, today=TODAY,
                  password_hash=hash_password(DEMO_PASSWORD))
        with sqlite_engine.begin() as conn:
            assert regrade(conn, dry_run=True, today=TODAY).changed == 0
            rule = frequency_rule_in_force(conn, TODAY)
            span = CompanyCalendar(rule.time_zone).month(DAY_24)
            start = span.start.replace(tzinfo=None)
            end = CompanyCalendar(rule.time_zone).end_of_day(DAY_24).replace(tzinfo=None)
            doctors = conn.execute(sa.text(
                "SELECT d.id, d.grade, u.username FROM doctors d "
                "JOIN users u ON u.territory_id = d.territory_id AND u.role = 'rep' "
                "WHERE NOT d.deleted")).all()
            counted = Counter(r.doctor_id for r in conn.execute(sa.text(
                "SELECT doctor_id, visit_type, status, amends_visit_id FROM visits "
                "WHERE started_at >= :s AND started_at < :e"), {"s": start, "e": end})
                if rule.counts_visit(r.status, r.visit_type, r.amends_visit_id))
        targets: Counter[str] = Counter()
        behind: Counter[str] = Counter()
        for doctor_id, grade, rep in doctors:
            if rule.is_target(grade):
                targets[rep] += 1
                behind[rep] += frequency_gap_on(grade, counted[doctor_id], rule, DAY_24).behind
        shares = [behind[rep] / targets[rep] for rep in targets]
        assert len(shares) == 12
        assert 0.10 <= sum(shares) / len(shares) <= 0.30
        assert 0.05 <= behind["rep001"] / targets["rep001"] <= 0.35
    finally:
        truncate_all(sqlite_engine)
