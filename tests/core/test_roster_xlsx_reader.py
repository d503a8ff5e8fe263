"""The .xlsx reader's shortcut for plain inline strings (<is><t>text</t></is> read as <v>text</v>)
gives the values the full reading gives, however the part is cut into pieces, next to rich
text, mixed strings and phonetic guides."""
import zipfile

import pytest

from desktop_app.core.roster import xlsx_reader

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = (
    f'<worksheet xmlns="{MAIN}"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>张三</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>a &amp; b&#x4E00;</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>'
    '<c r="D1" t="inlineStr"><is><r><t>甲</t></r><r><rPr><b/></rPr><t>乙</t></r></is></c>'
    '<c r="E1" t="inlineStr"><is><t>丙</t><r><t>丁</t></r></is></c>'
    '<c r="F1" t="inlineStr"><is><t/></is></c><c r="G1"><v>42</v></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>赵五</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>钱六</t></is></c></row>'
    '<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c>'
    '<c r="B3" t="inlineStr"><is><t>单</t><rPh sb="0" eb="1"><t>shan</t></rPh></is></c>'
    # A crafted file: a plain string inside a phonetic guide, which is left out with the guide.
    '<c r="C3" t="inlineStr"><is><rPh sb="0" eb="1"><is><t>x</t></is></rPh><r><t>y</t></r></is></c></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><t>孙七</t></is></c></row>'
    '</sheetData></worksheet>')
# By hand: rich runs joined, the phonetic guide left out, an empty <t/> is an empty cell.
EXPECTED = [["张三", "a & b一", " x ", "甲乙", "丙丁", None, 42], ["赵五", "钱六"],
            ["李四", "单", "y"], ["孙七"]]


def package(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                                      f'<sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", SHEET)
    return path


@pytest.mark.parametrize("chunk", [1 << 20, 200, 64, 7])
def test_plain_inline_strings_read_alike_in_pieces_of_any_size(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(xlsx_reader, "_CHUNK", chunk)
    shortened = []
    real = xlsx_reader._plain_inline

    def spy(piece):
        out = real(piece)
        shortened.append(out != piece)
        return out
    monkeypatch.setattr(xlsx_reader, "_plain_inline", spy)
    [(name, rows, hidden, merged, _)] = xlsx_reader.read_workbook(package(tmp_path / "r.xlsx"), 100)
    assert (name, rows) == ("花名册", EXPECTED)
    # In small pieces, those holding only plain strings took the shortcut; read whole, the part
    # holds a phonetic guide and none did.
    assert any(shortened) == (chunk < 1 << 20)


def test_the_shortcut_keeps_a_piece_whose_strings_are_not_all_plain():
    mixed = b'<is><t>a</t></is></c><c><is><t>b</t><r><t>c</t></r></is></c>'
    assert xlsx_reader._plain_inline(mixed) == mixed
    plain = b'<c><is><t>a</t></is></c><c t="inlineStr"><is><t>b &amp; c</t></is></c>'
    assert xlsx_reader._plain_inline(plain) == b'<c><v>a</v></c><c t="inlineStr"><v>b &amp; c</v></c>'


def test_the_readers_own_tables_are_openpyxls():
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
    from openpyxl.utils.cell import get_column_letter
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900
    assert xlsx_reader.BUILTIN_DATES == {n for n, code in BUILTIN_FORMATS.items()
                                         if is_date_format(code)}
    assert (xlsx_reader.WINDOWS_1900, xlsx_reader.MAC_1904) == (CALENDAR_WINDOWS_1900,
                                                                CALENDAR_MAC_1904)
    assert [xlsx_reader.column_letters(n) for n in range(xlsx_reader.MAX_COLUMNS)] == [
        get_column_letter(n + 1) for n in range(xlsx_reader.MAX_COLUMNS)]


def test_a_sheet_of_text_is_read_without_importing_openpyxl(tmp_path):
    import subprocess
    import sys
    probe = ("import sys\n"
             "from desktop_app.core.roster.xlsx_reader import read_workbook\n"
             f"rows = read_workbook({str(package(tmp_path / 'r.xlsx'))!r}, 100)[0][1]\n"
             "assert rows[0][0] == '张三', rows\n"
             "print('openpyxl' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
