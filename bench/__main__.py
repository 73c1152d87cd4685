"""`make bench`: run every benchmark module; each prints JSON lines (metric, value, unit).

`python -m bench` runs them all; `python -m bench sync ui` runs the named ones.
A module that fails is reported and the others still run.
"""

from __future__ import annotations

import importlib
import inspect
import os
import sys
import traceback

MODULES = ("seed", "sync", "ui", "ui_filter", "visits", "reports")


def main(argv: list[str]) -> int:
    from bench.common import emit_machine_speed

    names = argv or list(MODULES)
    failed = []
    for name in names:
        emit_machine_speed(f"before bench.{name}")
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.{name}":
                print(f"# bench.{name}: not written yet", file=sys.stderr)
                continue
            raise
        try:
            if inspect.signature(module.main).parameters:
                module.main([])
            else:
                module.main()
        except Exception:
            traceback.print_exc()
            failed.append(name)
    emit_machine_speed("at the end")
    if failed:
        print(f"# failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # skip Qt's teardown at exit (the UI benchmarks built widgets in-process)
