"""What every FieldRep desktop bundle holds, shared by the per-platform PyInstaller specs.

One-folder builds (a folder with the executable and its libraries): they start faster
than one-file builds, which unpack themselves to a temporary folder at every start,
and an IT department can sign and inspect every file.

Only the Qt modules the app uses go in (QtCore, QtGui, QtWidgets, QtPrintSupport,
QtSvg); the rest of PySide6-Essentials and every server-side package stay out, which
keeps the Linux bundle well under its 250 MB budget.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "fieldrep"

# The server runs elsewhere; tests and tools are not shipped.
EXCLUDED_PACKAGES = [
    "server", "fastapi", "starlette", "uvicorn", "uvloop", "httptools", "watchfiles",
    "websockets", "alembic", "psycopg", "psycopg_binary", "psycopg_pool",
    "pydantic_settings", "mypy", "pytest", "hypothesis", "schemathesis", "ruff",
    "importlinter", "grimp", "vulture", "IPython", "tkinter", "numpy", "matplotlib",
    "PyInstaller", "setuptools", "pip", "tests", "bench",
    "zstandard._cffi",  # the C backend is used; the CFFI one is a second 11 MB copy
]
# PySide6 modules the app never imports (each would pull its Qt libraries in).
EXCLUDED_QT = [
    f"PySide6.{name}" for name in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
        "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus",
        "QtDesigner", "QtHelp", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork",
        "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets",
        "QtPositioning", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2",
        "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
        "QtSerialPort", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech",
        "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineWidgets",
        "QtWebSockets", "QtXml",
    )
]


def version() -> str:
    """The version from pyproject.toml, the one place it is written."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    text: str = data["project"]["version"]
    if not re.fullmatch(r"\d+\.\d+\.\d+", text):
        raise ValueError(f"pyproject.toml version {text!r} is not MAJOR.MINOR.PATCH")
    return text


# Qt's own translations for the languages FieldRep ships; the other ~60 stay out.
QT_LANGUAGES = ("zh_CN", "en")
# Platform plugins for displays the app does not target (Wayland runs it through
# XWayland; embedded framebuffers are not a rep's laptop).
UNUSED_PLUGIN_MARKERS = ("wayland", "eglfs", "EglFS", "WlShell", "vnc", "vkkhrdisplay",
                         "linuxfb", "libqgtk3")


def keep_file(dest: str) -> bool:
    """Whether a collected binary or data file belongs in the bundle."""
    if "/translations/" in dest.replace("\\", "/") and dest.endswith(".qm"):
        name = Path(dest).stem
        return any(name.endswith(f"_{lang}") for lang in QT_LANGUAGES)
    return not any(marker in dest for marker in UNUSED_PLUGIN_MARKERS)


def prune(entries: Any) -> list[Any]:
    """Drop the files ``keep_file`` rejects from an Analysis' binaries or datas."""
    return [entry for entry in entries if keep_file(entry[0])]


def data_files() -> list[tuple[str, str]]:
    """(source, folder in the bundle) for the translations and the printing fonts."""
    out = [(str(p), "desktop/i18n") for p in sorted((ROOT / "desktop" / "i18n").glob("*.qm"))]
    fonts = ROOT / "desktop" / "printing" / "fonts"
    if fonts.is_dir():
        out += [(str(p), "desktop/printing/fonts") for p in sorted(fonts.iterdir()) if p.is_file()]
    return out


def analysis_options() -> dict[str, Any]:
    """Keyword arguments for PyInstaller's ``Analysis``."""
    from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

    hidden = collect_submodules("desktop") + collect_submodules("keyring.backends") + [
        "PySide6.QtPrintSupport", "PySide6.QtSvg", "sqlcipher3", "zstandard", "orjson",
    ]
    datas = data_files() + collect_data_files("pypinyin") + collect_data_files("reportlab")
    datas += copy_metadata("keyring") + copy_metadata("fieldrep")
    if importlib.util.find_spec("tzdata") is not None:  # Windows: zoneinfo's only database
        datas += collect_data_files("tzdata")
        hidden += collect_submodules("tzdata")
    return {
        "scripts": [str(ROOT / "packaging" / "entry.py")],
        "pathex": [str(ROOT)],
        "datas": datas,
        "hiddenimports": hidden,
        "excludes": EXCLUDED_PACKAGES + EXCLUDED_QT,
        "noarchive": False,
    }
