"""The parsed-font cache: a face loaded from it is the face reportlab parses, a changed font file
is parsed afresh, and a cache file that would run code is refused."""
import os
import pickle

from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.core.exports import font_cache
from tests.requires import requires_font

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


@requires_font(WQY)
def test_a_cached_font_is_the_font_reportlab_parses(tmp_path):
    fresh = TTFont("Fresh", WQY)
    first = font_cache.load_font("Cached", WQY, 0, tmp_path)       # parses and saves
    assert len(list(tmp_path.glob("*.face"))) == 1
    cached = font_cache.load_font("Cached", WQY, 0, tmp_path)      # from the file
    assert type(cached.face) is type(fresh.face) and cached.face is not first.face
    assert sorted(vars(cached)) == sorted(vars(fresh))
    assert set(vars(fresh.face)) - set(vars(cached.face)) == {"glyphToChar"}
    for name in ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "_ttf_data", "ascent",
                 "descent", "bbox", "name", "subfontNameX"):
        assert getattr(cached.face, name) == getattr(fresh.face, name), name
    text = "党支部工作实录 2025，第 3 页"
    assert cached.stringWidth(text, 10.5) == fresh.stringWidth(text, 10.5)
    assert cached.face._pdfScale(512) == fresh.face._pdfScale(512)
    assert cached.face.makeSubset([0x515A, 0x652F]) == fresh.face.makeSubset([0x515A, 0x652F])


@requires_font(WQY)
def test_a_changed_font_file_is_parsed_again(tmp_path):
    copy = tmp_path / "font.ttc"
    copy.write_bytes(open(WQY, "rb").read())
    font_cache.load_font("A", str(copy), 0, tmp_path / "cache")
    stamp = copy.stat().st_mtime_ns + 10**9
    os.utime(copy, ns=(stamp, stamp))
    font_cache.load_font("A", str(copy), 0, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.face"))) == 2


class _Payload:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


@requires_font(WQY)
def test_a_cache_file_that_would_run_code_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    font_cache.load_font("A", WQY, 0, tmp_path)
    cached = next(tmp_path.glob("*.face"))
    cached.write_bytes(pickle.dumps({"unitsPerEm": 1000, "x": _Payload()}))
    font = font_cache.load_font("A", WQY, 0, tmp_path)
    assert not (tmp_path / "pwned").exists()
    assert font.stringWidth("党", 10) == TTFont("B", WQY).stringWidth("党", 10)
