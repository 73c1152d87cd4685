"""Hand-made print data: a rep's visits with Chinese names, drafts and every visit type
(tests and ``bench/print.py``). Deterministic for a given seed."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone

from desktop.printing import (
    ActionItem,
    CommentEntry,
    CompetencyScore,
    DayPlanData,
    DoctorFrequency,
    DoctorHistoryData,
    EvaluationData,
    PlannedStop,
    ProductLine,
    RepFigures,
    ReviewEntry,
    TeamSummaryData,
    VisitEntry,
    VisitRecordData,
    VisitSummaryData,
    WeeklyReportData,
)
from desktop.printing.model import DRAFT, SUBMITTED, VISIT_TYPES

SHANGHAI = timezone(timedelta(hours=8))
PRINTED = datetime(2026, 12, 3, 9, 30, tzinfo=SHANGHAI)
REP = "张伟 (rep001)"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "秀英", "志强", "丽娟", "海燕", "明", "静", "磊", "芳", "伟", "红梅", "晓东")
HOSPITALS = ("北京协和医院", "北京大学第一医院", "中日友好医院", "北京朝阳医院",
             "首都医科大学附属北京安贞医院")
DEPARTMENTS = ("心内科", "内分泌科", "神经内科", "呼吸科", "肿瘤科")
PRODUCTS = ("立普妥 Lipitor", "络活喜 Norvasc", "拜新同 Adalat", "格华止 Glucophage")
MESSAGES = ("强化降脂可降低心血管事件风险", "每日一次，依从性好", "长期安全性数据充分",
            "与同类产品相比副作用更少，适合老年患者")
GRADES = ("A", "B", "C", "D")
REQUIRED = {"A": 8, "B": 4, "C": 2, "D": 1}


def doctor_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    names = []
    for i in range(count):
        name = f"{SURNAMES[i % len(SURNAMES)]}{GIVEN[(i * 7) % len(GIVEN)]}"
        if i >= len(SURNAMES):
            name += str(i // len(SURNAMES))
        names.append((name, GRADES[rng.randrange(4)]))
    return names


def visits_between(first: date, last: date, count: int, *, seed: int = 7, drafts: int = 2,
                   doctors: int = 40) -> tuple[VisitEntry, ...]:
    """``count`` visits spread over the working days from ``first`` to ``last``."""
    rng = random.Random(seed)
    roster = doctor_names(doctors, rng)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    workdays = [d for d in days if d.weekday() < 5] or days
    out = []
    for i in range(count):
        day = workdays[i * len(workdays) // max(1, count)]
        start = datetime.combine(day, time(9 + (i % 8), 10 * (i % 6)), tzinfo=SHANGHAI)
        name, grade = roster[i % len(roster)]
        products = tuple(ProductLine(PRODUCTS[(i + k) % len(PRODUCTS)], MESSAGES[(i + k) % len(MESSAGES)],
                                     ("积极", "中立", "有疑虑")[(i + k) % 3]) for k in range(1 + i % 2))
        out.append(VisitEntry(
            id=f"{i:08d}", started_at=start, ended_at=start + timedelta(minutes=20 + i % 25),
            rep_name=REP, doctor_name=f"{name}医生", doctor_grade=grade,
            institution=HOSPITALS[i % len(HOSPITALS)], department=DEPARTMENTS[i % len(DEPARTMENTS)],
            visit_type=VISIT_TYPES[i % len(VISIT_TYPES)],
            purpose="介绍新适应症并了解处方障碍" if i % 2 else "跟进上次拜访提出的患者随访问题",
            products=products, feedback="医生认可疗效，关注价格与医保报销" if i % 3 else "",
            result="同意在下月科室会上讨论", next_step="两周后送最新临床研究资料",
            quality=float(55 + (i * 13) % 45), status=DRAFT if i < drafts else SUBMITTED))
    return tuple(out)


def summary(period: str, first: date, last: date, count: int, *, include_drafts: bool = True,
            seed: int = 7) -> VisitSummaryData:
    visits = visits_between(first, last, count, seed=seed)
    rng = random.Random(seed)
    frequency = []
    for name, grade in doctor_names(40, rng):
        done = sum(1 for v in visits if v.doctor_name == f"{name}医生" and not v.is_draft)
        frequency.append(DoctorFrequency(grade, REQUIRED[grade], done))
    return VisitSummaryData(period=period, first=first, last=last, person=REP, visits=visits,
                            attainment=tuple(frequency), attainment_from=last.replace(day=1),
                            include_drafts=include_drafts)


def visit_record(draft: bool = False) -> VisitRecordData:
    visit = visits_between(date(2026, 12, 2), date(2026, 12, 2), 3, drafts=3 if draft else 0)[1]
    return VisitRecordData(
        visit=visit, quality_reasons=("+20 产品关键信息已传递", "+15 已设定下一步", "-10 未记录医生反馈"),
        comments=(CommentEntry("王经理", "suggestion", datetime(2026, 12, 2, 18, 5, tzinfo=SHANGHAI),
                               "下次带上真实世界研究数据，医生更关心长期获益。"),
                  CommentEntry("张伟", "comment", datetime(2026, 12, 2, 19, 0, tzinfo=SHANGHAI),
                               "好的，已准备。")),
        reviews=(ReviewEntry("王经理", datetime(2026, 12, 2, 18, 0, tzinfo=SHANGHAI), True),))


def doctor_history(count: int = 30) -> DoctorHistoryData:
    base = visits_between(date(2026, 1, 5), date(2026, 11, 27), count, drafts=1, doctors=1)
    return DoctorHistoryData(doctor_name="王建国医生", grade="A", title="主任医师",
                             institution="北京协和医院", department="心内科",
                             specialty="冠心病介入治疗", person=REP, visits=base)


def team() -> TeamSummaryData:
    reps = []
    for n, name in enumerate(("张伟", "李娜", "王强", "刘洋")):
        frequency = tuple(DoctorFrequency(g, REQUIRED[g], (REQUIRED[g] * (n + 2)) // 5) for g in GRADES * 3)
        reps.append(RepFigures(rep_name=f"{name} (rep00{n + 1})", territory=f"北京东城 {n + 1} 区",
                               visits=60 + 7 * n, doctors_visited=30 + n, average_quality=70.0 + n * 4,
                               attainment=frequency, drafts=n))
    return TeamSummaryData(manager="王经理 (dm001)", first=date(2026, 12, 1), last=date(2026, 12, 31),
                           reps=tuple(reps),
                           by_type={"face_to_face": 180, "phone": 40, "department_meeting": 27})


def stops(day: date, outcomes: tuple[str, ...]) -> tuple[PlannedStop, ...]:
    out = []
    for n, outcome in enumerate(outcomes):
        out.append(PlannedStop(
            day=day, route_order=n + 1, doctor_name=f"{SURNAMES[n]}{GIVEN[n]}医生",
            doctor_grade=GRADES[n % 4],
            institution=HOSPITALS[n % len(HOSPITALS)], department=DEPARTMENTS[n % len(DEPARTMENTS)],
            address=f"北京市东城区帅府园{n + 1}号", objective="跟进处方情况，介绍新适应症",
            products=(PRODUCTS[n % len(PRODUCTS)],), latitude=39.91 + 0.013 * n * (-1) ** n,
            longitude=116.41 + 0.017 * n, outcome=outcome,
            visit_time=datetime.combine(day, time(9 + n), tzinfo=SHANGHAI) if outcome == "done" else None))
    return tuple(out)


def weekly_report() -> WeeklyReportData:
    monday = date(2026, 11, 30)
    planned = stops(monday, ("done", "done", "missed")) + stops(monday + timedelta(days=1),
                                                                ("done", "missed", "done", "done"))
    return WeeklyReportData(person=REP, week_start=monday, planned=planned,
                            unplanned=visits_between(monday, monday + timedelta(days=4), 2, drafts=0),
                            notes="周三参加学术会议，计划顺延。")


def day_plan() -> DayPlanData:
    return DayPlanData(person=REP, day=date(2026, 12, 3), stops=stops(date(2026, 12, 3), ("planned",) * 5),
                       notes="上午先去协和医院送资料。")


def evaluation(status: str = "acknowledged") -> EvaluationData:
    competencies = (CompetencyScore("拜访前计划", 20, 4, 5, "目标清晰"),
                    CompetencyScore("开场与需求探询", 25, 3, 5, "提问可以更开放"),
                    CompetencyScore("产品关键信息传递", 30, 5, 5),
                    CompetencyScore("异议处理", 15, 3, 5),
                    CompetencyScore("缔结与跟进", 10, 4, 5))
    return EvaluationData(
        template="代表随访评估 v2", evaluator="王经理 (dm001)", evaluatee=REP, eval_date=date(2026, 12, 2),
        status=status, competencies=competencies,
        indicators=(("本月拜访次数", "64"), ("A级医生达成率", "92%"), ("平均质量分", "78")),
        observed_visits=("2026-12-02 09:00 王建国医生 · 北京协和医院",
                         "2026-12-02 10:30 李秀英医生 · 中日友好医院"),
        strengths="产品知识扎实，与医生关系良好。", improvements="需求探询阶段多使用开放式问题。",
        action_items=(ActionItem("练习开放式提问，下周随访检查", date(2026, 12, 9)),
                      ActionItem("整理异议处理话术", date(2026, 12, 16))),
        acknowledged_on=date(2026, 12, 3) if status == "acknowledged" else None)
