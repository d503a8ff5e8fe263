"""民主评议党员 from an empty ledger: the four steps, results and tallies, the 党员大会 decision,
the handling of 不合格 as to-dos with deadlines, the 先锋指数 line and the board."""
import pytest

from desktop_app.core import dashboard
from desktop_app.core.appraisal import handling, record
from desktop_app.core.appraisal.record import AppraisalError
from desktop_app.core.disclosure import boards
from desktop_app.core.periods import parse_period
from desktop_app.core.rules.profile import load_profile
from desktop_app.core.scoring import pioneer
from desktop_app.core.store import StoreError
from tests.core.rules_builder import Branch

RESULTS = ("优秀", "合格", "合格", "基本合格", "合格", "不合格")    # 甲一 … 己六


def appraised(store, profile="jiaxing-2016", decide=True):
    branch = Branch(store, profile)
    appraisal_id = record.start(store, branch.branch, 2025, "2025-12-01")
    for step, on in zip(record.STEPS.values(), ("2025-12-02", "2025-12-03", "2025-12-05",
                                                 "2025-12-08")):
        record.record_step(store, appraisal_id, step, on)
    for member_id, result in zip(branch.members, RESULTS):
        record.set_result(store, appraisal_id, member_id, result)
    actions = record.decide(store, appraisal_id, "2025-12-10", "全体党员表决通过评议结果") \
        if decide else []
    return branch, appraisal_id, actions


def test_results_are_tallied_and_the_decision_opens_the_handling_of_a_failed_member(store):
    branch, appraisal_id, actions = appraised(store)
    found = record.get(store, appraisal_id)
    assert found.tallies == {"优秀": 1, "合格": 3, "基本合格": 1, "不合格": 1}
    assert found.tally_text() == "优秀1人，合格3人，基本合格1人，不合格1人"
    opened = handling.actions(store, branch.branch, open_only=True)
    assert [(a.id, a.member_id, a.step, a.due_on) for a in opened] == [
        (actions[0], branch.members[-1], "限期改正", "2026-06-08")]       # 10 Dec + 180 days


def test_the_decision_needs_all_four_steps_and_every_member_rated(store):
    branch = Branch(store, "national-2018")
    appraisal_id = record.start(store, branch.branch, 2025, "2025-12-01")
    with pytest.raises(AppraisalError, match="尚未完成：个人自评、党员互评、群众测评、支部考评"):
        record.decide(store, appraisal_id, "2025-12-10", "通过")
    for step in record.STEPS.values():
        record.record_step(store, appraisal_id, step, "2025-12-05")
    record.set_result(store, appraisal_id, branch.members[0], "合格")
    with pytest.raises(AppraisalError, match="2025-12-10在册党员尚未评定：丙三、丁四、己六、戊五、乙二"):
        record.decide(store, appraisal_id, "2025-12-10", "通过")
    with pytest.raises(AppraisalError, match="评议结果应为 优秀、合格、基本合格、不合格 之一"):
        record.set_result(store, appraisal_id, branch.members[1], "良好")


def test_a_decided_result_changes_only_with_a_reason(store):
    branch, appraisal_id, _ = appraised(store)
    with pytest.raises(AppraisalError, match="修改须填写原因"):
        record.set_result(store, appraisal_id, branch.members[1], "优秀")
    record.set_result(store, appraisal_id, branch.members[1], "优秀", reason="党员大会复议")
    assert record.get(store, appraisal_id).tallies["优秀"] == 2


def test_uncorrected_steps_open_the_next_until_the_procedure_ends(store):
    branch, _, actions = appraised(store)
    profile = load_profile("jiaxing-2016")
    second = handling.close(store, profile, actions[0], "2026-06-01", handling.NOT_CORRECTED)
    assert [(a.step, a.opened_on, a.due_on) for a in
            handling.actions(store, branch.branch, open_only=True)] == [("劝退", "2026-06-01",
                                                                         "2026-07-01")]
    third = handling.close(store, profile, second, "2026-06-20", handling.NOT_CORRECTED)
    assert handling.close(store, profile, third, "2026-07-01", handling.DONE) is None
    assert handling.actions(store, branch.branch, open_only=True) == []
    with pytest.raises(StoreError, match="已于 2026-07-01 办结"):
        handling.close(store, profile, third, "2026-07-02", handling.DONE)


def test_open_handling_steps_are_on_the_home_pages_to_do_list(store):
    branch, _, _ = appraised(store)
    items = [i for i in dashboard.todo(store, branch.branch, "2026-01-05", [], [])
             if i.kind == "处置"]
    assert [(i.text, i.when) for i in items] == [
        ("己六 2025年度民主评议不合格：限期改正，期限 2026-06-08", "2026-06-08")]


def test_results_feed_the_pioneer_index_where_the_profile_says_so(store):
    branch, appraisal_id, _ = appraised(store)
    scores = {s.member_id: s for s in pioneer.evaluate(store, branch.branch, "2025H2").members}
    lines = {s: [(l.item_id, l.points) for l in scores[s].lines if l.item_id.startswith("appraisal")]
             for s in (branch.members[0], branch.members[1], branch.members[3])}
    assert lines == {branch.members[0]: [("appraisal-excellent", 5)],
                     branch.members[1]: [],
                     branch.members[3]: [("appraisal-basic", -10)]}
    assert not [line for line in scores[branch.members[0]].lines      # decided in 2025H2 only
                if line.item_id.startswith("appraisal") and line.points == 0]
    first_half = pioneer.evaluate(store, branch.branch, "2025H1").member(branch.members[0])
    assert not [line for line in first_half.lines if line.item_id.startswith("appraisal")]


def test_a_sheet_without_an_appraisal_item_is_not_fed(store):
    branch, _, _ = appraised(store, "national-2018")
    assert not [line for s in pioneer.evaluate(store, branch.branch, "2025H2").members
                for line in s.lines if "民主评议" in line.reason]


def test_the_result_list_is_a_board_item_where_the_profile_discloses_it(store):
    branch, appraisal_id, _ = appraised(store, "national-2018", decide=False)
    item = next(i for i in load_profile("national-2018").disclosure.items if i.data == "appraisal")
    with pytest.raises(StoreError, match="尚未经党员大会决定"):
        boards.build(store, branch.branch, item, parse_period("2025"), "2025-12-15")
    record.decide(store, appraisal_id, "2025-12-10", "全体党员表决通过评议结果")
    board = boards.build(store, branch.branch, item, parse_period("2025"), "2025-12-15")
    grid = board.blocks[1]
    assert grid.rows[0] == ("1", "甲一", "优秀") and grid.rows[-1] == ("6", "己六", "不合格")
    assert "评议结果：优秀1人，合格3人，基本合格1人，不合格1人。" in board.blocks[0].paragraphs
