"""Parsed TrueType faces kept in the user's cache folder, so a one-page PDF is mostly its own work.

reportlab parses a CJK font's character map and widths in Python each time a process registers it:
about 0.2 s for 文泉驿微米黑 and most of a second for 花园明朝 B, on every `shilu board`. The parsed
face is saved once (pickle of its attributes) under `<user cache>/fonts/`, named by the font
file's path, size and modification time and the reportlab and Python versions; any change to
those parses afresh. Loading refuses every class but reportlab's name strings, so a tampered cache
file cannot run code. A cache that cannot be read or written is simply not used.
"""
from __future__ import annotations

import functools
from fnmatch import fnmatch
import hashlib
import operator
import os
import pickle
import sys
import tempfile
import weakref
from pathlib import Path

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import ttfonts

# A function (rebuilt on load) and a table reportlab reads only while parsing (extractInfo); the
# latter would double the load time.
_NOT_KEPT = ("_pdfScale", "glyphToChar")
_ALLOWED = {("reportlab.pdfbase.ttfonts", "TTFNameBytes"): ttfonts.TTFNameBytes}


def load_font(name: str, path: str, subfont: int = 0, folder: Path | None = None) -> ttfonts.TTFont:
    """reportlab's `TTFont(name, path, subfontIndex=subfont)`, its face from the cache when there.
    Raises TTFError/OSError as TTFont does for a file it cannot use."""
    cached = _cache_file(Path(path), subfont, folder)
    face = _read(cached) if cached else None
    if face is None:
        font = ttfonts.TTFont(name, path, subfontIndex=subfont)
        if cached:
            _write(cached, font.face)
        return font
    return _font(name, face)


def cache_folder() -> Path:
    from desktop_app.core import paths
    return paths.cache_dir() / "fonts"


def _cache_file(path: Path, subfont: int, folder: Path | None) -> Path | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (f"{path.resolve()}|{subfont}|{stat.st_size}|{stat.st_mtime_ns}|{reportlab.Version}|"
           f"{sys.version_info[:2]}")
    return (folder or cache_folder()) / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.face"


class _FaceUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) in _ALLOWED:
            return _ALLOWED[module, name]
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a font face")


def _read(cached: Path) -> ttfonts.TTFontFace | None:
    try:
        with open(cached, "rb") as handle:
            state = _FaceUnpickler(handle).load()
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        cached.unlink(missing_ok=True)
        return None
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    face.__dict__.update(state)
    per_em = face.unitsPerEm
    face._pdfScale = ((lambda x: x) if per_em == 1000
                      else functools.partial(operator.mul, 1000 / per_em))
    return face


def _write(cached: Path, face: ttfonts.TTFontFace) -> None:
    state = {k: v for k, v in vars(face).items() if k not in _NOT_KEPT}
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=cached.parent, prefix=".face-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, cached)
    except OSError:
        return


def _font(name: str, face: ttfonts.TTFontFace) -> ttfonts.TTFont:
    """What `TTFont.__init__` builds, around a face already parsed (a test compares the two)."""
    font = ttfonts.TTFont.__new__(ttfonts.TTFont)
    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = weakref.WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob or ())
    return font
