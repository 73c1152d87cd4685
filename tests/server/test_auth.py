"""Sign-in, tokens, sessions, the login rate limit and the user CLI, on both databases."""

from __future__ import annotations

import datetime as dt
import io
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Connection

from domain.roles import Role
from server.api.errors import STATUS_OF_KIND
from server.auth import service, throttle
from server.auth.tokens import make_access_token
from server.config import Settings
from server.errors import ServiceError
from server.migrate import get_state
from server.sync.feed import ChangeSet, publish
from server.tables import credentials, login_failures, sync_feed, users
from tests.factories import Factory
from tests.server.conftest import PASSWORD

Committed = Callable[[], AbstractContextManager[Factory]]


def service_error(call: Callable[[], object]) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        call()
    return caught.value


def status(err: ServiceError) -> int:
    """The HTTP status ``err`` is answered with."""
    return STATUS_OF_KIND[err.kind]


# --- login -----------------------------------------------------------------------------

def test_login_returns_tokens_that_identify_the_user(conn: Connection, settings: Settings) -> None:
    f = Factory(conn)
    territory = f.territory()
    rep = f.user(territory=territory, password=PASSWORD)
    f.publish()

    answer = service.login(conn, settings, rep["username"], PASSWORD)

    assert answer["token_type"] == "bearer"
    assert answer["expires_in"] == settings.access_token_minutes * 60
    assert answer["user"] == {
        "id": rep["id"], "username": rep["username"], "display_name": rep["display_name"],
        "role": "rep", "territory_id": territory["id"], "district_id": territory["district_id"],
        "region_id": None,
    }
    principal = service.principal_from_access_token(conn, settings, answer["access_token"])
    assert (principal.user_id, principal.role, principal.territory_id) == (
        rep["id"], Role.REP, territory["id"])


def test_wrong_password_and_unknown_user_get_the_same_answer(
    conn: Connection, settings: Settings
) -> None:
    rep = Factory(conn).user(password=PASSWORD)

    wrong = service_error(lambda: service.login(conn, settings, rep["username"], "not-the-password"))
    unknown = service_error(lambda: service.login(conn, settings, "nobody", PASSWORD))

    assert (status(wrong), wrong.code) == (401, "invalid_credentials")
    assert (status(unknown), unknown.code, unknown.message) == (401, wrong.code, wrong.message)
    recorded = conn.execute(sa.select(login_failures.c.username)).scalars().all()
    assert sorted(recorded) == sorted([rep["username"], "nobody"])


def test_login_is_case_insensitive_on_the_username(conn: Connection, settings: Settings) -> None:
    rep = Factory(conn).user(password=PASSWORD)
    assert service.login(conn, settings, rep["username"].upper(), PASSWORD)["user"]["id"] == rep["id"]


def test_disabled_account_cannot_sign_in_and_its_tokens_stop_working(
    conn: Connection, settings: Settings
) -> None:
    rep = Factory(conn).user(password=PASSWORD)
    tokens = service.issue_tokens(conn, settings, rep["id"])
    conn.execute(sa.update(users).where(users.c.id == rep["id"]).values(active=False))

    refused = service_error(lambda: service.login(conn, settings, rep["username"], PASSWORD))
    assert (status(refused), refused.code) == (403, "account_disabled")
    on_token = service_error(
        lambda: service.principal_from_access_token(conn, settings, tokens["access_token"]))
    assert (status(on_token), on_token.code) == (401, "account_disabled")
    on_refresh = service_error(lambda: service.refresh(conn, settings, tokens["refresh_token"]))
    assert on_refresh.code == "account_disabled"


def test_user_without_password_cannot_sign_in(conn: Connection, settings: Settings) -> None:
    rep = Factory(conn).user()
    assert status(service_error(lambda: service.login(conn, settings, rep["username"], ""))) == 401


# --- access tokens ---------------------------------------------------------------------

def test_expired_access_token_is_refused(conn: Connection, settings: Settings) -> None:
    rep = Factory(conn).user()
    tokens = service.issue_tokens(conn, settings, rep["id"])
    session_id = service.principal_from_access_token(conn, settings, tokens["access_token"]).session_id
    expired = make_access_token(get_state(conn, "token_secret"), user_id=rep["id"],
                                session_id=session_id, expires_at=int(time.time()) - 1)

    err = service_error(lambda: service.principal_from_access_token(conn, settings, expired))
    assert (status(err), err.code) == (401, "token_expired")


def test_tampered_or_garbage_tokens_are_refused(conn: Connection, settings: Settings) -> None:
    f = Factory(conn)
    rep, other = f.user(), f.user(role="admin")
    good = service.issue_tokens(conn, settings, rep["id"])["access_token"]
    payload, signature = good.split(".")
    forged_payload = make_access_token("another-secret", user_id=other["id"],
                                       session_id=uuid.uuid4(), expires_at=2**40).split(".")[0]
    resigned = make_access_token("another-secret", user_id=rep["id"], session_id=uuid.uuid4(),
                                 expires_at=2**40)
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    for token in (f"{forged_payload}.{signature}", f"{payload}.{flipped}", resigned,
                  "", ".", "abc", f"{payload}.", f".{signature}", "é.é", f"{payload}.{signature}x"):
        err = service_error(lambda t=token: service.principal_from_access_token(conn, settings, t))
        assert (status(err), err.code) == (401, "token_invalid"), token


def test_validly_signed_token_for_an_unknown_session_is_refused(
    conn: Connection, settings: Settings
) -> None:
    rep = Factory(conn).user()
    token = make_access_token(get_state(conn, "token_secret"), user_id=rep["id"],
                              session_id=uuid.uuid4(), expires_at=int(time.time()) + 60)
    err = service_error(lambda: service.principal_from_access_token(conn, settings, token))
    assert err.code == "token_invalid"


def test_the_session_is_read_with_the_secret_but_the_signature_still_decides(
    conn: Connection, settings: Settings
) -> None:
    """The sign-in lookup reads the session named by the (not yet verified) claims in
    the same query as the secret: a token naming a real session but signed with another
    secret is still ``token_invalid``, even when that session is revoked, and an
    expired one is ``token_expired`` before its session's state is looked at."""
    f = Factory(conn)
    territory = f.territory()
    rep = f.user(territory=territory)
    tokens = service.issue_tokens(conn, settings, rep["id"])
    principal = service.principal_from_access_token(conn, settings, tokens["access_token"])
    assert principal.territory_district_id == territory["district_id"]
    forged = make_access_token("another-secret", user_id=rep["id"],
                               session_id=principal.session_id, expires_at=2**40)
    err = service_error(lambda: service.principal_from_access_token(conn, settings, forged))
    assert (status(err), err.code) == (401, "token_invalid")
    expired = make_access_token(get_state(conn, "token_secret"), user_id=rep["id"],
                                session_id=principal.session_id, expires_at=int(time.time()) - 1)
    service.logout(conn, principal.session_id)
    err = service_error(lambda: service.principal_from_access_token(conn, settings, forged))
    assert (status(err), err.code) == (401, "token_invalid")
    err = service_error(lambda: service.principal_from_access_token(conn, settings, expired))
    assert (status(err), err.code) == (401, "token_expired")
    err = service_error(lambda: service.principal_from_access_token(conn, settings,
                                                                tokens["access_token"]))
    assert (status(err), err.code) == (401, "session_revoked")


# --- refresh and logout ----------------------------------------------------------------

def test_refresh_rotates_and_the_old_refresh_token_stops_working(
    conn: Connection, settings: Settings
) -> None:
    rep = Factory(conn).user()
    first = service.issue_tokens(conn, settings, rep["id"])

    second = service.refresh(conn, settings, first["refresh_token"])

    assert second["refresh_token"] != first["refresh_token"]
    principal = service.principal_from_access_token(conn, settings, second["access_token"])
    assert principal.user_id == rep["id"]
    err = service_error(lambda: service.refresh(conn, settings, "never-issued"))
    assert (status(err), err.code) == (401, "invalid_refresh_token")
    third = service.refresh(conn, settings, second["refresh_token"])
    assert third["user"]["id"] == rep["id"]


def test_a_replayed_refresh_token_revokes_the_whole_session_family(
    conn: Connection, settings: Settings
) -> None:
    rep = Factory(conn).user()
    stolen = service.issue_tokens(conn, settings, rep["id"])
    other = service.issue_tokens(conn, settings, rep["id"])  # the rep's other laptop
    legit = service.refresh(conn, settings, stolen["refresh_token"])  # the owner rotates

    err = service_error(lambda: service.refresh(conn, settings, stolen["refresh_token"]))

    assert (status(err), err.code) == (401, "invalid_refresh_token")
    for token in (legit["refresh_token"],):
        refused = service_error(lambda t=token: service.refresh(conn, settings, t))
        assert refused.code == "invalid_refresh_token"
    revoked = service_error(
        lambda: service.principal_from_access_token(conn, settings, legit["access_token"]))
    assert revoked.code == "session_revoked"
    # Another session of the same user is not this family: it goes on.
    assert service.refresh(conn, settings, other["refresh_token"])["user"]["id"] == rep["id"]


def test_http_a_replayed_refresh_token_revokes_its_session(
        api: TestClient, committed: Committed) -> None:
    with committed() as f:
        rep = f.user(password=PASSWORD)
    first = api.post("/api/v1/auth/login",
                     json={"username": rep["username"], "password": PASSWORD}).json()
    second = api.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    replay = api.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert (replay.status_code, replay.json()["error"]) == (401, "invalid_refresh_token")
    me = api.get("/api/v1/auth/me",
                 headers={"Authorization": f"Bearer {second.json()['access_token']}"})
    assert (me.status_code, me.json()["error"]) == (401, "session_revoked")


def test_expired_refresh_token_is_refused(conn: Connection) -> None:
    rep = Factory(conn).user()
    tokens = service.issue_tokens(conn, Settings(refresh_token_days=-1), rep["id"])
    err = service_error(lambda: service.refresh(conn, Settings(), tokens["refresh_token"]))
    assert err.code == "invalid_refresh_token"


def test_logout_revokes_access_and_refresh(conn: Connection, settings: Settings) -> None:
    rep = Factory(conn).user()
    tokens = service.issue_tokens(conn, settings, rep["id"])
    other_device = service.issue_tokens(conn, settings, rep["id"])
    principal = service.principal_from_access_token(conn, settings, tokens["access_token"])

    service.logout(conn, principal.session_id)

    err = service_error(lambda: service.principal_from_access_token(conn, settings, tokens["access_token"]))
    assert (status(err), err.code) == (401, "session_revoked")
    assert status(service_error(lambda: service.refresh(conn, settings, tokens["refresh_token"]))) == 401
    # Only this session ends: the user's other device stays signed in.
    service.principal_from_access_token(conn, settings, other_device["access_token"])


# --- rate limit ------------------------------------------------------------------------

def _failures(conn: Connection, key: str, *ages_s: float) -> None:
    now = dt.datetime.now(dt.UTC)
    conn.execute(sa.insert(login_failures), [
        {"username": key, "at": now - dt.timedelta(seconds=age)} for age in ages_s])


def test_failures_slow_the_next_attempt_with_growing_delays() -> None:
    delays = [throttle.delay_seconds(n, 5, 300) for n in range(12)]
    assert delays == [0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64]
    assert throttle.delay_seconds(40, 5, 300) == 300  # never longer than the cap


def test_the_owner_is_never_locked_out_for_long(conn: Connection) -> None:
    """Ten failures used to lock the account for 15 minutes even for the right password;
    now the owner waits at most the cap after the attacker's last failure."""
    settings = Settings(login_max_delay_seconds=300)
    rep = Factory(conn).user(password=PASSWORD)
    key = throttle.username_key(rep["username"])
    _failures(conn, key, *[301 + i for i in range(30)])  # an attacker's burst, 5 min ago
    assert service.login(conn, settings, rep["username"], PASSWORD)["user"]["id"] == rep["id"]
    assert conn.execute(sa.select(sa.func.count()).select_from(login_failures)
                        .where(login_failures.c.username == key)).scalar() == 0


def test_while_a_delay_runs_even_the_right_password_waits(
        api: TestClient, committed: Committed, settings: Settings) -> None:
    with committed() as f:
        rep = f.user(password=PASSWORD)
        _failures(f.conn, throttle.username_key(rep["username"]),
                  *[i for i in range(settings.login_free_failures + 4)])  # delay 16 s
    refused = api.post("/api/v1/auth/login",
                       json={"username": rep["username"], "password": PASSWORD})
    assert refused.status_code == 429
    body = refused.json()
    assert body["error"] == "too_many_attempts" and "this account" in body["message"]
    retry_after = int(refused.headers["Retry-After"])
    assert 0 < retry_after <= 16 and body["details"] == {"retry_after_seconds": retry_after}
    # Other accounts are not affected.
    assert api.post("/api/v1/auth/login", json={"username": "someone-else", "password": "x"}
                    ).status_code == 401


def test_one_address_guessing_many_usernames_is_slowed(conn: Connection) -> None:
    settings = Settings(login_free_failures_per_address=3)
    rep = Factory(conn).user(password=PASSWORD)
    with pytest.raises(service.InvalidCredentials):
        service.login(conn, settings, "nobody", "guess", "10.0.0.9")
    _failures(conn, throttle.address_key("10.0.0.9"), *[0] * 7)  # 8 failures: 32 s
    err = service_error(lambda: service.login(conn, settings, rep["username"], PASSWORD,
                                              "10.0.0.9"))
    assert status(err) == 429 and "network address" in err.message
    assert 16 < (err.retry_after_s or 0) <= 32
    # The owner, from another address, gets in.
    assert service.login(conn, settings, rep["username"], PASSWORD, "10.0.0.10")["user"]


def test_only_failures_inside_the_window_count(conn: Connection) -> None:
    settings = Settings(login_free_failures=2, login_failure_window_minutes=10)
    rep = Factory(conn).user(password=PASSWORD)
    key = throttle.username_key(rep["username"])
    _failures(conn, key, 30 * 60, 20 * 60, 9 * 60)
    service.login(conn, settings, rep["username"], PASSWORD)  # one recent failure: allowed
    _failures(conn, key, 30 * 60, 20 * 60, *[0] * 6)  # 6 recent: 16 s (8 would be 64 s)
    err = service_error(lambda: service.login(conn, settings, rep["username"], PASSWORD))
    assert status(err) == 429 and 8 < (err.retry_after_s or 0) <= 16


# --- users -----------------------------------------------------------------------------

def test_create_user_fills_the_org_chain_and_publishes_the_user(conn: Connection) -> None:
    f = Factory(conn)
    region = f.region()
    territory = f.territory(f.district(region))
    f.publish()
    changes = ChangeSet()

    rep = service.create_user(conn, changes, username="wang.fang", display_name="王芳",
                              role="rep", password=PASSWORD, territory_id=territory["id"])
    publish(conn, changes)

    assert (rep["district_id"], rep["region_id"]) == (territory["district_id"], region["id"])
    feed = conn.execute(sa.select(sync_feed.c.scope).where(sync_feed.c.row_id == rep["id"]))
    assert sorted(feed.scalars().all()) == [f"district:{territory['district_id']}",
                                            f"user:{rep['id']}"]  # the team's, not everyone's
    stored = conn.execute(sa.select(credentials.c.password_hash)
                          .where(credentials.c.user_id == rep["id"])).scalar_one()
    assert PASSWORD not in stored


def test_create_user_refuses_bad_input(conn: Connection) -> None:
    Factory(conn).user(username="taken")
    cases: list[tuple[dict[str, object], int, str]] = [
        ({"username": "Taken"}, 409, "username_taken"),
        ({"password": "short"}, 422, "weak_password"),
        ({"role": "boss"}, 422, "invalid_role"),
        ({"role": "dm"}, 422, "district_required"),
        ({"role": "rm"}, 422, "region_required"),
        ({"territory_id": uuid.uuid4()}, 422, "unknown_territory"),
        ({"manager_id": uuid.uuid4()}, 422, "unknown_manager"),
        ({"username": " "}, 422, "invalid_username"),
        ({"display_name": ""}, 422, "invalid_display_name"),
    ]
    for kwargs, expected, code in cases:
        values: dict[str, object] = {"username": "new.user", "display_name": "新人", "role": "rep",
                                     "password": PASSWORD, **kwargs}
        err = service_error(lambda v=values: service.create_user(conn, ChangeSet(), **v))  # type: ignore[arg-type]
        assert (status(err), err.code) == (expected, code), kwargs


def test_set_password_replaces_it_and_signs_out_everywhere(
    conn: Connection, settings: Settings
) -> None:
    rep = Factory(conn).user(password=PASSWORD)
    tokens = service.issue_tokens(conn, settings, rep["id"])

    service.set_password(conn, rep["id"], "a-brand-new-password")

    assert service.login(conn, settings, rep["username"], "a-brand-new-password")
    with pytest.raises(service.InvalidCredentials):
        service.login(conn, settings, rep["username"], PASSWORD)
    err = service_error(lambda: service.principal_from_access_token(conn, settings, tokens["access_token"]))
    assert err.code == "session_revoked"


# --- over HTTP -------------------------------------------------------------------------

def test_http_sign_in_me_refresh_and_logout(api: TestClient, committed: Committed) -> None:
    with committed() as f:
        rep = f.user(territory=f.territory(), password=PASSWORD)

    signed_in = api.post("/api/v1/auth/login",
                         json={"username": rep["username"], "password": PASSWORD})
    assert signed_in.status_code == 200, signed_in.text
    tokens = signed_in.json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    me = api.get("/api/v1/auth/me", headers=headers)
    assert me.status_code == 200
    assert me.json()["id"] == str(rep["id"])
    assert me.json()["territory_id"] == str(rep["territory_id"])

    refreshed = api.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 200  # (a replay of the old one: see the reuse tests)

    assert api.post("/api/v1/auth/logout", headers=headers).status_code == 204
    after = api.get("/api/v1/auth/me", headers=headers)
    assert (after.status_code, after.json()["error"]) == (401, "session_revoked")
    new_refresh = refreshed.json()["refresh_token"]
    assert api.post("/api/v1/auth/refresh", json={"refresh_token": new_refresh}).status_code == 401


def test_http_wrong_password_is_401_and_recorded(api: TestClient, committed: Committed,
                                                 engine: sa.Engine) -> None:
    with committed() as f:
        rep = f.user(password=PASSWORD)
    answer = api.post("/api/v1/auth/login", json={"username": rep["username"], "password": "nope"})
    assert (answer.status_code, answer.json()["error"]) == (401, "invalid_credentials")
    with engine.connect() as c:
        keys = set(c.execute(sa.select(login_failures.c.username)).scalars())
    assert keys == {rep["username"].lower(), "ip:testclient"}


PUBLIC = {("GET", "/api/v1/health"), ("POST", "/api/v1/auth/login"),
          ("POST", "/api/v1/auth/refresh")}  # refresh proves itself with the refresh token


def _operations(app: FastAPI) -> list[tuple[str, str]]:
    """Every documented operation (FastAPI nests included routers, so ask the schema)."""
    return sorted((method.upper(), path) for path, item in app.openapi()["paths"].items()
                  for method in item if method in ("get", "post", "put", "patch", "delete"))


def test_every_endpoint_but_health_and_sign_in_needs_a_token(stateless_api: TestClient) -> None:
    api = stateless_api
    operations = [op for op in _operations(api.app) if op not in PUBLIC]  # type: ignore[arg-type]
    assert ("GET", "/api/v1/auth/me") in operations
    for method, path in operations:
        url = path
        for name in [p for p in path.split("/") if p.startswith("{")]:
            url = url.replace(name, str(uuid.uuid4()))
        for headers in ({}, {"Authorization": "Bearer not-a-token"},
                        {"Authorization": "Basic dXNlcjpwdw=="}):
            answer = api.request(method, url, headers=headers, json={})
            assert answer.status_code == 401, (method, path, headers, answer.text)
            assert answer.json()["error"] in ("not_authenticated", "token_invalid")


# --- CLI -------------------------------------------------------------------------------

@pytest.fixture
def cli_db(tmp_path: Path) -> str:
    from server.cli import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["init-db", "--database-url", url]) == 0
    engine = sa.create_engine(url)
    with engine.begin() as c:
        f = Factory(c)
        f.territory(code="SH-XH-01")
        f.publish()
    engine.dispose()
    return url


def run_cli(monkeypatch: pytest.MonkeyPatch, argv: list[str], stdin: str = "") -> int:
    from server.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(argv)


def test_create_user_cli_then_sign_in(cli_db: str, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code = run_cli(monkeypatch, [
        "create-user", "--database-url", cli_db, "--username", "li.na", "--display-name", "李娜",
        "--role", "rep", "--territory", "SH-XH-01", "--password-stdin"], f"{PASSWORD}\n")
    assert code == 0, capsys.readouterr().err
    assert "created rep li.na" in capsys.readouterr().out

    engine = sa.create_engine(cli_db)
    with engine.begin() as c:
        answer = service.login(c, Settings(), "li.na", PASSWORD)
    engine.dispose()
    assert answer["user"]["territory_id"] is not None

    assert run_cli(monkeypatch, ["set-password", "--database-url", cli_db, "--username", "li.na",
                                 "--password-stdin"], "another-password\n") == 0
    with engine.begin() as c:
        assert service.login(c, Settings(), "li.na", "another-password")
    engine.dispose()


@pytest.mark.parametrize(("extra", "stdin", "message"), [
    (["--territory", "NOPE"], f"{PASSWORD}\n", "unknown territory code 'NOPE'"),
    ([], "short\n", "at least 8 characters"),
    ([], "", "no password on stdin"),
    (["--manager", "ghost"], f"{PASSWORD}\n", "unknown user 'ghost'"),
])
def test_create_user_cli_errors_are_one_clear_line(
    cli_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    extra: list[str], stdin: str, message: str,
) -> None:
    code = run_cli(monkeypatch, ["create-user", "--database-url", cli_db, "--username", "x.y",
                                 "--display-name", "X", "--role", "rep", "--password-stdin",
                                 *extra], stdin)
    err = capsys.readouterr().err
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_create_user_cli_refuses_a_taken_username(
    cli_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["create-user", "--database-url", cli_db, "--username", "dup", "--display-name", "D",
            "--role", "admin", "--password-stdin"]
    assert run_cli(monkeypatch, argv, f"{PASSWORD}\n") == 0
    assert run_cli(monkeypatch, argv, f"{PASSWORD}\n") == 1
    assert "already taken" in capsys.readouterr().err


def test_create_user_cli_without_a_terminal_or_stdin_flag_refuses(
    cli_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_cli(monkeypatch, ["create-user", "--database-url", cli_db, "--username", "a.b",
                                 "--display-name", "A", "--role", "rep"], f"{PASSWORD}\n")
    assert code == 1
    assert "--password-stdin" in capsys.readouterr().err


def test_cli_on_an_uninitialised_database_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    code = run_cli(monkeypatch, ["set-password", "--database-url", url, "--username", "a",
                                 "--password-stdin"], f"{PASSWORD}\n")
    assert code == 1
    assert "init-db" in capsys.readouterr().err
