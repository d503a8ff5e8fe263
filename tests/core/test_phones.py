"""联系电话 as people write them: two numbers in one cell and extensions are kept, in one spelling."""
import pytest

from desktop_app.core import members, phones
from desktop_app.core.members import Member


@pytest.mark.parametrize("written, kept", [
    ("13800000001", "13800000001"),
    ("+86 138 0000 0001", "138 0000 0001"),
    ("(0573)82000000", "0573-82000000"),
    ("13800000001/0573-82000000", "13800000001、0573-82000000"),
    ("13800000001 ／ 13900000002", "13800000001、13900000002"),
    ("13800000001，13900000002；0573-82000000", "13800000001、13900000002、0573-82000000"),
    ("13800000001或13900000002", "13800000001、13900000002"),
    ("0573-82000000转8012", "0573-82000000转8012"),
    ("0573-82000000 分机 8012", "0573-82000000转8012"),
    ("0573-82000000 ext.8012", "0573-82000000转8012"),
    ("0573-82000000x12", "0573-82000000转12"),
    ("13800000001、", "13800000001"),           # a separator left at the end
    ("13800000001 0573-82000000", "13800000001、0573-82000000"),    # spaces only between two
    ("13800000001  82000000转12", "13800000001、82000000转12"),
    ("138 0000 0001", "138 0000 0001"),         # one number in groups
    ("0573 82000000", "0573 82000000"),
    ("13800000001 0001", "13800000001 0001"),   # not two whole numbers: kept as written
])
def test_numbers_as_written_are_kept_in_one_spelling(written, kept):
    assert phones.normal(written) == kept
    assert phones.problem(kept) is None


@pytest.mark.parametrize("written", ["138 0000 000x", "见备注", "转8012",
                                     "0573-82000000转", "-13800000001"])
def test_what_is_not_a_number_is_named(written):
    assert phones.problem(phones.normal(written)) == phones.HINT


def test_the_member_dialog_keeps_two_numbers_too():
    member = Member("张三", joined_on="2005-07-01", phone="13800000001/0573-82000000转12")
    assert members.validate(member) == []
    assert member.phone == "13800000001、0573-82000000转12"
    bad = Member("李四", joined_on="2005-07-01", phone="138 0000 000x")
    assert members.validate(bad) == [("phone", phones.HINT)]
