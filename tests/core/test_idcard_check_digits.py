"""Every one of GB 11643's eleven check digits, pinned by IDs worked out by hand.

The weighted sum S of the first 17 digits (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) gives
the check digit by S mod 11: 0→1, 1→0, 2→X, 3→9, 4→8, 5→7, 6→6, 7→5, 8→4, 9→3, 10→2. Test IDs
made with the project's own `check_digit` would agree with a wrong table, so these are literals.
"""
import pytest

from desktop_app.core.idcard import IdNumberError, check_digit, normalise_id_number

# (S mod 11, a valid ID whose first 17 digits give that remainder)
PINNED = [
    (0, "330402198506100031"),   # S = 220
    (1, "330402198506100090"),
    (2, "33040219850610004X"),
    (3, "330402198506100189"),
    (4, "330402198506100058"),
    (5, "330402198506100007"),
    (6, "330402198506100066"),
    (7, "330402198506100015"),
    (8, "330402198506100074"),
    (9, "330402198506100023"),
    (10, "330402198506100082"),
]


@pytest.mark.parametrize("remainder, id_number", PINNED)
def test_each_check_digit_value(remainder, id_number):
    assert check_digit(id_number[:17]) == id_number[17]
    assert normalise_id_number(id_number) == id_number


@pytest.mark.parametrize("remainder, id_number", PINNED)
def test_every_other_last_character_is_refused(remainder, id_number):
    for wrong in "0123456789X":
        if wrong != id_number[17]:
            with pytest.raises(IdNumberError):
                normalise_id_number(id_number[:17] + wrong)


def test_the_pinned_ids_cover_all_eleven_digits():
    assert sorted(i[17] for _, i in PINNED) == sorted("0123456789X")
