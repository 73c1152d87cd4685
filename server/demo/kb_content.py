"""The demo knowledge base, written as a ``kb import`` folder and published through it.

A few hundred articles across the six categories, in Chinese and English, generated
from the demo catalogue with a seeded ``random.Random`` (same seed, same folder); a
few PDFs (reportlab, with an embedded TrueType CJK font) and PNG images with Chinese
text (Pillow), attached to product articles; some must-read compliance notes, a few
expired articles, and links between articles (``kb:slug``). Going through the real
importer keeps the demo honest: what an admin publishes is what the demo shows.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from server.demo import names

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
PDF_PRODUCTS = 3  # products whose manual comes as a PDF
IMAGE_PRODUCTS = 2  # products with a key-message card (PNG)

_PRODUCT_TOPICS_ZH = (
    ("产品手册", "适应症、用法用量、禁忌、不良反应及注意事项"),
    ("关键信息与异议处理", "价格、换药顾虑和安全性问题的沟通要点"),
    ("临床研究摘要", "主要随机对照研究的设计、终点和结果"),
    ("剂量调整要点", "特殊人群（老年、肝肾功能不全）的剂量建议"),
    ("医保与准入", "医保目录、挂网价格和医院准入流程"),
    ("患者教育要点", "服药时间、漏服处理和生活方式建议"),
    ("科室会讲稿", "十五分钟科室会的结构与核心幻灯片"),
    ("指南推荐", "最新版国内外指南中的推荐等级"),
)
_PRODUCT_TOPICS_EN = (
    ("product monograph", "indications, dosing, contraindications and adverse events"),
    ("objection handling", "answers on price, switching and safety"),
    ("clinical evidence summary", "design, endpoints and results of the pivotal trials"),
    ("dosing in special populations", "elderly patients and renal or hepatic impairment"),
)
_FAQ_ZH = ("拜访记录", "离线使用", "医生信息变更", "医生分级", "拜访频率", "科室会报销", "样品管理",
           "学术会议报名", "同步失败", "密码重置")
_FAQ_EN = ("visit records", "working offline", "doctor data changes", "doctor grades",
           "visit frequency")
_COMPLIANCE = ("医药代表备案", "学术会议", "超说明书推广", "礼品与招待", "讲者劳务费", "患者隐私",
               "不良反应报告", "样品发放", "宣传资料审批", "反商业贿赂")
_TRAINING = ("新人入职", "拜访技巧", "异议处理", "科室会组织", "数据解读", "合规案例", "产品知识考核",
             "区域管理", "客户分级", "沟通礼仪")


def _quoted(value: object) -> str:
    """A YAML scalar that stays a string whatever it holds (JSON strings are YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def _front(**meta: object) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if value is None or value == [] or value is False:
            continue
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_quoted(v)}" for v in value)
        elif value is True:
            lines.append(f"{key}: true")
        else:
            lines.append(f"{key}: {_quoted(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _write(folder: Path, slug: str, body: str, **meta: object) -> None:
    (folder / f"{slug}.md").write_text(_front(**meta) + body, encoding="utf-8")


def _product_manual_pdf(path: Path, brand: str, generic: str, messages: tuple[str, ...]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(CJK_FONT), subfontIndex=0))
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    pages = (
        (f"{brand}产品手册", [f"通用名：{generic}", "本手册供医药代表内部学习使用，不得对外发放。",
                          *(f"核心信息{i + 1}：{m}" for i, m in enumerate(messages))]),
        ("用法用量与注意事项", ["请严格按照说明书推荐剂量使用。", "肝肾功能不全患者请参阅说明书调整剂量。",
                       "常见不良反应包括头晕、乏力等，多为轻度。", "如有疑问请联系医学部。"]),
    )
    for title, lines in pages:
        canvas.setFillColorRGB(0.12, 0.35, 0.6)
        canvas.rect(0, height - 90, width, 90, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont("WQY", 24)
        canvas.drawString(50, height - 60, title)
        canvas.setFillColorRGB(0.1, 0.1, 0.1)
        canvas.setFont("WQY", 13)
        y = height - 140
        for line in lines:
            canvas.drawString(60, y, line)
            y -= 28
        canvas.setFont("WQY", 9)
        canvas.drawString(50, 40, f"{brand} · 医学部审核 · 仅限内部培训使用")
        canvas.showPage()
    canvas.save()


def _key_message_png(path: Path, brand: str, messages: tuple[str, ...]) -> None:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (960, 540), (245, 248, 252))
    draw = ImageDraw.Draw(image)
    title = ImageFont.truetype(str(CJK_FONT), 48, index=0)
    text = ImageFont.truetype(str(CJK_FONT), 30, index=0)
    draw.rectangle((0, 0, 960, 110), fill=(30, 90, 150))
    draw.text((40, 28), f"{brand} 核心信息", font=title, fill=(255, 255, 255))
    for i, message in enumerate(messages):
        draw.ellipse((50, 170 + i * 110, 86, 206 + i * 110), fill=(30, 90, 150))
        draw.text((110, 168 + i * 110), message, font=text, fill=(30, 30, 30))
    image.save(path, format="PNG", optimize=True)


def write_demo_kb(folder: Path, rng: random.Random, today: dt.date) -> int:
    """Write the demo folder; returns the number of articles written."""
    count = 0
    past = today - dt.timedelta(days=400)

    def published() -> str:
        return (past + dt.timedelta(days=rng.randrange(390))).isoformat()

    for index, (code, brand, en, generic, _area, area_label, messages) in enumerate(names.PRODUCTS):
        manual = f"{code.lower()}-manual"
        attachments: list[str] = []
        if index < PDF_PRODUCTS:
            _product_manual_pdf(folder / f"{code.lower()}-manual.pdf", brand, generic, messages)
            attachments.append(f"{code.lower()}-manual.pdf")
        if index < IMAGE_PRODUCTS:
            _key_message_png(folder / f"{code.lower()}-card.png", brand, messages)
            attachments.append(f"{code.lower()}-card.png")
        for topic_index, (topic, about) in enumerate(_PRODUCT_TOPICS_ZH):
            for issue in range(1, 4):
                slug = manual if topic_index == 0 and issue == 1 \
                    else f"{code.lower()}-zh-{topic_index}-{issue}"
                body = (f"# {brand}{topic}\n\n{brand}（{generic}）属于{area_label}领域。本文介绍{about}。\n\n"
                        + "\n".join(f"- **核心信息{i + 1}**：{m}" for i, m in enumerate(messages))
                        + f"\n\n拜访前请复习[{brand}产品手册](kb:{manual})，并使用医学部审核的材料。\n")
                valid = (today - dt.timedelta(days=30)).isoformat() if issue == 2 and topic_index == 7 \
                    else (today + dt.timedelta(days=365)).isoformat()
                edition = "" if issue == 1 else f"（第{issue}版）"
                _write(folder, slug, body, title=f"{brand}{topic}{edition}",
                       category="product", tags=[brand, topic, area_label], products=[code],
                       published=published() if valid > today.isoformat()
                       else (today - dt.timedelta(days=200)).isoformat(), valid_until=valid,
                       attachments=attachments if slug == manual else [])
                count += 1
        for topic_index, (topic, about) in enumerate(_PRODUCT_TOPICS_EN):
            slug = f"{code.lower()}-en-{topic_index}"
            body = (f"# {en} — {topic}\n\n{en} ({generic}) covers {about}.\n\n"
                    + "\n".join(f"{i + 1}. Key message: {m}" for i, m in enumerate(messages))
                    + f"\n\nSee also the [{brand} manual](kb:{manual}).\n")
            _write(folder, slug, body, title=f"{en}: {topic}", category="product",
                   tags=[en, topic], products=[code], published=published())
            count += 1
    for index, (name, company, code, description) in enumerate(names.COMPETITORS):
        for variant, (topic, text) in enumerate((
                ("竞品分析", "作用机制、给药方式、价格及医保情况的客观比较"),
                ("应对话术", "医生提到该竞品时的回应要点，不得贬低竞争产品"),
                ("市场动态", "集采、价格和学术推广的最新情况"))):
            body = (f"# {name}{topic}\n\n{name}（{company}）：{description}\n\n本文整理{text}。\n\n"
                    f"我方产品参见[产品手册](kb:{code.lower()}-manual)。\n")
            _write(folder, f"competitor-product-{index}-{variant}", body, title=f"{name}{topic}",
                   category="competitor_product", tags=[name, company, "竞品"], products=[code],
                   competitor_product=name, published=published())
            count += 1
    for index, company in enumerate(sorted({c[1] for c in names.COMPETITORS})):
        body = (f"# {company}企业概况\n\n{company}的产品线、市场策略和近期动态。集采政策下价格竞争加剧，"
                "我方策略是聚焦疗效差异和患者获益。\n")
        _write(folder, f"competitor-{index}", body, title=f"竞争企业概况：{company}",
               category="competitor", tags=[company, "竞争格局"], published=published())
        count += 1
    for index, topic in enumerate(_FAQ_ZH):
        for variant in range(3):
            body = (f"# 关于{topic}的常见问题（{variant + 1}）\n\n**问：**{topic}有哪些要求？\n\n"
                    f"**答：**请按照公司制度办理；{topic}相关操作可在 FieldRep 中完成，离线时数据保存在本机，"
                    "联网后自动同步。\n")
            _write(folder, f"faq-zh-{index}-{variant}", body, title=f"{topic}常见问题（{variant + 1}）",
                   category="faq", tags=["常见问题", topic], published=published())
            count += 1
    for index, topic in enumerate(_FAQ_EN):
        body = (f"# FAQ: {topic}\n\n**Q:** How do I handle {topic}?\n\n**A:** Use FieldRep; it works "
                "offline and syncs when the connection is back.\n")
        _write(folder, f"faq-en-{index}", body, title=f"FAQ: {topic}", category="faq",
               tags=["FAQ", topic], published=published())
        count += 1
    for index, topic in enumerate(_COMPLIANCE):
        for variant in range(2):
            body = (f"# {topic}合规要求\n\n所有医药代表必须遵守{topic}相关规定。"
                    "违反规定将按公司合规政策处理。\n\n"
                    "- 拜访时佩戴工牌\n- 不得向医务人员提供任何不当利益\n- 如有疑问请咨询合规部\n")
            _write(folder, f"compliance-{index}-{variant}", body,
                   title=f"{topic}合规要求" + ("" if variant == 0 else "（问答）"),
                   category="compliance", tags=["合规", topic], published=published(),
                   must_read=index < 3 and variant == 0)
            count += 1
    for index, topic in enumerate(_TRAINING):
        for variant in range(2):
            body = (f"# {topic}培训\n\n本课程介绍{topic}的要点与练习。建议学习时间三十分钟。\n\n"
                    "1. 学习目标\n2. 案例讨论\n3. 课后测验\n")
            _write(folder, f"training-{index}-{variant}", body,
                   title=f"{topic}培训" + ("" if variant == 0 else "（进阶）"), category="training",
                   tags=["培训", topic], published=published())
            count += 1
    return count
