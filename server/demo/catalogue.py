"""Global demo content: products, competitors, rules and templates (the knowledge base:
``server.demo.kb_content``)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from domain.evaluation import template_from_row, weighted_total
from domain.frequency import FrequencyRule
from domain.grading import GradingRule, default_grading_rule
from domain.visit_rules import KEY_MESSAGE_REQUIRED
from server.demo import names

# Unit price (yuan) per product code, for sales amounts.
UNIT_PRICES = {"P-CV01": 38.5, "P-CV02": 26.8, "P-DM01": 52.0, "P-DM02": 118.0,
               "P-RS01": 96.0, "P-ON01": 5100.0, "P-NE01": 185.0}

VISIT_QUALITY_COEFFICIENTS = {"purpose": 15, "products_with_key_message": 20, "feedback": 15,
                              "next_step": 15, "duration_in_range": 15, "linked_to_plan": 10,
                              "result": 10}
VISIT_MIN_MINUTES = 5
VISIT_MAX_MINUTES = 120

ACCOMPANIED_COMPETENCIES = (
    ("pre_call_planning", "拜访前准备", "Pre-call planning", 0.15),
    ("opening_probing", "开场与需求探询", "Opening and probing", 0.20),
    ("key_messages", "产品知识与关键信息传递", "Product knowledge and key messages", 0.25),
    ("objection_handling", "异议处理", "Objection handling", 0.15),
    ("closing", "缔结与下一步", "Closing and next step", 0.15),
    ("compliance", "合规", "Compliance", 0.10),
)
CO_VISIT_COMPETENCIES = (
    ("coaching", "辅导技巧", "Coaching", 0.25),
    ("business_analysis", "业务分析", "Business analysis", 0.20),
    ("team_management", "团队管理", "Team management", 0.20),
    ("key_accounts", "重点客户关系", "Key account relationships", 0.15),
    ("follow_up", "执行与跟进", "Execution and follow-up", 0.10),
    ("compliance", "合规管理", "Compliance management", 0.10),
)


@dataclass(frozen=True, slots=True)
class Product:
    id: str
    code: str
    name: str
    area: str
    key_messages: tuple[str, ...]
    unit_price: float


@dataclass(slots=True)
class Catalogue:
    """What later generators need from the global rows."""

    products: list[Product]
    accompanied_template_id: str
    co_visit_template_id: str

    def products_for_area(self, area: str | None) -> list[Product]:
        return [p for p in self.products if p.area == area]


def product_rows(new_id: Any) -> tuple[list[dict[str, Any]], list[Product]]:
    rows, products = [], []
    for code, brand, en, generic, area, area_label, messages in names.PRODUCTS:
        pid = new_id()
        rows.append({"id": pid, "code": code, "name": brand, "name_en": en, "generic_name": generic,
                     "therapeutic_area": area_label, "active": True,
                     "description": f"{brand}（{generic}）用于{area_label}领域。"
                                    f"核心信息：{'；'.join(messages)}"})
        products.append(Product(pid, code, brand, area, messages, UNIT_PRICES[code]))
    return rows, products


def competitor_rows(new_id: Any, products: list[Product]) -> list[dict[str, Any]]:
    by_code = {p.code: p for p in products}
    return [{"id": new_id(), "name": name, "company": company,
             "competes_with_product_id": by_code[code].id, "description": desc}
            for name, company, code, desc in names.COMPETITORS]


def demo_grading_rule() -> GradingRule:
    """The default weights with thresholds set for the demo's doctors as a real district
    grades them: about 8 % A, 17 % B, 35 % C and 40 % D."""
    rule = default_grading_rule()
    return GradingRule(rule.weights, rule.bands, {"A": 86, "B": 78, "C": 67, "D": 0})


def demo_frequency_rule() -> FrequencyRule:
    """A and B doctors are targets (3 and 2 visits a month; C once, not a target): what
    a rep's ~8 visits a day can cover, so being behind means something."""
    return FrequencyRule({"A": 3, "B": 2, "C": 1, "D": 0}, target_grades=("A", "B"))


def rule_rows(new_id: Any, today: dt.date) -> dict[str, list[dict[str, Any]]]:
    grading = demo_grading_rule().to_json()
    effective = today.replace(day=1) - dt.timedelta(days=365)
    return {
        "grading_rules": [{"id": new_id(), "name": "默认医生分级规则", **grading, "rule_version": 1,
                           "active": True, "effective_from": effective}],
        "frequency_rules": [{"id": new_id(), "name": "默认拜访频率",
                             "visits_per_month": demo_frequency_rule().to_json(),
                             **_frequency_settings(), "rule_version": 1, "active": True,
                             "effective_from": effective}],
        "visit_rules": [{"id": new_id(), "name": "拜访记录规则", **visit_rule_values(),
                         "rule_version": 1, "active": True}],
    }


def _frequency_settings() -> dict[str, Any]:
    """The company calendar and counting rule the demo installation starts with."""
    rule = demo_frequency_rule()
    return {"counted_visit_types": list(rule.counted_types),
            "target_grades": list(rule.target_grades), "time_zone": rule.time_zone,
            "reminder_day": rule.reminder_day}


def visit_rule_values() -> dict[str, Any]:
    """The demo's visit rule set (also used to score the seeded visits as the server would)."""
    return {"required_fields": ["doctor_id", "visit_type", "started_at", "purpose",
                                "products_detailed", KEY_MESSAGE_REQUIRED],
            "quality_coefficients": dict(VISIT_QUALITY_COEFFICIENTS),
            "backdate_days": 7, "month_end_day": 3, "min_minutes": VISIT_MIN_MINUTES,
            "max_minutes": VISIT_MAX_MINUTES}


# Anchored descriptions per level (1, 3, 5) for each demo competency: (zh, en) pairs.
COMPETENCY_GUIDE: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {
    "pre_call_planning": ("拜访前明确目标、回顾上次拜访并准备资料。",
                          "Sets an objective, reviews the last visit and prepares material.",
                          (("无目标，临时拜访", "No objective, improvised visit"),
                           ("有目标，准备基本到位", "Objective set, basic preparation"),
                           ("目标具体可衡量，预判医生需求", "Specific objective, anticipates needs"))),
    "opening_probing": ("开场自然，通过提问了解医生需求与处方习惯。",
                        "Opens naturally, probes the doctor's needs and prescribing habits.",
                        (("直接推销，不提问", "Pitches without asking"),
                         ("有提问，但不够深入", "Asks, but not in depth"),
                         ("开放式提问，准确把握需求", "Open questions, needs well understood"))),
    "key_messages": ("准确传递产品关键信息，并与医生需求关联。",
                     "Delivers the key messages accurately and ties them to the doctor's needs.",
                     (("信息错误或遗漏", "Wrong or missing messages"),
                      ("信息准确，关联不足", "Accurate, loosely tied to needs"),
                      ("信息准确并结合病例与证据", "Accurate, with cases and evidence"))),
    "objection_handling": ("识别并回应医生的疑虑与竞品比较。",
                           "Recognises and answers concerns and competitor comparisons.",
                           (("回避异议", "Avoids objections"),
                            ("能回应常见异议", "Answers common objections"),
                            ("化异议为机会，证据充分", "Turns objections into openings"))),
    "closing": ("明确请求处方或下一步行动，并约定跟进。",
                "Asks for a commitment or next step and agrees a follow-up.",
                (("没有缔结", "No close"), ("有缔结，但不具体", "A vague close"),
                 ("具体承诺与跟进时间", "A specific commitment and follow-up date"))),
    "compliance": ("遵守合规要求，推广内容在说明书范围内。",
                   "Follows compliance rules; promotion stays within the label.",
                   (("存在违规行为", "A compliance breach"), ("基本合规", "Compliant"),
                    ("合规且主动提醒风险", "Compliant and raises risks unprompted"))),
    "coaching": ("随访后给予具体、及时的反馈与示范。",
                 "Gives specific, timely feedback and demonstrates after ride-alongs.",
                 (("没有辅导", "No coaching"), ("有反馈，较笼统", "General feedback"),
                  ("具体反馈并跟踪改进", "Specific feedback, improvement followed up"))),
    "business_analysis": ("用数据分析团队业绩与机会。",
                          "Uses data to analyse the team's results and opportunities.",
                          (("不看数据", "Ignores data"), ("能解读主要指标", "Reads the main figures"),
                           ("找出驱动因素并制定行动", "Finds drivers and acts on them"))),
    "team_management": ("计划、分工与团队士气。", "Planning, delegation and team morale.",
                        (("团队无计划", "No team plan"), ("计划与分工清楚", "Clear plan and roles"),
                         ("团队自驱，成员成长明显", "A self-driven team that grows"))),
    "key_accounts": ("与重点医院和专家的关系。", "Relationships with key hospitals and experts.",
                     (("不认识关键客户", "Does not know key accounts"),
                      ("与主要客户保持联系", "In touch with main accounts"),
                      ("深度合作，带动团队", "Deep partnerships that lift the team"))),
    "follow_up": ("计划执行与闭环跟进。", "Execution and closing the loop.",
                  (("计划不落实", "Plans not carried out"), ("按时完成多数事项", "Most items on time"),
                   ("全部闭环并复盘", "Every item closed and reviewed"))),
}
ANCHOR_LEVELS = (1, 3, 5)
ACCOMPANIED_TARGET_PER_MONTH = 4  # ride-alongs a DM should make a month
CO_VISIT_TARGET_PER_MONTH = 2


def _competencies(items: tuple[tuple[str, str, str, float], ...]) -> list[dict[str, Any]]:
    out = []
    for code, zh, en, weight in items:
        row: dict[str, Any] = {"code": code, "name": zh, "name_en": en, "weight": weight}
        guide = COMPETENCY_GUIDE.get(code)
        if guide is not None:
            row["description"], row["description_en"] = guide[0], guide[1]
            row["anchors"] = {str(lv): a[0] for lv, a in zip(ANCHOR_LEVELS, guide[2], strict=True)}
            row["anchors_en"] = {str(lv): a[1] for lv, a in zip(ANCHOR_LEVELS, guide[2], strict=True)}
        out.append(row)
    return out


def template_rows(new_id: Any) -> tuple[list[dict[str, Any]], str, str]:
    accompanied, co_visit = new_id(), new_id()
    rows = [
        {"id": accompanied, "name": "随访评估（地区经理评估代表）", "kind": "accompanied",
         "evaluator_role": "dm", "evaluatee_role": "rep", "code": "ACCOMPANIED",
         "description": "地区经理随访代表，评估所观察拜访中的销售技能。",
         "competencies": _competencies(ACCOMPANIED_COMPETENCIES), "scale_min": 1, "scale_max": 5,
         "template_version": 1, "active": True, "monthly_target": ACCOMPANIED_TARGET_PER_MONTH},
        {"id": co_visit, "name": "协访评估（大区经理评估地区经理）", "kind": "co_visit",
         "evaluator_role": "rm", "evaluatee_role": "dm", "code": "CO_VISIT",
         "description": "大区经理协访地区经理，评估辅导与团队管理。",
         "competencies": _competencies(CO_VISIT_COMPETENCIES), "scale_min": 1, "scale_max": 5,
         "template_version": 1, "active": True, "monthly_target": CO_VISIT_TARGET_PER_MONTH},
    ]
    return rows, accompanied, co_visit


def evaluation_scores(rng: random.Random, kind: str) -> tuple[dict[str, int], float]:
    """Scores 2–5 per competency and their weighted total (``domain.evaluation``)."""
    items = ACCOMPANIED_COMPETENCIES if kind == "accompanied" else CO_VISIT_COMPETENCIES
    scores = {code: rng.choices((2, 3, 4, 5), (1, 4, 5, 2))[0] for code, _, _, _ in items}
    template = _DEMO_TEMPLATES[kind]
    total = weighted_total(template, scores)
    assert total is not None
    return scores, total


_DEMO_TEMPLATES = {
    kind: template_from_row({"competencies": _competencies(items), "scale_min": 1, "scale_max": 5})
    for kind, items in (("accompanied", ACCOMPANIED_COMPETENCIES),
                        ("co_visit", CO_VISIT_COMPETENCIES))
}
