"""The page frame every FieldRep print shares, and the building blocks inside it.

``render_pdf(info, story)`` lays a story (reportlab flowables) out on A4 pages with a
header (document title, person, period) and a footer (printed date, "Page N of M" /
"第 N 页 / 共 M 页") and returns the PDF bytes. Page M is known only once the story
is laid out, so the frame is drawn when the canvas saves (the classic numbered-canvas
recipe): every page is kept until then.

Identical input gives byte-identical PDFs: reportlab runs in invariant mode (no
random document id, no timestamps) and the creation date printed in the metadata is
``info.printed_at``, taken from the input, never from the clock. Prints can then be
compared and cached.

reportlab keeps module-level state (registered fonts, per-document subset tables),
so builds are serialised by a lock: any thread may call ``render_pdf``.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import KeepTogether

from desktop.printing.fonts import register_fonts
from desktop.printing.labels import Labels

MARGIN = 14 * mm
SECTION_MIN_SPACE = 30 * mm
HEADER_BAND = 16 * mm
FOOTER_BAND = 12 * mm
BODY_SIZE = 8.5
SMALL_SIZE = 7.5
TITLE_SIZE = 15
HEADING_SIZE = 11

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#9aa5b1")
HEADER_FILL = colors.HexColor("#e4e7eb")
ZEBRA_FILL = colors.HexColor("#f5f7fa")
ACCENT = colors.HexColor("#1f5f8b")
DRAFT_INK = colors.HexColor("#b44d12")
DRAFT_FILL = colors.HexColor("#fdf0e6")
WATERMARK_INK = colors.Color(0.8, 0.3, 0.1, alpha=0.12)

_build_lock = threading.Lock()
_monitor = threading.local()


class PrintCancelled(Exception):
    """The caller asked the build to stop (``build_monitor``'s ``cancelled`` said so)."""


@contextmanager
def build_monitor(progress: Callable[[float], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Iterator[None]:
    """Watch the builds this thread makes inside the block: ``progress(fraction)`` as
    the story is laid out (0..1), and ``cancelled()`` asked between flowables; when it
    says True the build stops with ``PrintCancelled``. Builders need no parameter for it."""
    previous = getattr(_monitor, "current", None)
    _monitor.current = (progress, cancelled)
    try:
        yield
    finally:
        _monitor.current = previous


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the frame prints on every page, and the document's metadata.

    ``printed_at`` is the moment the caller says the print was made (the footer's
    date and the PDF's creation date); passing the same value gives the same bytes.
    """

    title: str
    person: str
    period: str
    printed_at: datetime
    language: str
    landscape: bool = False
    watermark: str | None = None


class Styles:
    """Paragraph styles in the shipped font. Every print wraps the CJK way (between any
    two Chinese characters, Latin words kept whole, no line starting with "，"): the
    data are Chinese whatever the labels' language."""

    def __init__(self, labels: Labels) -> None:
        font = register_fonts()
        self.font = font
        wrap = "CJK"
        base = ParagraphStyle("body", fontName=font, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.35,
                              textColor=INK, wordWrap=wrap)
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=SMALL_SIZE,
                                    leading=SMALL_SIZE * 1.3, textColor=MUTED)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=SMALL_SIZE + 0.5,
                                   leading=(SMALL_SIZE + 0.5) * 1.3)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_header = ParagraphStyle("cell_header", parent=self.cell, textColor=INK)
        self.cell_header_right = ParagraphStyle("cell_header_right", parent=self.cell_header,
                                                alignment=TA_RIGHT)
        self.title = ParagraphStyle("title", parent=base, fontSize=TITLE_SIZE,
                                    leading=TITLE_SIZE * 1.3, textColor=ACCENT, spaceAfter=2 * mm)
        self.heading = ParagraphStyle("heading", parent=base, fontSize=HEADING_SIZE,
                                      leading=HEADING_SIZE * 1.35, textColor=ACCENT,
                                      spaceBefore=3 * mm, spaceAfter=1.5 * mm)
        self.subheading = ParagraphStyle("subheading", parent=base, fontSize=BODY_SIZE + 1,
                                         leading=(BODY_SIZE + 1) * 1.35, textColor=INK,
                                         spaceBefore=2 * mm, spaceAfter=1 * mm)
        self.note = ParagraphStyle("note", parent=self.small, spaceAfter=1.5 * mm)


def text(value: object) -> str:
    """Plain text made safe for a Paragraph (markup escaped, line breaks kept)."""
    if value is None:
        return ""
    return escape(str(value)).replace("\n", "<br/>")


class CellParagraph(Paragraph):
    """A paragraph that remembers its line breaks per width.

    A table re-wraps every cell several times (to measure rows, to split at a page
    break, to draw); breaking Chinese text is the costliest step of a long print, and
    a table cell never splits, so the breaks for a width are computed once.
    """

    # Set by reportlab's Paragraph.wrap (an untyped base class): declared so that the
    # cache below can read and restore them with known types.
    blPara: Any
    _wrapWidths: list[float]
    width: float
    height: float

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cache: dict[float, tuple[Any, float, list[float]]] = self.__dict__.setdefault("_wrap_cache", {})
        hit = cache.get(availWidth)
        if hit is None:
            width, height = super().wrap(availWidth, availHeight)
            cache[availWidth] = (self.blPara, height, list(self._wrapWidths))
            return width, height
        self.width = availWidth
        self.blPara, self.height, self._wrapWidths = hit[0], hit[1], list(hit[2])
        return availWidth, self.height


def css(colour: colors.Color) -> str:
    """``#rrggbb`` for paragraph markup (``<font color=...>``)."""
    return "#" + colour.hexval()[2:]


def para(value: object, style: ParagraphStyle) -> Paragraph:
    return CellParagraph(text(value), style)


CELL_PADDING = 3


def data_table(header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float],
               styles: Styles, *, right_columns: Sequence[int] = (),
               highlight_rows: Sequence[int] = (), total_row: bool = False) -> Table:
    """A ruled table whose header row repeats on every page it spans.

    A text cell whose lines all fit its column is drawn as plain lines (cheap: no
    paragraph to parse and break); a longer one becomes a wrapping paragraph.
    Flowables pass through. ``highlight_rows`` (0-based, data rows) are tinted;
    ``total_row`` sets the last row apart.
    """
    def cell(value: Any, column: int) -> Any:
        if isinstance(value, Flowable):
            return value
        value = "" if value is None else str(value)
        room = widths[column] - 2 * CELL_PADDING
        if all(stringWidth(line, styles.font, styles.cell.fontSize) <= room for line in value.split("\n")):
            return value
        return para(value, styles.cell_right if column in right_columns else styles.cell)

    data: list[list[Any]] = [[para(h, styles.cell_header_right if i in right_columns else styles.cell_header)
                              for i, h in enumerate(header)]]
    data += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("FONTSIZE", (0, 0), (-1, -1), styles.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), styles.cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    commands += [("ALIGN", (column, 0), (column, -1), "RIGHT") for column in right_columns]
    for index in highlight_rows:
        commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), DRAFT_FILL))
    if total_row and rows:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE))
        commands.append(("BACKGROUND", (0, -1), (-1, -1), ZEBRA_FILL))
    table.setStyle(TableStyle(commands))
    return table


def field_table(pairs: Sequence[tuple[str, Any]], widths: Sequence[float], styles: Styles) -> Table:
    """Label/value lines (a visit's fields, a doctor's profile), labels in the muted colour."""
    data = [[para(label, styles.small), value if isinstance(value, Flowable) else para(value, styles.cell)]
            for label, value in pairs]
    table = Table(data, colWidths=list(widths), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -1), 0.2, HEADER_FILL),
    ]))
    return table


def section(title: object, style: ParagraphStyle) -> list[Flowable]:
    """A heading that never ends a page: a new page starts first when less than
    ``SECTION_MIN_SPACE`` is left (a heading kept with a whole long table instead would
    push the table to the next page and leave this one empty)."""
    return [CondPageBreak(SECTION_MIN_SPACE), para(title, style)]


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


def page_size(info: DocumentInfo) -> tuple[float, float]:
    return landscape(A4) if info.landscape else A4


def content_width(info: DocumentInfo) -> float:
    return page_size(info)[0] - 2 * MARGIN


def render_pdf(info: DocumentInfo, story: list[Flowable]) -> bytes:
    """Lay ``story`` out in the frame and return the PDF's bytes (see the module docstring)."""
    labels = Labels(info.language)
    font = register_fonts()
    buffer = io.BytesIO()
    with _build_lock:
        document = SimpleDocTemplate(
            buffer, pagesize=page_size(info), invariant=1,
            leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_BAND, bottomMargin=MARGIN + FOOTER_BAND,
            title=info.title, author=info.person, subject=info.period,
            creator=labels("app_name"), lang="zh-CN" if labels.chinese else "en",
            initialFontName=font, initialFontSize=BODY_SIZE)
        canvasmaker = functools.partial(_FramedCanvas, frame_info=info, labels=labels, font=font)
        _watch(document)
        document.build(list(story) or [Spacer(1, 1)], canvasmaker=canvasmaker)
    return buffer.getvalue()


def _watch(document: SimpleDocTemplate) -> None:
    """Hook the thread's ``build_monitor`` (if any) into reportlab's progress callback."""
    progress, cancelled = getattr(_monitor, "current", None) or (None, None)
    if progress is None and cancelled is None:
        return
    total = [1]

    def report(kind: str, value: int) -> None:
        if cancelled is not None and cancelled():
            raise PrintCancelled()
        if kind == "SIZE_EST":
            total[0] = max(1, value)
        elif kind == "PROGRESS" and progress is not None:
            progress(min(1.0, value / total[0]))

    document.setProgressCallBack(report)


class _FramedCanvas(Canvas):
    """Keeps every page until ``save`` so the footer can say how many there are."""

    def __init__(self, *args: Any, frame_info: DocumentInfo, labels: Labels, font: str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._info = frame_info
        self._labels = labels
        self._font = font
        self._pages: list[dict[str, Any]] = []
        stamp = frame_info.printed_at
        self.setDateFormatter(lambda *_: stamp.strftime("D:%Y%m%d%H%M%S") + _utc_offset(stamp))

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_frame(total)
            super().showPage()
        super().save()

    def _draw_frame(self, total: int) -> None:
        info, labels = self._info, self._labels
        width, height = self._pagesize
        top = height - MARGIN
        self.saveState()
        if info.watermark:
            self._draw_watermark(info.watermark, width, height)
        self.setFillColor(ACCENT)
        self.setFont(self._font, 11)
        self.drawString(MARGIN, top - 11, info.title)
        self.setFillColor(MUTED)
        self.setFont(self._font, 8)
        self.drawRightString(width - MARGIN, top - 4, info.person)
        self.drawRightString(width - MARGIN, top - 14, info.period)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(MARGIN, top - HEADER_BAND + 4 * mm, width - MARGIN, top - HEADER_BAND + 4 * mm)
        bottom = MARGIN
        self.line(MARGIN, bottom + FOOTER_BAND - 4 * mm, width - MARGIN, bottom + FOOTER_BAND - 4 * mm)
        self.setFont(self._font, 7.5)
        self.drawString(MARGIN, bottom + 2 * mm,
                        f"{labels('app_name')} · {labels('printed_on', date=labels.date(info.printed_at))}")
        self.drawRightString(width - MARGIN, bottom + 2 * mm,
                             labels("page_n_of_m", n=self._pageNumber, m=total))
        self.restoreState()

    def _draw_watermark(self, mark: str, width: float, height: float) -> None:
        self.saveState()
        self.setFillColor(WATERMARK_INK)
        self.setFont(self._font, 90)
        self.translate(width / 2, height / 2)
        self.rotate(35)
        self.drawCentredString(0, -30, mark)
        self.restoreState()


def _utc_offset(moment: datetime) -> str:
    offset = moment.utcoffset()
    if offset is None:
        return "Z"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}'{minutes % 60:02d}'"
