"""Reading a PDF back the way a reader would: its text per page, its fonts, its ink."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
from pypdf.generic import ContentStream

NEAR_WHITE = 240
MIN_INK_PIXELS = 200


def page_texts(pdf: bytes) -> list[str]:
    """The extracted text of every page (whitespace collapsed to single spaces)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def operators(pdf: bytes, page: int) -> Counter[str]:
    """How often each content-stream operator occurs on a page (``re`` rectangles, ``l``
    lines, ``f`` fills…): vector graphics leave these, an image leaves ``Do``."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    content = ContentStream(reader.pages[page].get_contents(), reader)
    return Counter(op.decode("latin-1") for _operands, op in content.operations)


def all_text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """``pdffonts``' table as dicts (name, type, emb, sub)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type2] encoding emb sub uni objectid gen
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def ink_per_page(pdf: bytes, scale: float = 0.4) -> list[int]:
    """How many non-white pixels each page has, rendered small."""
    document = pdfium.PdfDocument(pdf)
    counts = []
    try:
        for index in range(len(document)):
            image = document[index].render(scale=scale, grayscale=True).to_pil()
            counts.append(sum(image.histogram()[:NEAR_WHITE]))
    finally:
        document.close()
    return counts


def assert_sound(pdf: bytes, chinese: str | None = None) -> list[str]:
    """Every print's common promises: the shipped font embedded as a subset and nothing
    else, no blank page, "N of M" right on the last page, and (for Chinese prints)
    Chinese text on every page. Returns the page texts."""
    texts = page_texts(pdf)
    total = len(texts)
    used = fonts(pdf)
    assert used, "no font in the PDF"
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in used), used
    assert all("WenQuanYi" in f["name"] for f in used), used
    assert all(ink > MIN_INK_PIXELS for ink in ink_per_page(pdf)), "a blank page"
    if chinese is not None:
        for number, page in enumerate(texts, start=1):
            assert f"第 {number} 页 / 共 {total} 页" in page, page[-200:]
            assert chinese in page, f"page {number} lacks {chinese!r}"
    else:
        for number, page in enumerate(texts, start=1):
            assert f"Page {number} of {total}" in page, page[-200:]
    return texts
