"""The year's members as the book's 花名册 and the 台账 print them: everyone who belonged during the
year, in roster order (the pinyin initials stored with each name, surnames read as surnames),
with category, 党小组 and the year's changes."""
import pytest

from desktop_app.core import members, orgs
from desktop_app.core.exports import year_facts
from desktop_app.core.members import Member
from tests.core.meetings_helpers import build_branch


@pytest.fixture
def branches(store):
    """A 党委 with two 党支部: (党委, 东区, 西区)."""
    committee = orgs.create(store, "WY", "街道党委", "党委")
    return (committee, orgs.create(store, "E", "东区党支部", "党支部", committee),
            orgs.create(store, "W", "西区党支部", "党支部", committee))


def member_since_2020(store, name: str, org_id: int) -> int:
    """A 正式党员 (入党 2001) who has belonged to `org_id` since 2020."""
    return members.add(store, Member(name, joined_on="2001-07-01", confirmed_on="2002-07-01"),
                       org_id, since="2020-01-01")


def test_year_members_in_roster_order_with_their_year(store):
    br = build_branch(store)
    # 曾 is read zēng as a surname (pypinyin alone says céng, which would put 曾洋 before 李四).
    members.add(store, Member("曾洋", gender="男", joined_on="2012-01-01", confirmed_on="2013-01-01"),
                br.group1, since="2020-01-01")
    members.add(store, Member("陈一", gender="女", joined_on="2012-01-01", confirmed_on="2013-01-01"),
                br.branch, since="2020-01-01")
    members.add(store, Member("周九", gender="女", joined_on="2025-08-01"), br.group2)
    found = [(m.name, m.gender, m.category, m.group, m.note)
             for m in year_facts.year_members(store, br.branch, 2025)]
    assert found == [
        ("陈一", "女", "正式党员", "", ""),                       # cy, in the branch itself
        ("李四", "", "正式党员", "第1党小组", ""),                 # ls
        ("钱七", "", "正式党员", "第2党小组", "2月1日转出"),        # qq, left during the year
        ("孙八", "", "正式党员", "第2党小组", ""),                 # sb, came in April
        ("王芳", "", "正式党员", "第2党小组", "5月10日转正"),       # wf, 预备 until May
        ("周九", "女", "预备党员", "第2党小组", "8月1日接收预备党员"),  # zj
        ("赵六", "", "正式党员", "第1党小组", ""),                 # zl, moved to 第1 in March
        ("张三", "", "正式党员", "第1党小组", ""),                 # zs
        ("曾洋", "男", "正式党员", "第1党小组", ""),               # zy
    ]


def test_a_move_between_branches_is_the_years_change_of_both_books(store, branches):
    """调整组织 from one 党支部 to another: the old branch's book says 调出, the new one's 调入, on
    the day of the move; the 党委 holding both sees no change of its 党员队伍, and neither does a
    branch whose member only changes 党小组."""
    committee, east, west = branches
    east_group = orgs.create(store, "E-1", "东区第1党小组", "党小组", east)
    mover = members.add(store, Member("何明", joined_on="2001-07-01", confirmed_on="2002-07-01"),
                        east_group, since="2020-01-01")
    stayer = members.add(store, Member("林红", joined_on="2003-07-01", confirmed_on="2004-07-01"),
                         east_group, since="2020-01-01")
    members.move(store, stayer, east, "2025-04-01")
    members.move(store, mover, west, "2025-06-01")

    def seen(org_id):
        return ([(m.name, m.note) for m in year_facts.year_members(store, org_id, 2025)],
                [(c.on_date, c.kind, c.name) for c in year_facts.changes(store, org_id, 2025)])

    assert seen(east) == ([("何明", "6月1日调出"), ("林红", "")],
                          [("2025-06-01", "调出", "何明")])
    assert seen(west) == ([("何明", "6月1日调入")], [("2025-06-01", "调入", "何明")])
    assert seen(committee) == ([("何明", ""), ("林红", "")], [])
    assert [(m.name, m.note) for m in year_facts.year_members(store, west, 2026)] == [("何明", "")]


def test_a_transfer_out_after_a_move_is_only_the_new_branchs_change(store, branches):
    """何明 moves from 东区 to 西区 on 4月1日 and transfers out of 西区 on 10月1日: the 转出 is a
    change of 西区 (and of the 党委), never of 东区, which he had already left."""
    committee, east, west = branches
    mover = member_since_2020(store, "何明", east)
    members.move(store, mover, west, "2025-04-01")
    members.record_event(store, mover, "转出", "2025-10-01", place="外省")

    def seen(org_id):
        return ([(m.name, m.note) for m in year_facts.year_members(store, org_id, 2025)],
                [(c.on_date, c.kind) for c in year_facts.changes(store, org_id, 2025)])

    assert seen(east) == ([("何明", "4月1日调出")], [("2025-04-01", "调出")])
    assert seen(west) == ([("何明", "4月1日调入；10月1日转出")],
                          [("2025-04-01", "调入"), ("2025-10-01", "转出")])
    assert seen(committee) == ([("何明", "10月1日转出")], [("2025-10-01", "转出")])


def test_a_member_admitted_before_a_move_is_the_old_branchs_new_member(store, branches):
    """甲一 is admitted by 东区 on 2月1日 and moved to 西区 on 6月1日: 接收预备党员 is 东区's change;
    西区 only sees 6月1日调入."""
    committee, east, west = branches
    admitted = members.add(store, Member("甲一", joined_on="2025-02-01"), east)
    members.move(store, admitted, west, "2025-06-01")
    assert [(c.on_date, c.kind) for c in year_facts.changes(store, east, 2025)] == [
        ("2025-02-01", "接收预备党员"), ("2025-06-01", "调出")]
    assert [(c.on_date, c.kind) for c in year_facts.changes(store, west, 2025)] == [
        ("2025-06-01", "调入")]
    assert [(c.on_date, c.kind) for c in year_facts.changes(store, committee, 2025)] == [
        ("2025-02-01", "接收预备党员")]


def test_a_second_move_the_same_day_starts_where_the_first_ended(store, branches):
    """丁四 is moved 东区 → 西区 and, correcting it, 西区 → 北区 on the same 5月1日: 东区 says one
    调出, 西区 调入 and 调出, 北区 调入 — each book's count still adds up."""
    committee, east, west = branches
    north = orgs.create(store, "N", "北区党支部", "党支部", committee)
    mover = member_since_2020(store, "丁四", east)
    members.move(store, mover, west, "2025-05-01")
    members.move(store, mover, north, "2025-05-01")

    def kinds(org_id):
        return [c.kind for c in year_facts.changes(store, org_id, 2025)]

    assert kinds(east) == ["调出"]
    assert sorted(kinds(west)) == ["调入", "调出"]
    assert kinds(north) == ["调入"]
    assert kinds(committee) == []


def test_the_head_counts_at_the_years_edges_add_up_with_its_changes(store, branches):
    """东区 2025: 何明 moves to 西区 on 1 January (his last day in 东区 is 31 December, so he is
    one of 东区's 年初 and its 调出); 林红 arrives from 西区 on 1 January (a 调入, not 年初);
    周平 transfers out on 31 December (his last day: a 转出, not 年末); 孙亮 left on 31 December
    2024 (2024's change, in neither count). 年初 3 + 调入 1 − 调出 1 − 转出 1 = 年末 2."""
    _, east, west = branches
    ids = {name: member_since_2020(store, name, org) for name, org in
           (("何明", east), ("林红", west), ("周平", east), ("孙亮", east), ("吴刚", east))}
    members.record_event(store, ids["孙亮"], "转出", "2024-12-31", place="外省")
    members.move(store, ids["何明"], west, "2025-01-01")
    members.move(store, ids["林红"], east, "2025-01-01")
    members.record_event(store, ids["周平"], "转出", "2025-12-31", place="外省")
    at_start, at_end = year_facts.head_counts(store, east, 2025)
    assert sorted(m.name for m in at_start) == sorted(["何明", "周平", "吴刚"])
    assert sorted(m.name for m in at_end) == sorted(["林红", "吴刚"])
    assert [(c.on_date, c.kind, c.name) for c in year_facts.changes(store, east, 2025)] == [
        ("2025-01-01", "调出", "何明"), ("2025-01-01", "调入", "林红"),
        ("2025-12-31", "转出", "周平")]


def test_an_arrival_and_a_move_on_one_day_are_counted_once(store, branches):
    """乙三 transfers into 东区 on 1 January and is put into 西区 the same day: 东区 sees 转入 and
    调出, 西区 only 调入 (0 + 1 = 1), the 党委 only 转入. 辰 is admitted by 东区 on 3月1日 and moved
    to 西区 that day: 接收预备党员 is 东区's, 西区 has a 调入."""
    committee, east, west = branches
    arrived = members.add(store, Member("乙三", joined_on="2001-07-01", confirmed_on="2002-07-01"),
                          east, since="2025-01-01", transfer_from="外省某支部")
    members.move(store, arrived, west, "2025-01-01")
    admitted = members.add(store, Member("辰", joined_on="2025-03-01"), east)
    members.move(store, admitted, west, "2025-03-01")

    def kinds(org_id):
        return [(c.name, c.kind) for c in year_facts.changes(store, org_id, 2025)]

    assert kinds(east) == [("乙三", "转入"), ("乙三", "调出"), ("辰", "接收预备党员"), ("辰", "调出")]
    assert kinds(west) == [("乙三", "调入"), ("辰", "调入")]
    assert kinds(committee) == [("乙三", "转入"), ("辰", "接收预备党员")]
    assert [len(m) for m in year_facts.head_counts(store, west, 2025)] == [0, 2]


def test_a_probationer_admitted_elsewhere_is_a_transfer_in_only(store, branches):
    """寅 was admitted on 3月1日 by a branch outside the ledger and transferred into 东区 on
    9月1日: 东区's change is the 转入, not a 接收预备党员 it did not make (0 + 1 = 年末 1)."""
    _, east, _ = branches
    members.add(store, Member("寅", joined_on="2025-03-01"), east, since="2025-09-01",
                transfer_from="外省某支部")
    assert [(c.on_date, c.kind) for c in year_facts.changes(store, east, 2025)] == [
        ("2025-09-01", "转入")]
    assert [len(m) for m in year_facts.head_counts(store, east, 2025)] == [0, 1]
