"""`make package-smoke`: exercise the BUILT bundle (dist/fieldrep), not the source tree.

A fresh embedded demo server (SQLite, small demo) is started from the source tree's
Python, on a free port of 127.0.0.1, exactly as an operator would run it; then the
bundled executable runs as a rep would use it:

1. ``fieldrep sync`` as rep001 (first download), then ``fieldrep status`` (offline read);
2. ``fieldrep selftest`` (offscreen): the app signs in, syncs, opens every page, records
   a visit with the server stopped (offline), prints a PDF and quits cleanly; it prints
   ``package.cold_start_s`` (spawn to the first painted page) as a JSON line.

Everything runs in a temporary folder and the server is stopped on every path out.
Exit code 0 only when every step passed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.demo import free_port, stop_server  # noqa: E402  (the server side runs from source)

BUNDLE = ROOT / "dist" / "fieldrep" / "fieldrep"
PASSWORD = "fieldrep"
STEP_TIMEOUT_S = 180
COLD_START_TARGET_S = 2.0


def emit(metric: str, value: float, unit: str, **extra: object) -> None:
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def server(*args: str) -> list[str]:
    return [sys.executable, "-m", "server.cli", *args]


def wait_for_health(url: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"smoke: the server stopped (exit code {proc.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"smoke: the server did not answer at {url}")


def step(name: str, cmd: list[str], env: dict[str, str], *, stdin: str = "") -> str:
    started = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env,
                          timeout=STEP_TIMEOUT_S, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"smoke: {name} failed (exit code {done.returncode})")
    print(f"smoke: {name} ok ({took:.1f} s)", flush=True)
    return done.stdout


def main() -> int:
    if not BUNDLE.exists():
        raise SystemExit(f"smoke: no bundle at {BUNDLE}: run `make package` first")
    with tempfile.TemporaryDirectory(prefix="fieldrep-smoke-") as tmp:
        tmp_path = Path(tmp)
        server_dir, client_dir = tmp_path / "server", tmp_path / "client"
        common = ["--data-dir", str(server_dir)]
        src_env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run(server("init-db", *common), check=True, env=src_env, capture_output=True)
        subprocess.run(server("seed-demo", "--scale", "small", "--seed", "1", *common),
                       check=True, env=src_env, capture_output=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(server("serve", "--host", "127.0.0.1", "--port", str(port), *common),
                                env=src_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # The bundle must not lean on the source tree or the venv.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
                   XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_CONFIG_HOME=str(tmp_path / "xdg-config"))
        try:
            wait_for_health(url, proc)
            who = ["--server", url, "--username", "rep001", "--data-dir", str(client_dir)]
            out = step("fieldrep sync", [str(BUNDLE), "sync", *who, "--password-stdin"], env,
                       stdin=PASSWORD + "\n")
            print("  " + out.strip().splitlines()[-1] if out.strip() else "  (no output)")
            out = step("fieldrep status", [str(BUNDLE), "status", *who, "--password-stdin"], env,
                       stdin=PASSWORD + "\n")
            print("  " + " | ".join(line.strip() for line in out.strip().splitlines()[:3]))
            if selftest_available(env):
                pdf = tmp_path / "selftest.pdf"
                gui_dir = tmp_path / "gui"
                spawned = time.time()
                out = step("fieldrep selftest (offscreen app)",
                           [str(BUNDLE), "selftest", "--server", url, "--username", "rep001",
                            "--data-dir", str(gui_dir), "--password-stdin", "--pdf", str(pdf),
                            "--stop-server-pid", str(proc.pid)], env, stdin=PASSWORD + "\n")
                for line in out.splitlines():
                    if line.startswith("selftest:"):
                        print("  " + line)
                    elif line.startswith("{"):
                        event = json.loads(line)
                        if event.get("event") == "first_page_painted":
                            emit("package.cold_start_s", round(float(event["wall"]) - spawned, 3), "s",
                                 target=COLD_START_TARGET_S,
                                 measured="bundle spawn to the first painted page, signing in "
                                          "online with the password (small demo, rep001)")
                if not pdf.exists() or not pdf.read_bytes().startswith(b"%PDF"):
                    raise SystemExit("smoke: the self-test printed no PDF")
        finally:
            stop_server(proc)
    print("smoke: the bundle works", flush=True)
    return 0


def selftest_available(env: dict[str, str]) -> bool:
    out = subprocess.run([str(BUNDLE), "--help"], capture_output=True, text=True, env=env,
                         timeout=STEP_TIMEOUT_S, check=False)
    return "selftest" in out.stdout


if __name__ == "__main__":
    sys.exit(main())
