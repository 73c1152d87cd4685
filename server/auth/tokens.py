"""Access and refresh tokens.

An access token is ``base64url(claims JSON) + "." + base64url(HMAC-SHA256)`` signed
with the server's ``token_secret`` (server_state). It is short-lived and checked on
every request against its session, so signing out revokes it at once. A refresh
token is an opaque random string; the server keeps only its SHA-256, so a copy of
the database does not hand out working sessions.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
import uuid
from dataclasses import dataclass

from server.errors import ServiceError

ACCESS = "access"


@dataclass(frozen=True, slots=True)
class AccessClaims:
    """What a valid access token says: who, which session, until when (unix seconds)."""

    user_id: uuid.UUID
    session_id: uuid.UUID
    expires_at: int


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(secret: str, payload: str) -> str:
    return _b64encode(hmac.new(secret.encode(), payload.encode("ascii"), hashlib.sha256).digest())


def make_access_token(secret: str, *, user_id: uuid.UUID, session_id: uuid.UUID,
                      expires_at: int) -> str:
    """Sign the claims; ``expires_at`` is unix seconds (tests pass a past one)."""
    claims = {"sub": str(user_id), "sid": str(session_id), "exp": int(expires_at), "typ": ACCESS}
    payload = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    return f"{payload}.{_sign(secret, payload)}"


def _invalid() -> ServiceError:
    return ServiceError("token_invalid", "The access token is not valid; sign in again.", kind="unauthorized")


def read_access_token(secret: str, token: str, *, now: float | None = None) -> AccessClaims:
    """Verify signature, type and expiry; 401 ``token_invalid`` or ``token_expired``."""
    payload, dot, signature = token.partition(".")
    if not dot or not payload or not signature or not token.isascii():
        raise _invalid()
    if not hmac.compare_digest(_sign(secret, payload), signature):
        raise _invalid()
    try:
        claims = json.loads(_b64decode(payload))
        if claims.get("typ") != ACCESS:
            raise _invalid()
        parsed = AccessClaims(user_id=uuid.UUID(claims["sub"]),
                              session_id=uuid.UUID(claims["sid"]),
                              expires_at=int(claims["exp"]))
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error) as exc:
        raise _invalid() from exc
    if parsed.expires_at <= (time.time() if now is None else now):
        raise ServiceError("token_expired",
                           "The access token has expired; refresh it or sign in again.", kind="unauthorized")
    return parsed


def peek_access_claims(token: str) -> AccessClaims | None:
    """The claims of ``token`` WITHOUT checking its signature or expiry (None when
    they cannot be read), so the session can be looked up in the same query as the
    secret. Never trust them before ``read_access_token`` has verified the token."""
    payload, dot, signature = token.partition(".")
    if not dot or not payload or not signature or not token.isascii():
        return None
    try:
        claims = json.loads(_b64decode(payload))
        return AccessClaims(user_id=uuid.UUID(claims["sub"]), session_id=uuid.UUID(claims["sid"]),
                            expires_at=int(claims["exp"]))
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error):
        return None


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    """SHA-256 hex: refresh tokens are random, so a fast hash is enough."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
