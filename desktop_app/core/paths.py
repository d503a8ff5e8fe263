"""Where Shilu keeps its files: the user's data dir and the shipped resources."""
import sys
from pathlib import Path

APP_NAME = "Shilu"


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def forms_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "forms"
    return Path(__file__).resolve().parents[2] / "forms"


def data_dir() -> Path:
    import platformdirs   # not at the top: the window's forms are found before it is needed
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Things worth keeping between runs that can be rebuilt at any time (parsed fonts)."""
    import platformdirs
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "ledger.sqlite"


def demo_db_path() -> Path:
    return data_dir() / "demo-ledger.sqlite"
