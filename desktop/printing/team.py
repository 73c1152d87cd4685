"""The team summary a manager takes to the team meeting (landscape A4).

One line per rep: submitted visits, doctors visited, average quality, frequency
attainment overall and per grade, drafts still open; then the team's total line, the
visits by type and the charts (attainment by grade for the team, by rep: the Reports
page's chart drawing, ``desktop.charts``, placed in the PDF as vector graphics).
Only submitted visits count (a manager judges what was submitted); the drafts column
says what is still open.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, Table, TableStyle

from desktop.charts import attainment_bars
from desktop.printing.fonts import register_fonts
from desktop.printing.frame import (
    DocumentInfo,
    Styles,
    content_width,
    data_table,
    gap,
    keep,
    para,
    render_pdf,
    section,
)
from desktop.printing.labels import Labels
from desktop.printing.model import (
    GRADES,
    DoctorFrequency,
    TeamSummaryData,
    attainment_by_grade,
    overall_attainment,
)
from desktop.printing.visit_summary import percent_text, quality_text, type_text


def team_summary_pdf(data: TeamSummaryData, language: str, printed_at: datetime) -> bytes:
    labels = Labels(language)
    styles = Styles(labels)
    period = labels.period(data.first, data.last)
    info = DocumentInfo(title=labels("title_team_summary"), person=labels("manager", name=data.manager),
                        period=period, printed_at=printed_at, language=language, landscape=True)
    width = content_width(info)
    header = [labels("team_rep"), labels("territory"), labels("visits"), labels("doctors"),
              labels("avg_quality"), labels("attained"),
              *[f"{labels('attained')} {g}" for g in GRADES], labels("status_draft")]
    rows: list[list[object]] = []
    all_frequency: list[DoctorFrequency] = []
    for rep in sorted(data.reps, key=lambda r: r.rep_name):
        by_grade = {g.grade: g for g in attainment_by_grade(rep.attainment)}
        all_frequency += rep.attainment
        rows.append([rep.rep_name, rep.territory, str(rep.visits), str(rep.doctors_visited),
                     quality_text(rep.average_quality), percent_text(overall_attainment(rep.attainment)),
                     *[percent_text(by_grade[g].rate) if g in by_grade else "—" for g in GRADES],
                     str(rep.drafts)])
    total_visits = sum(r.visits for r in data.reps)
    scored = [(r.average_quality, r.visits) for r in data.reps if r.average_quality is not None and r.visits]
    weighted = sum(q * n for q, n in scored) / sum(n for _, n in scored) if scored else None
    team_grades = {g.grade: g for g in attainment_by_grade(all_frequency)}
    rows.append([labels("total"), "", str(total_visits), str(sum(r.doctors_visited for r in data.reps)),
                 quality_text(weighted), percent_text(overall_attainment(all_frequency)),
                 *[percent_text(team_grades[g].rate) if g in team_grades else "—" for g in GRADES],
                 str(sum(r.drafts for r in data.reps))])
    fractions = (0.16, 0.13, 0.07, 0.07, 0.09, 0.09, 0.08, 0.08, 0.08, 0.08, 0.07)
    story: list[Flowable] = [
        para(labels("title_team_summary"), styles.title),
        para(f"{labels('manager', name=data.manager)} · {period}", styles.body),
        para(labels("only_submitted"), styles.note),
        data_table(header, rows, [width * f for f in fractions], styles,
                   right_columns=list(range(2, len(header))), total_row=True),
    ]
    if data.by_type:
        story += [gap(4), *section(labels("by_type"), styles.heading),
                  data_table([labels("type"), labels("visits")],
                             [[type_text(t, labels), str(n)] for t, n in data.by_type.items()],
                             [width * 0.25, width * 0.1], styles, right_columns=[1])]
    story.append(_charts(data, all_frequency, width, labels))
    return render_pdf(info, story)


CHART_HEIGHT = 190


def _charts(data: TeamSummaryData, team_frequency: list[DoctorFrequency], width: float,
            labels: Labels) -> Flowable:
    """The two charts side by side, kept together with their heading."""
    font = register_fonts()
    legend = (labels("legend_attainment"), labels("legend_target"))
    grades = attainment_by_grade(team_frequency)
    by_grade = attainment_bars([g.grade for g in grades], [g.rate for g in grades], width=width * 0.38,
                               height=CHART_HEIGHT, title=labels("chart_by_grade"), font=font, legend=legend)
    reps = sorted(data.reps, key=lambda r: r.rep_name)
    by_rep = attainment_bars([r.rep_name.split(" (")[0] for r in reps],
                             [overall_attainment(r.attainment) for r in reps], width=width * 0.58,
                             height=CHART_HEIGHT, title=labels("chart_by_rep"), font=font, legend=legend)
    table = Table([[by_grade, by_rep]], colWidths=[width * 0.4, width * 0.6])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), font)]))  # the only font a print embeds
    return keep(gap(4), table)
