import random
from datetime import date

from desktop_app.core.demo.roster import _id_number, _new_id_number


def test_a_demo_member_never_gets_an_id_number_already_drawn():
    birth = date(1970, 5, 6)
    taken = _id_number(random.Random(4), birth, False)
    used = {taken}
    number = _new_id_number(random.Random(4), birth, False, used)   # same draw first, then redrawn
    assert number != taken and number[6:14] == "19700506" and used == {taken, number}
