"""``fieldrep sync|status|export`` end to end against the live server."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.session import load_stored_key
from local_store import writes as w
from local_store.db import is_plain_sqlite
from local_store.replica import replica_path
from local_store.store import open_replica
from sync.credentials import SERVICE
from tests.conftest import LiveServer
from tests.sync.conftest import PASSWORD, World


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(argv)


def test_sync_status_export_end_to_end(
    world: World, live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], memory_keyring: Any,
) -> None:
    user = world.rep_a["username"]
    common = ["--server", live_server.url, "--username", user, "--data-dir", str(tmp_path)]
    assert run(["sync", *common, "--password-stdin"], monkeypatch, PASSWORD + "\n") == 0
    out = capsys.readouterr().out
    assert "pull: page 1" in out and "pushed 0, rejected 0 in" in out

    # Tokens went to the keyring, never to a file.
    tokens = json.loads(memory_keyring.store[(SERVICE, f"{live_server.url}|{user}")])
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert tokens["access_token"].encode() not in data
            assert tokens["refresh_token"].encode() not in data
            assert PASSWORD.encode() not in data

    # The replica is the app's: encrypted, its key in the keyring, nothing readable without it.
    path = replica_path(tmp_path, live_server.url, user)
    assert not is_plain_sqlite(path) and "离线".encode() not in path.read_bytes()
    key = load_stored_key(live_server.url, user)
    assert key is not None
    replica = open_replica(path, key=key)
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                   started_at=world.visit_a["started_at"], purpose="离线记录")
    replica.dispose()

    assert run(["status", "--data-dir", str(tmp_path)], monkeypatch) == 1  # which account?
    assert "encrypted; add --server and --username" in capsys.readouterr().err
    assert run(["status", *common], monkeypatch) == 0
    out = capsys.readouterr().out
    assert "pending changes: 1" in out and f"{user} @ {live_server.url}" in out

    target = tmp_path / "out" / "unsynced.json"
    assert run(["export", "--unsynced", *common, "--out", str(target)], monkeypatch) == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    [rep] = exported["replicas"]
    [entry] = rep["pending"]
    assert entry["row_id"] == str(visit) and entry["op"] == "insert"
    assert entry["row"]["purpose"] == "离线记录" and entry["fields"]["purpose"] == "离线记录"

    # Second sync uses the stored token (no password on stdin) and pushes the visit.
    assert run(["sync", *common], monkeypatch) == 0
    assert "pushed 1, rejected 0" in capsys.readouterr().out
    assert run(["status", *common], monkeypatch) == 0
    assert "pending changes: 0" in capsys.readouterr().out

    # Without the keyring entry (another machine account, a wiped keyring) the password opens it.
    memory_keyring.store.pop((SERVICE, f"{live_server.url}|{user}|replica-key"))
    assert run(["status", *common, "--password-stdin"], monkeypatch, "wrong\n") == 1
    assert "does not open" in capsys.readouterr().err
    assert run(["status", *common, "--password-stdin"], monkeypatch, PASSWORD + "\n") == 0
    assert "pending changes: 0" in capsys.readouterr().out


def test_sync_fails_with_one_clear_line(
    world: World, live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    common = ["--server", live_server.url, "--username", world.rep_b["username"],
              "--data-dir", str(tmp_path), "--password-stdin"]
    assert run(["sync", *common], monkeypatch, "wrong password\n") == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("fieldrep: ") and "\n" not in err
    assert run(["status", "--data-dir", str(tmp_path / "empty")], monkeypatch) == 1
    assert "no replicas" in capsys.readouterr().err


def test_no_subcommand_starts_the_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.app

    started: list[list[str]] = []
    monkeypatch.setattr(desktop.app, "run", lambda argv: started.append(list(argv)) or 0)
    assert main([]) == 0
    assert main(["--demo", "--server", "http://127.0.0.1:8470"]) == 0
    assert started == [[], ["--demo", "--server", "http://127.0.0.1:8470"]]


def test_help_says_that_no_command_opens_the_app() -> None:
    from desktop.cli import build_parser

    text = " ".join(build_parser().format_help().split())
    assert "Without a command, 'fieldrep' opens the FieldRep app" in text
