"""Server settings: environment (FIELDREP_*) first, then command-line overrides."""

from __future__ import annotations

import argparse
from pathlib import Path

from platformdirs import user_data_dir
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return Path(user_data_dir("fieldrep-server", "FieldRep"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FIELDREP_", extra="ignore")

    database_url: str | None = None
    data_dir: Path = default_data_dir()
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    login_free_failures: int = 5  # per username, before delays start (server/auth/throttle.py)
    login_free_failures_per_address: int = 20
    login_failure_window_minutes: int = 15
    login_max_delay_seconds: int = 300
    tombstone_retention_days: int = 180
    max_body_bytes: int = 10 * 1024 * 1024
    log_level: str = "INFO"
    # A rep's own KPI snapshot carries their rank and the district median (docs/kpis.md);
    # off, it carries their own figures only. Managers always see their team's ranks.
    kpi_rank_for_reps: bool = True

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.data_dir / 'fieldrep-server.db'}"


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings of a ``fieldrep-server`` command: its ``--database-url`` and
    ``--data-dir`` options over the environment and the defaults."""
    overrides = {}
    if getattr(args, "database_url", None):
        overrides["database_url"] = args.database_url
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = args.data_dir
    return Settings(**overrides)
