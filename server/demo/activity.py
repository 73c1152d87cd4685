"""Six months of field activity per territory: weekly plans, planned visits, visits,
manager comments and reviews, evaluations, events, change requests, sales and targets.

Generated rep by rep and streamed into the ``BulkLoader`` (never the whole history in
memory). Times are working hours in Asia/Shanghai stored as UTC-aware datetimes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

from domain.calendar import CompanyCalendar, days_in_month
from domain.visit_quality import score_visit
from domain.visit_rules import VisitRules, is_blank
from server.demo import names
from server.demo.bulk import BulkLoader, Json
from server.demo.catalogue import (
    Catalogue,
    Product,
    demo_frequency_rule,
    evaluation_scores,
    visit_rule_values,
)
from server.demo.generate import DoctorFact, Territory, World, mobile, person_name

NewId = Callable[[], str]
GRADE_WEIGHT = {"A": 8, "B": 4, "C": 2, "D": 1}
FREQUENCY = demo_frequency_rule()
CALENDAR = CompanyCalendar(FREQUENCY.time_zone)  # the demo company's (Asia/Shanghai)
# How often a rep picks the next visit from the doctors due under the frequency rule
# rather than at random: mostly disciplined reps, each a little different.
DISCIPLINE = (0.5, 0.75)
VISIT_TYPES = (("face_to_face", 75), ("phone", 12), ("department_meeting", 8), ("academic_event", 5))
DECISION_NOTES = {"approved": "已核实，同意。", "rejected": "信息不完整，请补充证明。"}
DURATION = {"face_to_face": (8, 35), "phone": (5, 15), "department_meeting": (30, 60),
            "academic_event": (60, 120)}


def local_time(day: dt.date, minutes: int) -> dt.datetime:
    """``minutes`` after the company's midnight on ``day``, as a UTC datetime."""
    return CALENDAR.start_of(day) + dt.timedelta(minutes=minutes)


def month_starts(today: dt.date, months: int) -> list[dt.date]:
    """The first day of the ``months`` months before today's month, oldest first."""
    out, y, m = [], today.year, today.month
    for _ in range(months):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        out.append(dt.date(y, m, 1))
    return out[::-1]


VISIT_RULES = VisitRules.from_row(visit_rule_values())
DAYS = [dt.timedelta(days=n) for n in range(32)]
MINUTES = [dt.timedelta(minutes=n) for n in range(24 * 60 * 2)]  # a visit day runs late at most
T = TypeVar("T")


def pick(rnd: Callable[[], float], seq: Sequence[T]) -> T:
    """A uniform choice from ``seq`` with one ``random()`` call (cheaper than ``choice``)."""
    return seq[int(rnd() * len(seq))]


class _Texts(NamedTuple):
    purposes: list[str]
    feedback: list[str]
    results: list[str]
    next_steps: list[str]


class ActivityGenerator:
    """Writes one territory's history at a time; see ``run``."""

    def __init__(self, rng: random.Random, new_id: NewId, loader: BulkLoader, catalogue: Catalogue,
                 today: dt.date, weeks: int, visits_per_day: tuple[int, int]) -> None:
        self.rng = rng
        self.new_id = new_id
        self.loader = loader
        self.catalogue = catalogue
        self.today = today
        self.this_monday = today - dt.timedelta(days=today.weekday())
        self.first_monday = self.this_monday - dt.timedelta(weeks=weeks)
        self.visits_per_day = visits_per_day
        # A 100-slot table: one rng.random() per pick instead of rng.choices (hot loop).
        self.visit_type_table = [t for t, w in VISIT_TYPES for _ in range(w)]
        # Encodings of repeated JSON values (see ``quality``, ``planned``, ``visit``).
        self._quality: dict[tuple[Any, ...], tuple[float, Json]] = {}
        self._detailed: dict[tuple[tuple[str, str, str], ...], Json] = {}
        self._plan_products: dict[int, Json] = {}
        self._with_key_message: set[Json] = set()  # detailed values scoring the key message
        self._texts: dict[str, _Texts] = {}
        self._midnight: dict[dt.date, dt.datetime] = {}  # day -> 00:00 Shanghai, as UTC
        self.random = rng.random
        self.draft_after = today - dt.timedelta(days=8)  # visits of the last 7 days may be drafts
        self._counted: dict[str, int] = {}  # doctor id -> counted visits this month
        self._month: tuple[int, int] | None = None
        self._discipline = 0.0

    def run(self, world: World) -> None:
        for territory in world.territories:
            if territory.doctors:
                self.territory_history(territory)
        self.co_visit_evaluations(world)

    # --- plans and visits ----------------------------------------------------------

    def territory_history(self, t: Territory) -> None:
        rng = self.rng
        doctors = t.doctors
        self._counted, self._month = {}, None
        self._discipline = rng.uniform(*DISCIPLINE)
        cum: list[int] = []
        total = 0
        for d in doctors:
            total += GRADE_WEIGHT.get(d.grade, 1)
            cum.append(total)
        eval_days = {self.first_monday + dt.timedelta(weeks=w, days=rng.randint(0, 4))
                     for w in range(2, (self.this_monday - self.first_monday).days // 7, 6)}
        monday = self.first_monday
        while monday <= self.this_monday + dt.timedelta(weeks=1):
            self.week(t, monday, doctors, cum, eval_days)
            monday += dt.timedelta(weeks=1)
        self.events(t)
        self.change_requests(t)
        self.sales_and_targets(t)

    def week(self, t: Territory, monday: dt.date, doctors: list[DoctorFact], cum: list[int],
             eval_days: set[dt.date]) -> None:
        rng, add, rnd = self.rng, self.loader.add, self.random
        low, high = self.visits_per_day
        status = ("approved" if monday < self.this_monday
                  else "submitted" if monday == self.this_monday else "draft")
        plan_id = self.new_id()
        focus = rng.choice(self.catalogue.products).name
        add("visit_plans", {"id": plan_id, "rep_id": t.rep_id, "territory_id": t.id,
                            "week_start": monday, "status": status,
                            "notes": f"本周重点：A级医生全覆盖，跟进{focus}处方情况。"})
        for offset in range(5):
            day = monday + dt.timedelta(days=offset)
            n = low + int(rnd() * (high - low + 1))
            route = self.pick_doctors(doctors, cum, day, n)
            if day >= self.today:  # the future: planned only
                for order, d in enumerate(route, 1):
                    self.planned(plan_id, t, d, day, order, "planned")
                continue
            observed: list[str] = []
            minute = 8 * 60 + 30 + rng.randint(0, 40)
            for order, d in enumerate(route, 1):
                planned_id = (self.planned(plan_id, t, d, day, order, "completed")
                              if rnd() < 0.8 else None)
                accompanied = t.dm_id if day in eval_days and order <= 3 else None
                visit_id, minute = self.visit(t, d, day, minute, planned_id, accompanied)
                if accompanied:
                    observed.append(visit_id)
                    self.loader.add("visit_companions", {
                        "id": self.new_id(), "visit_id": visit_id, "territory_id": t.id,
                        "user_id": accompanied})
            if rng.random() < 0.4:  # a planned visit that did not happen
                self.planned(plan_id, t, rng.choice(doctors), day, len(route) + 1, "missed")
            if observed:
                self.accompanied_evaluation(t, day, observed)

    def pick_doctors(self, doctors: list[DoctorFact], cum: list[int], day: dt.date,
                     n: int) -> list[DoctorFact]:
        """The day's ``n`` doctors: a disciplined share from the target doctors most
        behind by the end of the day, the rest weighted by grade at random."""
        if self._month != (day.year, day.month):
            self._month, self._counted = (day.year, day.month), {}
        days = days_in_month(day)
        counted = self._counted
        due: list[tuple[int, float, DoctorFact]] = []
        for d in doctors:
            if FREQUENCY.is_target(d.grade):
                gap = FREQUENCY.required(d.grade) * day.day // days - counted.get(d.id, 0)
                if gap > 0:
                    due.append((-gap, self.random(), d))
        due.sort(key=lambda item: (item[0], item[1]))
        disciplined = sum(1 for _ in range(n) if self.random() < self._discipline)
        picked = {id(d): d for _g, _r, d in due[:disciplined]}
        for d in self.rng.choices(doctors, cum_weights=cum, k=n):
            if len(picked) >= n:
                break
            picked.setdefault(id(d), d)
        return list(picked.values())

    def planned(self, plan_id: str, t: Territory, d: DoctorFact, day: dt.date, order: int,
                status: str) -> str:
        pid = self.new_id()
        texts = self.texts(d.products[0])
        focus = self._plan_products.get(id(d.products))
        if focus is None:  # one encoding per doctor, not per planned visit
            focus = self._plan_products[id(d.products)] = Json([p.id for p in d.products[:2]])
        self.loader.add("planned_visits", {
            "id": pid, "plan_id": plan_id, "rep_id": t.rep_id, "territory_id": t.id,
            "doctor_id": d.id, "institution_id": d.institution_id, "planned_date": day,
            # No hand-made order: the device orders each day by the shortest route.
            "route_order": None, "objective": pick(self.random, texts.purposes),
            "products": focus, "status": status})
        return pid

    def texts(self, product: Product) -> _Texts:
        """The visit text templates filled in for ``product`` (formatted once)."""
        found = self._texts.get(product.id)
        if found is None:
            found = self._texts[product.id] = _Texts(
                *([t.format(p=product.name) for t in templates] for templates in
                  (names.VISIT_PURPOSES, names.FEEDBACK, names.RESULTS, names.NEXT_STEPS)))
        return found

    def visit(self, t: Territory, d: DoctorFact, day: dt.date, minute: int,
              planned_id: str | None, accompanied: str | None) -> tuple[str, int]:
        """One visit starting at ``minute`` (local); returns its id and the next free minute.

        The hot loop of the seed (millions of calls): choices are ``rng.random()``
        arithmetic (``pick``), texts come pre-formatted per product, times are offsets
        from the day's cached midnight.
        """
        rnd = self.random
        table = self.visit_type_table
        vtype = "face_to_face" if accompanied else table[int(rnd() * len(table))]
        low, high = DURATION[vtype]
        duration = low + int(rnd() * (high - low + 1))
        midnight = self._midnight.get(day)
        if midnight is None:
            midnight = self._midnight[day] = local_time(day, 0)
        started = midnight + MINUTES[minute]
        ended = started + MINUTES[duration]
        products = d.products[:2] if rnd() < 1 / 3 else d.products[:1]
        texts = self.texts(products[0])
        picks = tuple((x.id, pick(rnd, x.key_messages), pick(rnd, names.REACTIONS)) for x in products)
        detailed = self._detailed.get(picks)
        if detailed is None:  # a few hundred distinct values over millions of visits
            detailed = self._detailed[picks] = Json(
                [{"product_id": pid, "key_message": km, "reaction": re} for pid, km, re in picks])
            if any(not is_blank(pid) and not is_blank(km) for pid, km, _ in picks):
                self._with_key_message.add(detailed)
        feedback = pick(rnd, texts.feedback) if rnd() < 0.9 else None
        result = pick(rnd, texts.results) if rnd() < 0.9 else None
        next_step = pick(rnd, texts.next_steps) if rnd() < 0.85 else None
        draft = day > self.draft_after and rnd() < 0.35
        vid = self.new_id()
        row: dict[str, Any] = {
            "id": vid, "rep_id": t.rep_id, "territory_id": t.id, "doctor_id": d.id,
            "institution_id": d.institution_id, "department_id": d.department_id,
            "planned_visit_id": planned_id, "visit_type": vtype, "started_at": started,
            "ended_at": ended, "purpose": pick(rnd, texts.purposes),
            "products_detailed": detailed, "doctor_feedback": feedback, "result": result,
            "next_step": next_step,
            "next_visit_date": day + DAYS[7 + int(rnd() * 15)] if next_step else None,
            "accompanied_by_id": None,  # who came along: visit_companions rows
            "status": "draft" if draft else "submitted",
            "submitted_at": None if draft else ended + MINUTES[5 + int(rnd() * 236)],
            "client_created_at": started,
        }
        row["quality_score"], row["quality_explanation"] = self.quality(row, duration, detailed)
        self.loader.add("visits", row)
        if not draft and FREQUENCY.counts_visit("submitted", vtype):
            self._counted[d.id] = self._counted.get(d.id, 0) + 1
        if not draft:
            self.manager_attention(t, vid, ended)
        return vid, minute + duration + 10 + int(rnd() * 36)

    def quality(self, row: dict[str, Any], minutes: int, detailed: Json) -> tuple[float, Json]:
        """``score_visit`` of ``row`` (the server's score and explanation), memoized.

        The score depends only on the duration, on which text fields are blank, on
        whether a detailed product carries a key message and on the plan link, so rows
        agreeing on those share one result (and one JSON encoding): a few hundred
        distinct keys instead of a scoring per visit. A miss scores the real row.
        """
        key = (minutes, is_blank(row["purpose"]), detailed in self._with_key_message,
               is_blank(row["doctor_feedback"]), is_blank(row["result"]), is_blank(row["next_step"]),
               row["planned_visit_id"] is None)
        found = self._quality.get(key)
        if found is None:
            fields = {**row, "products_detailed": detailed.value}
            result = score_visit(fields, VISIT_RULES, linked_to_plan=row["planned_visit_id"] is not None)
            found = self._quality[key] = (result.score, Json(result.explanation_json()))
        return found

    def manager_attention(self, t: Territory, visit_id: str, ended: dt.datetime) -> None:
        """DM comments on a few visits (the rep reads most) and reviews a few more."""
        rng, add = self.rng, self.loader.add
        r = rng.random()
        if r < 0.04:
            cid = self.new_id()
            at = ended + dt.timedelta(hours=rng.randint(2, 48))
            add("visit_comments", {"id": cid, "visit_id": visit_id, "territory_id": t.id,
                                   "author_id": t.dm_id, "kind": rng.choice(names.COMMENT_KINDS),
                                   "text": rng.choice(names.COMMENTS)})
            if rng.random() < 0.75:
                read_at = at + dt.timedelta(hours=rng.randint(1, 30))
                add("comment_reads", {"id": self.new_id(), "comment_id": cid, "territory_id": t.id,
                                      "user_id": t.rep_id, "read_at": read_at})
        elif r < 0.07:
            add("visit_reviews", {"id": self.new_id(), "visit_id": visit_id, "territory_id": t.id,
                                  "reviewer_id": t.dm_id,
                                  "reviewed_at": ended + dt.timedelta(hours=rng.randint(4, 72)),
                                  "exemplary": rng.random() < 0.15})

    # --- evaluations -------------------------------------------------------------------

    def accompanied_evaluation(self, t: Territory, day: dt.date, observed: list[str]) -> None:
        rng = self.rng
        scores, total = evaluation_scores(rng, "accompanied")
        recent = (self.today - day).days <= 7
        submitted = local_time(day, 18 * 60 + rng.randint(0, 120))
        status = "draft" if recent else rng.choices(("submitted", "acknowledged"), (3, 7))[0]
        evaluation_id = self.new_id()
        action_plan = rng.choice(names.ACTION_PLANS)
        self.action_items(evaluation_id, t.dm_id, t.rep_id, t.district_id, day, action_plan,
                          done=status == "acknowledged")
        self.loader.add("evaluations", {
            "id": evaluation_id, "template_id": self.catalogue.accompanied_template_id,
            "district_id": t.district_id,
            "evaluator_id": t.dm_id, "evaluatee_id": t.rep_id, "kind": "accompanied", "eval_date": day,
            "observed_visit_ids": [str(v) for v in observed], "scores": scores, "total_score": total,
            "strengths": rng.choice(names.STRENGTHS), "improvements": rng.choice(names.IMPROVEMENTS),
            "action_plan": action_plan, "status": status,
            "submitted_at": None if status == "draft" else submitted,
            "acknowledged_at": submitted + dt.timedelta(days=1) if status == "acknowledged" else None,
            "evaluatee_comment": "感谢经理的指导，会按计划改进。" if status == "acknowledged" else None,
        })

    def action_items(self, evaluation_id: str, evaluator_id: str, evaluatee_id: str,
                     district_id: str, day: dt.date, text: str, *, done: bool) -> None:
        """The evaluation's action item (its action plan), due three weeks later; done
        a week after the date when the evaluatee has acknowledged."""
        due = day + dt.timedelta(weeks=3)
        self.loader.add("evaluation_action_items", {
            "id": self.new_id(), "evaluation_id": evaluation_id, "evaluator_id": evaluator_id,
            "evaluatee_id": evaluatee_id, "district_id": district_id, "position": 1,
            "text": text, "due_date": due,
            "done_at": local_time(day + dt.timedelta(weeks=1), 17 * 60) if done else None,
            "done_note": None})

    def co_visit_evaluations(self, world: World) -> None:
        rng = self.rng
        for dm_id, rm_id, district in world.dms:
            monday = self.first_monday + dt.timedelta(weeks=rng.randint(1, 6))
            while monday < self.this_monday:
                day = monday + dt.timedelta(days=rng.randint(0, 4))
                scores, total = evaluation_scores(rng, "co_visit")
                submitted = local_time(day, 19 * 60)
                status = rng.choices(("submitted", "acknowledged"), (1, 3))[0]
                evaluation_id = self.new_id()
                action_plan = rng.choice(names.ACTION_PLANS)
                self.action_items(evaluation_id, rm_id, dm_id, district, day, action_plan,
                                  done=status == "acknowledged")
                self.loader.add("evaluations", {
                    "id": evaluation_id, "template_id": self.catalogue.co_visit_template_id,
                    "district_id": district,
                    "evaluator_id": rm_id, "evaluatee_id": dm_id, "kind": "co_visit", "eval_date": day,
                    "observed_visit_ids": [], "scores": scores, "total_score": total,
                    "strengths": rng.choice(names.DM_STRENGTHS),
                    "improvements": rng.choice(names.DM_IMPROVEMENTS),
                    "action_plan": action_plan, "status": status,
                    "submitted_at": submitted,
                    "acknowledged_at": submitted + dt.timedelta(days=2) if status == "acknowledged" else None,
                    "evaluatee_comment": None,
                })
                monday += dt.timedelta(weeks=rng.randint(7, 10))

    # --- events, change requests, sales -------------------------------------------------

    def events(self, t: Territory) -> None:
        rng, add = self.rng, self.loader.add
        for month in [*month_starts(self.today, 6), self.today.replace(day=1)]:
            etype = rng.choices(("department_meeting", "seminar", "launch"), (6, 3, 1))[0]
            host = rng.choice(t.doctors)
            product = host.products[0]
            day = month + dt.timedelta(days=rng.randint(2, 25))
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            starts = local_time(day, 12 * 60 if etype == "department_meeting" else 18 * 60 + 30)
            title = names.EVENT_TITLES[etype].format(inst=host.institution_name, dept=host.department_name,
                                                     p=product.name, city=t.city, area=product.name)
            done = day < self.today
            eid = self.new_id()
            budget = {"department_meeting": (2000, 5000), "seminar": (10000, 30000),
                      "launch": (50000, 150000)}[etype]
            add("events", {"id": eid, "territory_id": t.id, "organizer_id": t.rep_id, "event_type": etype,
                           "title": title[:200], "starts_at": starts,
                           "ends_at": starts + dt.timedelta(minutes=60 if etype == "seminar" else 90),
                           "place": ("医院学术报告厅" if etype == "department_meeting"
                                     else rng.choice(names.EVENT_PLACES).format(city=t.city)),
                           "products": [str(product.id)], "budget": float(rng.randint(*budget) // 100 * 100),
                           "status": "completed" if done else "planned",
                           "notes": f"围绕{product.name}的最新临床证据进行学术交流。"})
            if etype == "department_meeting":
                pool = [d for d in t.doctors if d.department_id == host.department_id] or [host]
            else:
                pool = t.doctors
            for d in rng.sample(pool, min(len(pool), rng.randint(5, 12))):
                attended = (rng.random() < 0.8) if done else None
                add("event_attendees", {"id": self.new_id(), "event_id": eid, "territory_id": t.id,
                                        "doctor_id": d.id, "invited": True, "attended": attended,
                                        "feedback": rng.choice(names.FEEDBACK).format(p=product.name)
                                        if attended else None})

    def change_requests(self, t: Territory) -> None:
        rng = self.rng
        for _ in range(rng.randint(0, 2)):
            d = rng.choice(t.doctors)
            action = rng.choice(("create", "change", "change", "deactivate"))
            status = rng.choice(("pending", "approved", "approved", "rejected"))
            decided = local_time(self.today - dt.timedelta(days=rng.randint(1, 60)), 10 * 60)
            proposed: dict[str, object]
            if action == "create":
                name, gender = person_name(rng)
                proposed = {"name": name, "gender": gender, "institution_id": str(d.institution_id),
                            "department_id": str(d.department_id) if d.department_id else None,
                            "title": "attending", "phone": mobile(rng)}
                reason, target = "新调入科室的医生，需建档。", None
            elif action == "change":
                proposed = {"title": "associate_chief", "position": "科副主任"}
                reason, target = "医生已晋升为副主任医师。", d.id
            else:
                proposed = {"status": "inactive"}
                reason, target = "医生已退休。", d.id
            self.loader.add("change_requests", {
                "id": self.new_id(), "territory_id": t.id, "requester_id": t.rep_id,
                "target_table": "doctors", "target_id": target, "action": action, "proposed": proposed,
                "reason": reason, "status": status,
                "approver_id": None if status == "pending" else t.dm_id,
                "decided_at": None if status == "pending" else decided,
                "decision_note": DECISION_NOTES.get(status),
            })

    def sales_and_targets(self, t: Territory) -> None:
        """Monthly sell-through at the territory's biggest accounts, and targets to match."""
        rng, add = self.rng, self.loader.add
        per_inst: dict[str, int] = {}
        product_weight: dict[str, int] = {}
        for d in t.doctors:
            per_inst[d.institution_id] = per_inst.get(d.institution_id, 0) + 1
            for p in d.products[:2]:
                product_weight[p.id] = product_weight.get(p.id, 0) + 1
        accounts = sorted(per_inst, key=lambda i: (-per_inst[i], str(i)))[:8]
        products = [p for p in self.catalogue.products if p.id in product_weight]
        products = sorted(products, key=lambda p: -product_weight[p.id])[:3]
        months = month_starts(self.today, 6)
        for p in products:
            base = {a: rng.randint(20, 400) * per_inst[a] for a in accounts}
            for month in months:
                for a in accounts:
                    qty = float(max(0, int(base[a] * rng.uniform(0.7, 1.3))))
                    add("sales_records", {"id": self.new_id(), "institution_id": a, "product_id": p.id,
                                          "territory_id": t.id, "month": month, "quantity": qty,
                                          "amount": round(qty * p.unit_price, 2)})
                target = float(int(sum(base.values()) * rng.uniform(0.95, 1.15)))
                add("targets", {"id": self.new_id(), "territory_id": t.id, "product_id": p.id,
                                "month": month, "quantity": target,
                                "amount": round(target * p.unit_price, 2)})
            target = float(int(sum(base.values()) * 1.1))
            add("targets", {"id": self.new_id(), "territory_id": t.id, "product_id": p.id,
                            "month": self.today.replace(day=1), "quantity": target,
                            "amount": round(target * p.unit_price, 2)})
