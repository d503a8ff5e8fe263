"""Names as a secretary reads them: surnames read as surnames, full pinyin order."""
from desktop_app.core import members, pinyin_keys


def test_surnames_read_as_surnames():
    # Worked out by hand: pypinyin alone reads these as ceng, dan, jie, chou, pu, qu, cha.
    assert pinyin_keys.syllables("曾洋") == ("zeng", "yang")
    assert pinyin_keys.initials("单雄") == "sx"
    assert pinyin_keys.full("解放") == "xiefang"
    assert pinyin_keys.initials("仇明") == "qm"
    assert pinyin_keys.initials("朴成") == "pc"
    assert pinyin_keys.initials("区伟") == "ow"
    assert pinyin_keys.initials("查良") == "zl"
    assert pinyin_keys.syllables("尉迟恭") == ("yu", "chi", "gong")
    assert pinyin_keys.syllables("长孙无忌") == ("zhang", "sun", "wu", "ji")


def test_only_the_surname_gets_the_surname_reading():
    # 曾 inside a given name keeps pypinyin's reading; 乐 as a surname is yue.
    assert pinyin_keys.syllables("王曾") == ("wang", "ceng")
    assert pinyin_keys.syllables("乐乐")[0] == "yue"


def test_members_initials_follow_the_surname_reading():
    assert members.initials("曾洋") == "zy"


def test_full_pinyin_order_keeps_a_surname_together():
    names = ["张三", "陈一", "曾洋", "程二", "单雄", "陈三"]
    ordered = sorted(names, key=pinyin_keys.sort_key)
    # By hand: chen san, chen yi, cheng er, shan xiong, zeng yang, zhang san.
    assert ordered == ["陈三", "陈一", "程二", "单雄", "曾洋", "张三"]


def test_rare_characters_stand_for_themselves():
    assert pinyin_keys.syllables("刘𬭚")[0] == "liu"


def test_search_keys_are_the_lower_case_name_the_initials_and_the_full_pinyin():
    assert pinyin_keys.search_keys("曾洋") == ("曾洋", "zy", "zengyang")
    assert pinyin_keys.search_keys("单于Li") == ("单于li", "cyl", "chanyuli")


def test_a_shorter_reading_sorts_first_as_syllable_tuples_would():
    # By hand: chen < cheng (a syllable's end before a longer syllable), zhang < zhang san
    # (a name's end before a further syllable); equal readings by code point (晨 U+6668 < 陈).
    names = ["程", "张三", "陈", "张", "陈一", "晨"]
    assert sorted(names, key=pinyin_keys.sort_key) == ["晨", "陈", "陈一", "程", "张", "张三"]
