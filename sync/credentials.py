"""Where the desktop keeps its tokens: the OS keyring, and nowhere else.

Tokens live under service ``FieldRep``, key ``"<server_url>|<username>"``, as one
JSON value. Passwords are never stored (offline sign-in uses a local hash, not
this). On a machine without a keyring backend the tokens stay in this process's
memory only; ``persistent`` says so and ``warning`` explains it to the user.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

SERVICE = "FieldRep"

_memory: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int = 0

    @classmethod
    def from_answer(cls, answer: dict[str, Any]) -> Tokens:
        return cls(str(answer["access_token"]), str(answer["refresh_token"]),
                   int(answer.get("expires_in") or 0))


class CredentialStore:
    """The tokens of one server + user."""

    def __init__(self, server_url: str, username: str) -> None:
        self.key = f"{server_url}|{username}"
        self.persistent = True
        self.warning: str | None = None

    def _no_keyring(self, exc: Exception) -> None:
        self.persistent = False
        self.warning = (
            "no system keyring is available, so you will have to sign in again next time "
            f"(tokens are kept in memory only): {exc}"
        )

    def load(self) -> Tokens | None:
        raw: str | None
        try:
            raw = keyring.get_password(SERVICE, self.key) if self.persistent else None
        except NoKeyringError as exc:
            self._no_keyring(exc)
            raw = None
        if raw is None:
            raw = _memory.get(self.key)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            return Tokens(data["access_token"], data["refresh_token"], int(data.get("expires_in", 0)))
        except (ValueError, KeyError, TypeError):
            return None

    def save(self, tokens: Tokens) -> None:
        raw = json.dumps(asdict(tokens))
        if self.persistent:
            try:
                keyring.set_password(SERVICE, self.key, raw)
                _memory.pop(self.key, None)
                return
            except NoKeyringError as exc:
                self._no_keyring(exc)
        _memory[self.key] = raw

    def clear(self) -> None:
        _memory.pop(self.key, None)
        if self.persistent:
            try:
                keyring.delete_password(SERVICE, self.key)
            except PasswordDeleteError:
                pass
            except NoKeyringError as exc:
                self._no_keyring(exc)
            except KeyringError:
                pass


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process only: for tools (screenshots) and tests that
    must never touch the user's real keyring. It is not a place for real secrets."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)
