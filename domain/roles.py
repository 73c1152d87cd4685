"""Roles and what each may see of the organisation."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    REP = "rep"
    DM = "dm"  # district manager, 地区经理
    RM = "rm"  # regional manager, 大区经理
    ADMIN = "admin"

    @property
    def is_manager(self) -> bool:
        return self in (Role.DM, Role.RM)
