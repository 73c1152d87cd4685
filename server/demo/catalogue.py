"""Global demo content: products, competitors, rules and templates (the knowledge base:
``server.demo.kb_content``)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from domain.frequency import default_frequency_rule
from domain.grading import default_grading_rule
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


def rule_rows(new_id: Any, today: dt.date) -> dict[str, list[dict[str, Any]]]:
    grading = default_grading_rule().to_json()
    effective = today.replace(day=1) - dt.timedelta(days=365)
    return {
        "grading_rules": [{"id": new_id(), "name": "默认医生分级规则", **grading, "rule_version": 1,
                           "active": True, "effective_from": effective}],
        "frequency_rules": [{"id": new_id(), "name": "默认拜访频率",
                             "visits_per_month": default_frequency_rule().to_json(),
                             "rule_version": 1, "active": True, "effective_from": effective}],
        "visit_rules": [{"id": new_id(), "name": "拜访记录规则", **visit_rule_values(),
                         "rule_version": 1, "active": True}],
    }


def visit_rule_values() -> dict[str, Any]:
    """The demo's visit rule set (also used to score the seeded visits as the server would)."""
    return {"required_fields": ["doctor_id", "visit_type", "started_at", "purpose",
                                "products_detailed", KEY_MESSAGE_REQUIRED],
            "quality_coefficients": dict(VISIT_QUALITY_COEFFICIENTS),
            "backdate_days": 7, "month_end_day": 3, "min_minutes": VISIT_MIN_MINUTES,
            "max_minutes": VISIT_MAX_MINUTES}


def template_rows(new_id: Any) -> tuple[list[dict[str, Any]], str, str]:
    def competencies(items: tuple[tuple[str, str, str, float], ...]) -> list[dict[str, Any]]:
        return [{"code": c, "name": zh, "name_en": en, "weight": w} for c, zh, en, w in items]

    accompanied, co_visit = new_id(), new_id()
    rows = [
        {"id": accompanied, "name": "随访评估（地区经理评估代表）", "kind": "accompanied",
         "evaluator_role": "dm", "evaluatee_role": "rep",
         "competencies": competencies(ACCOMPANIED_COMPETENCIES), "scale_min": 1, "scale_max": 5,
         "template_version": 1, "active": True},
        {"id": co_visit, "name": "协访评估（大区经理评估地区经理）", "kind": "co_visit",
         "evaluator_role": "rm", "evaluatee_role": "dm",
         "competencies": competencies(CO_VISIT_COMPETENCIES), "scale_min": 1, "scale_max": 5,
         "template_version": 1, "active": True},
    ]
    return rows, accompanied, co_visit


def evaluation_scores(rng: random.Random, kind: str) -> tuple[dict[str, int], float]:
    """Scores 2–5 per competency and their weighted mean (1 decimal)."""
    items = ACCOMPANIED_COMPETENCIES if kind == "accompanied" else CO_VISIT_COMPETENCIES
    scores = {code: rng.choices((2, 3, 4, 5), (1, 4, 5, 2))[0] for code, _, _, _ in items}
    total = sum(scores[code] * w for code, _, _, w in items) / sum(w for *_, w in items)
    return scores, round(total, 2)
