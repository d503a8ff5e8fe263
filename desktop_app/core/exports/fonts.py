"""The CJK fonts every printed document embeds, found once from `resources/fonts.toml`.

reportlab embeds TrueType outlines only, so the lookup list names 宋体/黑体/雅黑 on Windows and
文泉驿 on Linux, never Noto CJK / Source Han (CFF outlines). A font that fails to load is skipped.
Fallback fonts (style "fallback": SimSun-ExtB, 花园明朝 HanaMinA/B) supply the rare characters of
names the main fonts lack (䶮 is in CJK Extension A); exports/glyphs.py picks them per character.
"""
from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError
from reportlab.lib.fonts import addMapping

from desktop_app.core import paths
from desktop_app.core.errors import WordedError
from desktop_app.core.exports import font_cache, to_unicode


to_unicode.install()     # rare names read back from the PDF (to_unicode.py)


class FontMissingError(WordedError):
    """No usable Chinese font: nothing can be printed until one is installed."""


@dataclass(frozen=True)
class FontCandidate:
    path: str
    subfont: int = 0
    style: str = "song"


@dataclass(frozen=True)
class CjkFonts:
    """Registered reportlab font names: `body` for text, `title` for headings (黑体 when found)."""
    body: str
    title: str
    body_path: str
    fallbacks: tuple[str, ...] = ()


def candidates(config: Path | None = None) -> list[FontCandidate]:
    config = config or paths.resources_dir() / "fonts.toml"
    with open(config, "rb") as handle:
        data = tomllib.load(handle)
    return [FontCandidate(os.path.expandvars(f["path"]), int(f.get("subfont", 0)),
                          f.get("style", "song")) for f in data.get("font", [])]


def find_fonts(options: list[FontCandidate]) -> CjkFonts:
    """Register the first loadable body font and the first loadable 黑体-style font; note every
    present fallback font, parsed only when a character first needs it (`loaded`): a large face
    such as HanaMinB costs most of a second and most documents never use it."""
    loaded: list[tuple[FontCandidate, str]] = []
    for number, option in enumerate(options):
        main = [o for o, _ in loaded if o.style != "fallback"]
        if option.style == "fallback" or (main and any(o.style == "hei" for o in main)):
            continue
        name = _register(option, f"ShiluCJK{number}")
        if name:
            loaded.append((option, name))
    fallbacks = [(o, f"ShiluCJK{n}") for n, o in enumerate(options) if o.style == "fallback"]
    if loaded:
        for option, name in fallbacks:
            if Path(option.path).is_file():
                _PENDING[name] = option
                loaded.append((option, name))
    else:
        loaded = [(o, name) for o, n in fallbacks if (name := _register(o, n))]
    if not loaded:
        tried = "\n".join(f"  {o.path}" for o in options)
        raise FontMissingError(
            "找不到可用于打印的中文字体（需要 TrueType 格式，如宋体、黑体、微软雅黑或文泉驿微米黑）。"
            f"已查找：\n{tried}\n请安装其中一种字体后重试。")
    main = [(o, n) for o, n in loaded if o.style != "fallback"] or loaded[:1]
    body_option, body = main[0]
    title = next((n for o, n in main if o.style == "hei"), body)
    fallbacks = tuple(n for o, n in loaded if o.style == "fallback" and n != body)
    return CjkFonts(body=body, title=title, body_path=body_option.path, fallbacks=fallbacks)


# Fallback fonts found on disk but not yet parsed: reportlab name → where it is.
_PENDING: dict[str, FontCandidate] = {}


def loaded(name: str) -> bool:
    """Whether font `name` is registered with reportlab, parsing a pending fallback now; False
    for a fallback file that turns out unusable."""
    option = _PENDING.pop(name, None)
    if option is not None:
        return _register(option, name) is not None
    return name in pdfmetrics.getRegisteredFontNames()


def _register(option: FontCandidate, name: str) -> str | None:
    """The reportlab name of `option` once registered, or None when it is absent or unusable."""
    if not Path(option.path).is_file():
        return None
    try:
        pdfmetrics.registerFont(font_cache.load_font(name, option.path, option.subfont))
    except (TTFError, OSError):
        return None
    # CJK faces have no bold or italic: map them to the face itself so <b> never fails.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return name


@functools.cache
def cjk_fonts() -> CjkFonts:
    """The fonts for this process, registered with reportlab on first use."""
    return find_fonts(candidates())
