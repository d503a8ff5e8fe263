# Build the Windows installer: a venv, the app, PyInstaller's folder, then Inno Setup.
# Needs Python 3.11+ and Inno Setup 6 (iscc on PATH). Run from the repository root.
$ErrorActionPreference = "Stop"
py -3 -m venv .venv-build
.venv-build\Scripts\python -m pip install --upgrade pip
.venv-build\Scripts\python -m pip install . pyinstaller
.venv-build\Scripts\pyinstaller --noconfirm --distpath dist --workpath build packaging\windows\shilu.spec
iscc packaging\windows\installer.iss
