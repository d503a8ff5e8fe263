import pytest

from desktop_app.core import members, orgs
from desktop_app.core.members import Member
from desktop_app.core.store import StoreError, audit


@pytest.fixture
def branch(store):
    root = orgs.create(store, "R", "城东社区党委", "党委")
    branch = orgs.create(store, "B1", "第一党支部", "党支部", root)
    group_a = orgs.create(store, "B1-1", "第一党小组", "党小组", branch)
    group_b = orgs.create(store, "B1-2", "第二党小组", "党小组", branch)
    return branch, group_a, group_b


def test_initials_let_zs_find_zhang_san():
    assert members.initials("张三") == "zs"
    assert members.initials("欧阳娜娜") == "oynn"


def test_validation_names_each_problem():
    m = Member(name=" ", birth_date="1990-02-30", id_number="110105199001011234",
               joined_on="2010年7月1日", confirmed_on="2009.07")
    fields = dict(members.validate(m))
    assert fields["name"] == "姓名不能为空"
    assert "不存在的日期" in fields["birth_date"]
    assert "校验位" in fields["id_number"]
    assert fields["confirmed_on"] == "转正日期不能早于入党日期"
    assert m.joined_on == "2010-07-01"


def test_expected_on_follows_membership_over_time(store, branch):
    branch_id, group_a, group_b = branch
    early = members.add(store, Member("张三", joined_on="2000-07-01"), group_a, since="2020-01-01")
    late = members.add(store, Member("李四", joined_on="2024-03-01"), group_b)
    leaver = members.add(store, Member("王五", joined_on="1990-01-01"), group_a, since="2020-01-01")
    members.record_event(store, leaver, "转出", "2024-06-30", place="外省")
    members.move(store, early, group_b, "2024-05-01")

    def names(org_id, day):
        return sorted(m.name for m in members.expected_on(store, org_id, day))

    assert names(branch_id, "2024-01-05") == ["张三", "王五"]
    assert names(branch_id, "2024-03-05") == ["张三", "李四", "王五"]
    assert names(branch_id, "2024-07-05") == ["张三", "李四"]
    assert names(group_a, "2024-04-30") == ["张三", "王五"]
    assert names(group_a, "2024-05-01") == ["王五"]
    assert names(group_b, "2024-05-01") == ["张三", "李四"]
    assert members.get(store, leaver).status == "转出"
    assert members.days_belonged(store, leaver, branch_id, "2024-01-01", "2024-12-31") == 182
    assert audit.verify(store.conn).ok


def test_category_changes_at_confirmation(store, branch):
    _, group_a, _ = branch
    member_id = members.add(store, Member("赵六", joined_on="2024-03-01"), group_a)
    member = members.get(store, member_id)
    assert member.category_on("2024-06-01") == "预备党员"
    members.record_event(store, member_id, "转正", "2025-03-01")
    member = members.get(store, member_id)
    assert member.category_on("2025-02-28") == "预备党员"
    assert member.category_on("2025-03-01") == "正式党员"
    assert member.category_on("2024-02-01") is None


def test_mobile_member_and_transfer_in(store, branch):
    branch_id, group_a, _ = branch
    member_id = members.add(store, Member("钱七", joined_on="2001-07-01"), group_a, since="2010-01-01")
    members.record_event(store, member_id, "流动外出", "2024-02-01", place="杭州", reason="务工",
                         contact="13800000000")
    assert members.get(store, member_id).is_mobile
    members.record_event(store, member_id, "转出", "2024-08-01")
    members.record_event(store, member_id, "转入", "2025-01-01", to_org_id=group_a)
    assert members.get(store, member_id).status == "在册"
    assert [m.name for m in members.expected_on(store, branch_id, "2024-10-01")] == []
    assert [m.name for m in members.expected_on(store, branch_id, "2025-01-02")] == ["钱七"]


def test_add_refuses_invalid_member_and_saves_nothing(store, branch):
    _, group_a, _ = branch
    with pytest.raises(StoreError, match="身份证号"):
        members.add(store, Member("孙八", id_number="12345", joined_on="2001-07-01"), group_a)
    assert store.query("SELECT * FROM members") == []


def test_roster_shows_current_org_and_category(demo_store):
    rows = members.roster(demo_store, "2025-12-31")
    assert len(rows) == 40
    assert all(r.org_name for r in rows)
    assert {r.category for r in rows} <= {"正式党员", "预备党员", "—"}
    assert rows == sorted(rows, key=lambda r: (r.name_initials, r.name))


def test_one_roster_line_after_an_edit(store, branch):
    _, group_a, _ = branch
    member_id = members.add(store, Member("张三", gender="男", joined_on="2020-07-01",
                                         confirmed_on="2021-07-01", phone="13900000000"),
                            group_a, since="2020-07-01")
    names = members.org_names(store)

    def line(on_date, who=member_id):
        return [members.as_row(one, names, on_date)
                for one in members.roster_lines(store, on_date, who)]
    [row] = line("2021-01-01")
    assert (row.name, row.org_name, row.category, row.status, row.phone) == \
        ("张三", "第一党小组", "预备党员", "在册", "13900000000")
    assert line("2021-07-01")[0].category == "正式党员"
    assert line("2021-07-01", member_id + 1) == []


def test_an_id_number_belongs_to_one_member(store, branch):
    _, group_a, _ = branch
    members.add(store, Member("张三", id_number="11010519491231002X", joined_on="1970-07-01"), group_a)
    other = Member("李四", id_number="11010519491231002X", joined_on="1980-07-01")
    with pytest.raises(StoreError, match="已登记在张三名下"):
        members.add(store, other, group_a)
    zhang = members.get(store, 1)
    zhang.phone = "13800000000"
    members.save(store, zhang)  # saving a member with their own ID number is fine
    saved = members.get(store, 1)
    assert (saved.phone, saved.id_number) == ("13800000000", "11010519491231002X")
