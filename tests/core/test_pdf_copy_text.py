"""A name printed in a PDF reads back as the same characters (search, copy, pdftotext), rare ones
beyond the BMP too: 𠀀 (Ext B, U+20000) and 𪚥 (U+2A6A5) come from a fallback font, each with one
UTF-16 surrogate pair in the font's ToUnicode map."""
import pytest

from desktop_app.core.exports import glyphs, pdf
from desktop_app.core.exports.fonts import cjk_fonts
from tests.core.export_helpers import flat, pdf_text

NAMES = ["𠀀明", "王𪚥", "刘䶮", "张三"]


def test_rare_names_read_back_whole(tmp_path):
    if any(glyphs.font_for(c, cjk_fonts().body) is None for c in "𠀀𪚥"):
        pytest.skip("没有含扩展B区汉字的字体")
    st = pdf.styles()
    story = [pdf.para("、".join(NAMES), st.body),                     # one line, drawn as runs
             pdf.table([["姓名"], *([n] for n in NAMES)], [40]),       # table cells
             pdf.para("会议记录：" + "𠀀明发言。" * 40, st.body)]       # wrapped lines
    target = pdf.build_pdf(tmp_path / "names.pdf",
                           pdf.DocumentInfo("名单", "测试支部", printed_on="2026-01-05"), story)
    text = flat(pdf_text(target))
    assert "𠀀明、王𪚥、刘䶮、张三" in text
    assert text.count("𠀀明") == 1 + 1 + 40 and text.count("王𪚥") == 2
