"""The disclosure list as profile data: Jiaxing's 14 items of #18 and the other places' lists."""
import pytest

from desktop_app.core.rules.profile import ProfileError, load_profile, parse_profile, profiles_dir

JIAXING = (profiles_dir() / "jiaxing-2016.toml").read_text(encoding="utf-8")


def test_jiaxing_lists_the_fourteen_items_of_requirement_18():
    disclosure = load_profile("jiaxing-2016").disclosure
    assert disclosure.source == "嘉兴经开区55条 第18条"
    listed = disclosure.items
    assert [i.number for i in listed] == list(range(1, 15))
    assert listed[0].title == "党组织及书记党建责任清单"
    assert listed[13].title == "社区公约"
    assert [i.number for i in listed if i.contacts] == [2, 9]
    assert {i.number: i.data for i in listed if i.kind == "from_ledger"} == {
        2: "cadres", 3: "activity_plan", 5: "stars", 6: "pioneer", 7: "commitments"}
    assert {i.number for i in listed if i.board == "居务"} == {8, 11, 12, 13, 14}
    assert (listed[5].every, listed[2].every, listed[11].every) == ("half_year", "year", "on_change")


def test_every_shipped_profile_has_a_list_with_a_source():
    for name in ("national-2018", "tongling-2017", "county-six-star"):
        disclosure = load_profile(name).disclosure
        assert disclosure.items and disclosure.source
    assert load_profile("county-six-star").disclosure.items[0].every == "quarter"


def test_a_profile_without_a_list_still_loads():
    start = JIAXING.index("[disclosure]")
    assert parse_profile(JIAXING[:start]).disclosure is None


def test_a_ledger_item_must_name_its_data():
    broken = JIAXING.replace('data = "cadres"\n', "", 1)
    with pytest.raises(ProfileError) as error:
        parse_profile(broken, "x.toml")
    headers = [n for n, text in enumerate(broken.splitlines(), 1) if text == "[[disclosure.items]]"]
    line = headers[1]     # the second item's header
    assert "公开事项 jx18-02 取自账本，须填写 data" in str(error.value)
    assert f"第 {line} 行" in str(error.value)


def test_bad_frequency_and_duplicate_numbers_are_named():
    with pytest.raises(ProfileError, match="disclosure.items.every（更新频率） 的取值“每周”不在允许范围内"):
        parse_profile(JIAXING.replace('every = "on_change"', 'every = "每周"', 1))
    with pytest.raises(ProfileError, match="公开事项的序号 1 重复"):
        parse_profile(JIAXING.replace("number = 2\n", "number = 1\n", 1))
