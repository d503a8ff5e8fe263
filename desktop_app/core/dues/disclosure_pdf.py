"""The internal dues disclosure sheet as an A4 PDF, through the shared PDF kit (exports/pdf.py)."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop_app.core.dues.disclosure import DisclosureSheet
from desktop_app.core.exports import pdf

COLUMNS = (12 * mm, 30 * mm, 22 * mm, 22 * mm, 22 * mm, 26 * mm, 36 * mm)   # 170 mm: the frame
NOTE = ("注：金额单位为元；“未交”为本月应交未交，“—”为该月不在本组织，“期初”为启用本账前已交。党费月收季结，收缴情况"
        "仅在党组织内部公示；本表不含身份证号、电话和收入。")


def story(sheet: DisclosureSheet) -> list:
    st = pdf.styles()
    rows = [list(sheet.header), *map(list, sheet.rows), list(sheet.total_row)]
    amounts = tuple(range(2, len(sheet.header) - 1))
    table = pdf.table(rows, list(COLUMNS), center_cols=(0, 1), right_cols=amounts,
                      extra_style=[("BACKGROUND", (0, -1), (-1, -1), pdf.HEADER_FILL)])
    return [pdf.para("党费收缴情况内部公示", st.title),
            pdf.para(f"{sheet.org_name}　{sheet.period_label}", st.subtitle), table, Spacer(1, 4 * mm),
            pdf.para(sheet.settlement_text, st.body), Spacer(1, 2 * mm), pdf.para(NOTE, st.small),
            Spacer(1, 8 * mm), pdf.signatures(sum(COLUMNS))]


def write_pdf(sheet: DisclosureSheet, target: str | Path) -> Path:
    info = pdf.DocumentInfo(title=sheet.title, org_name=sheet.org_name,
                            personal_data=sheet.personal_data)
    return pdf.build_pdf(target, info, story(sheet))
