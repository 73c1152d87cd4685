"""Server settings: environment (FIELDREP_*) first, then command-line overrides."""

from __future__ import annotations

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
    login_failures_allowed: int = 10
    login_failure_window_minutes: int = 15
    tombstone_retention_days: int = 180
    max_body_bytes: int = 10 * 1024 * 1024
    log_level: str = "INFO"

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.data_dir / 'fieldrep-server.db'}"
