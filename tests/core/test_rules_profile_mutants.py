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
FIXED_ENTRY = '[[dues_standard.fixed]]\ncategory = "农民"\nmin_fen = 20\nmax_fen = 100\n'


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
    text = changed(FIXED_ENTRY + "\n", "", text)
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
    # A list or a plain value where the section's table belongs is named at its key's line.
    text = changed("[activity_days]\nstudy_day = 5\nservice_day = 25\n", "")
    text = changed('source = "测试依据"\n', 'source = "测试依据"\nactivity_days = [1]\n', text)
    assert refusal(text) == "规则档案 t.toml 第 4 行：[activity_days] 应为表"
    text = changed('source = "测试依据"\n', 'source = "测试依据"\ndues_standard = [1]\n',
                   BASE[:BASE.index("[dues_standard]")])
    assert refusal(text) == "规则档案 t.toml 第 4 行：[dues_standard] 应为表"


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
                   changed(FIXED_ENTRY, ""))
    assert refusal(text) == ("规则档案 t.toml 第 12 行：dues_standard.fixed 应写成 [[dues_standard.fixed]] "
                             "表数组")
    rules_start = BASE.index("[[rules]]")
    assert refusal('rules = {id = "r-1"}\n' + BASE[:rules_start]) == (
        "规则档案 t.toml 第 1 行：rules 应写成 [[rules]] 表数组")
    text = changed("base_month = 1\n", "base_month = 1\nbrackets = [1]\n",
                   BASE[:BASE.index("[[dues_standard.brackets]]")])
    assert refusal(text) == "规则档案 t.toml 第 12 行：[dues_standard.brackets] 应为表"
    text = changed("base_month = 1\n", "base_month = 1\nfixed = [1]\n",
                   BASE[:BASE.index("[[dues_standard.fixed]]")])
    assert refusal(text) == "规则档案 t.toml 第 12 行：[dues_standard.fixed] 应为表"
    assert refusal("rules = [1]\n" + BASE[:rules_start]) == "规则档案 t.toml 第 1 行：[rules] 应为表"


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
        "规则档案 t.toml 第 24 行：字段 dues_standard.fixed.min_fen（每月最低（分）） 应不小于 0，现为 -1")


def test_an_inline_entry_has_no_header_and_so_no_line():
    text = changed("base_month = 1\n",
                   'base_month = 1\nfixed = [{category = "农民", min_fen = 50, max_fen = 20}]\n',
                   changed(FIXED_ENTRY, ""))
    assert refusal(text) == ("规则档案 t.toml 字段 dues_standard.fixed.max_fen（每月最高）"
                             "不能小于每月最低")


# --- messages: [[rules]] ----------------------------------------------------------------------
def test_a_rule_id_that_is_no_text_is_not_used_to_name_the_rule():
    assert refusal(changed('id = "r-1"', "id = 5")) == (
        "规则档案 t.toml 第 28 行：字段 id（规则代码） 应为文字，现为 5")


def test_params_written_as_a_value_are_refused_as_not_a_table():
    text = changed('\n[rules.params]\nkinds = ["支部党员大会"]\nwithin_days = 30\n', "params = 5\n")
    assert refusal(text) == "规则档案 t.toml 第 38 行：规则 r-2 的 params 应为表（[rules.params]）"


def test_a_rule_without_params_is_named_at_its_own_header_not_the_next_rules_params():
    text = changed('\n[rules.params]\nkinds = ["支委会"]\nevery = "month"\nmin_attendance = "70%"\n',
                   "")
    assert refusal(text) == "规则档案 t.toml 第 27 行：缺少规则 r-1 的字段 params.every（周期）"


def test_the_last_rule_without_params_is_named_at_its_header():
    text = changed('\n[rules.params]\nkinds = ["支部党员大会"]\nwithin_days = 30\n', "")
    assert refusal(text) == "规则档案 t.toml 第 38 行：缺少规则 r-2 的字段 params.kinds（须传达的会议类型）"


def test_a_field_on_the_last_line_is_found():
    assert refusal(changed("within_days = 30", "within_days = 120")) == (
        "规则档案 t.toml 第 47 行：规则 r-2 的字段 params.within_days（会后传达期限（天）） "
        "应在 1～90 之间，现为 120")


def test_a_quoted_key_that_cannot_be_found_is_named_at_its_table():
    text = changed("within_days = 30", '"within_days" = 120')
    assert refusal(text) == ("规则档案 t.toml 第 45 行：规则 r-2 的字段 params.within_days"
                             "（会后传达期限（天）） 应在 1～90 之间，现为 120")
    # An indented profile: the search stops at the next (indented) header, not at a later key.
    text = changed('every = "month"', '"every" = "fortnight"')
    text = changed("[[rules]]\nid = \"r-2\"", "  [[rules]]\n  id = \"r-2\"", text)
    text = changed('quote = "缺席党员须及时传达"', 'quote = "缺席党员须及时传达"\nevery = "month"', text)
    assert refusal(text).startswith("规则档案 t.toml 第 33 行：规则 r-1 的字段 params.every（周期） "
                                    "的取值“fortnight”不在允许范围内")


def test_a_kind_outside_the_list_is_named_with_every_allowed_kind():
    assert refusal(changed('kinds = ["支委会"]', 'kinds = ["支委会", "茶话会"]')) == (
        "规则档案 t.toml 第 34 行：规则 r-1 的字段 params.kinds（会议类型） 的取值“茶话会”不在允许范围内："
        "支部党员大会、支委会、党小组会、党课、组织生活会、民主评议党员、谈心谈话、主题党日、志愿服务、培训、其他")


def test_a_meeting_rule_must_say_which_meetings_count():
    text = changed('kinds = ["支委会"]\n', "")
    assert refusal(text) == ("规则档案 t.toml 第 33 行：规则 r-1 须至少填写 params.kinds（会议类型）"
                             "或 params.tag（会议标签）之一")


def test_a_participation_rule_must_say_which_activities_count_and_day_kinds_will_do():
    participation = ('type = "member_participation"\n\n[rules.params]\nevery = "year"\ncount = 2\n')
    text = changed('type = "meeting_frequency"\n\n[rules.params]\nkinds = ["支委会"]\n'
                   'every = "month"\nmin_attendance = "70%"\n', participation)
    assert refusal(text) == ("规则档案 t.toml 第 33 行：规则 r-1 须至少填写 params.kinds（会议类型）"
                             "或 params.tag（会议标签）之一")
    text = changed("count = 2\n", 'count = 2\nday_kinds = ["学习日"]\n', text)
    assert parse_profile(text).rule("r-1").params == {"every": "year", "count": 2,
                                                      "day_kinds": ("学习日",)}


def test_a_count_below_a_minimum_without_maximum_is_worded_no_less_than():
    text = changed('every = "month"', 'every = "month"\ncount = 0')
    assert refusal(text) == ("规则档案 t.toml 第 36 行：规则 r-1 的字段 params.count（每周期至少次数） "
                             "应不小于 1，现为 0")


def test_a_duplicate_rule_id_is_named_at_the_second_rules_header():
    assert refusal(changed('id = "r-2"', 'id = "r-1"')) == "规则档案 t.toml 第 38 行：规则代码 r-1 重复"


# --- messages: [disclosure] and [appraisal] -------------------------------------------------
def test_a_missing_disclosure_source_names_its_header_after_the_rules():
    assert refusal(changed('source = "公开依据"\n', "", FULL)) == (
        "规则档案 t.toml 第 49 行：缺少字段 disclosure.source（公开事项依据）")


def test_disclosure_and_appraisal_written_as_lists_are_refused():
    assert refusal("disclosure = [1]\n" + BASE) == "规则档案 t.toml 第 1 行：[disclosure] 应为表"
    assert refusal("appraisal = [1]\n" + BASE) == "规则档案 t.toml 第 1 行：[appraisal] 应为表"


def test_disclosure_items_not_an_array_of_tables_are_refused():
    text = BASE + '\n[disclosure]\nsource = "公开依据"\nitems = {id = "d-1"}\n'
    assert refusal(text) == "规则档案 t.toml 第 51 行：disclosure.items 应写成 [[disclosure.items]] 表数组"
    text = BASE + '\n[disclosure]\nsource = "公开依据"\nitems = [1]\n'
    assert refusal(text) == "规则档案 t.toml 第 51 行：[disclosure.items] 应为表"


def test_duplicate_disclosure_ids_and_numbers_are_named_at_the_second_item():
    assert refusal(changed('id = "d-2"', 'id = "d-1"', FULL)) == (
        "规则档案 t.toml 第 63 行：公开事项的代码 d-1 重复")
    assert refusal(changed("number = 2", "number = 1", FULL)) == (
        "规则档案 t.toml 第 63 行：公开事项的序号 1 重复")


def test_a_missing_appraisal_source_names_its_header():
    assert refusal(changed('source = "评议依据"\n', "", FULL)) == (
        "规则档案 t.toml 第 72 行：缺少字段 appraisal.source（民主评议依据）")


def test_a_step_out_of_range_names_its_line_in_the_second_step():
    assert refusal(changed("days = 30\nsource", "days = 1000\nsource", FULL)) == (
        "规则档案 t.toml 第 83 行：字段 appraisal.handling.days（期限（自本步骤开始，天）） "
        "应在 1～730 之间，现为 1000")
    assert refusal(changed('step = "除名"\n', "", FULL)) == (
        "规则档案 t.toml 第 81 行：缺少字段 appraisal.handling.step（处置步骤）")


def test_appraisal_handling_not_an_array_of_tables_is_refused():
    text = BASE + '\n[appraisal]\nsource = "评议依据"\nhandling = {step = "除名"}\n'
    assert refusal(text) == "规则档案 t.toml 第 51 行：appraisal.handling 应写成 [[appraisal.handling]] 表数组"
    text = BASE + '\n[appraisal]\nsource = "评议依据"\nhandling = [1]\n'
    assert refusal(text) == "规则档案 t.toml 第 51 行：[appraisal.handling] 应为表"


# --- loading by id or path ------------------------------------------------------------------
@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    return tmp_path / "data"


def test_an_unknown_id_lists_the_shipped_choices(data_dir):
    with pytest.raises(ProfileError) as caught:
        load_profile("shanghai")
    assert str(caught.value) == ("没有名为“shanghai”的规则档案（可选：changsha-2015、county-six-star、"
                                 "jiaxing-2016、national-2018、tongling-2017）")


def test_a_profile_left_in_the_data_folders_rules_is_found_by_id(data_dir):
    (data_dir / "rules").mkdir(parents=True)
    (data_dir / "rules" / "t-1.toml").write_text(BASE, encoding="utf-8")
    assert "t-1" in available_ids()
    assert load_profile("t-1").title == "测试档案"


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path / "无此文件.toml")
    assert str(caught.value) == f"找不到规则档案文件 {tmp_path / '无此文件.toml'}"


def test_a_file_changed_since_it_was_read_is_read_again(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(BASE, encoding="utf-8")
    assert load_profile(path).title == "测试档案"
    path.write_text(changed('title = "测试档案"', 'title = "修改后档案"'), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_profile(path).title == "修改后档案"


def test_params_on_the_last_two_lines_are_found():
    # [rules.params] on line 55, months on line 56, the last.
    text = BASE + ('\n[[rules]]\nid = "r-3"\ntitle = "欠费提醒"\nsource = "第3条"\n'
                   'type = "dues_arrears"\n\n[rules.params]\nmonths = 30\n')
    assert refusal(text) == ("规则档案 t.toml 第 56 行：规则 r-3 的字段 params.months（连续未交月数） "
                             "应在 1～24 之间，现为 30")


def test_a_section_written_as_a_plain_value_is_named_as_a_section():
    """`activity_days = 5` is the 活动日 section written wrong, not an unknown field."""
    text = changed("[activity_days]\nstudy_day = 5\nservice_day = 25\n", "")
    text = changed('source = "测试依据"\n', 'source = "测试依据"\nactivity_days = 5\n', text)
    assert refusal(text) == "规则档案 t.toml 第 4 行：[activity_days] 应为表"
    text = changed("base_month = 1\n", "base_month = 1\nbrackets = 3\n",
                   BASE[:BASE.index("[[dues_standard.brackets]]")])
    assert refusal(text) == ("规则档案 t.toml 第 12 行：dues_standard.brackets 应写成 "
                             "[[dues_standard.brackets]] 表数组")


def test_a_misspelt_table_is_refused_not_dropped():
    """A typo in a table's name would otherwise lose everything in it without a word: the
    活动日 section, a 党费 bracket, a rule's params."""
    assert refusal(changed("[activity_days]", "[activty_days]")) == (
        "规则档案 t.toml 第 5 行：字段 activty_days 无法识别（拼写错误？）")
    assert refusal(changed("[[dues_standard.brackets]]\ncategory = \"在职\"",
                           "[[dues_standard.brakets]]\ncategory = \"在职\"")) == (
        "规则档案 t.toml 第 13 行：字段 dues_standard.brakets 无法识别（拼写错误？）")
    assert refusal(changed("base_month = 1\n", "base_month = 1\nactivity_days = [1]\n")) == (
        "规则档案 t.toml 第 12 行：字段 dues_standard.activity_days 无法识别（拼写错误？）")
