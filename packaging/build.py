"""`make package`: build the Linux one-folder bundle and its archive, print the figures.

Writes ``dist/fieldrep/`` (the bundle) and ``dist/fieldrep-<version>-linux-<arch>.tar.gz``
(what IT distributes), then prints one JSON line per figure, as ``make bench`` does:
``package.build_s``, ``package.linux_bundle_mb`` (uncompressed; budget 250) and
``package.archive_mb`` (budget 110). The archive is reproducible: its members are
sorted, owned by root and dated by the newest commit (``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE_BUDGET_MB = 250
ARCHIVE_BUDGET_MB = 110
MB = 1024 * 1024


def emit(metric: str, value: float, unit: str, **extra: object) -> None:
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def source_date_epoch() -> int:
    """The newest commit's time (or the env's): the same tree gives the same archive."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    return int(out.stdout.strip() or 0)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def make_archive(bundle: Path, target: Path, mtime: int) -> None:
    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = mtime
        return info

    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=mtime) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted([bundle, *bundle.rglob("*")]):
            tar.add(path, arcname=str(path.relative_to(bundle.parent)), recursive=False,
                    filter=normalise)


def main() -> int:
    sys.path.insert(0, str(ROOT / "packaging"))
    from fieldrep_bundle import APP_NAME, version

    spec = ROOT / "packaging" / "fieldrep-linux.spec"
    started = time.perf_counter()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch()), "PYTHONHASHSEED": "0"}
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level",
                    "WARN", "--distpath", str(DIST), "--workpath", str(WORK), str(spec)],
                   cwd=ROOT, env=env, check=True)
    bundle = DIST / APP_NAME
    archive = DIST / f"{APP_NAME}-{version()}-linux-{platform.machine()}.tar.gz"
    archive.unlink(missing_ok=True)
    make_archive(bundle, archive, int(env["SOURCE_DATE_EPOCH"]))
    build_s = time.perf_counter() - started
    bundle_mb = folder_size(bundle) / MB
    archive_mb = archive.stat().st_size / MB
    emit("package.build_s", round(build_s, 1), "s")
    emit("package.linux_bundle_mb", round(bundle_mb, 1), "MB", target=BUNDLE_BUDGET_MB)
    emit("package.archive_mb", round(archive_mb, 1), "MB", target=ARCHIVE_BUDGET_MB,
         file=str(archive.relative_to(ROOT)))
    shutil.rmtree(WORK, ignore_errors=True)
    over = [name for name, value, budget in (("bundle", bundle_mb, BUNDLE_BUDGET_MB),
                                             ("archive", archive_mb, ARCHIVE_BUDGET_MB))
            if value > budget]
    if over:
        print(f"package: over budget: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
