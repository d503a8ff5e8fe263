"""`PlainPara` (pdf.para) lays out and draws short texts without the line breaker, and the page
must not change: each case is printed once through it and once through the full paragraph, and
the two pages are compared pixel by pixel."""
import shutil
import subprocess

import pytest
from PIL import Image, ImageChops
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from desktop_app.core.exports import cjk_lines, glyphs, pdf
from desktop_app.core.exports.plain_para import PlainPara

TEXTS = ["张三", "2025年1月15日", "第一党支部　第二党小组", "  两端空格  ", "a&b <c>", "",
         "刘䶮", "本花名册只列姓名、性别、入党日期、党员类别和所在党小组；身份证号、联系电话、住址等不印入本册。",
         "第一行\n第二行", "不换行\xa0空格",
         "党员刘䶮、张三、李四在本季度按时交纳党费，并参加了全部组织生活和主题党日活动。",
         "Shilu 工作实录 2.0 for the branch secretary：用于党支部书记（a&b <c>）记录日常工作"]


def _styles():
    st = pdf.styles()
    return [st.cell, st.cell_center, ParagraphStyle("r", parent=st.cell, alignment=TA_RIGHT),
            st.body, st.heading, st.title,
            ParagraphStyle("w", parent=st.cell, alignment=TA_CENTER,
                           textColor=pdf.BANNER_FILL)]


def _story(make) -> list:
    rows = [[make(text, style) for style in _styles()[:3]] for text in TEXTS]
    story = [pdf.table(rows, [30 * mm, 60 * mm, 80 * mm], header_rows=0)]
    story += [make(text, style) for style in _styles()[3:] for text in TEXTS]
    return story


def _full(text, style):
    return cjk_lines.Paragraph(glyphs.markup(text, style.fontName), style)


def test_a_short_text_measures_as_the_paragraph_does():
    for style in _styles():
        for text in TEXTS:
            for width in (20 * mm, 60 * mm, 170 * mm):
                assert PlainPara(text, style).wrap(width, 1000) == \
                    _full(text, style).wrap(width, 1000), (text, style.name, width)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="需要 poppler 的 pdftoppm")
def test_the_pages_are_the_same_as_with_full_paragraphs(tmp_path):
    pages = []
    for name, make in (("plain", PlainPara), ("full", _full)):
        target = pdf.build_pdf(tmp_path / f"{name}.pdf", pdf.DocumentInfo("对照", "测试支部",
                                                                         printed_on="2026-01-05"),
                               _story(make))
        subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", str(target),
                        str(tmp_path / name)], check=True)
        pages.append(sorted(tmp_path.glob(f"{name}-*.png")))
    assert len(pages[0]) == len(pages[1]) >= 2
    for plain, full in zip(*pages):
        difference = ImageChops.difference(Image.open(plain), Image.open(full))
        assert difference.getbbox() is None, (plain.name, difference.getbbox())
