from collections import Counter

from desktop_app.core import dashboard, orgs
from desktop_app.core.meetings import attendance

TODAY = "2025-12-31"


def test_counts_for_month_quarter_and_year(demo_store):
    """Literal counts for the seed-7 demo on 2025-12-31 (not the engine the board calls)."""
    root = orgs.root(demo_store).id
    board = dashboard.build(demo_store, root, TODAY)
    expected = {"本月": {"达标": 31, "即将到期": 11},
                "本季度": {"达标": 31, "缺失": 1, "即将到期": 9, "逾期": 1},
                "本年": {"达标": 30, "缺失": 8, "即将到期": 2, "逾期": 2}}
    for scope, counts in expected.items():
        assert {s: n for s, n in board.counts(scope).items() if n} == counts


def test_todo_names_the_records_it_is_about(demo_store):
    root = orgs.root(demo_store).id
    board = dashboard.build(demo_store, root, TODAY)
    kinds = Counter(item.kind for item in board.todo)
    assert set(kinds) >= {"活动日", "政治生日", "传达"}
    for item in board.todo:
        if item.kind == "政治生日":
            member = demo_store.get("members", item.target[1])
            assert item.target[0] == "member" and member["name"] in item.text
            assert member["joined_on"][5:7] == "12"
    recent = [i for i in board.todo if i.kind == "传达" and i.target[0] == "meeting"]
    open_ids = {w.meeting_id for w in attendance.open_work(demo_store, root)
                if "2025-10-01" <= w.held_on <= TODAY}
    assert {i.target[1] for i in recent} == open_ids
    older = [i for i in board.todo if i.kind == "传达" and i.target[0] == "finding"]
    assert len(older) == 1 and older[0].target[1].rule_id == "jx-11-briefing"
    assert not [i for i in board.todo if i.kind == "党费"]    # the demo's dues are all paid


def _unpay(store, member_ids, months=("2025-09", "2025-10", "2025-11")):
    marks = ",".join("?" for _ in member_ids)
    with store.transaction():
        for row in store.query(f"SELECT id FROM dues_payments WHERE member_id IN ({marks}) "
                               f"AND month IN (?, ?, ?)", [*member_ids, *months]):
            store.delete("dues_payments", row["id"], reason="测试：欠交")


def test_arrears_name_each_member_or_sum_up_many(demo_store):
    root = orgs.root(demo_store).id
    ids = [r["id"] for r in demo_store.query(
        "SELECT DISTINCT member_id AS id FROM dues_payments WHERE month = '2025-10' "
        "ORDER BY member_id LIMIT 6")]
    _unpay(demo_store, ids[:1])
    [line] = [i for i in dashboard.build(demo_store, root, TODAY).todo if i.kind == "党费"]
    name = demo_store.get("members", ids[0])["name"]
    assert line.target == ("member", ids[0])
    assert line.text == f"{name} 欠交党费 3 个月（2025-09 起）"
    _unpay(demo_store, ids[1:])
    [line] = [i for i in dashboard.build(demo_store, root, TODAY).todo if i.kind == "党费"]
    assert line.text.startswith("6 名党员欠交党费（截至 2025-11")
    assert line.target[0] == "finding" and line.target[1].rule_id == "dz-9-dues-arrears"


def test_a_due_meeting_appears_while_its_window_is_open(demo_store):
    branch = orgs.find_by_name(demo_store, "第一党支部").id
    with demo_store.transaction():
        for row in demo_store.query("SELECT id FROM meetings WHERE org_id = ? AND kind = '支委会' "
                                    "AND held_on LIKE '2025-12%'", [branch]):
            demo_store.update("meetings", row["id"], {"deleted_at": "2025-12-30",
                                                      "deleted_reason": "测试"})
    board = dashboard.build(demo_store, branch, "2025-12-20")
    due = [i for i in board.todo if i.kind == "会议"]
    assert [i.target[1].rule_id for i in due] == ["jx-11-committee"]
    assert "即将到期" in due[0].text


def test_year_bars_count_required_meetings_at_the_window_end(demo_store):
    branch = orgs.find_by_name(demo_store, "第一党支部").id
    board = dashboard.build(demo_store, branch, TODAY)
    bars = {b.month: b for b in board.bars}
    # Monthly 支委会 (1) and 党小组会 (1 per each of 2 groups) every month; quarterly rules add at
    # March, June, September and December; two-monthly 党课 in even months.
    assert bars[1].required == 3 and bars[2].required == 4
    assert bars[3].required > bars[1].required
    assert all(0 <= b.held <= b.required for b in board.bars)
    assert not any(b.future for b in board.bars)


def test_a_branch_without_committee_gets_one_todo_and_nothing_before_records_from(store):
    from tests.core.rules_builder import Branch
    b = Branch(store, "jiaxing-2016")
    for term in store.query("SELECT id FROM roles"):
        store.delete("roles", term["id"])
    orgs.edit(store, b.branch, records_from="2025-10-15")
    b.meeting("党员大会", "2025-03-10", absent=[b.members[1]])     # before the 启用日期
    board = dashboard.build(store, b.branch, "2025-11-20")
    lines = [i.text for i in board.todo if i.kind in ("班子", "会议", "传达")]
    assert [t for t in lines if "支委" in t] == [
        "测试党支部尚未录入班子成员：支委会的应到人数和班子成员的学时要求都取自班子，"
        "请在“组织与班子”页录入书记和支委"]
    assert not [t for t in lines if "2025-03-10" in t]
    assert [bar.required for bar in board.bars[:9]] == [0] * 9    # January–September ask nothing
    assert board.bars[9].required > 0
