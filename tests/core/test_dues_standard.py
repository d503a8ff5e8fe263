"""Monthly dues from the profile's standard: every bracket edge, rounding to the fen, fixed amounts."""
import pytest

from desktop_app.core.dues.standard import categories, is_income_based, rate_text, standard_amount_fen
from desktop_app.core.rules.profile import DuesBracket, DuesFixed, DuesStandard, load_profile
from desktop_app.core.store import StoreError

STANDARD = load_profile("national-2018").dues_standard


@pytest.mark.parametrize("category,income_yuan,expected_fen", [
    ("在职", "2000.00", 1000),      # 0.5 %
    ("在职", "3000.00", 1500),      # the bound belongs to the lower bracket
    ("在职", "3000.01", 3000),      # whole income at 1 % (not progressive)
    ("在职", "5000.00", 5000),
    ("在职", "5000.01", 7500),      # 1.5 %
    ("在职", "10000.00", 15000),
    ("在职", "10000.01", 20000),    # 2 %
    ("在职", "1234.57", 617),       # 6.17285 yuan → 6.17
    ("在职", "1235.00", 618),       # 6.175 yuan → half up to 6.18
    ("离退休", "5000.00", 2500),    # 0.5 %
    ("离退休", "5000.01", 5000),    # 1 %
])
def test_income_brackets(category, income_yuan, expected_fen):
    income_fen = int(income_yuan.replace(".", ""))
    assert standard_amount_fen(STANDARD, category, income_fen) == expected_fen


@pytest.mark.parametrize("category", ["学生", "无收入", "生活困难", "农民"])
def test_fixed_small_amounts(category):
    assert standard_amount_fen(STANDARD, category) == 20


def test_income_is_required_for_wage_earners_and_categories_are_checked():
    with pytest.raises(StoreError, match="“在职”党员须填写月收入"):
        standard_amount_fen(STANDARD, "在职")
    with pytest.raises(StoreError, match="没有“个体户”这一类别.*在职、离退休、农民"):
        standard_amount_fen(STANDARD, "个体户", 100000)


def test_rate_text_explains_the_amount():
    assert rate_text(STANDARD, "在职", 400000) == "月收入4000.00元，按1%"
    assert rate_text(STANDARD, "学生", None) == "学生，每月0.20元起"


# Brackets written out of order, without an open-ended one, and a fixed category whose maximum
# differs from its minimum: the order, the ceiling and min-not-max are each checked.
SCRAMBLED = DuesStandard("测试", 1, (
    DuesBracket("在职", None, 200),
    DuesBracket("在职", 100000, 100),
    DuesBracket("在职", 50000, 50),
    DuesBracket("离退休", 80000, 50),
), (DuesFixed("农民", 20, 100), DuesFixed("在职", 999, 999)))


@pytest.mark.parametrize("income_fen,expected_fen", [
    (50000, 250),        # 500.00 yuan at 0.5 %
    (50001, 500),        # 500.01 at 1 % = 5.0001 → 5.00
    (100000, 1000),
    (100001, 2000),      # 1000.01 at 2 % = 20.0002 → 20.00
    (0, 1),              # nothing at 0.5 % rounds to 0: at least one fen
    (1, 1),
    (99, 1),             # 0.495 fen → 0, raised to 1 fen
    (300, 2),            # 1.5 fen → half up to 2
])
def test_brackets_are_sorted_by_their_bound_whatever_the_profile_order(income_fen, expected_fen):
    assert standard_amount_fen(SCRAMBLED, "在职", income_fen) == expected_fen


def test_income_above_every_bound_is_refused_not_guessed():
    assert standard_amount_fen(SCRAMBLED, "离退休", 80000) == 400
    with pytest.raises(StoreError) as err:
        standard_amount_fen(SCRAMBLED, "离退休", 80001)
    assert str(err.value) == "月收入 800.01 元超出“离退休”各档上限，请检查党费标准"


def test_negative_income_is_refused_and_a_fixed_category_pays_its_minimum():
    with pytest.raises(StoreError) as err:
        standard_amount_fen(STANDARD, "在职", -1)
    assert str(err.value) == "“在职”党员须填写月收入（税后工资）"
    assert standard_amount_fen(SCRAMBLED, "农民") == 20
    with pytest.raises(StoreError) as err:
        standard_amount_fen(SCRAMBLED, "学生")
    assert str(err.value) == "党费标准中没有“学生”这一类别（可选：在职、离退休、农民）"


def test_categories_in_profile_order_each_once():
    assert categories(STANDARD) == ["在职", "离退休", "农民", "学生", "无收入", "生活困难"]
    assert categories(SCRAMBLED) == ["在职", "离退休", "农民"]
    assert is_income_based(STANDARD, "离退休") is True
    assert is_income_based(STANDARD, "农民") is False


@pytest.mark.parametrize("category,income_fen,text", [
    ("在职", 300000, "月收入3000.00元，按0.5%"),
    ("在职", 300001, "月收入3000.01元，按1%"),
    ("在职", 1000001, "月收入10000.01元，按2%"),
    ("离退休", 500000, "月收入5000.00元，按0.5%"),
    ("农民", None, "农民，每月0.20元起"),
    ("在职", None, "在职"),                   # income-based but no income: the category alone
    ("个体户", 100000, "个体户"),
])
def test_rate_text_at_the_bracket_edges(category, income_fen, text):
    assert rate_text(STANDARD, category, income_fen) == text


def test_rate_text_sorts_scrambled_brackets():
    assert rate_text(SCRAMBLED, "在职", 50000) == "月收入500.00元，按0.5%"
    assert rate_text(SCRAMBLED, "在职", 100001) == "月收入1000.01元，按2%"
    assert rate_text(SCRAMBLED, "在职", None) == "在职，每月9.99元起"
