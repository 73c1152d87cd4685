"""Every print read back: names, counts, totals, Chinese on every page, fonts, no blank
page, page numbering, identical bytes for identical input."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desktop import printing as P
from desktop.printing.model import attainment_by_grade
from tests.desktop.printing import samples as S
from tests.desktop.printing.pdf_checks import all_text, assert_sound, operators, page_texts

MONTH = (date(2026, 12, 1), date(2026, 12, 31))


def test_month_summary_in_chinese_lists_every_visit_and_its_totals() -> None:
    data = S.summary("month", *MONTH, 120)
    pdf = P.visit_summary_pdf(data, "zh_CN", S.PRINTED)
    texts = assert_sound(pdf, chinese="月拜访汇总")
    assert len(texts) > 3
    text = " ".join(texts)
    assert "2026年12月" in texts[0] and "张伟 (rep001)" in texts[-1]
    counted = data.counted_visits()
    assert len(counted) == 118
    assert "含 2 条草稿（标注“草稿”），不计入合计。" in texts[0]
    assert f"合计 {len(counted)}" in texts[0]  # the by-type total counts submitted visits only
    face = sum(1 for v in counted if v.visit_type == "face_to_face")
    assert f"面对面拜访 {face}" in texts[0]
    for visit in data.visits:
        assert visit.doctor_name in text
    assert text.count("草稿") >= 2 + 1
    # attainment by grade: the total line's figures
    grades = attainment_by_grade(data.attainment)
    required = sum(g.required for g in grades)
    assert f"合计 40 {required} " in texts[0]


def test_drafts_left_out_are_said_and_not_listed() -> None:
    data = S.summary("week", date(2026, 11, 30), date(2026, 12, 6), 20, include_drafts=False)
    texts = assert_sound(P.visit_summary_pdf(data, "en", S.PRINTED))
    assert "Submitted visits only: 2 draft(s) in this period are not included." in texts[0]
    text = " ".join(texts)
    assert "DRAFT" not in text
    assert "Weekly visit summary" in texts[0] and "2026-11-30 – 2026-12-06" in texts[0]
    assert "Total 18" in texts[0]


def test_an_empty_day_says_so() -> None:
    data = P.VisitSummaryData(period="day", first=date(2026, 12, 2), last=date(2026, 12, 2), person=S.REP,
                              visits=())
    texts = assert_sound(P.visit_summary_pdf(data, "en", S.PRINTED))
    assert len(texts) == 1 and "No visits in this period." in texts[0]


def test_identical_input_gives_identical_bytes() -> None:
    data = S.summary("week", date(2026, 11, 30), date(2026, 12, 6), 30)
    assert P.visit_summary_pdf(data, "zh_CN", S.PRINTED) == P.visit_summary_pdf(data, "zh_CN", S.PRINTED)
    record = S.visit_record()
    assert P.visit_record_pdf(record, "en", S.PRINTED) == P.visit_record_pdf(record, "en", S.PRINTED)


def test_visit_record_with_its_review_thread() -> None:
    pdf = P.visit_record_pdf(S.visit_record(), "zh_CN", S.PRINTED)
    texts = assert_sound(pdf, chinese="拜访记录")
    text = " ".join(texts)
    for expected in ("点评记录", "王经理", "下次带上真实世界研究数据", "已作为优秀拜访分享给团队", "质量分: ",
                     "+15 已设定下一步", "已提交"):
        assert expected in text, expected
    draft = all_text(P.visit_record_pdf(S.visit_record(draft=True), "en", S.PRINTED))
    assert "DRAFT" in draft and "Draft" in draft


def test_doctor_history_lists_visits_newest_first() -> None:
    data = S.doctor_history(60)
    texts = assert_sound(P.doctor_history_pdf(data, "zh_CN", S.PRINTED), chinese="医生拜访历史")
    assert len(texts) >= 3
    assert "王建国医生" in texts[0] and "主任医师" in texts[0] and "拜访 59 次" in texts[0]
    dates = [v.started_at.date().isoformat() for v in sorted(data.visits, key=lambda v: v.started_at)]
    text = " ".join(texts)
    assert text.index(dates[-1]) < text.index(dates[0])


def test_team_summary_has_a_line_per_rep_and_the_total() -> None:
    data = S.team()
    texts = assert_sound(P.team_summary_pdf(data, "en", S.PRINTED))
    for rep in data.reps:
        assert rep.rep_name in texts[0]
    assert f"Total {sum(r.visits for r in data.reps)}" in texts[0].replace("Total  ", "Total ")


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("Frequency attainment by grade", "Frequency attainment by rep", "Attainment", "Target 100%")),
    ("zh_CN", ("各级别拜访频率达成率", "各代表拜访频率达成率", "达成率", "目标 100%")),
])
def test_team_summary_draws_the_reports_charts(language: str, words: tuple[str, ...]) -> None:
    data = S.team()
    pdf = P.team_summary_pdf(data, language, S.PRINTED)
    texts = assert_sound(pdf, chinese="团队拜访汇总" if language == "zh_CN" else None)
    text = " ".join(texts)
    for word in (*words, "100%", "75%", "0%", "张伟", "刘洋"):  # titles, legend, value axis, reps
        assert word in text, word
    assert "A B C D" in text  # the grade axis
    charted = next(i for i, page in enumerate(texts) if words[0] in page)
    ink = operators(pdf, charted)
    # vector bars and axes, not a picture: one filled rectangle per bar (4 grades + 4 reps)
    assert ink["re"] >= 8 + 4 and ink["l"] >= 10 and ink["Do"] == 0


def test_weekly_report_counts_plan_against_actual() -> None:
    data = S.weekly_report()
    texts = assert_sound(P.weekly_report_pdf(data, "zh_CN", S.PRINTED), chinese="周报")
    assert "计划 按计划完成 未完成 计划外 计划执行率 7 5 2 2 71%" in texts[0]
    assert "未完成" in texts[0] and "周三参加学术会议" in " ".join(texts)


def test_weekly_report_numbers_each_days_stops_even_without_a_route() -> None:
    """Stops never put in route order are numbered 1, 2, … as the day plan numbers them
    (the column was blank)."""
    data = S.weekly_report()
    unrouted = dataclasses.replace(data, planned=tuple(
        dataclasses.replace(s, route_order=None) for s in data.planned))
    text = all_text(P.weekly_report_pdf(unrouted, "en", S.PRINTED))
    first_day = [s for s in data.planned if s.day == min(p.day for p in data.planned)]
    for number, name in enumerate(sorted(s.doctor_name for s in first_day), start=1):
        assert f"{number} {name}" in text, (number, name)


def test_day_plan_draws_the_route() -> None:
    data = S.day_plan()
    texts = assert_sound(P.day_plan_pdf(data, "zh_CN", S.PRINTED), chinese="日计划")
    for stop in data.stops:
        assert stop.address in texts[0]
    assert "路线示意图" in texts[0]
    no_map = P.DayPlanData(person=S.REP, day=data.day, stops=tuple(
        P.PlannedStop(s.day, s.route_order, s.doctor_name, s.doctor_grade, s.institution, s.department,
                      s.address, s.objective) for s in data.stops))
    assert "No coordinates for these stops" in all_text(P.day_plan_pdf(no_map, "en", S.PRINTED))


@pytest.mark.parametrize("status", ["acknowledged", "draft"])
def test_evaluation_form_with_scores_and_signature_lines(status: str) -> None:
    data = S.evaluation(status)
    pdf = P.evaluation_pdf(data, "zh_CN", S.PRINTED)
    texts = assert_sound(pdf, chinese="随访评估表")
    text = " ".join(texts)
    for expected in ("拜访前计划", "20% 4 / 5 0.80", "总分 100% 3.90 / 5 3.90", "A级医生达成率",
                     "练习开放式提问", "评估人签字", "被评估人签字", "确认日期"):
        assert expected in text, expected
    assert ("确认日期 2026-12-03" in text) == (status == "acknowledged")
    assert ("草稿" in text) == (status == "draft")


def test_every_builder_in_english_has_no_chinese_labels() -> None:
    pdf = P.evaluation_pdf(S.evaluation(), "en", S.PRINTED)
    text = " ".join(page_texts(pdf))
    assert "Field coaching evaluation" in text and "Evaluator's signature" in text
    assert "评估人签字" not in text


@pytest.mark.parametrize(("language", "words"), [
    ("zh_CN", ("协访周计划", "大区经理意见：同意", "已批准", "星期六", "周一至周日")),
    ("en", ("Field days of the week", "Regional manager's comment: 同意", "Approved", "Saturday",
            "Monday to Sunday")),
])
def test_field_days_week_on_one_page(language: str, words: tuple[str, ...]) -> None:
    monday = date(2026, 11, 30)
    data = P.FieldDaysData(manager="王经理 (dm001)", week_start=monday, status="approved", days=(
        P.FieldDayLine(date(2026, 12, 1), ("张伟", "李娜"), "协访：新产品介绍"),
        P.FieldDayLine(date(2026, 12, 4), ("陈志强",), "随访：A级医生拜访，" * 12)),
        review_comment="同意，注意记录辅导要点。")
    pdf = P.field_days_pdf(data, language, S.PRINTED)
    [page] = assert_sound(pdf, chinese=words[0] if language == "zh_CN" else None)
    for word in words:
        assert word in page, word
    assert "张伟、李娜" in page and "陈志强" in page and "2026-12-06" in page
    assert P.field_days_pdf(data, language, S.PRINTED) == pdf
