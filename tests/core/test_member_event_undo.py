"""撤销变动: the latest event taken back leaves the member exactly as before it (roster row and
memberships), with the reason in the audit log; earlier events and bad requests are refused."""
import pytest

from desktop_app.core import members, orgs
from desktop_app.core.member_event_undo import withdraw_latest
from desktop_app.core.members import Member
from desktop_app.core.store import StoreError, audit


@pytest.fixture
def branch(store):
    branch = orgs.create(store, "B1", "第一党支部", "党支部")
    other = orgs.create(store, "B2", "第二党支部", "党支部")
    member = members.add(store, Member("张三", joined_on="2024-05-01"), branch, since="2024-05-01")
    return branch, other, member


def state(store, member_id):
    row = store.get("members", member_id)
    stays = [(r["org_id"], r["start_on"], r["end_on"]) for r in store.query(
        "SELECT org_id, start_on, end_on FROM memberships WHERE member_id = ? ORDER BY id",
        [member_id])]
    return row["status"], row["is_mobile"], row["confirmed_on"], stays


def test_each_kind_is_taken_back_to_the_state_before(store, branch):
    branch_id, other, member = branch
    start = state(store, member)
    members.record_event(store, member, "流动外出", "2025-03-01", place="杭州", reason="务工",
                         contact="13800000000", reported_on="2025-03-01")
    away = state(store, member)
    assert away[1] == 1
    members.record_event(store, member, "转出", "2025-06-30", counterpart="杭州某党支部")
    assert state(store, member)[0] == "转出"
    assert withdraw_latest(store, member, "误录：并未转出") == "2025-06-30 转出"
    assert state(store, member) == away                                   # still away, still here
    assert withdraw_latest(store, member, "外出日期登记错") == "2025-03-01 流动外出"
    assert state(store, member) == start
    members.move(store, member, other, "2025-08-01")
    assert withdraw_latest(store, member, "调错支部") == "2025-08-01 调整组织"
    assert state(store, member) == start
    members.record_event(store, member, "转正", "2025-05-01")
    assert state(store, member)[2] == "2025-05-01"
    withdraw_latest(store, member, "转正日期待支部大会讨论")
    assert state(store, member) == start
    assert store.query("SELECT * FROM member_events") == []
    assert audit.verify(store.conn).ok


def test_a_transfer_back_in_is_taken_back(store, branch):
    branch_id, other, member = branch
    members.record_event(store, member, "转出", "2025-06-30", counterpart="城西社区党支部")
    left = state(store, member)
    members.record_event(store, member, "转入", "2025-09-01", to_org_id=other,
                         counterpart="城西社区党支部")
    assert withdraw_latest(store, member, "转入支部选错") == "2025-09-01 转入"
    assert state(store, member) == left


def test_refusals_name_the_problem_and_change_nothing(store, branch):
    _, _, member = branch
    with pytest.raises(StoreError, match="张三 没有可撤销的变动"):
        withdraw_latest(store, member, "误录")
    members.record_event(store, member, "转出", "2025-06-30", counterpart="某党支部")
    with pytest.raises(StoreError, match="撤销变动须填写原因"):
        withdraw_latest(store, member, "  ")
    store.seal_through("2025-06-30", "上半年已报送")                  # the reason makes it a correction
    assert withdraw_latest(store, member, "误录") == "2025-06-30 转出"
    last = store.query_one("SELECT action, reason FROM audit_log ORDER BY id DESC LIMIT 1")
    assert (last["action"], last["reason"]) == ("delete", "误录")


def test_the_transfer_that_brought_a_member_in_is_not_taken_back(store, branch):
    branch_id, _, _ = branch
    newcomer = members.add(store, Member("李四", joined_on="2010-03-01", confirmed_on="2011-03-01"),
                           branch_id, since="2025-04-01", transfer_from="城西社区党支部")
    before = state(store, newcomer)
    with pytest.raises(StoreError, match="唯一的组织关系，不能撤销"):
        withdraw_latest(store, newcomer, "误录")
    assert state(store, newcomer) == before
    assert len(store.query("SELECT * FROM member_events")) == 1
