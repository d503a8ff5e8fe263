"""Every xlsx writer goes through exports.cell_text: controls cleaned, formula-like text kept as
text. Checked on the helper and on the writers that take free text (plan themes, bundle notes)."""
import openpyxl
from openpyxl import Workbook

from desktop_app.core.exports import cell_text


def test_put_and_append_clean_controls_and_keep_formulas_as_text(tmp_path):
    book = Workbook()
    sheet = book.active
    cell_text.append(sheet, ["=1+1", "+86", "-5 度", "@某人", "行一\x0b行二\x07", 7, None])
    cell_text.put(sheet, 2, 1, "=HYPERLINK(\"http://x\",\"点我\")")
    cell_text.put(sheet, 2, 2, "x" * 40_000)
    path = tmp_path / "t.xlsx"
    book.save(path)
    again = openpyxl.load_workbook(path).active
    assert [c.value for c in again[1]] == ["=1+1", "+86", "-5 度", "@某人", "行一\n行二", 7]
    assert all(c.data_type == "s" for c in again[1][:5])
    assert again["A2"].value.startswith("=HYPERLINK") and again["A2"].data_type == "s"
    assert len(again["B2"].value) == 32_767
    assert again["A1"].quotePrefix


def test_numbers_and_dates_pass_unchanged():
    assert cell_text.clean(3.5) == 3.5 and cell_text.clean(None) is None
