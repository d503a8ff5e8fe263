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


# Surnames: the 30 most common, the ones read as surnames, and compound ones.
_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
             "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
             "单", "解", "曾", "区", "仇", "查", "朴", "乐", "盖", "覃", "翟", "缪", "长孙", "尉迟",
             "欧阳", "司马", "诸葛", "上官"]
# Given-name characters, with many that pypinyin reads differently inside its phrases (长, 乐,
# 重, 行, 朝, 和, 华, 少, 会, 传 …) and ones that are also surnames (曾, 单, 解, 查).
_GIVEN = ("建国秀英伟芳敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华玉兰红梅志文斌辉鹏飞宇浩然子轩欣怡"
          "长乐重行朝和少会传调还都降茜曾单解查仇区藏率觉省血薄给莘种万俟参差")
_MINORITY = ["阿依古丽·买买提", "买买提·吐尔逊", "热依拉·艾买提", "扎西·顿珠", "次仁卓玛",
             "古丽娜尔·阿不都热合曼", "玉苏普江", "努尔·白克力", "帕尔哈提·吐逊", "Li Lei", "单于Li",
             "刘𬭚", "王䶮", "张〇"]


def _names_as_rosters_hold_them() -> list[str]:
    """~700 names: surname + one or two given characters, walked in a fixed pseudo-random order."""
    import random
    pick = random.Random(10)
    names = [s + g for s in _SURNAMES for g in pick.sample(_GIVEN, 3)]
    names += [pick.choice(_SURNAMES) + pick.choice(_GIVEN) + pick.choice(_GIVEN) for _ in range(500)]
    names += ["王长江", "李乐平", "张重阳", "刘朝阳", "陈行健", "解放", "曾国藩", "单雄信", "查良镛",
              "区长城", "仇和平", "长孙无忌"]
    return names + _MINORITY


def _pypinyin_keys(name: str) -> tuple[str, ...]:
    """The keys as pinyin_keys made them before its per-character cache: the surname table, then
    pypinyin reading the rest of the name whole."""
    from pypinyin import lazy_pinyin
    name = name.strip()
    head: tuple[str, ...] = ()
    for surname, reading in pinyin_keys.COMPOUND_SURNAMES.items():
        if name.startswith(surname):
            head, name = reading, name[len(surname):]
            break
    else:
        if name[:1] in pinyin_keys.SURNAMES:
            head, name = (pinyin_keys.SURNAMES[name[0]],), name[1:]
    return head + tuple(s.lower() for s in lazy_pinyin(name) if s.strip())


def test_the_per_character_cache_gives_pypinyins_own_keys():
    names = _names_as_rosters_hold_them()
    assert len(set(names)) > 600
    differ = [n for n in names if pinyin_keys.syllables(n) != _pypinyin_keys(n)]
    assert differ == []
    # The phrases among them are read as phrases (by hand: 长江 chang jiang, 朝阳 zhao yang).
    assert pinyin_keys.syllables("王长江") == ("wang", "chang", "jiang")
    assert pinyin_keys.syllables("刘朝阳") == ("liu", "zhao", "yang")
    assert pinyin_keys.syllables("阿依古丽·买买提") == ("a", "yi", "gu", "li", "·", "mai", "mai", "ti")
