"""The CSV file formats admins import: columns, types, allowed values, header aliases.

One ``FileFormat`` per kind. Column names are English snake_case; each column may
also be written with a few Chinese header aliases, because admins prepare these
files in Chinese Excel. Maximum lengths come from the wire schema so a value that
passes here also fits the database. docs/imports.md documents the same tables for
people; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wire.schema import TABLES_BY_NAME


class ColumnType(StrEnum):
    STR = "str"
    INT = "int"
    FLOAT = "float"
    DATE = "date"  # YYYY-MM-DD
    MONTH = "month"  # YYYY-MM (or YYYY-MM-DD, YYYY/MM, 2026年11月): the month's first day
    CHOICE = "choice"  # one of ``choices`` (accepted spelling -> stored code)
    BOOL = "bool"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an import file and how a cell of it is checked."""

    name: str
    type: ColumnType = ColumnType.STR
    required: bool = False
    max_length: int | None = None
    choices: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    default: object = None  # used when the cell is empty


@dataclass(frozen=True, slots=True)
class FileFormat:
    kind: str
    columns: tuple[Column, ...]

    @property
    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def schema_length(table: str, column: str) -> int | None:
    """The wire schema's max_length for a column (one source of truth)."""
    return TABLES_BY_NAME[table].column(column).max_length


def _choices(*groups: tuple[str, tuple[str, ...]]) -> dict[str, str]:
    """{accepted spelling (lower-cased) -> code}; every code also accepts itself."""
    out: dict[str, str] = {}
    for code, spellings in groups:
        for s in (code, *spellings):
            out[s.lower()] = code
    return out


LEVELS = _choices(
    ("3A", ("三级甲等", "三甲")),
    ("3B", ("三级乙等", "三乙")),
    ("3C", ("三级丙等", "三丙")),
    ("2A", ("二级甲等", "二甲")),
    ("2B", ("二级乙等", "二乙")),
    ("2C", ("二级丙等", "二丙")),
    ("1", ("一级",)),
    ("unrated", ("未定级",)),
)
INSTITUTION_TYPES = _choices(
    ("hospital", ("医院",)),
    ("pharmacy", ("药店",)),
    ("clinic", ("诊所",)),
    ("community", ("社区卫生服务中心", "社区")),
)
STATUSES = _choices(("active", ("启用", "正常")), ("inactive", ("停用", "失效")))
TITLES = _choices(
    ("chief", ("主任医师",)),
    ("associate_chief", ("副主任医师",)),
    ("attending", ("主治医师",)),
    ("resident", ("住院医师",)),
)
GENDERS = _choices(("male", ("男", "m")), ("female", ("女", "f")))
ROLES = _choices(
    ("rep", ("代表", "医药代表")),
    ("dm", ("地区经理",)),
    ("rm", ("大区经理",)),
    ("admin", ("管理员",)),
)
BOOLEANS = {
    "true": True,
    "yes": True,
    "1": True,
    "是": True,
    "启用": True,
    "false": False,
    "no": False,
    "0": False,
    "否": False,
    "停用": False,
}

# Columns a rejects file adds; ignored on import so a fixed rejects file re-imports as is.
REJECT_COLUMNS = ("reject_line", "reject_reason")


def _s(name: str, table: str, column: str | None = None, **kw: Any) -> Column:
    """A text column whose max length is the schema's ``table.column``."""
    return Column(name, ColumnType.STR, max_length=schema_length(table, column or name), **kw)


TERRITORIES = FileFormat(
    "territories",
    (
        _s("region_code", "regions", "code", required=True, aliases=("大区编码", "大区代码")),
        _s("region_name", "regions", "name", required=True, aliases=("大区名称", "大区")),
        _s("district_code", "districts", "code", required=True, aliases=("地区编码", "地区代码")),
        _s("district_name", "districts", "name", required=True, aliases=("地区名称", "地区")),
        _s(
            "territory_code",
            "territories",
            "code",
            required=True,
            aliases=("片区编码", "片区代码", "辖区编码"),
        ),
        _s("territory_name", "territories", "name", required=True, aliases=("片区名称", "片区", "辖区名称")),
    ),
)

INSTITUTIONS = FileFormat(
    "institutions",
    (
        _s("code", "institutions", required=True, aliases=("医院编码", "机构编码", "编码")),
        _s("name", "institutions", required=True, aliases=("医院名称", "机构名称", "名称")),
        Column("level", ColumnType.CHOICE, choices=LEVELS, aliases=("医院等级", "等级")),
        Column(
            "type", ColumnType.CHOICE, required=True, choices=INSTITUTION_TYPES, aliases=("机构类型", "类型")
        ),
        _s("province", "institutions", aliases=("省份", "省")),
        _s("city", "institutions", aliases=("城市", "市")),
        _s("county", "institutions", aliases=("区县",)),
        _s("address", "institutions", aliases=("地址",)),
        Column("latitude", ColumnType.FLOAT, minimum=-90, maximum=90, aliases=("纬度",)),
        Column("longitude", ColumnType.FLOAT, minimum=-180, maximum=180, aliases=("经度",)),
        Column("beds", ColumnType.INT, minimum=0, aliases=("床位数", "床位")),
        _s("phone", "institutions", aliases=("电话",)),
        Column("status", ColumnType.CHOICE, choices=STATUSES, default="active", aliases=("状态",)),
    ),
)

DEPARTMENTS = FileFormat(
    "departments",
    (
        _s("institution_code", "institutions", "code", required=True, aliases=("医院编码", "机构编码")),
        _s("name", "departments", required=True, aliases=("科室", "科室名称")),
        Column("outpatient_per_month", ColumnType.INT, minimum=0, aliases=("月门诊量",)),
        Column("beds", ColumnType.INT, minimum=0, aliases=("床位数", "床位")),
    ),
)

DOCTORS = FileFormat(
    "doctors",
    (
        _s("code", "doctors", required=True, aliases=("医生编码", "编码")),
        _s("name", "doctors", required=True, aliases=("姓名", "医生姓名")),
        Column("gender", ColumnType.CHOICE, choices=GENDERS, aliases=("性别",)),
        _s("institution_code", "institutions", "code", required=True, aliases=("医院编码", "机构编码")),
        _s("department_name", "departments", "name", aliases=("科室", "科室名称")),
        Column("title", ColumnType.CHOICE, choices=TITLES, aliases=("职称",)),
        _s("position", "doctors", aliases=("职务",)),
        _s("specialty", "doctors", aliases=("专长", "专业")),
        _s("phone", "doctors", aliases=("电话", "手机")),
        Column("status", ColumnType.CHOICE, choices=STATUSES, default="active", aliases=("状态",)),
        _s("territory_code", "territories", "code", aliases=("片区编码", "辖区编码")),
        Column("valid_from", ColumnType.DATE, aliases=("生效日期",)),
        # Grading input: "PRODUCT_CODE:rating;…" with ratings 0–5 (see docs/imports.md).
        Column("product_potential", ColumnType.STR, max_length=2000, aliases=("产品潜力",)),
    ),
)

ASSIGNMENTS = FileFormat(
    "assignments",
    (
        _s("doctor_code", "doctors", "code", required=True, aliases=("医生编码",)),
        _s("territory_code", "territories", "code", required=True, aliases=("片区编码", "辖区编码")),
        Column("valid_from", ColumnType.DATE, aliases=("生效日期",)),
        _s("reason", "assignments", aliases=("原因", "调整原因")),
    ),
)

USERS = FileFormat(
    "users",
    (
        _s("username", "users", required=True, aliases=("用户名", "账号")),
        _s("display_name", "users", required=True, aliases=("姓名", "显示名")),
        Column("role", ColumnType.CHOICE, required=True, choices=ROLES, aliases=("角色",)),
        _s("territory_code", "territories", "code", aliases=("片区编码", "辖区编码")),
        _s("district_code", "districts", "code", aliases=("地区编码",)),
        _s("region_code", "regions", "code", aliases=("大区编码",)),
        _s("manager_username", "users", "username", aliases=("上级用户名", "上级账号")),
        _s("email", "users", aliases=("邮箱", "电子邮件")),
        _s("phone", "users", aliases=("电话", "手机")),
        Column("password", ColumnType.STR, max_length=200, aliases=("密码", "初始密码")),
        Column("active", ColumnType.BOOL, default=True, aliases=("是否启用", "启用")),
    ),
)

SALES_SOURCES = _choices(
    ("flow", ("流向", "流向数据")),
    ("shipment", ("发货", "出库")),
    ("invoice", ("开票", "发票")),
)

# Sales come from the ERP at institution × product × month, never per doctor
# (prescriptions per doctor are not to be collected).
SALES = FileFormat(
    "sales",
    (
        _s("institution_code", "institutions", "code", required=True, aliases=("医院编码", "机构编码")),
        _s("product_code", "products", "code", required=True, aliases=("产品编码", "品种编码")),
        Column("month", ColumnType.MONTH, required=True, aliases=("月份", "年月")),
        Column("quantity", ColumnType.FLOAT, required=True, minimum=-1e12, maximum=1e12,
               aliases=("数量", "销量")),
        Column("amount", ColumnType.FLOAT, minimum=-1e15, maximum=1e15, aliases=("金额", "销售额")),
        Column("source", ColumnType.CHOICE, choices=SALES_SOURCES, default="flow",
               aliases=("数据来源", "来源")),
        _s("territory_code", "territories", "code", aliases=("片区编码", "辖区编码")),
    ),
)

TARGETS = FileFormat(
    "targets",
    (
        _s("territory_code", "territories", "code", required=True, aliases=("片区编码", "辖区编码")),
        _s("product_code", "products", "code", required=True, aliases=("产品编码", "品种编码")),
        Column("month", ColumnType.MONTH, required=True, aliases=("月份", "年月")),
        Column("quantity", ColumnType.FLOAT, required=True, minimum=0, maximum=1e12,
               aliases=("指标数量", "目标数量", "指标")),
        Column("amount", ColumnType.FLOAT, minimum=0, maximum=1e15, aliases=("指标金额", "目标金额")),
        _s("institution_code", "institutions", "code", aliases=("医院编码", "机构编码")),
    ),
)

PRODUCTS = FileFormat(
    "products",
    (
        _s("code", "products", required=True, aliases=("产品编码", "编码")),
        _s("name", "products", required=True, aliases=("产品名称", "商品名", "名称")),
        _s("name_en", "products", aliases=("英文名", "英文名称")),
        _s("generic_name", "products", aliases=("通用名",)),
        _s("therapeutic_area", "products", aliases=("治疗领域",)),
        Column("description", ColumnType.STR, max_length=schema_length("products", "description"),
               aliases=("描述", "说明")),
        Column("active", ColumnType.BOOL, default=True, aliases=("是否启用", "启用")),
    ),
)

COMPETITOR_PRODUCTS = FileFormat(
    "competitor_products",
    (
        _s("name", "competitor_products", required=True, aliases=("竞品名称", "名称")),
        _s("company", "competitor_products", aliases=("生产企业", "企业", "公司")),
        _s("competes_with_code", "products", "code", aliases=("竞争产品编码", "我方产品编码")),
        Column("description", ColumnType.STR,
               max_length=schema_length("competitor_products", "description"),
               aliases=("描述", "说明")),
    ),
)

FORMATS: dict[str, FileFormat] = {
    f.kind: f
    for f in (
        TERRITORIES,
        INSTITUTIONS,
        DEPARTMENTS,
        DOCTORS,
        ASSIGNMENTS,
        USERS,
        SALES,
        TARGETS,
        PRODUCTS,
        COMPETITOR_PRODUCTS,
    )
}
KINDS: tuple[str, ...] = tuple(FORMATS)
