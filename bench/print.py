"""Benchmark: printing (reportlab PDFs with the embedded CJK font) and the preview.

* ``print.week_summary_ms`` (target ≤ 300): a rep's weekly visit summary in Chinese,
  40 visits (8 a working day, two products each, drafts marked), from its data to the
  PDF's bytes (``desktop.printing.visit_summary_pdf``). Median of several builds.
* ``print.month_400_visits_s`` (target ≤ 2): the monthly summary of 400 visits in
  Chinese (~40 landscape pages), data to bytes. Median of a few builds.
* ``print.preview_first_page_ms`` (target ≤ 500): the preview widget (``PdfView``,
  offscreen, real ``TaskManager`` threads) given the month's PDF bytes, until page 1
  is rendered and shown. Median of several openings.

Each build line also carries its CPU time (``cpu_ms``/``cpu_s``, this process's
``time.process_time``): on a shared machine the wall time can be several times it.
The data are the tests' hand-made visits (``tests/desktop/printing/samples.py``), so
the figures measure the printing, not a replica read (the queries are one indexed
range scan; see ``bench/visits.py`` for replica reads). Run:
``QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.print``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date

from bench.common import emit

WEEK_RUNS = 7
MONTH_RUNS = 3
PREVIEW_RUNS = 7
WEEK_VISITS = 40
MONTH_VISITS = 400
PREVIEW_TIMEOUT_S = 30


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def bench_builds() -> bytes:
    from desktop.printing import visit_summary_pdf
    from tests.desktop.printing.samples import PRINTED, summary

    week = summary("week", date(2026, 11, 30), date(2026, 12, 6), WEEK_VISITS)
    visit_summary_pdf(week, "zh_CN", PRINTED)  # font loading and imports: not part of a build
    samples, cpu = [], []
    for _ in range(WEEK_RUNS):
        started, cpu_started = time.perf_counter(), time.process_time()
        visit_summary_pdf(week, "zh_CN", PRINTED)
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    emit("print.week_summary_ms", _median_ms(samples), "ms", target=300, runs=WEEK_RUNS,
         min=round(min(samples) * 1000, 1), cpu_ms=_median_ms(cpu), visits=WEEK_VISITS, language="zh_CN")

    month = summary("month", date(2026, 12, 1), date(2026, 12, 31), MONTH_VISITS)
    samples, cpu = [], []
    pdf = b""
    for _ in range(MONTH_RUNS):
        started, cpu_started = time.perf_counter(), time.process_time()
        pdf = visit_summary_pdf(month, "zh_CN", PRINTED)
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    from desktop.pdf_pages import page_count

    emit("print.month_400_visits_s", round(statistics.median(samples), 3), "s", target=2, runs=MONTH_RUNS,
         min=round(min(samples), 3), cpu_s=round(statistics.median(cpu), 3), pages=page_count(pdf),
         bytes=len(pdf), language="zh_CN")
    return pdf


def bench_preview(pdf: bytes) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop.tasks import TaskManager
    from desktop.ui.pdf_view import PdfView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tasks = TaskManager()
    samples = []
    try:
        for _ in range(PREVIEW_RUNS + 1):
            view = PdfView(tasks)
            view.resize(900, 1000)
            view.show()
            started = time.perf_counter()
            view.set_pdf(pdf)
            deadline = started + PREVIEW_TIMEOUT_S
            while view.page_pixmap(1) is None and time.perf_counter() < deadline:
                app.processEvents()
                time.sleep(0.001)
            samples.append(time.perf_counter() - started)
            view.clear()
            view.deleteLater()
            QCoreApplication.processEvents()
    finally:
        tasks.shutdown()
    first, rest = samples[0], samples[1:]
    emit("print.preview_first_page_ms", _median_ms(rest), "ms", target=500, runs=len(rest),
         min=round(min(rest) * 1000, 1), first_ms=round(first * 1000, 1))


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pdf = bench_builds()
    bench_preview(pdf)


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)
