"""A small hand-written profile, read field by field: every value it carries, and for each kind of
mistake the exact Chinese message with the line it names (mutation survivors of `rules/profile`,
issue #17). Line numbers are counted by hand in the texts below."""
import os
from fractions import Fraction

import pytest

from desktop_app.core import paths
from desktop_app.core.rules.profile import (ActivityDays, AppraisalRules, Disclosure,
                                            DisclosureItem, DuesBracket, DuesFixed, DuesStandard,
                                            HandlingStep, ProfileError, Rule, RuleProfile,
                                            available_ids, load_profile, parse_profile)

# Lines 1-47; the rules' headers are lines 27 and 38, their [rules.params] lines 33 and 45.
BASE = """\
id = "t-1"
title = "测试档案"
source = "测试依据"

[activity_days]
study_day = 5
service_day = 25

[dues_standard]
source = "党费依据"
base_month = 1

[[dues_standard.brackets]]
category = "在职"
up_to_yuan = 3000
percent = 0.5

[[dues_standard.brackets]]
category = "离退休"
percent = 2

[[dues_standard.fixed]]
category = "农民"
min_fen = 20
max_fen = 100

[[rules]]
id = "r-1"
title = "支委会每月至少1次"
source = "第1条"
type = "meeting_frequency"

[rules.params]
kinds = ["支委会"]
every = "month"
min_attendance = "70%"

[[rules]]
id = "r-2"
title = "缺席须传达"
source = "第2条"
quote = "缺席党员须及时传达"
type = "absentees_briefed"

[rules.params]
kinds = ["支部党员大会"]
within_days = 30
"""
# Appended to BASE: [disclosure] on line 49, its items' headers on lines 53 and 63.
DISCLOSURE = """
[disclosure]
source = "公开依据"
quote = "按规定定期公布"

[[disclosure.items]]
id = "d-1"
number = 1
title = "班子成员"
kind = "from_ledger"
data = "cadres"
every = "on_change"
board = "党务"
contacts = true

[[disclosure.items]]
id = "d-2"
number = 2
title = "社区公约"
kind = "entered"
every = "year"
board = "居务"
note = "居务监督委员会审查"
"""
# Appended after DISCLOSURE: [appraisal] on line 72, its steps' headers on lines 76 and 81.
APPRAISAL = """
[appraisal]
source = "评议依据"
quote = "依规处置"

[[appraisal.handling]]
step = "限期改正"
days = 180
source = "党章第九条"

[[appraisal.handling]]
step = "除名"
days = 30
source = "党章第九条"
"""
FULL = BASE + DISCLOSURE + APPRAISAL


def refusal(text: str) -> str:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "t.toml")
    return str(caught.value)


def changed(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --- what a good profile carries ------------------------------------------------------------
def test_every_value_of_the_profile_is_read():
    profile = parse_profile(FULL, "t.toml")
    assert profile == RuleProfile(
        "t-1", "测试档案", "测试依据", ActivityDays(5, 25, None),
        DuesStandard("党费依据", 1, (DuesBracket("在职", 300000, 50), DuesBracket("离退休", None, 200)),
                     (DuesFixed("农民", 20, 100),)),
        (Rule("r-1", "支委会每月至少1次", "第1条", "meeting_frequency",
              {"kinds": ("支委会",), "every": "month", "min_attendance": Fraction(7, 10)}),
         Rule("r-2", "缺席须传达", "第2条", "absentees_briefed",
              {"kinds": ("支部党员大会",), "within_days": 30}, "缺席党员须及时传达")),
        None, None,
        Disclosure("公开依据", (
            DisclosureItem("d-1", 1, "班子成员", "from_ledger", "on_change", "党务", "cadres", True),
            DisclosureItem("d-2", 2, "社区公约", "entered", "year", "居务", None, False,
                           "居务监督委员会审查")), "按规定定期公布"),
        AppraisalRules("评议依据", (HandlingStep("限期改正", 180, "党章第九条"),
                                   HandlingStep("除名", 30, "党章第九条")), "依规处置"))
    assert type(profile.rules[0].params["kinds"]) is tuple


def test_optional_sections_may_be_left_out():
    text = changed("[activity_days]\nstudy_day = 5\nservice_day = 25\n\n", "")
    text = changed('[[dues_standard.fixed]]\ncategory = "农民"\nmin_fen = 20\nmax_fen = 100\n\n', "",
                   text)
    profile = parse_profile(text, "t.toml")
    assert profile.activity_days == ActivityDays(None, None, None)
    assert profile.dues_standard.fixed == ()
    assert (profile.disclosure, profile.appraisal) == (None, None)
    rules_start = BASE.index("[[rules]]")
    assert parse_profile(BASE[:rules_start], "t.toml").rules == ()


def test_a_rule_is_looked_up_by_its_id_and_an_unknown_id_is_named():
    profile = parse_profile(BASE, "t.toml")
    assert profile.rule("r-2").citation == "第2条：“缺席党员须及时传达”"
    with pytest.raises(KeyError) as caught:
        profile.rule("r-9")
    assert caught.value.args == ("r-9",)


def test_a_profile_without_a_name_is_called_a_rule_profile():
    with pytest.raises(ProfileError) as caught:
        parse_profile(changed('id = "t-1"\n', ""))
    assert str(caught.value) == "规则档案 规则档案 缺少字段 id（档案代码）"


# --- fractions ------------------------------------------------------------------------------
@pytest.mark.parametrize("written,read", [('"70%"', Fraction(7, 10)), ('"12.5 %"', Fraction(1, 8)),
                                          ('"2/3"', Fraction(2, 3)), ("0.7", Fraction(7, 10)),
                                          ("0", Fraction(0)), ("1", Fraction(1)),
                                          ('"100%"', Fraction(1))])
def test_a_fraction_is_read_as_a_percentage_a_ratio_or_a_number(written, read):
    profile = parse_profile(changed('min_attendance = "70%"', f"min_attendance = {written}"))
    assert profile.rule("r-1").params["min_attendance"] == read


@pytest.mark.parametrize("written,why", [
    ('"101%"', "应在 0～1 之间，现为 '101%'"), ("1.5", "应在 0～1 之间，现为 1.5"),
    ('"-1/3"', "应在 0～1 之间，现为 '-1/3'"),
    ("true", "应为比例（如 \"1/3\" 或 0.7），现为 True"),
    ('"1/0"', "应为比例（如 \"1/3\" 或 0.7），现为 '1/0'"),
    ("[1]", "应为比例（如 \"1/3\" 或 0.7），现为 [1]"),
    ("2025-01-01", "应为比例（如 \"1/3\" 或 0.7），现为 datetime.date(2025, 1, 1)")])
def test_a_fraction_out_of_range_or_unreadable_is_refused_on_its_line(written, why):
    text = changed('min_attendance = "70%"', f"min_attendance = {written}")
    assert refusal(text) == ("规则档案 t.toml 第 36 行：规则 r-1 的字段 params.min_attendance"
                             f"（到会率下限） {why}")


# --- messages: the top, [activity_days] and the TOML itself -----------------------------------
def test_a_missing_top_field_names_no_line():
    assert refusal(changed('id = "t-1"\n', "")) == "规则档案 t.toml 缺少字段 id（档案代码）"


def test_an_unknown_top_field_names_its_line():
    text = changed('source = "测试依据"\n', 'source = "测试依据"\nsorce = "笔误"\n')
    assert refusal(text) == "规则档案 t.toml 第 4 行：字段 sorce 无法识别（拼写错误？）"


def test_a_day_out_of_range_names_its_own_line_just_below_the_header():
    assert refusal(changed("study_day = 5", "study_day = 31")) == (
        "规则档案 t.toml 第 6 行：字段 activity_days.study_day（党员学习日（每月几日）） "
        "应在 1～28 之间，现为 31")


def test_a_section_written_as_a_list_is_refused():
    # `activity_days = 5` is an unknown top field; a list or table is taken for the section.
    text = changed("[activity_days]\nstudy_day = 5\nservice_day = 25\n", "")
    text = changed('source = "测试依据"\n', 'source = "测试依据"\nactivity_days = [1]\n', text)
    assert refusal(text) == "规则档案 t.toml [activity_days] 应为表"
    text = changed('source = "测试依据"\n', 'source = "测试依据"\ndues_standard = [1]\n',
                   BASE[:BASE.index("[dues_standard]")])
    assert refusal(text) == "规则档案 t.toml [dues_standard] 应为表"


def test_a_missing_dues_standard_points_at_the_end_of_the_file():
    text = BASE[:BASE.index("[dues_standard]")]      # 8 lines
    assert refusal(text) == "规则档案 t.toml 第 8 行：缺少 [dues_standard] 部分"


def test_a_toml_mistake_names_its_line_and_column():
    text = changed('title = "测试档案"', 'title = "测试档案')
    assert refusal(text) == ("规则档案 t.toml 第 2 行第 14 列：TOML 格式错误（Illegal character "
                             "'\\n'），请检查引号、括号和等号")


def test_a_toml_mistake_at_the_end_of_the_file_has_no_line():
    assert refusal(BASE + "kinds = [1,\n") == ("规则档案 t.toml TOML 格式错误（Invalid value "
                                               "(at end of document)），请检查引号、括号和等号")


# --- messages: [dues_standard] ---------------------------------------------------------------
def test_a_missing_dues_field_names_the_sections_line():
    assert refusal(changed('source = "党费依据"\n', "")) == (
        "规则档案 t.toml 第 9 行：缺少字段 dues_standard.source（党费标准依据）")


def test_brackets_written_as_one_table_name_its_header():
    text = changed("[[dues_standard.brackets]]\ncategory = \"离退休\"\npercent = 2\n\n", "")
    text = changed("[[dues_standard.brackets]]", "[dues_standard.brackets]", text)
    assert refusal(text) == ("规则档案 t.toml 第 13 行：dues_standard.brackets 应写成 "
                             "[[dues_standard.brackets]] 表数组")


def test_lists_that_are_not_arrays_of_tables_are_refused():
    text = changed("base_month = 1\n", "base_month = 1\nfixed = {category = \"农民\"}\n",
                   changed('[[dues_standard.fixed]]\ncategory = "农民"\nmin_fen = 20\nmax_fen = 100\n',
                           ""))
    assert refusal(text) == ("规则档案 t.toml dues_standard.fixed 应写成 [[dues_standard.fixed]] "
                             "表数组")
    rules_start = BASE.index("[[rules]]")
    assert refusal('rules = {id = "r-1"}\n' + BASE[:rules_start]) == (
        "规则档案 t.toml rules 应写成 [[rules]] 表数组")
    text = changed("base_month = 1\n", "base_month = 1\nbrackets = [1]\n",
                   BASE[:BASE.index("[[dues_standard.brackets]]")])
    assert refusal(text) == "规则档案 t.toml [dues_standard.brackets] 应为表"
    text = changed("base_month = 1\n", "base_month = 1\nfixed = [1]\n",
                   BASE[:BASE.index("[[dues_standard.fixed]]")])
    assert refusal(text) == "规则档案 t.toml [dues_standard.fixed] 应为表"
    assert refusal("rules = [1]\n" + BASE[:rules_start]) == "规则档案 t.toml [rules] 应为表"


def test_a_percent_with_three_decimals_names_its_bracket():
    assert refusal(changed("percent = 0.5", "percent = 0.555")) == (
        "规则档案 t.toml 第 13 行：字段 dues_standard.brackets.percent（交纳比例）最多两位小数")


def test_a_percent_with_two_decimals_is_kept_in_basis_points():
    profile = parse_profile(changed("percent = 0.5", "percent = 0.55"))
    assert profile.dues_standard.brackets[0] == DuesBracket("在职", 300000, 55)


def test_a_fixed_maximum_below_its_minimum_names_the_entry():
    assert refusal(changed("max_fen = 100", "max_fen = 19")) == (
        "规则档案 t.toml 第 22 行：字段 dues_standard.fixed.max_fen（每月最高）不能小于每月最低")
    assert parse_profile(changed("max_fen = 100", "max_fen = 20")).dues_standard.fixed == (
        DuesFixed("农民", 20, 20),)


def test_a_wrong_type_in_a_fixed_entry_names_the_field():
    assert refusal(changed("min_fen = 20", 'min_fen = "二十"')) == (
        "规则档案 t.toml 第 24 行：字段 dues_standard.fixed.min_fen（每月最低（分）） 应为整数，现为 '二十'")


def test_a_minimum_only_range_is_worded_with_an_open_end():
    assert refusal(changed("min_fen = 20", "min_fen = -1")) == (
        "规则档案 t.toml 第 24 行：字段 dues_standard.fixed.min_fen（每月最低（分）） 应在 0～ 之间，现为 -1")


def test_an_inline_entry_has_no_header_and_so_no_line():
    text = changed('[[dues_standard.fixed]]\ncategory = "农民"\nmin_fen = 20\nmax_fen = 100\n', "")
    text = changed("base_month = 1\n",
                   'base_month = 1\nfixed = [{category = "农民", min_fen = 50, max_fen = 20}]\n', text)
    assert refusal(text) == ("规则档案 t.toml 字段 dues_standard.fixed.max_fen（每月最高）"
                             "不能小于每月最低")
