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
EN_TS = ROOT / "desktop" / "i18n" / "fieldrep_en.ts"


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


def test_every_english_plural_has_its_singular_and_plural_form() -> None:
    """English reads "1 visit", "12 visits": each "%n …" string has both forms filled in
    fieldrep_en.ts (the app loads it for English), never the "(s)" of the source."""
    missing = []
    for key, message in messages(EN_TS).items():
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] if translation is not None \
            else []
        if translation is None or translation.get("type") == "unfinished" or len(forms) != 2 \
                or not all(forms) or any("(s)" in f for f in forms):
            missing.append(key)
    assert missing == []


def test_english_plurals_are_applied(english: None) -> None:
    from PySide6.QtCore import QCoreApplication

    def tr(n: int) -> str:
        return QCoreApplication.translate("NotificationText", "%n new good-practice visit(s)",
                                          "", n)

    assert (tr(1), tr(12)) == ("1 new good-practice visit", "12 new good-practice visits")
