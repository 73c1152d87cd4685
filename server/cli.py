"""`fieldrep-server`: init-db, serve, create-user, import, seed-demo, rules, regrade,
kpis, plans settle."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.engine import make_url

from server.auth.commands import register as register_auth
from server.config import settings_from
from server.db import create_engine
from server.demo.commands import register as register_demo
from server.imports.commands import register as register_imports
from server.migrate import upgrade
from server.sync.commands import register as register_sync


def cmd_init_db(args: argparse.Namespace) -> int:
    url = settings_from(args).resolved_database_url()
    upgrade(create_engine(url))
    print(f"database ready: {_safe_url(url)}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    # Imported here so that the other commands start without FastAPI and uvicorn.
    import uvicorn

    from server.logs import configure_logging
    from server.main import create_app, settle_heap

    settings = settings_from(args)
    configure_logging(settings.log_level)
    engine = create_engine(settings.resolved_database_url())
    upgrade(engine)
    app = create_app(engine, settings)
    settle_heap()
    print(f"FieldRep server on http://{args.host}:{args.port} "
          f"(database: {_safe_url(settings.resolved_database_url())})", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


def _safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldrep-server", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite in data dir; "
                        "env FIELDREP_DATABASE_URL)")
    common.add_argument("--data-dir", help="server data folder (env FIELDREP_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init-db", parents=[common], help="create or upgrade the schema")
    p.set_defaults(func=cmd_init_db)
    p = sub.add_parser("serve", parents=[common], help="run the HTTP server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8470)
    p.set_defaults(func=cmd_serve)

    register_auth(sub, common)
    register_imports(sub, common)
    register_demo(sub, common)
    register_sync(sub, common)
    from server.rules.commands import register as register_rules
    register_rules(sub, common)
    from server.kb.commands import register as register_kb
    register_kb(sub, common)
    from server.kpis.commands import register as register_kpis
    register_kpis(sub, common)
    from server.plans.commands import register as register_plans
    register_plans(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a clear line, not a traceback, for operators
        if getattr(args, "debug", False):
            raise
        print(f"fieldrep-server {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
