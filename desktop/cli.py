"""The ``fieldrep`` command: the desktop app, or headless sync, status and export.

``fieldrep sync`` signs in when no token is stored (password from stdin with
``--password-stdin``, else prompted), runs one sync and prints progress and a
summary; it exits non-zero with one clear line when it cannot finish. ``status``
and ``export`` read the replica only and work offline.

Replicas are the app's: encrypted with SQLCipher under the key derived from the
password (``desktop.session``). The key comes from the keyring where the app (or
an earlier ``sync``) stored it, else from the password (``--password-stdin`` or a
prompt). An old plain replica is still read, and encrypted by the next ``sync``.
Reading an encrypted replica needs ``--server`` and ``--username`` (the keyring
entry and the prompt name them).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.engine import Engine

from desktop import print_cli
from desktop import session as sess
from local_store.db import check_key, derive_key, is_plain_sqlite, replica_salt
from local_store.export import count_unsynced, read_unsynced
from local_store.quarantine import quarantined
from local_store.read.sync_status import replica_report
from local_store.replica import normalise_server_url, replica_path
from local_store.state import remember_user
from local_store.store import open_replica
from sync.client import AuthError, SyncError, SyncHttpClient
from sync.credentials import CredentialStore
from sync.engine import SyncEngine


def default_data_dir() -> Path:
    return Path(user_data_dir("FieldRep", "FieldRep"))


def run_gui(argv: Sequence[str]) -> int:
    """Start the desktop app (``fieldrep`` with no subcommand; see ``desktop.app.build_parser``)."""
    from desktop.app import run

    return run(argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldrep",
        description="FieldRep field CRM. Without a command, 'fieldrep' opens the FieldRep "
                    "app (its own options, e.g. --server, follow); the commands below work "
                    "in a terminal, without the app.")
    sub = parser.add_subparsers(dest="command")

    def data_dir_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", type=Path, default=None,
                       help="folder holding the replicas (default: the user data folder)")

    p = sub.add_parser("sync", help="exchange changes with the server once")
    p.add_argument("--server", required=True, help="server address, e.g. https://crm.example.com")
    p.add_argument("--username", required=True)
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    data_dir_arg(p)

    p = sub.add_parser("status", help="pending and rejected changes, last sync (offline)")
    p.add_argument("--server")
    p.add_argument("--username")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password (to open the encrypted replica) from standard input")
    data_dir_arg(p)

    p = sub.add_parser("export", help="write changes the server has not accepted to a JSON file")
    p.add_argument("--unsynced", action="store_true", required=True,
                   help="export pending and rejected changes (the only kind for now)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--server")
    p.add_argument("--username")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password (to open the encrypted replica) from standard input")
    data_dir_arg(p)

    def replica_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--server")
        p.add_argument("--username")
        p.add_argument("--password-stdin", action="store_true",
                       help="read the password (to open the encrypted replica) from standard input")
        data_dir_arg(p)

    print_cli.add_parser(sub, replica_args)

    sub.add_parser("selftest", add_help=False,
                   help="IT check: the app signs in, syncs, opens every page, records a visit "
                        "offline and prints a PDF, offscreen (see fieldrep selftest --help)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        return run_gui(args_list)  # GUI options (--server, --demo …) belong to the app's parser
    if args_list[0] == "selftest":
        from desktop.selftest import run  # Qt only for this command: the others stay headless

        return run(args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        return run_gui(args_list)
    data_dir: Path = args.data_dir or default_data_dir()
    try:
        if args.command == "sync":
            return cmd_sync(args.server, args.username, data_dir, password_stdin=args.password_stdin)
        password = Password(args.password_stdin)
        if args.command == "status":
            return cmd_status(data_dir, args.server, args.username, password)
        if args.command == "print":
            return print_cli.run(args, lambda: _open_one(data_dir, args.server, args.username, password))
        return cmd_export(data_dir, args.out, args.server, args.username, password)
    except SyncError as exc:
        print(f"fieldrep: {exc.message}", file=sys.stderr)
        return 1
    except (sess.SignInError, sess.ReplicaProblem) as exc:
        print(f"fieldrep: {exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError, LookupError) as exc:
        print(f"fieldrep: {exc}", file=sys.stderr)
        return 1


class Password:
    """The password, read at most once (stdin or prompt) however many times it is needed."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin
        self.value: str | None = None

    def get(self) -> str:
        if self.value is None:
            self.value = _read_password(self.from_stdin)
        return self.value


def replica_key(path: Path, server: str, username: str, password: Password) -> bytes:
    """The replica's key: the one in the keyring if it opens the file, else the password's."""
    stored = sess.load_stored_key(server, username)
    encrypted = path.exists() and not is_plain_sqlite(path)
    if stored is not None and (not encrypted or check_key(path, stored)):
        return stored
    salt = replica_salt(path, create=True)
    assert salt is not None
    key = derive_key(password.get(), salt)
    if encrypted and not check_key(path, key):
        raise ValueError(f"the password does not open {path} (it may be from an older password; "
                         "sign in once in the app to re-key it)")
    return key


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise AuthError("no password on standard input", "no_password")
        return password
    if not sys.stdin.isatty():
        raise AuthError("your password is needed (to sign in or to open the encrypted data file): "
                        "give it with --password-stdin", "no_password")
    return getpass.getpass("Password: ")


def _print_progress(phase: str, done: int, total: int | None) -> None:
    if phase == "push":
        print(f"push: {done}/{total} change(s) sent", flush=True)
    elif phase == "pull":
        print(f"pull: page {done}", flush=True)
    elif phase == "apply" and done:
        print(f"apply: {done} change(s)", flush=True)


def cmd_sync(server: str, username: str, data_dir: Path, *, password_stdin: bool) -> int:
    server = normalise_server_url(server)
    path = replica_path(data_dir, server, username)
    password = Password(password_stdin)
    store = CredentialStore(server, username)
    client = SyncHttpClient(server, tokens=store.load(), on_tokens=store.save)
    engine: Engine | None = None
    try:
        if client.tokens is None:
            answer = client.login(username, password.get())  # a wrong password stops here
            key = replica_key(path, server, username, password)
            engine = sess.open_keyed(path, key, server, username, sess.load_stored_key(server, username))
            _remember_user(engine, answer)
        else:
            key = replica_key(path, server, username, password)
            engine = sess.open_keyed(path, key, server, username, None)
        sess.store_key(server, username, key)
        try:
            result = SyncEngine(engine, client, progress=_print_progress,
                                cancel=threading.Event()).run()
        except AuthError:
            if not password_stdin:
                raise
            store.clear()
            _remember_user(engine, client.login(username, password.get()))
            result = SyncEngine(engine, client, progress=_print_progress).run()
    finally:
        client.close()
        if engine is not None:
            engine.dispose()
    if store.warning:
        print(f"fieldrep: note: {store.warning}", file=sys.stderr)
    print(f"pulled {result.pulled}, pushed {result.pushed}, rejected {result.rejected} "
          f"in {result.seconds:.1f} s")
    if result.rejected:
        print("some changes were rejected: see 'fieldrep status'")
    if result.checksum_mismatches:
        print(f"warning: data check still differs for {', '.join(result.checksum_mismatches)}; "
              "it will be downloaded again next time", file=sys.stderr)
    for row in result.quarantined:
        print(f"warning: set aside a row this FieldRep cannot store: {row}; the rest is "
              "synced (update FieldRep or contact support)", file=sys.stderr)
    return 0


def _remember_user(engine: Engine, answer: dict[str, object]) -> None:
    user = answer["user"]
    assert isinstance(user, dict)
    remember_user(engine, user)


def _replica_files(data_dir: Path, server: str | None, username: str | None) -> list[Path]:
    if (server is None) != (username is None):
        raise ValueError("give both --server and --username, or neither")
    if server is not None and username is not None:
        path = replica_path(data_dir, normalise_server_url(server), username)
        if not path.exists():
            raise LookupError(f"no replica for {username} at {server} in {data_dir}; "
                              "run 'fieldrep sync' first")
        return [path]
    paths = sorted((data_dir / "replicas").glob("*.sqlite3"))
    if not paths:
        raise LookupError(f"no replicas in {data_dir}; run 'fieldrep sync' first")
    return paths


def _open_for_reading(path: Path, server: str | None, username: str | None,
                      password: Password) -> Engine | None:
    """Open a replica read-only-ish; None (with a hint printed) when it cannot be unlocked."""
    if is_plain_sqlite(path):
        return open_replica(path)
    if server is None or username is None:
        print(f"{path}: encrypted; add --server and --username to read it", file=sys.stderr)
        return None
    server = normalise_server_url(server)
    return open_replica(path, key=replica_key(path, server, username, password))


def _open_one(data_dir: Path, server: str | None, username: str | None, password: Password) -> Engine:
    """The one replica a command reads (``--server``/``--username`` pick it among several)."""
    paths = _replica_files(data_dir, server, username)
    if len(paths) > 1:
        raise LookupError(f"{len(paths)} replicas in {data_dir}: give --server and --username")
    engine = _open_for_reading(paths[0], server, username, password)
    if engine is None:
        raise LookupError(f"{paths[0]} is encrypted: give --server and --username")
    return engine


def cmd_status(data_dir: Path, server: str | None, username: str | None,
               password: Password | None = None) -> int:
    password = password or Password(False)
    opened = 0
    for path in _replica_files(data_dir, server, username):
        engine = _open_for_reading(path, server, username, password)
        if engine is None:
            continue
        opened += 1
        try:
            report = replica_report(engine)
            last = report.last_sync
            print(f"{report.username} @ {report.server_url} ({path})")
            print(f"  last sync: {last.isoformat(timespec='seconds') if last else 'never'}")
            print(f"  pending changes: {report.pending}")
            print(f"  rejected changes: {len(report.rejected)}")
            for r in report.rejected:
                where = f" ({r['field']})" if r["field"] else ""
                print(f"    - {r['op']} {r['table_name']} {r['row_id']}: "
                      f"{r['reason']}{where}: {r['message']}")
            with engine.connect() as conn:
                aside = quarantined(conn)
            if aside:
                print(f"  rows set aside (this FieldRep cannot store them): {len(aside)}")
            for q in aside:
                print(f"    - {q.table} {q.row_id} (version {q.version}): {q.reason}")
        finally:
            engine.dispose()
    return 0 if opened else 1


def cmd_export(data_dir: Path, out: Path, server: str | None, username: str | None,
               password: Password | None = None) -> int:
    password = password or Password(False)
    replicas = []
    for path in _replica_files(data_dir, server, username):
        engine = _open_for_reading(path, server, username, password)
        if engine is None:
            continue
        try:
            replicas.append({"replica": str(path), **read_unsynced(engine)})
        finally:
            engine.dispose()
    if not replicas:
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"replicas": replicas}, ensure_ascii=False, indent=2), encoding="utf-8")
    count = sum(count_unsynced(r) for r in replicas)
    print(f"exported {count} unsynced change(s) to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
