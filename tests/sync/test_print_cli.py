"""``fieldrep print …`` end to end: a replica synced from the live server, opened
encrypted as ``export`` opens it, the PDFs read back."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from tests.conftest import LiveServer
from tests.desktop.printing.pdf_checks import all_text, assert_sound
from tests.sync.conftest import PASSWORD, World

PRINTED = "2026-11-20T10:00:00+08:00"


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(argv)


def test_print_from_a_synced_replica(
    world: World, live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], memory_keyring: Any,
) -> None:
    rep = world.rep_a["username"]
    common = ["--server", live_server.url, "--username", rep, "--data-dir", str(tmp_path)]
    assert run(["sync", *common, "--password-stdin"], monkeypatch, PASSWORD + "\n") == 0
    capsys.readouterr()

    month = tmp_path / "out" / "month.pdf"
    assert run(["print", "visit-summary", "--period", "month", "--date", "2026-11-15", "--language", "zh_CN",
                "--printed-at", PRINTED, "--out", str(month), *common], monkeypatch) == 0
    assert "wrote" in capsys.readouterr().out
    texts = assert_sound(month.read_bytes(), chinese="月拜访汇总")
    assert world.doc_a["name"] in texts[0] and "2026年11月" in texts[0]
    assert f"({rep})" in texts[0]
    again = tmp_path / "again.pdf"
    assert run(["print", "visit-summary", "--period", "month", "--date", "2026-11-15", "--language", "zh_CN",
                "--printed-at", PRINTED, "--out", str(again), *common], monkeypatch) == 0
    assert again.read_bytes() == month.read_bytes()

    history = tmp_path / "history.pdf"
    assert run(["print", "doctor-history", "--doctor", str(world.doc_a["id"]), "--language", "en",
                "--out", str(history), *common], monkeypatch) == 0
    text = " ".join(assert_sound(history.read_bytes()))
    assert "Doctor visit history" in text and world.doc_a["name"] in text and "Visits: 1" in text

    visit = tmp_path / "visit.pdf"
    assert run(["print", "visit", "--id", str(world.visit_a["id"]), "--language", "en", "--out", str(visit),
                *common], monkeypatch) == 0
    assert world.visit_a["purpose"] in all_text(visit.read_bytes())

    capsys.readouterr()
    assert run(["print", "visit-summary", "--period", "week", "--rep", world.rep_b["username"],
                "--out", str(tmp_path / "no.pdf"), *common], monkeypatch) == 1
    assert "not in your team" in capsys.readouterr().err
    assert run(["print", "evaluation", "--id", "nonsense", "--out", str(tmp_path / "no.pdf"), *common],
               monkeypatch) == 1
    assert "No evaluation nonsense" in capsys.readouterr().err
    weekly = tmp_path / "weekly.pdf"
    assert run(["print", "weekly-report", "--date", "2026-11-02", "--language", "en", "--out", str(weekly),
                *common], monkeypatch) == 0
    text = " ".join(assert_sound(weekly.read_bytes()))
    assert "Weekly report" in text and world.doc_a["name"] in text  # visit_a: unplanned
    assert not (tmp_path / "no.pdf").exists()


def test_a_manager_prints_a_reps_month_and_the_team(
    world: World, live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], memory_keyring: Any,
) -> None:
    common = ["--server", live_server.url, "--username", world.dm["username"], "--data-dir", str(tmp_path)]
    assert run(["sync", *common, "--password-stdin"], monkeypatch, PASSWORD + "\n") == 0
    rep_month = tmp_path / "rep.pdf"
    assert run(["print", "visit-summary", "--period", "month", "--date", "2026-11-02", "--rep",
                world.rep_a["username"], "--language", "en", "--out", str(rep_month), *common],
               monkeypatch) == 0
    assert world.doc_a["name"] in all_text(rep_month.read_bytes())
    team = tmp_path / "team.pdf"
    assert run(["print", "team-summary", "--period", "month", "--date", "2026-11-02", "--language", "en",
                "--out", str(team), *common], monkeypatch) == 0
    text = all_text(team.read_bytes())
    assert world.rep_a["username"] in text and world.rep_b["username"] in text
    # The DM's own field days of a week they have not planned yet; a rep has none to print.
    field = tmp_path / "field.pdf"
    assert run(["print", "field-days", "--date", "2026-11-04", "--language", "zh_CN",
                "--printed-at", PRINTED, "--out", str(field), *common], monkeypatch) == 0
    [page] = assert_sound(field.read_bytes(), chinese="协访周计划")
    assert "未制定 0 0" in page and "2026-11-02 – 2026-11-08" in page
    rep = ["--server", live_server.url, "--username", world.rep_a["username"], "--data-dir",
           str(tmp_path / "rep")]
    assert run(["sync", *rep, "--password-stdin"], monkeypatch, PASSWORD + "\n") == 0
    capsys.readouterr()
    assert run(["print", "field-days", "--language", "en", "--out", str(tmp_path / "no.pdf"),
                *rep], monkeypatch) == 1
    assert "pick a district manager first" in capsys.readouterr().err
