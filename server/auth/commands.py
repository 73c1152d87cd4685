"""`fieldrep-server create-user` and `set-password`.

Passwords come from a prompt (asked twice) or, for scripts, the first line of
stdin with ``--password-stdin``; never from an argument, where they would land in
shell history and the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.roles import Role
from server.auth.service import create_user, set_password
from server.db import open_engine
from server.errors import ServiceError
from server.sync.feed import ChangeSet, publish
from server.tables import districts, regions, territories, users


class CommandError(Exception):
    """A problem the operator can fix; printed as one line, exit code 1."""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add this package's subcommands to ``fieldrep-server``."""
    p = sub.add_parser("create-user", parents=[common], help="create a user with a password")
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", required=True)
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--territory", metavar="CODE", help="territory code (reps)")
    p.add_argument("--district", metavar="CODE", help="district code (district managers)")
    p.add_argument("--region", metavar="CODE", help="region code (regional managers)")
    p.add_argument("--manager", metavar="USERNAME", help="the user's manager")
    p.add_argument("--email")
    p.add_argument("--phone")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of stdin instead of prompting")
    p.set_defaults(func=cmd_create_user)

    p = sub.add_parser("set-password", parents=[common], help="set a user's password "
                       "(signs out all their sessions)")
    p.add_argument("--username", required=True)
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of stdin instead of prompting")
    p.set_defaults(func=cmd_set_password)


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise CommandError("no password on stdin")
        return password
    if not sys.stdin.isatty():
        raise CommandError("no terminal to ask for the password; use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise CommandError("the two passwords differ")
    return first


def _id_by_code(conn: Connection, table: sa.Table, code: str | None, what: str) -> uuid.UUID | None:
    if code is None:
        return None
    found = conn.execute(sa.select(table.c.id).where(table.c.code == code)).scalar_one_or_none()
    if found is None:
        raise CommandError(f"unknown {what} code {code!r}")
    return uuid.UUID(str(found))


def _user_id(conn: Connection, username: str) -> uuid.UUID:
    found = conn.execute(sa.select(users.c.id).where(
        sa.func.lower(users.c.username) == username.strip().lower())).scalar_one_or_none()
    if found is None:
        raise CommandError(f"unknown user {username!r}")
    return uuid.UUID(str(found))


def _run(args: argparse.Namespace, work: Any) -> int:
    """Open the database, run ``work(conn)`` in one transaction, report errors as one line."""
    try:
        engine = open_engine(args)
        try:
            with engine.begin() as conn:
                message = work(conn)
        finally:
            engine.dispose()
    except (CommandError, ServiceError) as exc:
        print(f"fieldrep-server {args.command}: {exc}", file=sys.stderr)
        return 1
    except sa.exc.OperationalError as exc:
        print(f"fieldrep-server {args.command}: cannot use the database "
              f"({exc.orig or exc}); has `fieldrep-server init-db` been run?", file=sys.stderr)
        return 1
    except sa.exc.ProgrammingError:
        print(f"fieldrep-server {args.command}: the database has no FieldRep schema; "
              "run `fieldrep-server init-db` first", file=sys.stderr)
        return 1
    print(message)
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    try:
        password = read_password(args.password_stdin)
    except CommandError as exc:
        print(f"fieldrep-server create-user: {exc}", file=sys.stderr)
        return 1

    def work(conn: Connection) -> str:
        changes = ChangeSet()
        user = create_user(
            conn, changes, username=args.username, display_name=args.display_name,
            role=args.role, password=password,
            region_id=_id_by_code(conn, regions, args.region, "region"),
            district_id=_id_by_code(conn, districts, args.district, "district"),
            territory_id=_id_by_code(conn, territories, args.territory, "territory"),
            manager_id=_user_id(conn, args.manager) if args.manager else None,
            email=args.email, phone=args.phone,
        )
        publish(conn, changes)
        return f"created {user['role']} {user['username']} ({user['id']})"

    return _run(args, work)


def cmd_set_password(args: argparse.Namespace) -> int:
    try:
        password = read_password(args.password_stdin)
    except CommandError as exc:
        print(f"fieldrep-server set-password: {exc}", file=sys.stderr)
        return 1

    def work(conn: Connection) -> str:
        set_password(conn, _user_id(conn, args.username), password)
        return f"password set for {args.username}; their sessions are signed out"

    return _run(args, work)
