"""One cell as typed, made into the value meant: each cleaning step on its own, values by hand."""
import datetime

import pytest

from desktop_app.core.roster.cells import clean_cell, clean_text, is_placeholder


@pytest.mark.parametrize("raw,meant", [
    ("张三", "张三"),
    ("  张三 ", "张三"),
    ("", None),
    ("   ", None),
    ("幸福_x000D_社区", "幸福\n社区"),           # OOXML escape of CR, then CR → line break
    ("_x0041__x0062_", "Ab"),                  # hex 41 = 'A', 62 = 'b' (base 16, not 17)
    ("_x000d_甲", "甲"),                        # lower-case hex; leading break trimmed
    ("甲\r\n乙", "甲\n乙"),                     # one break, not two
    ("甲\r乙", "甲\n乙"),
    ("甲\v乙\f丙", "甲\n乙\n丙"),
    ("甲\u2028乙", "甲\n乙"),
    ("张\u200b三", "张三"),                     # zero-width space pasted from Word
    ("\ufeff张三\x00", "张三"),
    ("李\x7f四", "李四"),
    ("ＡＢＣ１２３", "ABC123"),                 # full width → NFKC
    ("'110101199003071234", "110101199003071234"),    # Excel text guard
    ("‘110101", "110101"),
    ("’110101", "110101"),
    ("' 110101 ", "110101"),
    ('="110101199003071234"', "110101199003071234"),
    ('=" 0571 "', "0571"),
    ('="甲\n乙"', "甲\n乙"),                    # the guard may span lines
    ("=SUM(A1)", "=SUM(A1)"),                   # not a guard: left alone
    ("''甲", "'甲"),                            # only one quote is a guard
    (" 第一行 \n  第二行  ", "第一行\n第二行"),
    ("Li Lei\n 张 三 ", "Li Lei\n张 三"),          # lines are split at breaks only, not at spaces
    ("甲\t", "甲"),
    ("‘张三", "张三"),                          # a curly guard before text, not only before digits
    ("’张三", "张三"),
    ('"110105199003071234"', "110105199003071234"),    # a number kept as text by quotes
    ("“13800000000”", "13800000000"),
    ("'13800000000'", "13800000000"),
    ('"138', "138"),                            # a quote on one side only
    ("138”", "138"),
    ('"张三"', '"张三"'),                        # quoted words are left as written
])
def test_clean_text(raw, meant):
    assert clean_text(raw) == meant


def test_clean_cell_leaves_numbers_dates_and_booleans():
    day = datetime.date(2024, 7, 1)
    assert clean_cell(day) is day
    assert clean_cell(3000) == 3000
    assert clean_cell(True) is True
    assert clean_cell(None) is None
    assert clean_cell(" ＡＢ ") == "AB"


@pytest.mark.parametrize("value", ["-", "—", "——", "/", "\\", "~", "～", "–", "无", "暂无", "空", "没有",
                                   "无此项", "N/A", "NA", "null", "NULL", "None", "— —", "--------"])
def test_placeholders_mean_nothing(value):
    assert is_placeholder(value) is True


@pytest.mark.parametrize("value", ["---------", "无党派", "张三", "Nobody", "0", "", 5, None, "-1", "无 业 "])
def test_other_values_are_not_placeholders(value):
    assert is_placeholder(value) is False
