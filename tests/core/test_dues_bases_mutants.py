"""The year's base sheet (党费基数表): in pinyin order of the names, one line per member due that
year with their own id, category, income and amount; a member with no month due that year is
left out without ending the sheet (mutation survivors of `dues/bases`, issue #17)."""
from desktop_app.core import members, orgs
from desktop_app.core.dues import ledger
from desktop_app.core.dues.bases import BaseLine, base_sheet
from desktop_app.core.members import Member
from desktop_app.core.rules.profile import load_profile

STANDARD = load_profile("national-2018").dues_standard


def test_the_sheet_is_in_pinyin_order_with_each_members_own_base(store):
    """Added 张一 (zy), 李二 (le), 王三 (ws), 赵四 (zs): the sheet reads le, ws, zs, zy — not the
    order they were added in, nor the code-point order of the names (张 < 李 < 王 < 赵)."""
    org = orgs.create(store, "B", "测试党支部", "党支部")
    ids = {n: members.add(store, Member(name=n, joined_on="2001-07-01"), org, since="2001-07-01")
           for n in ("张一", "李二", "王三", "赵四")}
    ledger.set_base(store, STANDARD, ids["李二"], 2026, "在职", 400000)       # 4000 × 1 % = 40.00
    ledger.set_base(store, STANDARD, ids["王三"], 2026, "学生")
    ledger.set_base(store, STANDARD, ids["赵四"], 2026, "在职", 300000)       # 3000 × 0.5 % = 15.00
    assert base_sheet(store, STANDARD, org, 2026) == [
        BaseLine(ids["李二"], "李二", "在职", 400000, 4000, "月收入4000.00元，按1%"),
        BaseLine(ids["王三"], "王三", "学生", None, 20, "学生，每月0.20元起"),
        BaseLine(ids["赵四"], "赵四", "在职", 300000, 1500, "月收入3000.00元，按0.5%"),
        BaseLine(ids["张一"], "张一", None, None, None, "尚未核定"),
    ]


def test_a_member_with_no_month_due_that_year_is_left_out_and_the_rest_follow(store):
    """安一 (ay, first in pinyin order) belongs to the branch from 2026 but joined the Party only
    in 2027: nothing is due in 2026, so no line; 白二 (be) after them is still listed."""
    org = orgs.create(store, "B", "测试党支部", "党支部")
    later = members.add(store, Member(name="安一", joined_on="2027-03-01"), org, since="2026-01-01")
    other = members.add(store, Member(name="白二", joined_on="2001-07-01"), org, since="2026-01-01")
    assert later in ledger.members_by_month(store, org, "2026-01", "2026-12")
    assert base_sheet(store, STANDARD, org, 2026) == [
        BaseLine(other, "白二", None, None, None, "尚未核定")]
