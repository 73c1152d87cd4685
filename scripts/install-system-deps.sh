#!/usr/bin/env bash
# System packages FieldRep needs on Debian/Ubuntu: CJK fonts (Qt and PDFs), Qt's xcb
# libraries (a real window under X11/Xvfb), Xvfb and poppler (screenshots, PDF checks).
# Skips with a clear message when it cannot install (not root, no apt).
set -u
PKGS=(fonts-noto-cjk fonts-wqy-microhei libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0
      libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-shape0
      libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 xvfb xauth poppler-utils)
stamp=".venv/.system-deps-ok"
[ -f "$stamp" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: no apt-get here; install CJK fonts and Qt's xcb libraries yourself." >&2
  exit 0
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then mkdir -p .venv && touch "$stamp"; exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install-system-deps: not root; skipping. Please install: ${missing[*]}" >&2
    exit 0
  fi
fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
if $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  mkdir -p .venv && touch "$stamp"
else
  echo "install-system-deps: apt-get install failed; Chinese text or windows may not render." >&2
fi
exit 0
