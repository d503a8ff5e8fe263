"""ID numbers: every weight, each refusal's exact words, and the fields read from the number.

332521 19881229 157: no digit of the first 17 is 0, so each weight counts. Weighted sum by hand:
3·7+3·9+2·10+5·5+2·8+1·4+1·2+9·1+8·6+8·3+1·7+2·9+2·10+9·5+1·8+5·4+7·2 = 328 = 29·11 + 9 → '3'.
"""
import pytest

from desktop_app.core.idcard import (IdNumberError, birth_date_of, check_digit, mask,
                                     normalise_id_number, sex_of)

ALL_NONZERO = "332521198812291573"
SHAPE = "身份证号应为 18 位（前 17 位数字，最后一位数字或 X）"


def test_every_weight_counts():
    assert check_digit(ALL_NONZERO[:17]) == "3"
    assert normalise_id_number(ALL_NONZERO) == ALL_NONZERO


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_is_none(value):
    assert normalise_id_number(value) is None


def test_spaces_anywhere_are_dropped_and_x_is_upper_case():
    assert normalise_id_number(" 332521 19881229 1573 ") == ALL_NONZERO
    assert normalise_id_number("33040219850610004x") == "33040219850610004X"


def test_full_width_digits_from_a_chinese_input_method_are_read():
    """Found while pinning the shape for mutation tests: `\\d` also matched ３ and ٣, and a
    full-width digit was stored as typed."""
    assert normalise_id_number("３３２５２１１９８８１２２９１５７３") == ALL_NONZERO
    assert normalise_id_number("33040219850610004Ｘ") == "33040219850610004X"


def _refusal(value) -> str:
    with pytest.raises(IdNumberError) as err:
        normalise_id_number(value)
    return str(err.value)


@pytest.mark.parametrize("value", [332521198812291573, 3.32521198812292e17])
def test_numbers_from_excel_are_refused(value):
    assert _refusal(value) == "身份证号被 Excel 存成了数字，末几位可能已丢失；请把该列设为“文本”后重新录入"


@pytest.mark.parametrize("value", ["3.32521E+17", "3.32521e+17"])
def test_scientific_notation_is_refused(value):
    assert _refusal(value) == "身份证号被 Excel 显示成科学计数法，号码已丢失；请把该列设为“文本”后重新录入"


@pytest.mark.parametrize("value", [True, "33252119881229157", "3325211988122915730", "33252119881229X573",
                                   "33252119881229157Y", "33252119881229157٣"])     # Arabic-Indic 3 is not a digit here
def test_wrong_shapes_are_refused(value):
    assert _refusal(value) == SHAPE


@pytest.mark.parametrize("value", ["332521198802301573", "332521198813011573", "332521198812001573",
                                   "332521190002291573"])     # 1900 was not a leap year
def test_birth_dates_that_do_not_exist_are_refused(value):
    assert _refusal(value) == "身份证号中的出生日期不存在"


def test_a_wrong_check_digit_is_named():
    assert _refusal("332521198812291574") == "身份证号校验位不对，请核对是否输错"


def test_fields_read_from_the_number():
    assert birth_date_of(ALL_NONZERO) == "1988-12-29"
    assert sex_of(ALL_NONZERO) == "男"                 # 17th digit 7
    assert sex_of("33040219850610004X") == "女"        # 17th digit 4
    assert sex_of("330402198506100007") == "女"        # 17th digit 0
    assert mask(ALL_NONZERO) == "332***********1573"
    assert mask(None) == "" and mask("") == ""
