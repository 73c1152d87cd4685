"""Suggestions: behind pace first, then grade, idle days, next-visit dates, same hospital."""

from __future__ import annotations

import datetime as dt

from domain.suggestions import Candidate, rank, split_week

TODAY = dt.date(2026, 12, 24)
WEEK_END = dt.date(2026, 12, 27)


def _c(key: str, *, grade: str = "B", done: int = 0, due: int = 0, required: int = 4,
       last: dt.date | None = TODAY, nxt: dt.date | None = None, inst: str = "h1",
       target: bool = True) -> Candidate:
    return Candidate(key, key, inst, inst, grade, target, required, done, due, last, nxt)


def test_behind_before_grade_before_idle() -> None:
    ranked = rank([_c("ok-a", grade="A", done=8, due=6, required=8),
                   _c("behind-c", grade="C", done=0, due=2, required=2),
                   _c("idle-b", done=4, due=3, last=TODAY - dt.timedelta(days=50))],
                  today=TODAY, week_end=WEEK_END)
    assert [s.key for s in ranked] == ["behind-c", "idle-b", "ok-a"]
    assert "behind" in ranked[0].reasons and "idle" in ranked[1].reasons


def test_planned_left_out_next_visit_and_same_institution_raise() -> None:
    base = _c("base", done=4, due=3, inst="h9")
    nxt = _c("nxt", done=4, due=3, nxt=TODAY, inst="h9")
    same = _c("same", done=4, due=3, inst="h2")
    ranked = rank([base, nxt, same, _c("planned", due=4)], today=TODAY, week_end=WEEK_END,
                  planned_keys=frozenset({"planned"}), institutions_that_day=frozenset({"h2"}))
    assert [s.key for s in ranked] == ["nxt", "same", "base"]
    assert rank([_c("non-target", target=False, done=4, due=3)], today=TODAY,
                week_end=WEEK_END) == []


def test_split_week_keeps_institutions_together_and_fills_evenly() -> None:
    days = [dt.date(2026, 12, 21) + dt.timedelta(days=i) for i in range(5)]
    doctors = [("a1", "A"), ("a2", "A"), ("b1", "B"), ("c1", "C"), ("d1", "D"), ("e1", "E"),
               ("f1", "F")]
    out = split_week(doctors, days, max_per_day=2)
    assert out["a1"] == out["a2"]
    per_day = {d: sum(1 for v in out.values() if v == d) for d in days}
    assert max(per_day.values()) <= 2 and len(out) == 7
    assert split_week(doctors, [], 3) == {}
