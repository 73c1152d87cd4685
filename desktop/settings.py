"""User preferences of the desktop app, stored with QSettings (never a secret).

With an explicit data folder (``--data-dir``: the demo, tests, screenshots) the
settings live in ``<data_dir>/settings.ini`` so each folder is self-contained;
otherwise in the platform's native place (registry, plist, ~/.config).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QSettings

LANGUAGES = ("system", "zh_CN", "en")
DEFAULT_SYNC_MINUTES = 15
DEFAULT_IDLE_LOCK_MINUTES = 8 * 60
DEFAULT_ATTACHMENT_BUDGET_MB = 2048  # knowledge base files kept on this device
MEBIBYTE = 1024 * 1024


def default_data_dir() -> Path:
    return Path(user_data_dir("FieldRep", "FieldRep"))


@dataclass
class AppSettings:
    server_url: str = ""
    username: str = ""
    language: str = "system"
    sync_interval_minutes: int = DEFAULT_SYNC_MINUTES
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    attachment_budget_mb: int = DEFAULT_ATTACHMENT_BUDGET_MB
    data_dir: Path = field(default_factory=default_data_dir)


def open_qsettings(data_dir: Path | None) -> QSettings:
    if data_dir is not None:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(data_dir) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings("FieldRep", "FieldRep")


def _int(store: QSettings, key: str, default: int, minimum: int) -> int:
    try:
        return max(minimum, int(str(store.value(key, default))))
    except ValueError:
        return default


def load_settings(store: QSettings, *, data_dir: Path | None = None) -> AppSettings:
    """Read the settings; ``data_dir`` (from the command line) wins over the stored one."""
    language = str(store.value("language", "system"))
    stored_dir = str(store.value("data_dir", "") or "")
    return AppSettings(
        server_url=str(store.value("server_url", "") or ""),
        username=str(store.value("username", "") or ""),
        language=language if language in LANGUAGES else "system",
        sync_interval_minutes=_int(store, "sync_interval_minutes", DEFAULT_SYNC_MINUTES, 1),
        idle_lock_minutes=_int(store, "idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES, 1),
        attachment_budget_mb=_int(store, "attachment_budget_mb", DEFAULT_ATTACHMENT_BUDGET_MB, 0),
        data_dir=data_dir or (Path(stored_dir) if stored_dir else default_data_dir()),
    )


def save_settings(store: QSettings, settings: AppSettings) -> None:
    store.setValue("server_url", settings.server_url)
    store.setValue("username", settings.username)
    store.setValue("language", settings.language)
    store.setValue("sync_interval_minutes", int(settings.sync_interval_minutes))
    store.setValue("idle_lock_minutes", int(settings.idle_lock_minutes))
    store.setValue("attachment_budget_mb", int(settings.attachment_budget_mb))
    store.setValue("data_dir", str(settings.data_dir))
    store.sync()
