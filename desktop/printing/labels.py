"""The words printed on FieldRep's PDFs, in English and Chinese.

Printing may not import Qt (its import contract), so it cannot use the app's ``.qm``
catalogues: the few dozen labels a print needs live here, keyed by a short name, with
the language passed in by the caller (``"en"`` or ``"zh_CN"``; anything else falls
back to English). Dates print in ISO form in both languages: they sort, and a reader
of either language reads them without doubt.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime, timedelta

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)

# key: (English, Chinese). Fields in braces are filled in by ``Labels.__call__``.
CATALOGUE: dict[str, tuple[str, str]] = {
    # page frame
    "page_n_of_m": ("Page {n} of {m}", "第 {n} 页 / 共 {m} 页"),
    "printed_on": ("Printed {date}", "打印日期 {date}"),
    "person": ("Rep: {name}", "代表：{name}"),
    "manager": ("Manager: {name}", "经理：{name}"),
    "period": ("Period: {period}", "期间：{period}"),
    "app_name": ("FieldRep", "FieldRep 医药代表客户管理"),
    "none": ("—", "—"),
    "nothing_in_period": ("No visits in this period.", "本期间没有拜访记录。"),
    # document titles
    "title_summary_day": ("Daily visit summary", "日拜访汇总"),
    "title_summary_week": ("Weekly visit summary", "周拜访汇总"),
    "title_summary_month": ("Monthly visit summary", "月拜访汇总"),
    "title_visit": ("Visit record", "拜访记录"),
    "title_doctor_history": ("Doctor visit history", "医生拜访历史"),
    "title_team_summary": ("Team visit summary", "团队拜访汇总"),
    "title_weekly_report": ("Weekly report", "周报"),
    "title_day_plan": ("Day plan", "日计划"),
    "title_evaluation": ("Field coaching evaluation", "随访评估表"),
    # visit fields
    "time": ("Time", "时间"),
    "date": ("Date", "日期"),
    "doctor": ("Doctor", "医生"),
    "institution": ("Institution", "机构"),
    "department": ("Department", "科室"),
    "type": ("Type", "类型"),
    "purpose": ("Purpose", "拜访目的"),
    "products": ("Products and key messages", "产品与关键信息"),
    "feedback": ("Doctor's feedback", "医生反馈"),
    "result": ("Result", "结果"),
    "next_step": ("Next step", "下一步"),
    "quality": ("Quality", "质量分"),
    "status": ("Status", "状态"),
    "grade": ("Grade", "级别"),
    "rep": ("Rep", "代表"),
    "accompanied_by": ("Accompanied by", "协访人"),
    "reaction": ("reaction", "反应"),
    "outcome": ("Feedback · result · next step", "反馈 · 结果 · 下一步"),
    # visit types and statuses
    "visit_type_face_to_face": ("Face-to-face", "面对面拜访"),
    "visit_type_phone": ("Phone", "电话拜访"),
    "visit_type_department_meeting": ("Department meeting", "科室会"),
    "visit_type_academic_event": ("Academic event", "学术活动"),
    "status_draft": ("Draft", "草稿"),
    "status_submitted": ("Submitted", "已提交"),
    "draft_mark": ("DRAFT", "草稿"),
    "drafts_excluded": ("Submitted visits only: {n} draft(s) in this period are not included.",
                        "仅含已提交的拜访：本期间另有 {n} 条草稿未计入。"),
    "drafts_marked": ("Includes {n} draft(s), marked DRAFT and not counted in the totals.",
                      "含 {n} 条草稿（标注“草稿”），不计入合计。"),
    "only_submitted": ("Submitted visits only.", "仅含已提交的拜访。"),
    # totals
    "totals": ("Totals", "合计"),
    "total": ("Total", "合计"),
    "visits": ("Visits", "拜访次数"),
    "by_type": ("Visits by type", "按拜访类型"),
    "by_grade": ("Visits by doctor grade", "按医生级别"),
    "attainment": ("Visit frequency attainment by grade", "按级别的拜访频次达成"),
    "doctors": ("Doctors", "医生数"),
    "required": ("Required visits", "应访次数"),
    "done": ("Done", "已访次数"),
    "attained": ("Attainment", "达成率"),
    "doctors_met": ("Doctors at frequency", "达标医生数"),
    "avg_quality": ("Average quality", "平均质量分"),
    "ungraded": ("Ungraded", "未分级"),
    "day_heading": ("{date} {weekday} · {n} visit(s)", "{date} {weekday} · {n} 次拜访"),
    # single visit
    "review_thread": ("Review thread", "点评记录"),
    "review": ("Reviewed", "已审阅"),
    "author": ("By", "作者"),
    "kind": ("Kind", "类别"),
    "comment_text": ("Text", "内容"),
    "product": ("Product", "产品"),
    "key_message": ("Key message", "关键信息"),
    "doctor_reaction": ("Doctor's reaction", "医生反应"),
    "amends": ("Corrects the visit of {when}", "更正 {when} 的拜访"),
    "no_comments": ("No comments.", "暂无点评。"),
    "comment_kind_comment": ("Comment", "评论"),
    "comment_kind_suggestion": ("Suggestion", "建议"),
    "comment_kind_manager_note": ("Manager note", "经理备注"),
    "exemplary": ("Shared with the team as an exemplary visit", "已作为优秀拜访分享给团队"),
    "quality_explained": ("Quality {score}: {why}", "质量分 {score}：{why}"),
    # quality score lines by the domain's codes (domain.visit_quality.CRITERIA)
    "quality_duration_in_range": ("duration in range", "时长合理"),
    "quality_purpose": ("purpose stated", "已填写拜访目的"),
    "quality_products_with_key_message": ("product detailed with a key message", "已传递产品关键信息"),
    "quality_feedback": ("feedback recorded", "已记录医生反馈"),
    "quality_result": ("result recorded", "已记录拜访结果"),
    "quality_next_step": ("next step set", "已设定下一步"),
    "quality_linked_to_plan": ("linked to a plan", "关联拜访计划"),
    "quality_no_purpose": ("no purpose", "未填写拜访目的"),
    "quality_no_key_message": ("no product with a key message", "无产品关键信息"),
    "quality_no_feedback": ("no feedback", "无医生反馈"),
    "quality_no_result": ("no result", "无拜访结果"),
    "quality_no_next_step": ("no next step", "无下一步"),
    # doctors' titles by code
    "doctor_title_chief": ("Chief physician", "主任医师"),
    "doctor_title_associate_chief": ("Associate chief physician", "副主任医师"),
    "doctor_title_attending": ("Attending physician", "主治医师"),
    "doctor_title_resident": ("Resident physician", "住院医师"),
    "doctor_title_pharmacist": ("Pharmacist", "药师"),
    # doctor history
    "title_field": ("Title", "职称"),
    "specialty": ("Specialty", "专长"),
    "first_last_visit": ("Visits: {n} · first {first} · last {last}",
                         "拜访 {n} 次 · 首次 {first} · 最近 {last}"),
    # team summary
    "team_rep": ("Rep", "代表"),
    "charts": ("Frequency attainment", "拜访频率达成"),
    "chart_by_grade": ("Frequency attainment by grade", "各级别拜访频率达成率"),
    "chart_by_rep": ("Frequency attainment by rep", "各代表拜访频率达成率"),
    "legend_attainment": ("Attainment", "达成率"),
    "legend_target": ("Target 100%", "目标 100%"),
    "territory": ("Territory", "辖区"),
    # weekly report
    "planned": ("Planned", "计划"),
    "done_as_planned": ("Done as planned", "按计划完成"),
    "missed": ("Missed", "未完成"),
    "unplanned": ("Unplanned", "计划外"),
    "adherence": ("Plan adherence", "计划执行率"),
    "plan_vs_actual": ("Plan against actual", "计划与实际"),
    "outcome_done": ("Done", "已完成"),
    "outcome_missed": ("Missed", "未完成"),
    "outcome_unplanned": ("Unplanned", "计划外"),
    "objective": ("Objective", "目标"),
    # day plan
    "stop": ("Stop", "站"),
    "address": ("Address", "地址"),
    "route_map": ("Route sketch (not to scale)", "路线示意图（非比例）"),
    "no_coordinates": ("No coordinates for these stops: no sketch.", "这些站点没有坐标，无法绘制示意图。"),
    "notes": ("Notes", "备注"),
    # a DM's field days (desktop.printing.field_days)
    "title_field_days": ("Field days of the week", "协访周计划"),
    "field_days": ("Field days", "协访天数"),
    "reps_accompanied": ("Reps accompanied", "协访代表"),
    "field_week": ("Monday to Sunday", "周一至周日"),
    "rm_comment": ("Regional manager's comment: {text}", "大区经理意见：{text}"),
    "field_status_none": ("Not planned", "未制定"),
    "field_status_draft": ("Draft", "草稿"),
    "field_status_submitted": ("Submitted, awaiting approval", "已提交，待审批"),
    "field_status_approved": ("Approved", "已批准"),
    "field_status_returned": ("Returned", "已退回"),
    # evaluation
    "evaluator": ("Evaluator", "评估人"),
    "evaluatee": ("Evaluated", "被评估人"),
    "evaluation_date": ("Evaluation date", "评估日期"),
    "competency": ("Competency", "能力项"),
    "weight": ("Weight", "权重"),
    "score": ("Score", "得分"),
    "weighted": ("Weighted", "加权得分"),
    "overall": ("Overall", "总分"),
    "indicators": ("Indicators", "指标快照"),
    "indicator": ("Indicator", "指标"),
    "value": ("Value", "数值"),
    "strengths": ("Strengths", "优点"),
    "improvements": ("Areas to improve", "待改进"),
    "action_items": ("Action items", "行动计划"),
    "due": ("Due", "截止"),
    "signature_evaluator": ("Evaluator's signature", "评估人签字"),
    "signature_evaluatee": ("Evaluated rep's signature", "被评估人签字"),
    "acknowledged_on": ("Acknowledged on", "确认日期"),
    "signature_date": ("Date", "日期"),
    "observed_visits": ("Observed visits", "随访拜访"),
    # why a print cannot be made (desktop.printing_data.PrintRefused), in the print's language
    "refused_period": ("Unknown period {period!r}: use day, week or month.",
                       "未知的期间 {period!r}：请用 day、week 或 month。"),
    "refused_signed_out": ("Nobody is signed in on this replica: sync once first.",
                           "本机数据中没有已登录的用户：请先同步一次。"),
    "refused_no_user": ("No user {user!r} in this replica.", "本机数据中没有用户 {user!r}。"),
    "refused_not_in_team": ("{name} is not in your team: you may print your own visits and, as a "
                            "manager, your reps'.",
                            "{name} 不在您的团队中：您可以打印自己的拜访，经理还可以打印所辖代表的拜访。"),
    "refused_no_visit": ("No visit {id} in this replica.", "本机数据中没有拜访 {id}。"),
    "refused_no_doctor": ("No doctor {id} in this replica.", "本机数据中没有医生 {id}。"),
    "refused_no_evaluation": ("No evaluation {id} in this replica.", "本机数据中没有评估 {id}。"),
    "refused_no_field_manager": ("Field days print for a district manager's week: pick a "
                                 "district manager first.",
                                 "协访计划按地区经理打印：请先选择一位地区经理。"),
    "refused_not_your_dm": ("{name} is not one of your district managers: you may print your "
                            "own field days and, as a regional manager, your district "
                            "managers'.",
                            "{name} 不是您所辖的地区经理：您可以打印自己的协访计划，大区经理还可以打印"
                            "所辖地区经理的协访计划。"),
    "refused_no_reps": ("You manage no reps in this replica: the team summary is for managers.",
                        "本机数据中没有您管理的代表：团队汇总供经理使用。"),
}

WEEKDAYS: dict[str, tuple[str, ...]] = {
    ENGLISH: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    CHINESE: ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
}


class Labels:
    """The catalogue in one language: ``labels("page_n_of_m", n=1, m=3)``."""

    def __init__(self, language: str) -> None:
        self.language = CHINESE if language == CHINESE else ENGLISH

    @property
    def chinese(self) -> bool:
        return self.language == CHINESE

    def __call__(self, key: str, **fields: object) -> str:
        english, chinese = CATALOGUE[key]
        text = chinese if self.chinese else english
        return text.format(**fields) if fields else text

    def get(self, key: str, default: str) -> str:
        """The label for ``key`` when the catalogue has it (e.g. a visit type), else ``default``."""
        return self(key) if key in CATALOGUE else default

    def weekday(self, day: date) -> str:
        return WEEKDAYS[self.language][day.weekday()]

    def date(self, day: dt.date | None) -> str:
        if day is None:
            return self("none")
        if isinstance(day, datetime):
            day = day.date()
        return day.isoformat()

    def time(self, moment: datetime | None) -> str:
        return moment.strftime("%H:%M") if moment is not None else ""

    def period(self, first: dt.date, last: dt.date) -> str:
        """``2026-12-01 – 2026-12-31``; one day prints once."""
        if first == last:
            return first.isoformat()
        return f"{first.isoformat()} – {last.isoformat()}"

    def month(self, first: dt.date) -> str:
        return f"{first.year}年{first.month}月" if self.chinese else first.strftime("%B %Y")


def week_bounds(day: date) -> tuple[date, date]:
    """Monday to Sunday of ``day``'s week (weeks start on Monday, DESIGN §6)."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_bounds(day: date) -> tuple[date, date]:
    """First and last day of ``day``'s month."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)
