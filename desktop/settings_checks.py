"""Checks a Settings change before it is saved: the server address answers as a FieldRep
server, the data folder can be written. Runs on the network pool (it may probe the
server); the Settings page shows each problem next to its field."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.session import SignInError, probe_server
from desktop.settings import AppSettings
from sync.client import NetworkError


def folder_problem(folder: Path) -> str | None:
    """None when FieldRep can create files in ``folder`` (made if missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".fieldrep-check-"):
            pass
    except OSError:
        return QCoreApplication.translate(
            "SettingsChecks",
            "FieldRep cannot write to this folder. Choose a folder you may write to.")
    return None


def settings_problems(new: AppSettings, old: AppSettings) -> dict[str, str]:
    """Problems by field (``server``, ``data_dir``) of the changed values; empty: save."""
    problems: dict[str, str] = {}
    if new.data_dir != old.data_dir:
        found = folder_problem(new.data_dir)
        if found:
            problems["data_dir"] = found
    if new.server_url != old.server_url:
        try:
            probe_server(new.server_url)
        except SignInError as exc:
            problems["server"] = exc.message
        except NetworkError:
            problems["server"] = QCoreApplication.translate(
                "SettingsChecks",
                "No FieldRep server answers at this address. Check it and your network.")
    return problems
