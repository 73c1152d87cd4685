"""FieldRep's prints: data in (plain dataclasses), PDF bytes out. No Qt, no database.

Every builder takes its data, a language (``"en"`` or ``"zh_CN"``) and the moment the
print is made (printed in the footer and used as the PDF's date, so identical input
gives identical bytes), and returns the PDF's bytes. The shipped CJK font is embedded.
"""

from __future__ import annotations

from desktop.printing.evaluation import ActionItem, CompetencyScore, EvaluationData, evaluation_pdf
from desktop.printing.field_days import FieldDayLine, FieldDaysData, field_days_pdf
from desktop.printing.frame import PrintCancelled, build_monitor
from desktop.printing.labels import CHINESE, ENGLISH, LANGUAGES, month_bounds, week_bounds
from desktop.printing.model import (
    CommentEntry,
    DoctorFrequency,
    DoctorHistoryData,
    ProductLine,
    RepFigures,
    ReviewEntry,
    TeamSummaryData,
    VisitEntry,
    VisitRecordData,
    VisitSummaryData,
)
from desktop.printing.plans import DayPlanData, PlannedStop, WeeklyReportData, day_plan_pdf, weekly_report_pdf
from desktop.printing.team import team_summary_pdf
from desktop.printing.visit_docs import doctor_history_pdf, visit_record_pdf
from desktop.printing.visit_summary import visit_summary_pdf

__all__ = [
    "CHINESE", "ENGLISH", "LANGUAGES", "ActionItem", "CommentEntry", "CompetencyScore",
    "DayPlanData", "DoctorFrequency", "DoctorHistoryData", "EvaluationData", "FieldDayLine",
    "FieldDaysData", "PlannedStop", "PrintCancelled", "ProductLine", "RepFigures", "ReviewEntry",
    "TeamSummaryData", "VisitEntry", "VisitRecordData", "VisitSummaryData", "WeeklyReportData",
    "build_monitor", "day_plan_pdf", "doctor_history_pdf", "evaluation_pdf", "field_days_pdf",
    "month_bounds", "team_summary_pdf", "visit_record_pdf", "visit_summary_pdf", "week_bounds",
    "weekly_report_pdf",
]
