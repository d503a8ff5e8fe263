"""Amounts typed in 元 become integer fen; unreadable or impossible amounts are refused in Chinese."""
import pytest

from desktop_app.core.dues.money import parse_yuan
from desktop_app.core.store import StoreError


@pytest.mark.parametrize("text,fen", [
    ("4000", 400000),
    ("4,000", 400000),
    ("4，000", 400000),
    ("12.5元", 1250),
    (" 4000.50 ", 400050),
    ("0", 0),
    ("0.01", 1),
])
def test_amounts_in_yuan_become_fen(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", [None, "", "   "])
def test_empty_is_none(text):
    assert parse_yuan(text) is None


def test_unreadable_amount_names_the_field_and_the_text():
    with pytest.raises(StoreError) as err:
        parse_yuan("四千", "月收入")
    assert str(err.value) == "月收入“四千”无法识别，请写成如 4000 或 4000.50"
    with pytest.raises(StoreError) as err:
        parse_yuan("abc")
    assert str(err.value) == "金额“abc”无法识别，请写成如 4000 或 4000.50"


@pytest.mark.parametrize("text", ["1.234", "-1", "-0.01"])
def test_more_than_two_decimals_or_negative_is_refused(text):
    with pytest.raises(StoreError) as err:
        parse_yuan(text, "实缴")
    assert str(err.value) == f"实缴“{text}”应为不小于 0 的元数，最多两位小数"
