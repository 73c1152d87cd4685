"""Accounts and sessions: create users, sign in, refresh, sign out, check tokens.

Functions take a ``conn`` inside the caller's transaction (tests roll it back).
A failed sign-in is recorded in ``login_failures`` and then raised as
``InvalidCredentials``: the caller must commit before answering, so the record
survives the error and the throttle (``server.auth.throttle``) holds across requests
and processes.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.roles import Role
from server.auth import throttle
from server.auth.passwords import hash_password, verify_password
from server.auth.principal import Principal
from server.auth.tokens import (
    hash_refresh_token,
    make_access_token,
    new_refresh_token,
    peek_access_claims,
    read_access_token,
)
from server.config import Settings
from server.errors import ServiceError
from server.migrate import get_state
from server.sync.feed import ChangeSet, utcnow
from server.sync.rows import insert_rows
from server.tables import (
    auth_sessions,
    credentials,
    districts,
    regions,
    server_state,
    territories,
    used_refresh_tokens,
    users,
)

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
USERNAME_MAX_LENGTH = 64


class InvalidCredentials(ServiceError):
    """Wrong username or password; the failure has been recorded in ``conn``."""

    def __init__(self) -> None:
        super().__init__("invalid_credentials", "The username or password is wrong.",
                         kind="unauthorized")


# --- users ----------------------------------------------------------------------------

def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError("weak_password",
                           f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ServiceError("weak_password",
                           f"The password must have at most {MAX_PASSWORD_LENGTH} characters.")


def _parse_role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise ServiceError("invalid_role", f"Unknown role {role!r}; use one of {allowed}.") from None


def _org_chain(
    conn: Connection, region_id: uuid.UUID | None, district_id: uuid.UUID | None,
    territory_id: uuid.UUID | None,
) -> tuple[uuid.UUID | None, uuid.UUID | None, uuid.UUID | None]:
    """Fill the higher org levels from the lowest one given and refuse contradictions."""
    if territory_id is not None:
        parent = conn.execute(sa.select(territories.c.district_id)
                              .where(territories.c.id == territory_id)).scalar_one_or_none()
        if parent is None:
            raise ServiceError("unknown_territory", f"Territory {territory_id} does not exist.")
        if district_id is not None and district_id != parent:
            raise ServiceError("org_mismatch", "The territory is not in the given district.")
        district_id = parent
    if district_id is not None:
        parent = conn.execute(sa.select(districts.c.region_id)
                              .where(districts.c.id == district_id)).scalar_one_or_none()
        if parent is None:
            raise ServiceError("unknown_district", f"District {district_id} does not exist.")
        if region_id is not None and region_id != parent:
            raise ServiceError("org_mismatch", "The district is not in the given region.")
        region_id = parent
    if region_id is not None and conn.execute(
        sa.select(regions.c.id).where(regions.c.id == region_id)
    ).first() is None:
        raise ServiceError("unknown_region", f"Region {region_id} does not exist.")
    return region_id, district_id, territory_id


def _find_user(conn: Connection, username: str) -> dict[str, Any] | None:
    """Usernames are matched without regard to case (and are unique that way)."""
    row = conn.execute(
        sa.select(users).where(sa.func.lower(users.c.username) == username.strip().lower())
    ).mappings().first()
    return dict(row) if row else None


def create_user(
    conn: Connection,
    changes: ChangeSet,
    *,
    username: str,
    display_name: str,
    role: str | Role,
    password: str,
    region_id: uuid.UUID | None = None,
    district_id: uuid.UUID | None = None,
    territory_id: uuid.UUID | None = None,
    manager_id: uuid.UUID | None = None,
    email: str | None = None,
    phone: str | None = None,
    actor: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Insert a user (through the change feed) and its password; the caller publishes.

    Missing higher org levels are filled from the lowest one given (a rep's
    territory gives their district and region). A DM needs a district and an RM a
    region, or their scope would be empty without anyone noticing.
    """
    username = username.strip()
    if not username or len(username) > USERNAME_MAX_LENGTH:
        raise ServiceError("invalid_username",
                           f"The username must have 1 to {USERNAME_MAX_LENGTH} characters.")
    if not display_name.strip():
        raise ServiceError("invalid_display_name", "The display name must not be empty.")
    parsed_role = _parse_role(role)
    check_password_policy(password)
    region_id, district_id, territory_id = _org_chain(conn, region_id, district_id, territory_id)
    if parsed_role is Role.DM and district_id is None:
        raise ServiceError("district_required", "A district manager needs a district.")
    if parsed_role is Role.RM and region_id is None:
        raise ServiceError("region_required", "A regional manager needs a region.")
    if manager_id is not None and conn.execute(
        sa.select(users.c.id).where(users.c.id == manager_id)
    ).first() is None:
        raise ServiceError("unknown_manager", f"Manager {manager_id} does not exist.")
    if _find_user(conn, username) is not None:
        raise ServiceError("username_taken", f"The username {username!r} is already taken.", kind="conflict")
    row = {
        "username": username, "display_name": display_name.strip(), "role": parsed_role.value,
        "region_id": region_id, "district_id": district_id, "territory_id": territory_id,
        "manager_id": manager_id, "email": email, "phone": phone, "active": True,
    }
    try:
        with conn.begin_nested():
            user = insert_rows(conn, changes, "users", [row], actor=actor)[0]
    except sa.exc.IntegrityError:  # a concurrent insert won the race
        raise ServiceError("username_taken",
                           f"The username {username!r} is already taken.", kind="conflict") from None
    conn.execute(sa.insert(credentials).values(
        user_id=user["id"], password_hash=hash_password(password), changed_at=utcnow()))
    return user


def set_password(conn: Connection, user_id: uuid.UUID, password: str) -> None:
    """Replace (or create) a user's password and end all their sessions."""
    check_password_policy(password)
    if conn.execute(sa.select(users.c.id).where(users.c.id == user_id)).first() is None:
        raise ServiceError("not_found", "No such user.", kind="not_found")
    now = utcnow()
    hashed = hash_password(password)
    updated = conn.execute(sa.update(credentials).where(credentials.c.user_id == user_id)
                           .values(password_hash=hashed, changed_at=now)).rowcount
    if not updated:
        conn.execute(sa.insert(credentials).values(user_id=user_id, password_hash=hashed,
                                                   changed_at=now))
    conn.execute(sa.update(auth_sessions)
                 .where(auth_sessions.c.user_id == user_id, auth_sessions.c.revoked_at.is_(None))
                 .values(revoked_at=now))


# --- sign-in --------------------------------------------------------------------------

@functools.cache
def _dummy_hash() -> str:
    """Verified against for unknown users, so timing does not reveal which names exist."""
    return hash_password("fieldrep-dummy-password")


def _as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back naive; everything stored is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def user_summary(user: dict[str, Any]) -> dict[str, Any]:
    return {k: user[k] for k in ("id", "username", "display_name", "role", "territory_id",
                                 "district_id", "region_id")}


def login(conn: Connection, settings: Settings, username: str, password: str,
          client_address: str | None = None) -> dict[str, Any]:
    """Check the password and open a session (see ``issue_tokens`` for the answer).

    401 ``invalid_credentials`` for a wrong name or password alike (recorded, then
    raised as ``InvalidCredentials``), 403 ``account_disabled``, 429
    ``too_many_attempts`` while a failure delay runs for the username or the client
    address (``server.auth.throttle``), before the password is checked.
    """
    now = utcnow()
    throttle.check(conn, settings, username, client_address, now)
    user = _find_user(conn, username)
    stored = None
    if user is not None:
        stored = conn.execute(sa.select(credentials.c.password_hash)
                              .where(credentials.c.user_id == user["id"])).scalar_one_or_none()
    ok = verify_password(stored or _dummy_hash(), password) and stored is not None
    if not ok or user is None:
        throttle.record_failure(conn, settings, username, client_address, now)
        raise InvalidCredentials()
    throttle.forget_failures(conn, username)
    if not user["active"] or user["deleted"]:
        raise ServiceError("account_disabled",
                           "This account is disabled; ask your administrator.", kind="forbidden")
    return issue_tokens(conn, settings, user["id"], user=user)


def issue_tokens(conn: Connection, settings: Settings, user_id: uuid.UUID,
                 *, user: dict[str, Any] | None = None) -> dict[str, Any]:
    """Open a session for ``user_id`` and return its access and refresh tokens."""
    if user is None:
        found = conn.execute(sa.select(users).where(users.c.id == user_id)).mappings().first()
        if found is None:
            raise ServiceError("not_found", "No such user.", kind="not_found")
        user = dict(found)
    now = utcnow()
    session_id = uuid.uuid4()
    refresh_token = new_refresh_token()
    conn.execute(sa.insert(auth_sessions).values(
        id=session_id, user_id=user_id, refresh_hash=hash_refresh_token(refresh_token),
        created_at=now, expires_at=now + dt.timedelta(days=settings.refresh_token_days)))
    return _token_answer(conn, settings, user, session_id, refresh_token)


def _token_answer(conn: Connection, settings: Settings, user: dict[str, Any],
                  session_id: uuid.UUID, refresh_token: str) -> dict[str, Any]:
    expires_in = settings.access_token_minutes * 60
    access = make_access_token(
        get_state(conn, "token_secret"), user_id=user["id"], session_id=session_id,
        expires_at=int(utcnow().timestamp()) + expires_in)
    return {"access_token": access, "refresh_token": refresh_token, "token_type": "bearer",
            "expires_in": expires_in, "user": user_summary(user)}


def refresh(conn: Connection, settings: Settings, refresh_token: str) -> dict[str, Any]:
    """Swap a refresh token for new tokens; the old refresh token stops working."""
    invalid = ServiceError("invalid_refresh_token",
                           "The refresh token is unknown, expired or revoked; sign in again.",
                           kind="unauthorized")
    now = utcnow()
    old_hash = hash_refresh_token(refresh_token)
    session = conn.execute(sa.select(auth_sessions)
                           .where(auth_sessions.c.refresh_hash == old_hash)).mappings().first()
    if session is None:
        _revoke_on_reuse(conn, old_hash, now)
        raise invalid
    if session["revoked_at"] is not None or _as_utc(session["expires_at"]) <= now:
        raise invalid
    user = conn.execute(sa.select(users).where(users.c.id == session["user_id"])).mappings().one()
    if not user["active"] or user["deleted"]:
        raise ServiceError("account_disabled", "This account is disabled; ask your administrator.",
                           kind="forbidden")
    new_token = new_refresh_token()
    swapped = conn.execute(
        sa.update(auth_sessions)
        .where(auth_sessions.c.id == session["id"], auth_sessions.c.refresh_hash == old_hash,
               auth_sessions.c.revoked_at.is_(None))
        .values(refresh_hash=hash_refresh_token(new_token),
                expires_at=now + dt.timedelta(days=settings.refresh_token_days))
    ).rowcount
    if swapped != 1:  # a concurrent refresh used it first
        raise invalid
    conn.execute(sa.insert(used_refresh_tokens).values(
        refresh_hash=old_hash, session_id=session["id"], rotated_at=now))
    return _token_answer(conn, settings, dict(user), session["id"], new_token)


def _revoke_on_reuse(conn: Connection, token_hash: str, now: dt.datetime) -> None:
    """A refresh token that was already swapped is presented again: one of its two
    holders is not the user (a copied token, or the user's copy replayed), and nobody
    can tell which. The whole session is revoked: every refresh and access token of its
    family stops working, and the user signs in again (once) with the password. The
    caller commits the revocation before answering 401 (``server.auth.views``)."""
    session_id = conn.execute(sa.select(used_refresh_tokens.c.session_id).where(
        used_refresh_tokens.c.refresh_hash == token_hash)).scalar_one_or_none()
    if session_id is not None:
        conn.execute(sa.update(auth_sessions)
                     .where(auth_sessions.c.id == session_id, auth_sessions.c.revoked_at.is_(None))
                     .values(revoked_at=now))


def logout(conn: Connection, session_id: uuid.UUID) -> None:
    """Revoke the session: its refresh token and access tokens stop working."""
    conn.execute(sa.update(auth_sessions)
                 .where(auth_sessions.c.id == session_id, auth_sessions.c.revoked_at.is_(None))
                 .values(revoked_at=utcnow()))


_SECRET = sa.select(server_state.c.value).where(
    server_state.c.key == "token_secret").scalar_subquery()
# The token secret, the session, the user and their territory's district in ONE round
# trip (the session is looked up by the token's claims before the signature is
# checked; nothing read is used until it is).
_PRINCIPAL_QUERY = (
    sa.select(_SECRET.label("token_secret"), auth_sessions.c.revoked_at, users,
              territories.c.district_id.label("territory_district_id"))
    .select_from(auth_sessions.join(users, users.c.id == auth_sessions.c.user_id)
                 .outerjoin(territories, territories.c.id == users.c.territory_id))
    .where(auth_sessions.c.id == sa.bindparam("sid"), auth_sessions.c.user_id == sa.bindparam("uid"))
)


def principal_from_access_token(conn: Connection, settings: Settings, token: str) -> Principal:
    """Who the bearer is, or 401 ``token_invalid``, ``token_expired``,
    ``session_revoked`` or ``account_disabled``.

    One query on every authenticated request: secret, session, user and the user's
    territory's district together. The errors are the same, in the same order, as
    verifying first: the signature and expiry are checked before anything of the row
    is used, and an unknown session reads the secret alone to tell a forged or expired
    token from a revoked-and-deleted session."""
    peeked = peek_access_claims(token)
    if peeked is None:
        raise ServiceError("token_invalid", "The access token is not valid; sign in again.",
                           kind="unauthorized")
    row = conn.execute(_PRINCIPAL_QUERY, {"sid": peeked.session_id, "uid": peeked.user_id}
                       ).mappings().first()
    secret = row["token_secret"] if row is not None else get_state(conn, "token_secret")
    claims = read_access_token(secret, token)
    if row is None or claims.session_id != peeked.session_id or claims.user_id != peeked.user_id:
        raise ServiceError("token_invalid", "The access token is not valid; sign in again.",
                           kind="unauthorized")
    if row["revoked_at"] is not None:
        raise ServiceError("session_revoked", "This session has been signed out; sign in again.",
                           kind="unauthorized")
    if not row["active"] or row["deleted"]:
        raise ServiceError("account_disabled", "This account is disabled; ask your administrator.",
                           kind="unauthorized")
    return Principal(
        user_id=row["id"], username=row["username"], role=Role(row["role"]),
        region_id=row["region_id"], district_id=row["district_id"],
        territory_id=row["territory_id"], session_id=claims.session_id,
        territory_district_id=row["territory_district_id"],
    )
