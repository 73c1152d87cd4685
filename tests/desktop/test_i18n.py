"""The shipped Chinese translation is complete and current (every UI string, translated)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ZH_TS = ROOT / "desktop" / "i18n" / "fieldrep_zh_CN.ts"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def test_every_chinese_entry_is_translated() -> None:
    missing = []
    for key, message in messages(ZH_TS).items():
        translation = message.find("translation")
        assert translation is not None
        text = "".join(translation.itertext()).strip()
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            missing.append(key)
    assert missing == []


def test_the_ts_file_holds_every_string_of_the_code(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    shutil.copy(ZH_TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "desktop").rglob("*.py"))
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", "-source-language", "en",
                    "-target-language", "zh_CN", *sources, "-ts", str(fresh)],
                   check=True, capture_output=True, cwd=ROOT)
    assert set(messages(fresh)) == set(messages(ZH_TS)), \
        "run scripts/update-translations.sh and translate the new strings"
