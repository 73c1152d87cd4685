"""Settings checks the server address and the data folder before saving, shows each
problem next to its field, and says "Saved." when it saved (issue 21)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from desktop.settings import AppSettings
from desktop.settings_checks import settings_problems
from desktop.tasks import SynchronousTaskManager
from desktop.ui.settings_page import SettingsPage
from tests.conftest import LiveServer, free_port


def page_for(qtbot: Any, tasks: SynchronousTaskManager, settings: AppSettings) -> SettingsPage:
    def check(new: AppSettings, done: Any) -> None:
        tasks.run_net(lambda: settings_problems(new, settings), on_done=done)

    page = SettingsPage(settings, check=check)
    qtbot.addWidget(page)
    return page


def test_a_bad_server_address_or_folder_is_refused_next_to_its_field(
        qtbot: Any, tasks: SynchronousTaskManager, tmp_path: Path) -> None:
    settings = AppSettings(data_dir=tmp_path / "data")
    page = page_for(qtbot, tasks, settings)
    saved: list[AppSettings] = []
    page.saved.connect(saved.append)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    page.server.setText(f"http://127.0.0.1:{free_port()}")  # nothing listens there
    page.data_dir.setText(str(blocker / "inside"))  # under a file: cannot be made
    page.save()
    assert "No FieldRep server answers" in page.server_error.text()
    assert "cannot write to this folder" in page.data_dir_error.text()
    assert saved == [] and not page.saved_label.isVisibleTo(page)
    page.server.setText("not a url at all")
    page.save()
    assert "server address" in page.server_error.text()


def test_a_good_change_is_saved_and_says_so(qtbot: Any, tasks: SynchronousTaskManager,
                                            tmp_path: Path, live_server: LiveServer) -> None:
    settings = AppSettings(data_dir=tmp_path / "data")
    page = page_for(qtbot, tasks, settings)
    saved: list[AppSettings] = []
    page.saved.connect(saved.append)
    page.server.setText(live_server.url)
    page.data_dir.setText(str(tmp_path / "new-data"))
    page.save()
    assert page.server_error.text() == "" and page.data_dir_error.text() == ""
    assert len(saved) == 1 and saved[0].server_url == live_server.url
    assert page.saved_label.isVisibleTo(page) and page.saved_label.text() == "Saved."
    assert dataclasses.replace(saved[0]).data_dir == tmp_path / "new-data"
