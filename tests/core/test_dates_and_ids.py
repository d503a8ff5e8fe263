import pytest

from desktop_app.core.dates import DateFormatError, parse_date
from desktop_app.core.idcard import IdNumberError, check_digit, mask, normalise_id_number


@pytest.mark.parametrize("raw", ["2001-07-01", "2001/7/1", "2001.07.01", "2001年7月1日",
                                 "20010701", 37073, "2001.7.1 "])
def test_date_forms_secretaries_use(raw):
    assert parse_date(raw) == "2001-07-01"


def test_month_only_means_first_of_month():
    assert parse_date("2001.07") == "2001-07-01"
    assert parse_date("2001年7月") == "2001-07-01"


@pytest.mark.parametrize("raw", ["2001-13-01", "2001/2/30", "七月一日", "01/07/2001"])
def test_bad_dates_are_refused_in_chinese(raw):
    with pytest.raises(DateFormatError, match="日期"):
        parse_date(raw)


def test_id_check_digit_and_float_ids():
    assert check_digit("11010519491231002") == "X"
    assert normalise_id_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(IdNumberError, match="Excel"):
        normalise_id_number(1.10105194912310e17)
    with pytest.raises(IdNumberError, match="科学计数法"):
        normalise_id_number("1.10105E+17")
    with pytest.raises(IdNumberError, match="出生日期"):
        normalise_id_number("110105194913310029")
    assert mask("11010519491231002X") == "110***********002X"
