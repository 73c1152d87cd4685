"""Where the desktop keeps its tokens: the OS keyring, and nowhere else.

Tokens live under service ``FieldRep``, key ``"<server_url>|<username>"``, as one
JSON value. Passwords are never stored (offline sign-in uses a local hash, not
this). Only a keyring that encrypts at rest counts (``secure_keyring_available``):
on a machine without one (no Secret Service, KWallet, Keychain or Credential
Manager; or only a plaintext one) the tokens stay in this process's memory,
``persistent`` says so and ``warning`` tells the user, once per store, that the
sign-in will not be remembered; everything else works as usual.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import keyring
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


NO_KEYRING_WARNING = (
    "FieldRep will not remember your sign-in on this computer: no secure system keyring "
    "(GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager) is available. "
    "You will be asked for your password next time; everything else works as usual."
)


def secure_keyring_available() -> bool:
    """A keyring that encrypts at rest (not the fail/null/plaintext backends)."""
    try:
        backend = keyring.get_keyring()
    except Exception:
        return False
    backends = getattr(backend, "backends", None)
    candidates = list(backends) if backends is not None else [backend]
    for b in candidates:
        module = type(b).__module__
        if module.startswith(("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")):
            continue
        if float(getattr(b, "priority", 0) or 0) > 0:
            return True
    return False


class CredentialStore:
    """The tokens of one server + user."""

    def __init__(self, server_url: str, username: str) -> None:
        self.key = f"{server_url}|{username}"
        # Asked on first use: finding the keyring loads every backend plugin (~60 ms),
        # work for the sign-in op, not for whoever builds the store.
        self._persistent: bool | None = None

    @property
    def persistent(self) -> bool:
        """Tokens outlive the process (a secure OS keyring); else they stay in memory."""
        if self._persistent is None:
            self._persistent = secure_keyring_available()
        return self._persistent

    @property
    def warning(self) -> str | None:
        """What to tell the user once when the sign-in will not be remembered."""
        return None if self.persistent else NO_KEYRING_WARNING

    def _no_keyring(self, _exc: Exception | None) -> None:
        self._persistent = False

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
