# Build the Windows installer: a venv, the app, PyInstaller's folder, then Inno Setup.
# Needs Python 3.11 (python on PATH) and Inno Setup 6. Run from the repository root.
$ErrorActionPreference = "Stop"
python -m venv .venv-build
.venv-build\Scripts\python -m pip install --upgrade pip
.venv-build\Scripts\python -m pip install . pyinstaller
.venv-build\Scripts\pyinstaller --noconfirm --distpath dist --workpath build packaging\windows\shilu.spec
.\dist\Shilu\shilu-cli.exe --version
.\dist\Shilu\shilu-cli.exe selftest
if ($LASTEXITCODE -ne 0) { throw "自检未通过" }
# Inno Setup's Simplified Chinese messages are among its unofficial translations, not installed.
Invoke-WebRequest -Uri "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/ChineseSimplified.isl" -OutFile packaging\windows\ChineseSimplified.isl
$iscc = Get-Command iscc -ErrorAction SilentlyContinue
if ($iscc) { $iscc = $iscc.Source } else { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc packaging\windows\installer.iss
if ($LASTEXITCODE -ne 0) { throw "安装包生成失败" }
