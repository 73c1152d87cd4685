"""The prints' data read from a real replica: the calendar, counts, drafts, attainment,
who may print what, and the PDFs made from it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop import printing as P
from desktop import printing_data as pd
from domain.calendar import CHINA_STANDARD_TIME
from local_store.replica import synced
from local_store.store import open_replica
from tests.desktop.printing.pdf_checks import all_text, assert_sound
from tests.desktop.printing.print_world import (
    PrintWorld,
    add_evaluation,
    add_field_days,
    add_plans,
    build_print_world,
)

DECEMBER = dt.date(2026, 12, 10)
PRINTED = dt.datetime(2026, 12, 20, 9, 0, tzinfo=CHINA_STANDARD_TIME)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[PrintWorld]:
    engine = open_replica(tmp_path / "replica.sqlite3")
    yield build_print_world(engine)
    engine.dispose()


def replica(world: PrintWorld) -> Engine:
    return world.replica


def test_month_summary_uses_the_company_calendar_and_marks_drafts(world: PrintWorld) -> None:
    data = pd.visit_summary_data(world.replica, "month", DECEMBER, "zh_CN")
    assert (data.first, data.last) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    purposes = [v.purpose for v in data.shown_visits()]
    assert purposes[0] == "十二月第一访"  # 01:30 on Dec 1 in Shanghai, still Nov 30 in UTC
    assert "十一月拜访" not in purposes and "同事拜访" not in purposes and "更正" not in purposes
    assert len(data.visits) == 6 and len(data.counted_visits()) == 5
    assert data.person == "张伟 (rep001)"
    first = data.shown_visits()[0]
    assert first.started_at.hour == 1 and first.started_at.utcoffset() == dt.timedelta(hours=8)
    with_products = next(v for v in data.visits if v.products)
    assert with_products.products[0].product == "立普妥"
    # Attainment: the territory's active doctors, every submitted visit to them (rep002's
    # too, as on the Doctors screen): A 4 of 8, B 1 of 4 (the draft does not count), C 1 of 2.
    done = {f.grade: (f.required, f.done) for f in data.attainment}
    assert done == {"A": (8, 4), "B": (4, 1), "C": (2, 1), "D": (1, 0)}


def test_prints_follow_the_synced_company_time_zone(world: PrintWorld) -> None:
    """A company in Berlin: 17:30 UTC on 30 November is still November there, so the
    December summary starts with the next visit, printed in Berlin time, and the
    "printed at" stamp is Berlin's wall clock too."""
    world.insert("frequency_rules", name="rule", visits_per_month={"A": 2}, rule_version=1,
                 active=True, time_zone="Europe/Berlin", counted_visit_types=["face_to_face"],
                 target_grades=["A"], reminder_day=20)
    data = pd.visit_summary_data(world.replica, "month", DECEMBER, "zh_CN")
    first = data.shown_visits()[0]
    assert "十二月第一访" not in [v.purpose for v in data.visits]
    assert (first.started_at.day, first.started_at.hour) == (2, 3)
    assert first.started_at.utcoffset() == dt.timedelta(hours=1)
    early = dt.datetime(2026, 12, 20, 6, 0, tzinfo=CHINA_STANDARD_TIME)  # 23:00 on the 19th there
    text = all_text(pd.print_visit_summary(world.replica, "month", DECEMBER, "en", early).pdf)
    assert "07:00–07:25" in text  # 06:00 UTC on 15 December
    assert "Printed 2026-12-19" in text


def test_a_week_in_english_names_products_in_english(world: PrintWorld) -> None:
    data = pd.visit_summary_data(world.replica, "week", dt.date(2026, 12, 2), "en")
    assert (data.first, data.last) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert [p.product for v in data.visits for p in v.products] == ["Lipitor"]
    # Pro rata by Sunday 6 December (day 6 of 31): A is due 8*6//31 = 1.
    assert {f.grade: f.required for f in data.attainment} == {"A": 1, "B": 0, "C": 0, "D": 0}


def test_who_may_print_whose_visits(world: PrintWorld) -> None:
    with pytest.raises(pd.PrintRefused, match="not in your team"):
        pd.visit_summary_data(world.replica, "month", DECEMBER, "en", rep="rep002")
    world.sign_in("dm")
    data = pd.visit_summary_data(world.replica, "month", DECEMBER, "en", rep="rep002")
    assert [v.purpose for v in data.visits] == ["同事拜访"]
    with pytest.raises(pd.PrintRefused, match="not in your team"):
        pd.visit_summary_data(world.replica, "month", DECEMBER, "en", rep="rep099")
    with pytest.raises(pd.PrintRefused, match="No user"):
        pd.visit_summary_data(world.replica, "month", DECEMBER, "en", rep="nobody")


def test_a_visit_with_its_thread(world: PrintWorld) -> None:
    data = pd.visit_record_data(world.replica, str(world.ids["a2"]), "zh_CN")
    assert data.quality_reasons == ("+15 已设定下一步", "−10 无医生反馈")
    assert [c.text for c in data.comments] == ["下次带上研究数据"]
    assert data.comments[0].author == "王经理" and data.reviews[0].exemplary
    printed = pd.print_visit(world.replica, str(world.ids["a2"]), "zh_CN", PRINTED)
    text = " ".join(assert_sound(printed.pdf, chinese="拜访记录"))
    assert "下次带上研究数据" in text and "强化降脂" in text
    fix = pd.visit_record_data(world.replica, world.ids["fix"].hex, "en")
    assert fix.amends.startswith("2026-12-15")
    with pytest.raises(pd.PrintRefused, match="No visit"):
        pd.visit_record_data(world.replica, "not-an-id", "en")


def test_refusals_speak_the_prints_language(world: PrintWorld, tmp_path: Path) -> None:
    unknown = uuid.uuid4().hex  # a well-formed id the replica does not hold
    refusals = [
        (lambda lang: pd.visit_record_data(world.replica, "not-an-id", lang),
         "No visit not-an-id in this replica.", "本机数据中没有拜访 not-an-id。"),
        (lambda lang: pd.doctor_history_data(world.replica, unknown, lang),
         f"No doctor {unknown} in this replica.", f"本机数据中没有医生 {unknown}。"),
        (lambda lang: pd.evaluation_data(world.replica, "x", lang),
         "No evaluation x in this replica.", "本机数据中没有评估 x。"),
        (lambda lang: pd.day_plan_data(world.replica, DECEMBER, lang, rep="nobody"),
         "No user 'nobody' in this replica.", "本机数据中没有用户 'nobody'。"),
        (lambda lang: pd.weekly_report_data(world.replica, DECEMBER, lang, rep="rep002"),
         "李娜 is not in your team: you may print your own visits and, as a manager, your reps'.",
         "李娜 不在您的团队中：您可以打印自己的拜访，经理还可以打印所辖代表的拜访。"),
        (lambda lang: pd.team_summary_data(world.replica, "month", DECEMBER, lang),
         "You manage no reps in this replica: the team summary is for managers.",
         "本机数据中没有您管理的代表：团队汇总供经理使用。"),
        (lambda lang: pd.visit_summary_data(world.replica, "year", DECEMBER, lang),
         "Unknown period 'year': use day, week or month.", "未知的期间 'year'：请用 day、week 或 month。"),
    ]
    for make, english, chinese in refusals:
        for language, expected in (("en", english), ("zh_CN", chinese)):
            with pytest.raises(pd.PrintRefused) as refused:
                make(language)
            assert str(refused.value) == expected
    empty = open_replica(tmp_path / "never-synced.sqlite3")
    try:
        for language, expected in (("en", "Nobody is signed in on this replica: sync once first."),
                                   ("zh_CN", "本机数据中没有已登录的用户：请先同步一次。")):
            with pytest.raises(pd.PrintRefused) as refused:
                pd.day_plan_data(empty, DECEMBER, language)
            assert str(refused.value) == expected
    finally:
        empty.dispose()


def test_a_doctors_history(world: PrintWorld) -> None:
    printed = pd.print_doctor_history(world.replica, str(world.ids["a"]), "en", PRINTED)
    texts = assert_sound(printed.pdf)
    text = " ".join(texts)
    assert "王建国" in text and "Chief physician" in text
    assert "Visits: 5 · first 2026-11-20 · last 2026-12-09" in text  # rep2's visit counts for the doctor
    assert printed.file_name.endswith(".pdf")


def test_team_summary_for_the_manager(world: PrintWorld) -> None:
    with pytest.raises(pd.PrintRefused, match="manage no reps"):
        pd.team_summary_data(world.replica, "month", DECEMBER, "en")
    world.sign_in("dm")
    data = pd.team_summary_data(world.replica, "month", DECEMBER, "en")
    figures = {r.rep_name: r for r in data.reps}
    assert figures["张伟 (rep001)"].visits == 5 and figures["张伟 (rep001)"].drafts == 1
    assert figures["李娜 (rep002)"].visits == 1
    assert figures["张伟 (rep001)"].average_quality == 80.0
    text = all_text(pd.print_team_summary(world.replica, "month", DECEMBER, "zh_CN", PRINTED).pdf)
    assert "张伟 (rep001)" in text and "李娜 (rep002)" in text and "团队拜访汇总" in text


def test_month_pdf_from_the_replica(world: PrintWorld) -> None:
    printed = pd.print_visit_summary(world.replica, "month", DECEMBER, "zh_CN", PRINTED)
    texts = assert_sound(printed.pdf, chinese="月拜访汇总")
    assert "含 1 条草稿" in texts[0] and "草稿拜访" in " ".join(texts)
    assert printed.file_name == "visits-month-2026-12-01-rep001.pdf"


def test_weekly_report_plan_against_actual(world: PrintWorld) -> None:
    add_plans(world)
    data = pd.weekly_report_data(world.replica, dt.date(2026, 12, 2), "zh_CN", today=dt.date(2026, 12, 5))
    outcomes = {s.objective: s.outcome for s in data.planned}
    assert outcomes == {"目标1": "done", "目标2": "missed", "目标3": "missed"}
    assert data.notes == "本周重点：A级医生全覆盖"
    # Submitted visits of the week without a plan: Dec 1 (01:30), Dec 3 (b1); a2 fulfilled p1,
    # the draft is not a visit yet.
    assert sorted(v.purpose for v in data.unplanned) == ["介绍新适应症", "十二月第一访"]
    early = pd.weekly_report_data(world.replica, dt.date(2026, 12, 2), "en", today=dt.date(2026, 12, 2))
    assert {s.objective: s.outcome for s in early.planned}["目标2"] == "planned"
    printed = pd.print_weekly_report(world.replica, dt.date(2026, 12, 2), "zh_CN", PRINTED)
    texts = assert_sound(printed.pdf, chinese="周报")
    assert "计划 按计划完成 未完成 计划外 计划执行率 3 1 2 2 33%" in texts[0]
    # A visit still in draft fulfils its planned visit: done, and the report says "draft".
    with world.replica.begin() as conn:
        v = synced["visits"]
        conn.execute(sa.update(v).where(v.c.id == world.ids["draft"])
                     .values(planned_visit_id=world.ids["p2"]))
    later = pd.weekly_report_data(world.replica, dt.date(2026, 12, 2), "zh_CN", today=dt.date(2026, 12, 5))
    second = next(s for s in later.planned if s.objective == "目标2")
    assert second.outcome == "done" and second.visit_is_draft
    assert "已完成 11:00 (草稿)" in all_text(P.weekly_report_pdf(later, "zh_CN", PRINTED))


def test_day_plan_with_addresses_and_products(world: PrintWorld) -> None:
    add_plans(world)
    data = pd.day_plan_data(world.replica, dt.date(2026, 12, 2), "en", today=dt.date(2026, 12, 1))
    assert [s.route_order for s in data.stops] == [1, 2, 3]
    assert data.stops[0].address == "东城区帅府园1号" and data.stops[0].products == ("Lipitor",)
    assert data.stops[0].latitude == 39.91
    text = " ".join(assert_sound(pd.print_day_plan(world.replica, dt.date(2026, 12, 2), "en", PRINTED).pdf))
    assert "Day plan" in text and "王建国" in text and "Route sketch" in text


def test_an_evaluation_form(world: PrintWorld) -> None:
    add_evaluation(world)
    data = pd.evaluation_data(world.replica, str(world.ids["eval"]), "en")
    assert [(c.name, c.weight, c.score) for c in data.competencies] == [("Pre-call planning", 0.4, 3.0),
                                                                         ("Key messages", 0.6, 5.0)]
    assert data.evaluator == "王经理 (dm001)" and data.evaluatee == "张伟 (rep001)"
    assert [a.text for a in data.action_items] == ["练习开放式提问", "整理异议处理话术"]
    assert data.acknowledged_on == dt.date(2026, 12, 3)
    assert data.observed_visits[0].startswith("2026-12-02 10:00 王建国")
    # rep001 on 2 Dec: submitted visits since Dec 1 (01:30 and a2).
    assert dict(data.indicators)["Visits (2026-12-01 – 2026-12-02)"] == "2"
    text = " ".join(assert_sound(pd.print_evaluation(world.replica, str(world.ids["eval"]), "zh_CN",
                                                     PRINTED).pdf, chinese="随访评估表"))
    assert "拜访前准备 40% 3 / 5 1.20" in text and "总分 100% 4.20 / 5 4.20" in text
    assert "确认日期 2026-12-03" in text


def test_a_dms_field_days_for_the_dm_and_their_rm(world: PrintWorld) -> None:
    add_field_days(world)
    world.sign_in("dm")
    data = pd.field_days_data(world.replica, dt.date(2026, 12, 2), "zh_CN")
    assert (data.manager, data.week_start, data.status) == ("王经理 (dm001)", dt.date(2026, 11, 30),
                                                            "submitted")
    assert [(d.day.day, d.reps, d.note) for d in data.days] == [
        (1, ("张伟", "李娜"), "协访：新产品介绍"), (3, ("张伟",), "随访：A级医生拜访")]
    assert (data.field_days, data.reps_accompanied) == (2, 2)
    printed = pd.print_field_days(world.replica, dt.date(2026, 12, 2), "zh_CN", PRINTED)
    assert printed.file_name == "field-days-2026-11-30-dm001.pdf"
    [page] = assert_sound(printed.pdf, chinese="协访周计划")
    for expected in ("经理：王经理 (dm001)", "已提交，待审批 2 2",
                     "星期二 2026-12-01 张伟、李娜 协访：新产品介绍",
                     "星期四 2026-12-03 张伟 随访：A级医生拜访", "星期日 2026-12-06 —"):
        assert expected in page, expected

    world.sign_in("rm")  # the RM prints the DM they review, in English
    printed = pd.print_field_days(world.replica, dt.date(2026, 12, 6), "en", PRINTED, manager="dm001")
    [page] = assert_sound(printed.pdf)
    for expected in ("Field days of the week", "Manager: 王经理 (dm001)",
                     "Submitted, awaiting approval 2 2", "Tuesday 2026-12-01 张伟、李娜",
                     "Monday 2026-11-30 —"):
        assert expected in page, expected
    empty = pd.field_days_data(world.replica, dt.date(2026, 12, 9), "en", manager="dm001")
    assert (empty.status, empty.days) == (None, ())
    assert "Not planned 0 0" in all_text(P.field_days_pdf(empty, "en", PRINTED))


def test_who_may_print_whose_field_days(world: PrintWorld) -> None:
    add_field_days(world)
    day = dt.date(2026, 12, 2)
    cases = [
        ("rm", None, "Field days print for a district manager's week: pick a district manager "
                     "first.", "协访计划按地区经理打印：请先选择一位地区经理。"),
        ("rm", "dm099", "孙经理 is not one of your district managers: you may print your own "
                        "field days and, as a regional manager, your district managers'.",
         "孙经理 不是您所辖的地区经理：您可以打印自己的协访计划，大区经理还可以打印所辖地区经理的协访计划。"),
        ("dm", "dm099", None, None),
        ("rep", None, None, None),
    ]
    for who, manager, english, chinese in cases:
        world.sign_in(who)
        for language, expected in (("en", english), ("zh_CN", chinese)):
            with pytest.raises(pd.PrintRefused) as refused:
                pd.field_days_data(world.replica, day, language, manager=manager)
            if expected is not None:
                assert str(refused.value) == expected
