"""Monthly dues from the profile's standard: every bracket edge, rounding to the fen, fixed amounts."""
import pytest

from desktop_app.core.dues.standard import rate_text, standard_amount_fen
from desktop_app.core.rules.profile import load_profile
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
