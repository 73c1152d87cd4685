"""Page 1 of the month's visit summary, a doctor's history, the weekly report and a day
plan, as rep001 of the small demo, in Chinese and English, rendered to
``docs/screenshots/rep001_<lang>_print_*.png``.

The real path end to end: a server of its own (init-db, seed-demo small with a fixed
"today", serve on a free port; stopped by its PID at the end), ``fieldrep sync`` into a
temporary data folder, ``fieldrep print`` from the encrypted replica, PDFium to PNG.
Run: ``PYTHONPATH=$PWD .venv/bin/python scripts/print_screenshots.py``.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import keyring
import sqlalchemy as sa
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.app import DEMO_PASSWORD  # noqa: E402
from desktop.cli import main as fieldrep  # noqa: E402
from desktop.demo import throwaway_server  # noqa: E402
from desktop.pdf_pages import render_page  # noqa: E402
from desktop.session import load_stored_key  # noqa: E402
from local_store.replica import replica_path, synced  # noqa: E402
from local_store.store import open_replica  # noqa: E402
from tools.memory_keyring import MemoryKeyring  # noqa: E402

USER = "rep001"
TODAY = "2026-11-28"
PRINTED_AT = "2026-11-28T18:00:00+08:00"
WIDTH_PX = 1400


def busiest_doctor(data_dir: Path, url: str) -> str:
    path = replica_path(data_dir, url, USER)
    engine = open_replica(path, key=load_stored_key(url, USER))
    try:
        with engine.connect() as conn:
            v = synced["visits"]
            return str(conn.execute(sa.select(v.c.doctor_id).group_by(v.c.doctor_id)
                                    .order_by(sa.func.count().desc(), v.c.doctor_id).limit(1)).scalar_one())
    finally:
        engine.dispose()


def main() -> int:
    keyring.set_keyring(MemoryKeyring())
    out_dir = ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory(prefix="fieldrep-prints-") as tmp, \
            throwaway_server(Path(tmp) / "server", today=TODAY) as url:
        client_dir = Path(tmp) / "client"
        replica = ["--server", url, "--username", USER, "--data-dir", str(client_dir)]
        sys.stdin = io.StringIO(DEMO_PASSWORD + "\n")
        if fieldrep(["sync", *replica, "--password-stdin"]) != 0:
            return 1
        doctor = busiest_doctor(client_dir, url)
        for language in ("zh_CN", "en"):
            jobs = {
                "print_month": ["visit-summary", "--period", "month", "--date", TODAY],
                "print_doctor_history": ["doctor-history", "--doctor", doctor],
                "print_weekly_report": ["weekly-report", "--date", "2026-11-25"],
                "print_day_plan": ["day-plan", "--date", "2026-11-30"],
            }
            for name, args in jobs.items():
                pdf = Path(tmp) / f"{name}_{language}.pdf"
                code = fieldrep(["print", *args, "--language", language, "--printed-at", PRINTED_AT,
                                 "--out", str(pdf), *replica])
                if code != 0:
                    return code
                page = render_page(pdf, 0, width_px=WIDTH_PX)
                image = Image.frombuffer("RGB", (page.width, page.height), page.pixels, "raw", "RGB",
                                         page.stride, 1)
                target = out_dir / f"{USER}_{language}_{name}.png"
                image.save(target, optimize=True)
                print(f"saved {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
