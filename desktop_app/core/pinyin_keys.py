"""Pinyin keys for sorting and finding people by name, with surnames read as surnames.

pypinyin reads 曾洋 as "ceng yang" and 单雄 as "dan xiong"; as surnames they are zēng and shàn, and
a secretary typing "zy" expects to find 曾洋. The first character (or a compound surname) is
read from the table below; the rest of the name goes to pypinyin. Sorting uses the full pinyin
syllables, so every 陈… stands together (initials alone would mix 陈 and 程).

A roster import reads 20,000 names that are all different, and pypinyin takes about 0.1 ms a
name (segmenting it against its phrase list, building a converter per call). Most given names
hold no phrase pypinyin knows, and then it reads each character alone: those names are read
from a per-character cache filled by pypinyin itself, and any name with a phrase in it (长江,
乐平) still goes to pypinyin whole, so the keys are exactly pypinyin's
(tests/core/test_pinyin_keys.py compares both over real-shaped names).
"""
from __future__ import annotations

from functools import lru_cache

# Surnames whose everyday reading differs from the surname reading (common usage, as in the
# 《百家姓》 and the list collected in mozillazg/python-pinyin#297).
COMPOUND_SURNAMES = {
    "万俟": ("mo", "qi"), "尉迟": ("yu", "chi"), "单于": ("chan", "yu"), "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"), "令狐": ("ling", "hu"), "乐正": ("yue", "zheng"),
}
SURNAMES = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "盖": "ge", "乐": "yue", "覃": "qin", "翟": "zhai", "缪": "miao", "秘": "bi", "种": "chong",
    "折": "she", "繁": "po", "员": "yun", "召": "shao", "重": "chong", "过": "guo", "句": "gou",
    "长": "chang", "卜": "bu", "宿": "su", "隗": "wei", "谌": "chen", "都": "du", "六": "lu",
    "薄": "bo", "居": "ju", "牟": "mou", "莘": "shen", "尉": "yu", "能": "nai", "阚": "kan",
    "冼": "xian", "纪": "ji", "燕": "yan", "华": "hua", "石": "shi", "沈": "shen", "贾": "jia",
    "柏": "bai", "那": "na", "蕃": "pi", "逄": "pang", "訾": "zi", "啜": "chuai",
}


@lru_cache(maxsize=None)
def syllables(name: str) -> tuple[str, ...]:
    """Lower-case pinyin syllables of `name`, surname first: 曾洋 → ("zeng", "yang").
    Characters pypinyin does not know (rare Ext B names, Latin letters) stand for themselves."""
    name = name.strip()
    head: tuple[str, ...] = ()
    for surname, reading in COMPOUND_SURNAMES.items():
        if name.startswith(surname):
            head, name = reading, name[len(surname):]
            break
    else:
        if name[:1] in SURNAMES:
            head, name = (SURNAMES[name[0]],), name[1:]
    return head + tuple(s.lower() for s in _pinyin(name) if s.strip())


# Character → its pinyin as pypinyin reads it outside any phrase (None: not a character it reads
# alone, e.g. a letter or a rare character it does not know).
_CHARACTERS: dict[str, str | None] = {}


def _pinyin(text: str) -> list[str]:
    """`lazy_pinyin(text)`, character by character when pypinyin would read it so: every
    character is one it knows and no run of two or more is one of its phrases."""
    lazy_pinyin, phrases = _pypinyin()
    readings = [_CHARACTERS[c] if c in _CHARACTERS else _character(c) for c in text]
    if None in readings or any(text[i:j] in phrases for i in range(len(text) - 1)
                               for j in range(i + 2, len(text) + 1)):
        return lazy_pinyin(text)
    return readings


def _character(char: str) -> str | None:
    from pypinyin.constants import PINYIN_DICT, RE_HANS
    lazy_pinyin, phrases = _pypinyin()
    known = ord(char) in PINYIN_DICT and RE_HANS.match(char) and char not in phrases
    reading = lazy_pinyin(char) if known else None
    _CHARACTERS[char] = reading[0] if reading and len(reading) == 1 else None
    return _CHARACTERS[char]


@lru_cache(maxsize=None)
def _pypinyin():
    """(lazy_pinyin, its phrase table), imported on first use: the tables take a moment to load."""
    from pypinyin import lazy_pinyin
    from pypinyin.constants import PHRASES_DICT
    return lazy_pinyin, PHRASES_DICT


def initials(name: str) -> str:
    """First letters, 曾洋 → "zy"."""
    return "".join(s[0] for s in syllables(name))


def full(name: str) -> str:
    """All syllables run together, 曾洋 → "zengyang": what a user types to find by full pinyin."""
    return "".join(syllables(name))


@lru_cache(maxsize=None)
def sort_key(name: str) -> str:
    """Full pinyin syllables, then the characters: 陈 names together, in pinyin order. One string
    ("chen\x01san\x00陈三") that orders as the tuple (syllables, name) would: \x01 between
    syllables sorts below any letter (chen before cheng), \x00 before the name below both (张 before
    张三). Strings compare three times faster than nested tuples: 3,000 names sort in 1 ms."""
    return "\x01".join(syllables(name)) + "\x00" + name


@lru_cache(maxsize=None)
def search_keys(name: str) -> tuple[str, str, str]:
    """What a search box matches a name on: the name in lower case (for a substring), the initials
    and the full pinyin (for a prefix). 曾洋 → ("曾洋", "zy", "zengyang"). Cached, so a roster
    reload after an edit finds every name's keys made."""
    return name.lower(), initials(name), full(name)
