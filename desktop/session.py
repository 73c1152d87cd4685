"""Sign-in, offline sign-in, unlock and sign-out: who is using this computer, with which replica.

Blocking functions (they make HTTP calls and derive keys): run them on the task
manager's pools, never on the UI thread.

How the replica key and the offline check work (documented choice):
- The replica is SQLCipher-encrypted with ``derive_key(password, salt)`` (argon2id,
  salt beside the replica). Opening the replica with that key IS the offline
  password check; no password hash is stored anywhere.
- Where a secure keyring exists, the raw key is kept there too (with the tokens), so
  the app reopens without asking; where none exists nothing secret is written to a
  file and the password is asked at every start (``secure_keyring_available``).
- A password changed on the server: the first online sign-in with the new one
  re-keys the replica using the key kept in the keyring; without a keyring the old
  data cannot be opened and the user is offered to move it aside and download again.
- The idle lock compares ``derive_key(password, salt)`` with the key in memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
from keyring.errors import KeyringError
from PySide6.QtCore import QCoreApplication
from sqlalchemy.engine import Engine

from local_store import outbox as ob
from local_store.db import (
    ReplicaUnreadable,
    check_key,
    derive_key,
    encrypt_plain_replica,
    is_plain_sqlite,
    rekey,
    replica_salt,
)
from local_store.export import unsynced_changes
from local_store.replica import normalise_server_url, replica_path
from local_store.state import USER_ID, get_state, set_state
from local_store.store import open_replica
from sync.client import AuthError, NetworkError, ServerError, ServerRejected, SyncHttpClient
from sync.credentials import SERVICE, CredentialStore, secure_keyring_available

USER_INFO = "desktop.user"
HEALTH_TIMEOUT = (4.0, 8.0)


class SignInError(Exception):
    """A sign-in that did not work; ``field`` is where the dialog shows ``message``."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ReplicaProblem(SignInError):
    """The data file on this computer does not open: offer to move it aside and download again."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message, None)
        self.path = path


@dataclass
class Session:
    """A signed-in user: their replica (open), HTTP client and what the server said about them."""

    server_url: str
    username: str
    user: dict[str, Any]
    replica: Engine
    replica_file: Path
    key: bytes
    http: SyncHttpClient
    credentials: CredentialStore
    online: bool
    notices: list[str] = field(default_factory=list)

    @property
    def role(self) -> str:
        return str(self.user.get("role") or "rep")

    @property
    def display_name(self) -> str:
        return str(self.user.get("display_name") or self.username)

    def close(self) -> None:
        self.http.close()
        self.replica.dispose()


# --- keyring ---------------------------------------------------------------------------


def _key_name(server_url: str, username: str) -> str:
    return f"{server_url}|{username}|replica-key"


def load_stored_key(server_url: str, username: str) -> bytes | None:
    if not secure_keyring_available():
        return None
    try:
        raw = keyring.get_password(SERVICE, _key_name(server_url, username))
    except KeyringError:
        return None
    try:
        return bytes.fromhex(raw) if raw else None
    except ValueError:
        return None


def store_key(server_url: str, username: str, key: bytes) -> None:
    if secure_keyring_available():
        with contextlib.suppress(KeyringError):
            keyring.set_password(SERVICE, _key_name(server_url, username), key.hex())


def _forget_key(server_url: str, username: str) -> None:
    with contextlib.suppress(Exception):
        keyring.delete_password(SERVICE, _key_name(server_url, username))


# --- server checks ----------------------------------------------------------------------


def _not_a_fieldrep_server() -> SignInError:
    """Something answers at the address, but not our API (another web server, a proxy page)."""
    return SignInError(
        QCoreApplication.translate(
            "Session",
            "This address answers, but it is not a FieldRep server. "
            "Check the address (ask your administrator for the right one).",
        ),
        "server",
    )


def probe_server(server_url: str) -> dict[str, Any]:
    """Check the address answers as a FieldRep server speaking our protocol.

    Raises ``SignInError`` (field "server") with a message saying what to do, or
    ``NetworkError`` when the server cannot be reached at all (offline sign-in may follow).
    """
    import requests  # the first sign-in needs it; a resumed start does not

    from wire.protocol import PROTOCOL_VERSION

    url = normalise_server_url(server_url)
    if not url.startswith(("http://", "https://")) or url in ("http://", "https://"):
        raise SignInError(
            QCoreApplication.translate(
                "Session", "Enter the server address, for example https://crm.example.com"
            ),
            "server",
        )
    try:
        answer = requests.get(f"{url}/api/v1/health", timeout=HEALTH_TIMEOUT)
    except requests.exceptions.SSLError as exc:
        raise SignInError(
            QCoreApplication.translate(
                "Session",
                "The server's security certificate could not be verified (TLS error). "
                "Check the address, or ask IT whether the certificate is valid.",
            ),
            "server",
        ) from exc
    except (
        requests.exceptions.InvalidURL,
        requests.exceptions.MissingSchema,
        requests.exceptions.InvalidSchema,
        ValueError,
    ) as exc:
        raise SignInError(
            QCoreApplication.translate(
                "Session", "This is not a valid server address; check it for typing errors."
            ),
            "server",
        ) from exc
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise NetworkError(
            QCoreApplication.translate(
                "Session", "Cannot reach the server. Check the address and your network."
            )
        ) from exc
    try:
        body = answer.json()
    except ValueError:
        body = None
    if answer.status_code >= 500:
        raise SignInError(
            QCoreApplication.translate(
                "Session", "The server is having problems (HTTP %1). Try again later."
            ).replace("%1", str(answer.status_code)),
            "server",
        )
    if not isinstance(body, dict) or "protocol" not in body:
        raise _not_a_fieldrep_server()
    supported = body.get("protocols_supported") or [body["protocol"], body["protocol"]]
    low, high = int(supported[0]), int(supported[-1])
    if not low <= PROTOCOL_VERSION <= high:
        if low > PROTOCOL_VERSION:
            raise SignInError(
                QCoreApplication.translate(
                    "Session",
                    "The server needs a newer FieldRep. Install the latest version "
                    "of this app, then sign in again.",
                ),
                "server",
            )
        raise SignInError(
            QCoreApplication.translate(
                "Session",
                "This FieldRep is newer than the server. Ask your administrator "
                "to update the server, or use the matching app version.",
            ),
            "server",
        )
    return body


def _login(http: SyncHttpClient, username: str, password: str) -> dict[str, Any]:
    try:
        return http.login(username, password)
    except AuthError as exc:
        raise SignInError(
            QCoreApplication.translate("Session", "Wrong username or password."), "password"
        ) from exc
    except ServerRejected as exc:
        if exc.code == "account_disabled":
            raise SignInError(
                QCoreApplication.translate(
                    "Session", "This account is disabled. Contact your administrator."
                ),
                "username",
            ) from exc
        if exc.status == 429:
            raise SignInError(
                QCoreApplication.translate("Session", "Too many attempts. Wait a minute, then try again."),
                "password",
            ) from exc
        if exc.status == 404:
            raise _not_a_fieldrep_server() from exc
        if exc.status == 422:
            raise SignInError(
                QCoreApplication.translate("Session", "Enter your username and password."), "username"
            ) from exc
        raise SignInError(exc.message, None) from exc
    except ServerError as exc:
        raise SignInError(
            QCoreApplication.translate("Session", "The server is having problems. Try again later."), "server"
        ) from exc


# --- the replica ------------------------------------------------------------------------


def move_aside(path: Path) -> Path:
    """Rename an unreadable replica (and its salt) out of the way; nothing is deleted."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    shutil.move(str(path), str(target))
    for suffix in (".salt", "-wal", "-shm"):
        extra = Path(str(path) + suffix)
        if extra.exists():
            shutil.move(str(extra), str(target) + suffix)
    return target


def export_plain_unsynced(path: Path, out: Path) -> int:
    """Export unsynced changes of a plain (unencrypted) replica; returns how many."""
    engine = open_replica(path)
    try:
        with engine.connect() as conn:
            data = unsynced_changes(conn)
    finally:
        engine.dispose()
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return len(data["pending"]) + len(data["rejected"])


def _unreadable(path: Path) -> ReplicaProblem:
    return ReplicaProblem(
        QCoreApplication.translate(
            "Session",
            "The data file on this computer cannot be opened with this password (it may come "
            "from an older password, another program, or be damaged). FieldRep can move it aside "
            "(it is kept, not deleted) and download your data again.",
        ),
        path,
    )


def open_keyed(path: Path, key: bytes, server_url: str, username: str, stored_key: bytes | None) -> Engine:
    """Open (creating, encrypting or re-keying as needed) the replica with ``key``."""
    if is_plain_sqlite(path):
        encrypt_plain_replica(path, key)
    elif path.exists() and not check_key(path, key):
        if stored_key is not None and stored_key != key and check_key(path, stored_key):
            rekey(path, stored_key, key)  # the password changed on the server
        else:
            raise _unreadable(path)
    try:
        return open_replica(path, key=key, server_url=server_url, username=username)
    except ReplicaUnreadable as exc:
        raise _unreadable(path) from exc
    except Exception as exc:
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise _unreadable(path) from exc
        raise


def _user_info(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        raw = get_state(conn, USER_INFO)
    try:
        return dict(json.loads(raw)) if raw else {}
    except ValueError:
        return {}


# --- the public flows ---------------------------------------------------------------------


def sign_in(
    data_dir: Path, server_url: str, username: str, password: str, *, move_aside_unreadable: bool = False
) -> Session:
    """Sign in online, or offline when the server cannot be reached (see the module docstring).

    Raises ``SignInError`` (with the field to mark) or ``ReplicaProblem``; calling again
    with ``move_aside_unreadable=True`` moves the unreadable file aside first.
    """
    username = username.strip()
    if not server_url.strip():
        raise SignInError(
            QCoreApplication.translate(
                "Session", "Enter the server address, for example https://crm.example.com"
            ),
            "server",
        )
    if not username:
        raise SignInError(QCoreApplication.translate("Session", "Enter your username."), "username")
    if not password:
        raise SignInError(QCoreApplication.translate("Session", "Enter your password."), "password")
    server = normalise_server_url(server_url)
    path = replica_path(Path(data_dir), server, username)
    notices: list[str] = []
    if move_aside_unreadable and path.exists():
        kept = move_aside(path)
        notices.append(
            QCoreApplication.translate("Session", "The old data file was kept as %1.").replace(
                "%1", str(kept)
            )
        )

    credentials = CredentialStore(server, username)
    http = SyncHttpClient(server, retries=1, backoff=0.3, on_tokens=credentials.save)
    try:
        probe_server(server)
        answer = _login(http, username, password)
    except NetworkError as exc:
        http.close()
        return _offline_sign_in(path, server, username, password, credentials, str(exc))
    except BaseException:
        http.close()
        raise
    salt = replica_salt(path)
    assert salt is not None
    key = derive_key(password, salt)
    try:
        engine = open_keyed(path, key, server, username, load_stored_key(server, username))
    except BaseException:
        http.close()
        raise
    user = dict(answer["user"])
    with engine.begin() as conn:
        set_state(conn, USER_ID, str(user["id"]))
        set_state(conn, USER_INFO, json.dumps(user, default=str))
    store_key(server, username, key)
    if not credentials.persistent or not secure_keyring_available():
        notices.append(no_keyring_notice())
    return Session(server, username, user, engine, path, key, http, credentials, True, notices)


def _offline_sign_in(
    path: Path, server: str, username: str, password: str, credentials: CredentialStore, why: str
) -> Session:
    salt = replica_salt(path, create=False)
    if not path.exists() or salt is None:
        raise SignInError(
            QCoreApplication.translate(
                "Session",
                "Cannot reach the server. Check the address and your network. "
                "The first sign-in on this computer needs a connection.",
            ),
            "server",
        )
    key = derive_key(password, salt)
    if is_plain_sqlite(path) or not check_key(path, key):
        raise SignInError(
            QCoreApplication.translate(
                "Session",
                "Wrong password. (The server cannot be reached, so the password was "
                "checked against your last online sign-in on this computer.)",
            ),
            "password",
        )
    engine = open_keyed(path, key, server, username, None)
    http = SyncHttpClient(server, retries=0, tokens=credentials.load(), on_tokens=credentials.save)
    user = _user_info(engine)
    return Session(
        server,
        username,
        user,
        engine,
        path,
        key,
        http,
        credentials,
        False,
        [
            QCoreApplication.translate(
                "Session", "Signed in offline: your changes are kept and sent when the server can be reached."
            )
        ],
    )


def resume_session(data_dir: Path, server_url: str, username: str) -> Session | None:
    """Reopen the last session without a password (key and tokens in the keyring), else None."""
    if not server_url or not username:
        return None
    server = normalise_server_url(server_url)
    key = load_stored_key(server, username)
    path = replica_path(Path(data_dir), server, username)
    if key is None or not path.exists() or is_plain_sqlite(path) or not check_key(path, key):
        return None
    credentials = CredentialStore(server, username)
    tokens = credentials.load()
    if tokens is None:
        return None
    engine = open_replica(path, key=key, server_url=server, username=username)
    user = _user_info(engine)
    if not user:
        engine.dispose()
        return None
    http = SyncHttpClient(server, retries=1, backoff=0.3, tokens=tokens, on_tokens=credentials.save)
    return Session(server, username, user, engine, path, key, http, credentials, False)


def verify_password(session: Session, password: str) -> bool:
    """The idle-lock check: does ``password`` derive this session's key? (Works offline.)"""
    salt = replica_salt(session.replica_file, create=False)
    if salt is None or not password:
        return False
    return hmac.compare_digest(derive_key(password, salt), session.key)


def relogin(session: Session, password: str) -> None:
    """Get new tokens after the server ended the session (the password is checked online)."""
    answer = _login(session.http, session.username, password)
    session.user = dict(answer["user"])
    session.online = True


def sign_out(session: Session, *, forget_key: bool = True) -> None:
    """Remove the tokens (and the stored replica key), tell the server, close the replica."""
    import requests

    tokens = session.http.tokens
    try:
        if tokens is not None and session.online:
            requests.post(
                f"{session.server_url}/api/v1/auth/logout",
                timeout=HEALTH_TIMEOUT,
                headers={"Authorization": f"Bearer {tokens.access_token}"},
            )
    except requests.RequestException:
        pass  # offline: the tokens are forgotten here anyway and expire on the server
    session.credentials.clear()
    if forget_key:
        _forget_key(session.server_url, session.username)
    session.close()


def no_keyring_notice() -> str:
    return QCoreApplication.translate(
        "Session",
        "This computer has no secure password store (keyring), so FieldRep keeps no "
        "password or key on disk and asks for your password at every start.",
    )


def pending_changes(session: Session) -> int:
    with session.replica.connect() as conn:
        return ob.pending_count(conn)
