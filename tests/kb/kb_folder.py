"""Knowledge base folders for tests: articles with front matter, a real PDF, a PNG."""

from __future__ import annotations

import io
from pathlib import Path

from server.demo.kb_content import CJK_FONT


def pdf_bytes(title: str = "心安平产品手册", pages: int = 2) -> bytes:
    """A real A4 PDF with Chinese text (embedded TrueType CJK font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(CJK_FONT), subfontIndex=0))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    for page in range(pages):
        canvas.setFont("WQY", 28)
        canvas.drawString(60, 760, f"{title} 第{page + 1}页")
        canvas.rect(60, 400, 400, 300, stroke=1, fill=1)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def article(folder: Path, slug: str, *, title: str, category: str = "product",
            body: str = "正文", **meta: object) -> Path:
    lines = ["---", f"title: {title}", f"category: {category}"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {v}" for v in value)
        else:
            lines.append(f"{key}: {value}")
    lines.append("---")
    path = folder / f"{slug}.md"
    path.write_text("\n".join(lines) + "\n" + body + "\n", encoding="utf-8")
    return path


def sample_folder(folder: Path) -> Path:
    """Two articles, one with a PDF attachment, one must-read."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manual.pdf").write_bytes(pdf_bytes())
    article(folder, "xap-manual", title="心安平产品手册", products=["P-CV01"],
            tags=["心安平", "手册"], attachments=["manual.pdf"],
            body="# 心安平\n\n单片复方，一天一次，24小时平稳降压。")
    article(folder, "gifts", title="礼品与招待规定", category="合规", must_read="true",
            body="不得向医务人员提供现金、购物卡等任何形式的利益。见[手册](kb:xap-manual)。")
    return folder
