"""The page frame: header and footer on every page, N of M, the font, identical bytes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from desktop.printing.frame import DocumentInfo, Styles, data_table, para, render_pdf
from desktop.printing.labels import Labels
from tests.desktop.printing.pdf_checks import assert_sound, page_texts

SHANGHAI = timezone(timedelta(hours=8))
PRINTED = datetime(2026, 12, 3, 9, 30, tzinfo=SHANGHAI)


def long_table_pdf(language: str, rows: int = 150, printed: datetime = PRINTED) -> bytes:
    info = DocumentInfo(title="月拜访汇总" if language == "zh_CN" else "Monthly visit summary",
                        person="张伟 (rep001)", period="2026-12-01 – 2026-12-31",
                        printed_at=printed, language=language, landscape=True)
    styles = Styles(Labels(language))
    body = [[f"{i:03d}", f"李医生{i}", "北京协和医院 心内科", "介绍新适应症并讨论患者随访安排"]
            for i in range(rows)]
    return render_pdf(info, [para("拜访明细", styles.heading),
                             data_table(["序号", "医生", "机构", "目的"], body, [40, 120, 200, 400], styles)])


def test_a_long_table_splits_across_pages_with_its_header_and_the_frame_on_each() -> None:
    pdf = long_table_pdf("zh_CN")
    texts = assert_sound(pdf, chinese="月拜访汇总")
    assert len(texts) >= 3
    for page in texts:
        assert "序号 医生 机构 目的" in page  # the header row repeats
        assert "张伟 (rep001)" in page and "2026-12-01 – 2026-12-31" in page
        assert "打印日期 2026-12-03" in page
    every_row = " ".join(texts)
    assert all(f"李医生{i} " in every_row for i in range(150))


def test_english_frame_counts_pages_in_english() -> None:
    texts = assert_sound(long_table_pdf("en"))
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    assert "Printed 2026-12-03" in texts[0]


def test_identical_input_gives_identical_bytes_and_the_date_comes_from_the_input() -> None:
    first = long_table_pdf("zh_CN", rows=40)
    assert first == long_table_pdf("zh_CN", rows=40)
    later = long_table_pdf("zh_CN", rows=40, printed=PRINTED + timedelta(days=1))
    assert later != first
    assert b"D:20261203093000+08'00'" in first


def test_one_page_document() -> None:
    texts = page_texts(long_table_pdf("en", rows=3))
    assert len(texts) == 1 and "Page 1 of 1" in texts[0]
