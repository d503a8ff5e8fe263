"""The shared PDF kit: font lookup, embedded TrueType, footer, atomic writes."""
import errno
import os
import subprocess
from datetime import date

import pytest
from reportlab.lib.units import mm

from desktop_app.core.durable import ExportWriteError
from desktop_app.core.exports import cjk_lines, pdf
from desktop_app.core.exports.fonts import (FontCandidate, FontMissingError, candidates,
                                            cjk_fonts, find_fonts)
from export_helpers import flat, pdf_fonts, pdf_pages, pdf_text
from tests.requires import requires_font, requires_poppler

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def test_lookup_order_comes_from_the_data_file():
    paths = [c.path for c in candidates()]
    assert paths[0] == "C:/Windows/Fonts/simsun.ttc"
    assert WQY in paths
    assert not any("Noto" in p or "SourceHan" in p for p in paths)


def test_no_font_found_is_a_chinese_error_naming_the_paths(tmp_path):
    missing = FontCandidate(str(tmp_path / "simsun.ttc"))
    with pytest.raises(FontMissingError) as caught:
        find_fonts([missing])
    assert "找不到可用于打印的中文字体" in str(caught.value)
    assert str(tmp_path / "simsun.ttc") in str(caught.value)


@requires_font(WQY)
def test_a_file_that_is_not_truetype_is_skipped(tmp_path):
    fake = tmp_path / "broken.ttf"
    fake.write_bytes(b"OTTO" + b"\0" * 200)     # a CFF-flavoured header: reportlab cannot embed it
    fonts = find_fonts([FontCandidate(str(fake), style="hei"), FontCandidate(WQY, 0, "hei")])
    assert fonts.body_path == WQY


def test_document_embeds_the_cjk_truetype_font_and_nothing_else(tmp_path):
    target = tmp_path / "t.pdf"
    st = pdf.styles()
    story = [pdf.para("标题", st.title),
             pdf.table([["姓名", "备注"], ["张三", "<b>不是标记</b> & 符号"]], [40 * mm, 80 * mm])]
    pdf.build_pdf(target, pdf.DocumentInfo("测试表", "示范社区党委", printed_on="2025-04-01"), story)
    fonts = pdf_fonts(target)
    assert fonts and all(f["type"] == "TrueType" and f["emb"] == "yes" for f in fonts)
    text = pdf_text(target)
    assert "<b>不是标记</b> & 符号" in text
    assert "示范社区党委" in text and "打印日期：2025-04-01" in text
    assert "第1页共1页" in flat(text)
    assert "个人信息" not in text


def test_footer_numbers_pages_and_names_personal_data(tmp_path):
    target = tmp_path / "long.pdf"
    rows = [["序号", "姓名"]] + [[str(i), f"党员{i}"] for i in range(1, 121)]
    info = pdf.DocumentInfo("名单", "第一党支部", personal_data="姓名", printed_on="2025-04-01")
    pdf.build_pdf(target, info, [pdf.table(rows, [20 * mm, 60 * mm])])
    pages = pdf_pages(target)
    assert pages >= 3
    last = pdf_text(target, pages)
    assert f"第{pages}页共{pages}页" in flat(last)
    assert "名单（续）" in last and "序号" in last          # running title and repeated header
    assert "本文件含个人信息（姓名）" in last
    assert "党员120" in last


def test_missing_folder_is_a_chinese_error(tmp_path):
    with pytest.raises(ExportWriteError) as caught:
        pdf.build_pdf(tmp_path / "U盘" / "x.pdf", pdf.DocumentInfo("t", "o"),
                      [pdf.para("字", pdf.styles().body)])
    assert "无法在" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_full_disk_leaves_no_file(tmp_path, monkeypatch):
    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ExportWriteError) as caught:
        pdf.build_pdf(tmp_path / "x.pdf", pdf.DocumentInfo("t", "o"),
                      [pdf.para("字", pdf.styles().body)])
    assert "磁盘已满" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_failed_layout_leaves_nothing_under_the_final_name(tmp_path):
    target = tmp_path / "x.pdf"
    target.write_bytes(b"old")

    class Boom(cjk_lines.Paragraph):
        def wrap(self, *args):
            raise RuntimeError("layout failed")

    with pytest.raises(RuntimeError):
        pdf.build_pdf(target, pdf.DocumentInfo("t", "o"), [Boom("x", pdf.styles().body)])
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_fonts_are_registered_once():
    assert cjk_fonts() is cjk_fonts()


@requires_poppler
def test_a_pdf_carries_its_real_creation_date(tmp_path):
    """Not reportlab's invariant 2000-01-01: an inspector reads when the file was made."""
    path = pdf.build_pdf(tmp_path / "x.pdf", pdf.DocumentInfo("t", "o"),
                         [pdf.para("字", pdf.styles().body)])
    info = subprocess.run(["pdfinfo", "-isodates", str(path)], check=True, capture_output=True,
                          text=True).stdout
    created = next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("CreationDate"))
    assert created[:10] == date.today().isoformat()


HANA = "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"


@requires_font(WQY)
@requires_font(HANA)
def test_a_fallback_font_is_parsed_only_when_a_character_needs_it(tmp_path):
    from reportlab.pdfbase import pdfmetrics

    from desktop_app.core.exports import fonts as font_module
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"OTTO" + b"\0" * 200)
    found = find_fonts([FontCandidate(WQY, 0, "hei"), FontCandidate(str(broken), style="fallback"),
                        FontCandidate(HANA, style="fallback")])
    assert found.fallbacks == ("ShiluCJK1", "ShiluCJK2")
    assert "ShiluCJK2" not in pdfmetrics.getRegisteredFontNames()
    assert not font_module.loaded("ShiluCJK1")             # unusable: skipped, not an error
    assert font_module.loaded("ShiluCJK2")
    assert "䶮" in {chr(c) for c in pdfmetrics.getFont("ShiluCJK2").face.charToGlyph}
