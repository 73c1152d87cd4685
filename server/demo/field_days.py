"""A DM's field days in the demo: whom each DM rides along with, week by week.

The last three weeks and the current one (relative to the seed's ``today``): two or
three weekdays a week with one rep of the DM's own district (now and then two), each
with a short note. Past weeks are approved by the region's RM, the current week is
submitted and awaits the RM, so every role's Plan page and the prints have something
to show. Rows go through the ``BulkLoader`` (district scope, one feed entry each),
like every other seeded table; the seed's ``rng`` makes them deterministic.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from server.demo import names
from server.demo.bulk import BulkLoader
from server.demo.generate import World

WEEKS_BACK = 3  # the current week and the three before it
DAYS_A_WEEK = (2, 3)
TWO_REPS_SHARE = 0.2  # "occasionally two" reps on one day


def seed_field_days(rng: random.Random, new_id: Callable[[], str], loader: BulkLoader,
                    world: World, today: dt.date) -> None:
    reps_of: dict[str, list[str]] = {}
    for t in world.territories:
        reps_of.setdefault(t.district_id, []).append(t.rep_id)
    this_monday = today - dt.timedelta(days=today.weekday())
    for dm_id, _rm_id, district_id in world.dms:
        reps = reps_of.get(district_id)
        if not reps:
            continue
        for back in range(WEEKS_BACK, -1, -1):
            monday = this_monday - dt.timedelta(weeks=back)
            approved = back > 0
            plan_id = new_id()
            loader.add("field_plans", {
                "id": plan_id, "manager_id": dm_id, "district_id": district_id,
                "week_start": monday, "status": "approved" if approved else "submitted",
                "notes": rng.choice(names.FIELD_WEEK_NOTES),
                "review_comment": rng.choice(names.FIELD_WEEK_APPROVALS) if approved else None})
            for offset in sorted(rng.sample(range(5), rng.randint(*DAYS_A_WEEK))):
                two = len(reps) > 1 and rng.random() < TWO_REPS_SHARE
                note = rng.choice(names.FIELD_DAY_NOTES)
                for rep_id in rng.sample(reps, 2 if two else 1):
                    loader.add("field_days", {
                        "id": new_id(), "plan_id": plan_id, "manager_id": dm_id,
                        "district_id": district_id,
                        "planned_date": monday + dt.timedelta(days=offset),
                        "rep_id": rep_id, "note": note})
