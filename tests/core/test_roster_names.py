"""Name normalisation on the edges (issue #17 mutation survivors): each CJK block's first and last
code point and its neighbours, the length limit, the hyphen, and the exact refusals."""
import pytest

from desktop_app.core.roster.names import BadName, is_cjk, is_letter, normalise_name, same_name


@pytest.mark.parametrize("code, cjk", [
    (0x33FF, False), (0x3400, True), (0x4DBF, True), (0x4DC0, False),   # Ext A; Yijing hexagram
    (0x4DFF, False), (0x4E00, True), (0x9FFF, True), (0xA000, False),   # URO; Yi syllable
    (0xF8FF, False), (0xF900, True), (0xFAFF, True), (0xFB00, False),   # compatibility; ﬀ ligature
    (0x1FFFF, False), (0x20000, True), (0x2A6DF, True), (0x2A6E0, False),  # Ext B
    (0x323AF, True), (0x323B0, False),                                  # end of Ext H
    (ord("A"), False), (ord("·"), False),
])
def test_cjk_blocks_at_their_edges(code, cjk):
    assert is_cjk(chr(code)) is cjk


@pytest.mark.parametrize("text, name", [
    ("张  三", "张三"),
    ("  Li  Lei ", "Li Lei"),
    ("阿依古丽•买买提", "阿依古丽·买买提"),
    ("阿依古丽．买买提", "阿依古丽·买买提"),
    ("Jean-Luc", "Jean-Luc"),
    ("䶮", "䶮"),
    ("字" * 30, "字" * 30),
])
def test_names_are_normalised(text, name):
    assert normalise_name(text) == name
    assert same_name(text) == name


@pytest.mark.parametrize("text, message", [
    ("", "姓名不能为空"),
    ("   ", "姓名不能为空"),
    (None, "姓名不能为空"),
    ("123", "姓名中没有文字（只有符号或数字），不是姓名"),
    ("···", "姓名中没有文字（只有符号或数字），不是姓名"),
    ("Li 3", "姓名只能包含汉字、字母和“·”，不能有数字或标点"),
    ("张三2", "姓名只能包含汉字、字母和“·”，不能有数字或标点"),
    ("张三!", "姓名只能包含汉字、字母和“·”，不能有数字或标点"),
    ("字" * 31, "姓名超过 30 个字"),
])
def test_what_cannot_be_a_name_is_refused_in_words(text, message):
    with pytest.raises(BadName) as caught:
        normalise_name(text)
    assert str(caught.value) == message


def test_a_ledger_name_that_is_not_valid_compares_as_it_is():
    assert same_name("张三2") == "张三2" and same_name(None) is None


@pytest.mark.parametrize("char,letter", [("张", True), ("㐀", True), ("a", True), ("É", True),
                                         ("1", False), ("·", False), (" ", False)])
def test_letters_are_cjk_or_alphabetic(char, letter):
    assert is_letter(char) is letter
