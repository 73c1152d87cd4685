"""Sign-in, offline sign-in, resume, unlock and sign-out: who is using this computer, with
which replica.

Blocking functions (they make HTTP calls and derive keys): run them on the task
manager's pools, never on the UI thread. The replica key and the keyring (where the
key is kept, how the replica opens and re-keys with it) are ``desktop.replica_keys``;
its names are re-exported here for the screens. The idle lock compares
``derive_key(password, salt)`` with the key in memory (``verify_password``).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy.engine import Engine

from desktop import company_time
from desktop.replica_keys import (
    ReplicaProblem,
    SignInError,
    export_plain_unsynced,
    forget_stored_key,
    load_stored_key,
    move_aside,
    no_keyring_notice,
    open_keyed,
    secure_keyring_available,
    store_key,
)
from local_store.db import (
    check_key,
    derive_key,
    is_plain_sqlite,
    replica_salt,
)
from local_store.read.sync_status import pending_changes as read_pending
from local_store.replica import normalise_server_url, replica_path
from local_store.state import remember_user, remembered_user
from local_store.store import open_replica
from sync.client import (
    AuthError,
    BadAddress,
    CertificateError,
    NetworkError,
    ServerError,
    ServerRejected,
    SyncHttpClient,
)
from sync.credentials import CredentialStore

__all__ = [
    "HEALTH_TIMEOUT", "ReplicaProblem", "Session", "SignInError", "export_plain_unsynced",
    "load_stored_key", "move_aside", "no_keyring_notice", "open_keyed", "pending_changes",
    "probe_server", "relogin", "resume_session", "secure_keyring_available", "sign_in",
    "sign_out", "store_key", "verify_password",
]

HEALTH_TIMEOUT = (4.0, 8.0)


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

    def __post_init__(self) -> None:
        company_time.refresh(self.replica)  # the zone of what the screens show

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
    from wire.protocol import PROTOCOL_VERSION

    url = normalise_server_url(server_url)
    if not url.startswith(("http://", "https://")) or url in ("http://", "https://"):
        raise SignInError(
            QCoreApplication.translate(
                "Session", "Enter the server address, for example https://crm.example.com"
            ),
            "server",
        )
    probe = SyncHttpClient(url, timeout=HEALTH_TIMEOUT, retries=0)
    try:
        answer = probe.health()
    except CertificateError as exc:
        raise SignInError(
            QCoreApplication.translate(
                "Session",
                "The server's security certificate could not be verified (TLS error). "
                "Check the address, or ask IT whether the certificate is valid.",
            ),
            "server",
        ) from exc
    except BadAddress as exc:
        raise SignInError(
            QCoreApplication.translate(
                "Session", "This is not a valid server address; check it for typing errors."
            ),
            "server",
        ) from exc
    except NetworkError as exc:
        raise NetworkError(
            QCoreApplication.translate(
                "Session", "Cannot reach the server. Check the address and your network."
            )
        ) from exc
    finally:
        probe.close()
    body = answer.body
    if answer.status >= 500:
        raise SignInError(
            QCoreApplication.translate(
                "Session", "The server is having problems (HTTP %1). Try again later."
            ).replace("%1", str(answer.status)),
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
    except NetworkError:
        http.close()
        return _offline_sign_in(path, server, username, password, credentials)
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
    remember_user(engine, user)
    store_key(server, username, key)
    if not credentials.persistent or not secure_keyring_available():
        notices.append(no_keyring_notice())
    return Session(server, username, user, engine, path, key, http, credentials, True, notices)


def _offline_sign_in(
    path: Path, server: str, username: str, password: str, credentials: CredentialStore
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
    user = remembered_user(engine)
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
    user = remembered_user(engine)
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
    try:
        if session.online:
            session.http.logout(timeout=HEALTH_TIMEOUT)
    except NetworkError:
        pass  # offline: the tokens are forgotten here anyway and expire on the server
    session.credentials.clear()
    if forget_key:
        forget_stored_key(session.server_url, session.username)
    session.close()




def pending_changes(session: Session) -> int:
    return read_pending(session.replica)
