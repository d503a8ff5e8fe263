"""Receipts on A4 through the shared PDF kit: each receipt a ruled block that never splits, so
three or four fit a page and can be cut apart."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from desktop_app.core.dues.disclosure import yuan
from desktop_app.core.dues.receipts import PERSONAL_DATA, ReceiptSlip, capitals
from desktop_app.core.exports import pdf
from desktop_app.core.store import StoreError

COLUMNS = (28 * mm, 57 * mm, 28 * mm, 57 * mm)      # 170 mm: the frame


def block(slip: ReceiptSlip) -> KeepTogether:
    st = pdf.styles()
    rows = [["党费收据", "", "编号", slip.number],
            ["党组织", slip.org_name, "交纳人", slip.name],
            ["所交月份", slip.months_text, "", ""],
            ["金额（小写）", f"¥{yuan(slip.total_fen)} 元", "金额（大写）", capitals(slip.total_fen)],
            ["收缴日期", slip.paid_on, "经手人", slip.collector]]
    table = pdf.table(rows, list(COLUMNS), header_rows=1, label_cols=(0, 2),
                      extra_style=[("SPAN", (0, 0), (1, 0)), ("SPAN", (1, 2), (3, 2))])
    return KeepTogether([table, pdf.para("（交纳人留存；存根见账本收缴记录）", st.small),
                         Spacer(1, 8 * mm)])


def write_pdf(slips: list[ReceiptSlip], target: str | Path) -> Path:
    if not slips:
        raise StoreError("没有要打印的党费收据")
    info = pdf.DocumentInfo(title="党费收据", org_name=slips[0].org_name, personal_data=PERSONAL_DATA)
    return pdf.build_pdf(target, info, [block(s) for s in slips])
