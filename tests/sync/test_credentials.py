"""The keyring never pretends (issue 21): the product never picks an in-memory keyring
on its own, and without a secure one it says, once, that it will not remember the
sign-in, and works on with the tokens in memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from sync.credentials import NO_KEYRING_WARNING, CredentialStore, Tokens

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("import desktop.cli, desktop.session, sync.credentials, keyring; "
           "from sync.credentials import CredentialStore, secure_keyring_available; "
           "backend = keyring.get_keyring(); store = CredentialStore('http://h:8000', 'zhang'); "
           "print(type(backend).__module__, secure_keyring_available(), store.persistent, "
           "store.warning is not None)")


def _product(tmp_path: Path, **env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    clean.update(XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path),
                 PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", **env)
    done = subprocess.run([sys.executable, "-c", PRODUCT], env=clean, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.split()


def test_the_product_never_chooses_an_in_memory_keyring_by_itself(tmp_path: Path) -> None:
    module, secure, persistent, warned = _product(tmp_path)
    assert not module.startswith(("sync.", "desktop.", "tools.", "tests.")), module
    assert persistent == secure and warned == str(secure == "False")


def test_without_a_keyring_daemon_it_says_it_will_not_remember(tmp_path: Path) -> None:
    module, secure, persistent, warned = _product(
        tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert (module, secure, persistent, warned) == ("keyring.backends.fail", "False", "False",
                                                    "True")


def test_without_a_secure_keyring_the_tokens_work_in_memory(
        monkeypatch: pytest.MonkeyPatch) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        store = CredentialStore("http://h:8000", "li")
        assert not store.persistent and store.warning == NO_KEYRING_WARNING
        assert "will not remember your sign-in" in store.warning
        store.save(Tokens("a", "r", 60))
        assert store.load() == Tokens("a", "r", 60)
        store.clear()
        assert store.load() is None
    finally:
        keyring.set_keyring(previous)
