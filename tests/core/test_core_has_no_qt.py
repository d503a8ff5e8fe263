"""The core must work with Qt absent: import every core module with PySide6 made unavailable."""
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import importlib, pkgutil, sys
class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
            raise ImportError('Qt is not allowed in desktop_app.core: ' + name)
sys.meta_path.insert(0, NoQt())
import desktop_app.core as core
count = 0
for info in pkgutil.walk_packages(core.__path__, 'desktop_app.core.'):
    importlib.import_module(info.name)
    count += 1
print(count)
"""


def test_every_core_module_imports_without_qt():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 8
