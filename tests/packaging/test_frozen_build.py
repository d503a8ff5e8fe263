"""The PyInstaller spec the Windows installer uses, built here on Linux so it cannot rot.

Slow (a minute or more): marked `frozen`, left out of a bare `pytest`, run by `.ci/run` (see
packaging/setup-debian.sh). The frozen app must answer `--version` and pass its own self-test:
a demo ledger, every page shown offscreen, one PDF written.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.frozen


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory) -> Path:
    if shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp("frozen")
    subprocess.run([str(Path(sys.executable).parent / "pyinstaller"), "--noconfirm",
                    "--log-level", "ERROR", "--distpath", str(out / "dist"),
                    "--workpath", str(out / "build"), str(ROOT / "packaging/windows/shilu.spec")],
                   check=True, cwd=out, capture_output=True, timeout=900)
    return out / "dist" / "Shilu"


def run(app: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([str(app / "shilu-cli"), *args], capture_output=True, text=True,
                          env=env, timeout=300, cwd=app.parent)


def test_frozen_app_reports_its_version(frozen_app):
    done = run(frozen_app, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "工作实录 0.1.0"


def test_frozen_app_passes_its_self_test(frozen_app):
    done = run(frozen_app, "selftest")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "自检通过" in done.stdout
    assert done.stdout.count("：正常") >= 9      # eight pages and the PDF
    assert "Traceback" not in done.stderr
