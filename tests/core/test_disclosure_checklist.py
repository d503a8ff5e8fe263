"""The disclosure checklist: 已公开 / 待更新 / 未公开 by frequency, content changes and review."""
import pytest

from desktop_app.core import orgs
from desktop_app.core.disclosure import checklist, commitments, items, texts
from desktop_app.core.store import SealedPeriodError, StoreError
from tests.core.disclosure_helpers import community

TODAY = "2025-12-31"


@pytest.fixture
def town(store):
    return community(store)


def status(store, town, ref, on):
    return checklist.status_of(store, town.root, items.find(store, town.root, ref), on)


def post(store, town, ref, on):
    return checklist.mark_posted(store, town.root, items.find(store, town.root, ref), on,
                                 today=TODAY)


def test_every_item_starts_unposted(store, town):
    listed = checklist.checklist(store, town.root, 2025, TODAY)
    assert [s.item.number for s in listed] == list(range(1, 15))
    assert {s.status for s in listed} == {checklist.NOT_POSTED}
    assert listed[5].frequency == "每半年" and listed[1].frequency == "随时"


def test_half_yearly_item_goes_stale_when_the_half_year_ends(store, town):
    post(store, town, 6, "2025-03-10")
    assert status(store, town, 6, "2025-06-30").status == checklist.POSTED
    later = status(store, town, 6, "2025-07-01")
    assert later.status == checklist.STALE and later.posted_on == "2025-03-10"
    assert "2025年下半年尚未公开" in later.reason


def test_yearly_item_read_per_year(store, town):
    post(store, town, 3, "2024-12-20")
    assert [s.status for s in checklist.checklist(store, town.root, 2024, TODAY)][2] == "已公开"
    this_year = checklist.checklist(store, town.root, 2025, "2025-03-01")[2]
    assert (this_year.status, this_year.posted_on) == ("待更新", "2024-12-20")
    # A posting later than the day the checklist is read at does not count yet.
    post(store, town, 3, "2025-03-02")
    assert checklist.checklist(store, town.root, 2025, "2025-03-01")[2].status == "待更新"
    assert checklist.checklist(store, town.root, 2025, "2025-03-02")[2].status == "已公开"


def test_entered_item_is_stale_once_its_text_changes(store, town):
    pact = items.find(store, town.root, 1)
    texts.save(store, town.root, pact, "一、书记是第一责任人", "2025-01-05")
    post(store, town, 1, "2025-01-06")
    assert status(store, town, 1, "2025-05-01").status == "已公开"
    texts.save(store, town.root, pact, "一、书记是第一责任人", "2025-05-01")  # unchanged: no version
    assert status(store, town, 1, "2025-05-01").status == "已公开"
    texts.save(store, town.root, pact, "一、书记是第一责任人\n二、班子成员一岗双责", "2025-05-02")
    stale = status(store, town, 1, "2025-05-03")
    assert (stale.status, stale.reason) == ("待更新", "内容已于 2025-05-02 修改，尚未重新公开")
    post(store, town, 1, "2025-05-03")
    assert status(store, town, 1, "2025-05-03").status == "已公开"


def test_entered_item_cannot_be_posted_before_it_has_text(store, town):
    with pytest.raises(StoreError, match="还没有录入内容"):
        post(store, town, 4, "2025-02-01")
    texts.save(store, town.root, items.find(store, town.root, 4), "十大红线", "2025-02-03")
    with pytest.raises(StoreError, match="2025-02-01 还没有录入内容"):
        post(store, town, 4, "2025-02-01")


def test_residents_item_needs_one_review_per_posting(store, town):
    pact = items.find(store, town.root, 14)
    assert items.needs_review(pact) and not items.needs_review(items.find(store, town.root, 1))
    texts.save(store, town.root, pact, "一、爱护环境", "2025-03-01")
    with pytest.raises(StoreError, match="须先经居务监督委员会审查"):
        post(store, town, 14, "2025-03-05")
    # A review dated after the posting does not cover it.
    checklist.record_review(store, town.root, pact, "吴监督", "2025-03-06", today=TODAY)
    with pytest.raises(StoreError, match="须先经居务监督委员会审查"):
        post(store, town, 14, "2025-03-05")
    assert status(store, town, 14, "2025-03-06").review_pending
    posting = post(store, town, 14, "2025-03-07")
    assert store.get("disclosure_postings", posting)["review_id"] is not None
    done = status(store, town, 14, "2025-03-08")
    assert done.status == "已公开" and done.review.reviewer == "吴监督"
    assert not done.review_pending
    with pytest.raises(StoreError, match="须先经居务监督委员会审查"):    # the review is used up
        post(store, town, 14, "2025-04-01")


def test_review_is_only_for_residents_items_and_needs_a_name(store, town):
    with pytest.raises(StoreError, match="不需居务监督委员会审查"):
        checklist.record_review(store, town.root, items.find(store, town.root, 6), "吴", "2025-01-01")
    with pytest.raises(StoreError, match="请填写审查人"):
        checklist.record_review(store, town.root, items.find(store, town.root, 12), " ", "2025-01-01")


def test_cadres_board_is_stale_after_a_change_in_the_committee(store, town):
    post(store, town, 2, "2025-02-01")
    assert status(store, town, 2, "2025-06-01").status == "已公开"
    orgs.assign_role(store, town.root, town.members[3], "宣传委员", "2025-06-15")
    stale = status(store, town, 2, "2025-07-01")
    assert stale.status == "待更新" and "2025-06-15" in stale.reason


def test_commitments_are_stale_after_an_edit(store, town):
    post(store, town, 7, "2025-02-01")
    commitments.replace(store, town.root, 2025, ["甲", "乙", "丙", "丁"], {}, "2025-03-01")
    assert status(store, town, 7, "2025-03-02").reason == "承诺于 2025-03-01 有修改，尚未重新公开"


def test_dates_are_checked_in_words(store, town):
    item = items.find(store, town.root, 6)
    with pytest.raises(StoreError, match="公开日期 2026-01-05 晚于今天"):
        checklist.mark_posted(store, town.root, item, "2026-01-05", today=TODAY)
    with pytest.raises(StoreError, match="公开日期无法识别"):
        checklist.mark_posted(store, town.root, item, "明天", today=TODAY)
    with pytest.raises(StoreError, match="请填写公开日期"):
        checklist.mark_posted(store, town.root, item, "", today=TODAY)
    assert store.query("SELECT * FROM disclosure_postings") == []


def test_posting_into_a_sealed_period_is_a_correction(store, town):
    store.seal_through("2025-06-30", "上半年报送")
    with pytest.raises(SealedPeriodError):
        post(store, town, 6, "2025-03-10")
    post(store, town, 6, "2025-07-10")
    after = status(store, town, 6, TODAY)
    assert (after.status, after.posted_on) == (checklist.POSTED, "2025-07-10")


def test_an_organisation_without_a_profile_is_told_so(store):
    org = orgs.create(store, "X", "无档案支部", "党支部")
    with pytest.raises(StoreError, match="尚未选择规则档案"):
        checklist.checklist(store, org, 2025, TODAY)


def test_items_found_by_number_or_code(store, town):
    assert items.find(store, town.root, "jx18-06").number == 6
    with pytest.raises(StoreError, match="不在本组织的公开清单中.*14.社区公约"):
        items.find(store, town.root, 15)


def test_sub_branch_inherits_the_list(store, town):
    assert len(checklist.checklist(store, town.branch, 2025, TODAY)) == 14
