"""Desktop fixtures: the app controller against a live server (SQLite only: the server's
databases are covered elsewhere; here the GUI is under test)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from desktop import company_time
from desktop.app import FieldRepApp
from desktop.settings import AppSettings, open_qsettings
from desktop.tasks import SynchronousTaskManager
from domain.calendar import CompanyCalendar
from local_store.store import open_replica
from tests.conftest import truncate_all
from tests.sync.conftest import PASSWORD, World, world  # noqa: F401 (fixture re-export)

__all__ = ["PASSWORD", "World"]


@pytest.fixture
def engine(sqlite_engine: Engine) -> Iterator[Engine]:
    yield sqlite_engine
    truncate_all(sqlite_engine)


@pytest.fixture(autouse=True)
def company_zone_reset() -> Iterator[None]:
    """The company's zone is process-wide (``desktop.company_time``): a test that opens a
    replica naming another zone must not leave it to the next test."""
    yield
    company_time.use(CompanyCalendar())


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal message box would wait forever offscreen: fail the test at once instead
    (tests replace the question hooks, e.g. ``confirm_submit``)."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("a modal QMessageBox was opened in a test")

    for name in ("exec", "question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse)


@pytest.fixture(autouse=True)
def untranslated_after_each_test() -> Iterator[None]:
    """A test that switches the app to Chinese and fails (or forgets) before switching
    back must not leave the next tests reading Chinese: every translator the app
    installed is removed after each test, and the locale is English again."""
    yield
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from desktop.app import Translations

    app = QApplication.instance()
    if isinstance(app, QApplication):
        installed = Translations(app).installed
        for translator in installed:
            app.removeTranslator(translator)
        installed.clear()
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@contextmanager
def use_language(qapp: Any, language: str) -> Iterator[None]:
    """The app's translators for ``language`` (and its locale), all undone afterwards."""
    from PySide6.QtCore import QLocale

    from desktop.app import Translations

    before = QLocale()
    translations = Translations(qapp)
    translations.apply(language)
    yield
    for translator in translations.installed:
        qapp.removeTranslator(translator)
    translations.installed.clear()
    QLocale.setDefault(before)


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    """English with its plural forms ("1 visit", "12 visits")."""
    with use_language(qapp, "en"):
        yield


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Engine]:
    """An empty replica file of the app (no user yet: each test's world signs one in)."""
    engine = open_replica(tmp_path / "replica.sqlite3")
    yield engine
    engine.dispose()


@pytest.fixture
def tasks(qapp: Any) -> SynchronousTaskManager:
    """Tasks run inline: a test sees each read's and write's result at once."""
    return SynchronousTaskManager()


@pytest.fixture
def make_app(qapp: Any, tmp_path: Path) -> Iterator[Any]:
    """Build FieldRepApp instances on a temp data folder; all are shut down after the test."""
    made: list[FieldRepApp] = []

    def make(*, language: str = "en", idle_lock_minutes: int = 480,
             data_dir: Path | None = None) -> FieldRepApp:
        folder = data_dir or tmp_path / "client"
        store = open_qsettings(folder)
        settings = AppSettings(language=language, idle_lock_minutes=idle_lock_minutes,
                               data_dir=folder)
        controller = FieldRepApp(qapp, store, settings)
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
