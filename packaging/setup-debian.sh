#!/bin/sh
# Set up Shilu on a fresh Debian 12 / Ubuntu 22.04+ machine and run it or its tests.
#   sh packaging/setup-debian.sh run    system libraries, .venv, then the app on a demo ledger
#   sh packaging/setup-debian.sh test   the same plus test tools, then the whole test suite
set -eu
mode="${1:-run}"
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi

# Qt's runtime libraries on a bare system, the X11 ones a real display needs (Qt otherwise aborts
# with a misleading "xcb-cursor0 is needed"), a CJK TrueType font that Qt shows and reportlab
# embeds, 花园明朝 for the rare characters of names (CJK Extension A/B: 刘䶮), and venv support
# for the system Python.
PACKAGES="python3-venv libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0
libdbus-1-3 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 fonts-wqy-microhei
fonts-hanazono"
# Tests read the PDFs they make with poppler (pdftotext, pdffonts).
[ "$mode" = test ] && PACKAGES="$PACKAGES poppler-utils"

missing=""
for p in $PACKAGES; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
case "$mode" in
    run)
        .venv/bin/python -m pip install --quiet -e .
        exec .venv/bin/shilu --demo
        ;;
    test)
        .venv/bin/python -m pip install --quiet -e ".[test]"
        QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest
        QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest -m frozen
        ;;
    *)
        echo "用法：sh packaging/setup-debian.sh run|test" >&2
        exit 2
        ;;
esac
