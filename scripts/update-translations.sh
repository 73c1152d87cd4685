#!/usr/bin/env bash
# Re-extract every translatable string under desktop/ into the .ts files, then compile
# the .qm files the app loads (committed, so running the app needs no build step).
# Translate new entries in desktop/i18n/fieldrep_zh_CN.ts (Qt Linguist or a text editor).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
mapfile -t SOURCES < <(find desktop -name '*.py' -not -path '*/__pycache__/*' | sort)
for lang in zh_CN en; do
  "$BIN/pyside6-lupdate" -no-obsolete -locations none -source-language en \
    -target-language "$lang" "${SOURCES[@]}" -ts "desktop/i18n/fieldrep_${lang}.ts"
done
"$BIN/pyside6-lrelease" desktop/i18n/fieldrep_zh_CN.ts -qm desktop/i18n/fieldrep_zh_CN.qm
"$BIN/pyside6-lrelease" desktop/i18n/fieldrep_en.ts -qm desktop/i18n/fieldrep_en.qm
