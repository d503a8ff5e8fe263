"""The [pioneer] and [standard] sections of a profile: read as data, mistakes named with lines."""
import pytest

from desktop_app.core.rules.profile import ProfileError, load_profile, parse_profile, profiles_dir

JIAXING = (profiles_dir() / "jiaxing-2016.toml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_every_shipped_profile_has_a_sheet_with_the_six_categories_and_red_lines():
    for profile_id in ("jiaxing-2016", "national-2018", "county-six-star", "tongling-2017"):
        sheet = load_profile(profile_id).pioneer
        assert {"理论学习", "组织生活", "志愿服务", "先锋承诺", "纪律作风"} <= set(sheet.categories)
        assert sheet.red_lines and sheet.fail_grade == "不合格"


def test_jiaxing_sheet_numbers_are_data():
    sheet = load_profile("jiaxing-2016").pioneer
    three_one = sheet.item("three-one")
    assert (three_one.per, three_one.cap, three_one.measure) == (3, 12, "meetings_attended")
    assert sheet.item("conduct").entry_min == 5 and sheet.item("conduct").entry_max == 20
    assert [(g.min, g.stars) for g in sheet.grades] == [(96, 5), (90, 4), (80, 3), (70, 2), (60, 1)]
    assert sheet.grade_of(59.5).grade == "不合格" and sheet.grade_of(96).grade == "★★★★★"
    assert sheet.exempt_age == 70


def test_a_ledger_item_without_its_measure_is_named_with_its_line():
    text = JIAXING.replace('measure = "dues_on_time"\n', "", 1)
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "bad.toml")
    header = line_of(text, 'id = "dues"') - 1
    assert f"第 {header} 行" in str(caught.value) and "measure" in str(caught.value)


def test_an_entered_range_beyond_the_cap_is_refused():
    text = JIAXING.replace("entry_min = 5\nentry_max = 20", "entry_min = 5\nentry_max = 30", 1)
    with pytest.raises(ProfileError, match="entry_min～entry_max"):
        parse_profile(text, "bad.toml")


def test_a_standard_item_naming_an_unknown_rule_is_refused_with_its_line():
    text = JIAXING.replace('rules = ["jx-29-recruitment"]', 'rules = ["jx-29-recruit"]', 1)
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "bad.toml")
    where = line_of(text, '"jx-29-recruit"')
    assert f"第 {where} 行" in str(caught.value)
    assert "jx-29-recruit 不在本档案" in str(caught.value)


def test_a_wrong_type_in_a_grade_band_is_named():
    text = JIAXING.replace("min = 96", 'min = "九十六"', 1)
    with pytest.raises(ProfileError, match=r"pioneer\.grades\.min（分数下限（含）） 应为数字"):
        parse_profile(text, "bad.toml")


def test_a_profile_without_the_sections_still_loads():
    head = JIAXING.split("\n[pioneer]")[0]
    profile = parse_profile(head.split("\n[standard]")[0], "plain.toml")
    assert profile.pioneer is None and profile.standard is None and profile.rules
