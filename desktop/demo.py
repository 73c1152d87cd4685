"""`make demo`: the embedded server with the small demo, then the app signed in as rep001.

The server runs as a separate process (`python -m server.cli`), exactly as an
operator would run it, so the desktop never imports server code. Its SQLite
database lives in the demo data folder and is seeded once; later runs reuse it.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sync.client import SyncError, SyncHttpClient

DEMO_SIGN_INS = (
    ("admin", "administrator / SFE"),
    ("rm001", "regional manager 大区经理"),
    ("dm001", "district manager 地区经理 (team rep001–rep006)"),
    ("dm002", "district manager 地区经理 (team rep007–rep012)"),
    ("rep001", "medical rep 医药代表 (also rep002 … rep012)"),
)
PASSWORD = "fieldrep"
ROOT = Path(__file__).resolve().parent.parent


def server_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "server.cli", *args]


def prepare_server_db(server_dir: Path, seed: int) -> None:
    """Create and seed the embedded database the first time; reuse it afterwards."""
    server_dir.mkdir(parents=True, exist_ok=True)
    marker = server_dir / ".seeded"
    common = ["--data-dir", str(server_dir)]
    subprocess.run(server_cmd("init-db", *common), check=True)
    if not marker.exists():
        print("Seeding the small demo (first run only)…", flush=True)
        subprocess.run(server_cmd("seed-demo", "--scale", "small", "--seed", str(seed), *common),
                       check=True)
        marker.write_text("small\n")


def wait_for_health(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    client = SyncHttpClient(url, timeout=(1, 1), retries=0)
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"The demo server stopped (exit code {proc.returncode}); see above.")
            try:
                if client.health().ok:
                    return
            except SyncError:
                pass
            time.sleep(0.2)
    finally:
        client.close()
    raise SystemExit(f"The demo server did not answer at {url} within {timeout:.0f} s.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started here: Ctrl-C first (a clean shutdown), killed after 10 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def throwaway_server(server_dir: Path, *, seed: int = 7, today: str | None = None) -> Iterator[str]:
    """A freshly seeded small demo on a free port, for the screenshot scripts: yields its
    URL and stops the server by its PID on the way out, whatever happened.

    ``seed`` fixes the generated data; ``today`` (ISO date) fixes the day the visits
    lead up to, so that dated pictures come out the same on every run."""
    common = ["--data-dir", str(server_dir)]
    subprocess.run(server_cmd("init-db", *common), check=True, cwd=ROOT)
    dated = ["--today", today] if today else []
    subprocess.run(server_cmd("seed-demo", "--scale", "small", "--seed", str(seed), *dated, *common),
                   check=True, cwd=ROOT)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(server_cmd("serve", *common, "--host", "127.0.0.1", "--port", str(port)),
                              cwd=ROOT)
    try:
        wait_for_health(url, server)
        yield url
    finally:
        stop_server(server)


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def print_sign_ins(url: str) -> None:
    print(f"\nFieldRep demo server: {url}")
    print(f"Sign-ins (password '{PASSWORD}' for all):")
    for user, what in DEMO_SIGN_INS:
        print(f"  {user:8} {what}")
    print(flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fieldrep-demo", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path(".demo"))
    parser.add_argument("--port", type=int, default=8470)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--user", default="rep001")
    parser.add_argument("--server-only", action="store_true",
                        help="run only the server in the foreground")
    args = parser.parse_args(argv)
    # A terminated demo (SIGTERM) still stops its server: SystemExit runs the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    data_dir = args.data_dir.resolve()
    server_dir = data_dir / "server"
    prepare_server_db(server_dir, args.seed)
    url = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(server_cmd("serve", "--data-dir", str(server_dir),
                                         "--host", "127.0.0.1", "--port", str(args.port)))
    try:
        wait_for_health(url, server)
        print_sign_ins(url)
        if args.server_only or not has_display():
            if not args.server_only:
                print("No display found (DISPLAY is not set): the server keeps running; "
                      "run `fieldrep` on a machine with a screen, or press Ctrl-C to stop.")
            server.wait()
            return 0
        app = subprocess.run([sys.executable, "-m", "desktop.cli", "--demo", "--server", url,
                              "--user", args.user, "--data-dir", str(data_dir / "client")])
        return app.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        stop_server(server)


if __name__ == "__main__":
    sys.exit(main())
