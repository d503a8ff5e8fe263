"""Loading rule profiles: shipped ones, one handed out as a file, and broken ones with line and field."""
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.rules.profile import ProfileError, load_profile, parse_profile, profiles_dir

JIAXING = (profiles_dir() / "jiaxing-2016.toml").read_text(encoding="utf-8")
KNOWN_TYPES = {r.type for r in parse_profile(JIAXING, "jiaxing-2016.toml").rules}


def test_jiaxing_carries_its_numbers_as_data():
    profile = load_profile("jiaxing-2016")
    assert (profile.activity_days.study_day, profile.activity_days.service_day) == (5, 25)
    charter = profile.rule("jx-26-charter")
    assert charter.params == {"tag": "党章学习", "every": "quarter", "count": 1,
                              "min_attendance": Fraction(7, 10)}
    assert charter.citation == "嘉兴经开区55条 第26条：“至少每季度集体学习1次党章，党员到会率70%以上”"
    hours = profile.rule("jx-26-study-hours").params
    assert (hours["hours"], hours["committee_hours"]) == (32, 56)
    assert profile.rule("jx-11-lesson").params["every"] == "two_months"
    assert profile.rule("jx-11-warning").params["max_ratio"] == Fraction(1, 3)


def test_national_floor_differs_where_the_sources_differ():
    national, jiaxing = load_profile("national-2018"), load_profile("jiaxing-2016")
    assert national.rule("cn-19-lesson").params["every"] == "quarter"
    assert jiaxing.rule("jx-11-lesson").params["every"] == "two_months"
    assert national.activity_days.study_day is None     # the 条例 fixes no day of the month


def test_dues_standard_is_the_2008_brackets_in_basis_points():
    standard = load_profile("national-2018").dues_standard
    employed = [(b.up_to_fen, b.rate_bp) for b in standard.brackets if b.category == "在职"]
    assert employed == [(300000, 50), (500000, 100), (1000000, 150), (None, 200)]
    retired = [(b.up_to_fen, b.rate_bp) for b in standard.brackets if b.category == "离退休"]
    assert retired == [(500000, 50), (None, 100)]
    assert {f.category: (f.min_fen, f.max_fen) for f in standard.fixed}["农民"] == (20, 100)


def test_a_profile_handed_out_as_a_file_is_loaded_by_path(tmp_path):
    path = tmp_path / "上级下发.toml"
    text = JIAXING.replace('id = "jiaxing-2016"', 'id = "street-2026"').replace(
        "study_day = 5", "study_day = 8")
    path.write_bytes("\ufeff".encode() + text.encode("utf-8"))   # Notepad's BOM
    profile = load_profile(path)
    assert (profile.id, profile.activity_days.study_day) == ("street-2026", 8)


def test_an_unknown_profile_id_names_the_choices():
    with pytest.raises(ProfileError, match="没有名为“shanghai”的规则档案.*jiaxing-2016"):
        load_profile("shanghai")


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_bad_toml_is_rejected_with_its_line():
    text = JIAXING.replace('title = "党课每两个月至少1次"', 'title = "党课每两个月至少1次')
    line = _line_of(text, 'title = "党课每两个月至少1次')
    with pytest.raises(ProfileError, match=rf"第 {line} 行第 \d+ 列：TOML 格式错误"):
        parse_profile(text, "bad.toml")


def test_a_missing_field_names_the_rule_the_field_and_the_rules_line():
    text = JIAXING.replace('title = "支委会每月至少1次"\n', "")
    line = _line_of(text, 'id = "jx-11-committee"') - 1     # its [[rules]] header
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "bad.toml")
    assert str(caught.value) == (f"规则档案 bad.toml 第 {line} 行：缺少规则 jx-11-committee 的字段 "
                                 "title（规则名称）")


def test_a_wrong_type_names_the_rule_the_field_and_its_own_line():
    text = JIAXING.replace('kinds = ["支委会"]\nevery = "month"\ncount = 1',
                           'kinds = ["支委会"]\nevery = "month"\ncount = "一"')
    line = _line_of(text, 'count = "一"')
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "bad.toml")
    assert str(caught.value) == (f"规则档案 bad.toml 第 {line} 行：规则 jx-11-committee 的字段 "
                                 "params.count（每周期至少次数） 应为整数，现为 '一'")


@pytest.mark.parametrize("old,new,message", [
    ('every = "two_months"', 'every = "fortnight"', "jx-11-lesson 的字段 params.every（周期） 的取值“fortnight”"),
    ('type = "dues_arrears"', 'type = "dues_areas"', "dz-9-dues-arrears 的字段 type（规则类型）"),
    ("grace_days = 15", "grace_days = 15\ngrace_dayz = 3", "params.grace_dayz 无法识别"),
    ('id = "jx-11-committee"', 'id = "jx-11-congress"', "规则代码 jx-11-congress 重复"),
    ('max_ratio = "1/3"', 'max_ratio = "三分之一"', "params.max_ratio（无故缺席比例上限） 应为比例"),
    ("study_day = 5", "study_day = 31", "activity_days.study_day（党员学习日（每月几日）） 应在 1～28 之间"),
    ("percent = 1.5", 'percent = "1.5%"', "dues_standard.brackets.percent（交纳比例（%）） 应为数字"),
    ('tag = "党建专题研究"', 'tag = ""', "jx-03-party-building 的字段 params.tag（会议标签） 应为文字"),
])
def test_other_mistakes_are_named(old, new, message):
    assert old in JIAXING
    with pytest.raises(ProfileError, match=r"第 \d+ 行：.*" + message.replace("(", r"\(")
                       .replace(")", r"\)")):
        parse_profile(JIAXING.replace(old, new, 1), "bad.toml")


def test_every_shipped_profile_loads():
    for path in Path(profiles_dir()).glob("*.toml"):
        if path.stem != "schema":
            assert load_profile(path.stem).rules


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_damaged_profile_is_refused_with_a_message_never_a_crash(data):
    lines = JIAXING.splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "cut", "swap", "junk"]))
        if action == "drop":
            del lines[index]
        elif action == "cut":
            lines[index] = lines[index][:data.draw(st.integers(0, len(lines[index])))]
        elif action == "swap":
            lines[index] = lines[index].replace('"', "", 1).replace("=", "= [", 1)
        else:
            lines[index] = data.draw(st.text(max_size=12))
    try:
        profile = parse_profile("\n".join(lines), "fuzz.toml")
    except ProfileError as exc:
        assert str(exc).startswith("规则档案 fuzz.toml")
        return
    # The damage missed everything checked (a comment, a blank line): what parsed must still be a
    # profile the rules can run on, with known rule types and named, unique rules.
    assert profile.rules
    assert {r.type for r in profile.rules} <= KNOWN_TYPES
    assert all(r.id and r.title and r.source for r in profile.rules)
    assert len({r.id for r in profile.rules}) == len(profile.rules)


def test_lines_in_later_sections_are_found_once_a_check_fails():
    # The check first runs without looking up lines and looks them up only to word a failure.
    text = JIAXING.replace('kind = "from_ledger"\ndata = "cadres"\n', 'kind = "from_ledger"\n', 1)
    header = _line_of(text, 'id = "jx18-02"') - 1            # its [[disclosure.items]] line
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "bad.toml")
    assert str(caught.value) == (f"规则档案 bad.toml 第 {header} 行：公开事项 jx18-02 取自账本，"
                                 "须填写 data（取自账本的数据）")
    text = JIAXING.replace('id = "study-notes"', 'id = "study-day"', 1)
    second = _line_of(text, 'title = "学习笔记、心得体会"') - 3  # the second item's header
    with pytest.raises(ProfileError, match=rf"^规则档案 bad.toml 第 {second} 行：考评项目代码 study-day 重复$"):
        parse_profile(text, "bad.toml")
    text = JIAXING.replace('board = "党务"', 'board = "党务"\nboard_colour = "红"', 1)
    field = _line_of(text, "board_colour")
    with pytest.raises(ProfileError, match=rf"^规则档案 bad.toml 第 {field} 行：字段 "
                                           r"disclosure\.items\.board_colour 无法识别"):
        parse_profile(text, "bad.toml")
