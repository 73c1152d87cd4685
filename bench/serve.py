"""A real FieldRep server for the benchmarks: uvicorn in a subprocess on 127.0.0.1.

The benchmarks measure the client and the server over real HTTP, in separate
processes (as in production), so the server's work never shares the client's GIL.
``uvicorn bench.serve:app --factory`` builds the app from ``FIELDREP_DATABASE_URL``;
``workers`` > 1 runs several server processes (the fleet benchmark).
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import requests
from fastapi import FastAPI

from server.config import Settings
from server.db import create_engine
from server.main import create_app, settle_heap


def app() -> FastAPI:
    """The server app for ``FIELDREP_DATABASE_URL`` (uvicorn factory)."""
    logging.getLogger("fieldrep").setLevel(logging.WARNING)
    settings = Settings()
    app = create_app(create_engine(settings.resolved_database_url()), settings)
    settle_heap()  # as ``fieldrep-server serve`` does
    return app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(database_url: str, *, workers: int = 1) -> Iterator[str]:
    """Start uvicorn on ``database_url``; yields the base URL; stops it (by PID) after."""
    port = free_port()
    env = dict(os.environ, FIELDREP_DATABASE_URL=database_url, FIELDREP_LOG_LEVEL="WARNING")
    cmd = [sys.executable, "-m", "uvicorn", "bench.serve:app", "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning", "--no-access-log",
           "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"bench server exited with {proc.returncode}")
            try:
                requests.get(url + "/api/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError("bench server did not start") from None
                time.sleep(0.1)
        if workers > 1:  # let every worker finish importing before the clock starts
            time.sleep(2 + workers)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
