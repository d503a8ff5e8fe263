"""Disclosure boards printed for the 公开栏: the expected names, never an ID number, phones only
where the item allows contacts, fonts embedded."""
import dataclasses
import re
import subprocess

import pytest

from desktop_app.core import orgs, periods
from desktop_app.core.disclosure import boards, commitments, items, texts
from desktop_app.core.exports import board_pdf
from desktop_app.core.rules.profile import load_profile
from desktop_app.core.scoring import pioneer
from desktop_app.core.store import StoreError
from tests.core.disclosure_helpers import PEOPLE, community
from tests.core.export_helpers import flat, pdf_fonts, pdf_pages, pdf_text
from tests.requires import need_poppler, requires_poppler

ID_RUN = re.compile(r"[0-9]{17}[0-9X]")
MOBILE = re.compile(r"1[3-9][0-9]{9}")
POSTED = "2025-06-20"


@pytest.fixture
def town(store):
    return community(store)


def printed(board, tmp_path, paper="A4"):
    path = board_pdf.write_pdf(board, tmp_path / "board.pdf", paper)
    assert all(f["emb"] == "yes" for f in pdf_fonts(path))
    return path, flat(pdf_text(path))


def build(store, town, ref, period=periods.year(2025)):
    return boards.build(store, town.root, items.find(store, town.root, ref), period, POSTED)


def test_cadres_board_shows_the_committee_with_phones(store, town, tmp_path):
    _, text = printed(build(store, town, 2), tmp_path)
    assert "社区干部和联居干部基本情况" in text and "和平社区党委" in text
    assert "公开日期：2025年6月20日" in text
    for n, (name, role) in enumerate(PEOPLE[:3]):
        assert f"{name}{role}入党时间199{n}年7月电话1380000000{n}" in text
    assert "李党员" not in text                     # not in the 班子
    assert not ID_RUN.search(text)
    assert "本栏公开的个人信息仅限姓名、入党时间、职务、联系电话" in text


def test_cadres_without_contacts_print_no_phones(store, town, tmp_path):
    item = dataclasses.replace(items.find(store, town.root, 2), contacts=False)
    board = boards.cadres_board(store, town.root, item, "和平社区党委", POSTED)
    _, text = printed(board, tmp_path)
    assert "赵书记" in text and "电话" not in text.split("本栏")[0]
    assert not MOBILE.search(text) and not ID_RUN.search(text)


def test_entered_text_refuses_phones_and_ids_where_not_allowed(store, town):
    pact = items.find(store, town.root, 14)
    with pytest.raises(StoreError, match="“社区公约”的内容含有手机号码“13900001111”"):
        texts.save(store, town.root, pact, "有事请拨 13900001111", "2025-06-01")
    grid = items.find(store, town.root, 9)
    texts.save(store, town.root, grid, "第一网格 网格员：赵书记 13900001111", "2025-06-01")
    with pytest.raises(StoreError, match="身份证号"):
        texts.save(store, town.root, grid, f"赵书记 {'330402198001011234'}", "2025-06-02")
    assert texts.current(store, town.root, grid.id).body.endswith("13900001111")


def test_text_board_prints_headings_and_paragraphs(store, town, tmp_path):
    pact = items.find(store, town.root, 14)
    texts.save(store, town.root, pact, "一、爱国守法\n拥护党的领导。\n\n二、邻里和睦\n互帮互助。",
               "2025-06-01")
    board = build(store, town, 14)
    assert [(b.heading, b.paragraphs) for b in board.blocks] == [
        ("一、爱国守法", ("拥护党的领导。",)), ("二、邻里和睦", ("互帮互助。",))]
    _, text = printed(board, tmp_path)
    assert "居务公开社区公约" in text and "一、爱国守法拥护党的领导。二、邻里和睦互帮互助。" in text
    assert "本栏不含个人信息" in text


def test_grid_board_may_carry_contacts(store, town, tmp_path):
    texts.save(store, town.root, items.find(store, town.root, 9),
               "第一网格 网格员：赵书记 13900001111", "2025-06-01")
    _, text = printed(build(store, town, 9), tmp_path)
    assert "赵书记13900001111" in text


def test_commitments_board_lists_organisation_and_members(store, town, tmp_path):
    by_member = commitments.parse_member_lines(
        store, town.root, "李党员：每月走访一户困难家庭\n周党员: 做好楼道卫生", POSTED)
    commitments.replace(store, town.root, 2025, ["建成党员先锋站", "办好民生实事5件", "", "开展志愿服务",
                                                 "慰问老党员"], by_member, "2025-02-01")
    made = commitments.for_year(store, town.root, 2025)
    assert made.short_of_minimum == 0 and len(made.organisation) == 4
    _, text = printed(build(store, town, 7), tmp_path)
    assert "1建成党员先锋站2办好民生实事5件" in text
    assert "李党员每月走访一户困难家庭" in text and "周党员做好楼道卫生" in text
    assert not MOBILE.search(text) and not ID_RUN.search(text)


def test_member_commitment_lines_are_checked(store, town):
    with pytest.raises(StoreError, match="第 2 行：本组织没有名为“王五”的党员"):
        commitments.parse_member_lines(store, town.root, "李党员：好\n王五：好", POSTED)
    with pytest.raises(StoreError, match="第 1 行应写作“姓名：承诺内容”"):
        commitments.parse_member_lines(store, town.root, "李党员", POSTED)


@requires_poppler
def test_plan_board_comes_from_the_activity_plan(store, town, tmp_path):
    board = build(store, town, 3)
    assert board.period_label == "2025年度"
    path, text = printed(board, tmp_path, "A3")
    assert "社区党员固定活动日年度计划表" in text and "1月5日（日）学习日" in text
    assert not ID_RUN.search(text) and not MOBILE.search(text)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "1190.55 x 841.89" in info          # A3 landscape


def test_pioneer_board_gives_every_deduction_reason(store, town, tmp_path):
    item = items.find(store, town.root, 6)
    lines = [boards.PioneerLine("李党员", "88", "★★★", ("无故缺席支部党员大会1次扣3分", "未交党费1个月扣2分")),
             boards.PioneerLine("周党员", "100", "★★★★★")]
    board = boards.pioneer_board(item, "和平社区党委", "2025年上半年", lines, POSTED)
    _, text = printed(board, tmp_path)
    assert "李党员88★★★无故缺席支部党员大会1次扣3分；未交党费1个月扣2分" in text
    assert "周党员100★★★★★无" in text and "2025年上半年" in text


def test_stars_board(store, town, tmp_path):
    item = items.find(store, town.root, 5)
    board = boards.stars_board(item, "和平社区党委", "2025年度",
                               [boards.StarLine("和平社区党委", 4), boards.StarLine("第一党支部", 3)],
                               POSTED)
    _, text = printed(board, tmp_path)
    assert "和平社区党委★★★★☆4星" in text and "第一党支部★★★☆☆3星" in text


def test_a_board_carrying_an_id_number_is_refused(store, town):
    item = items.find(store, town.root, 6)
    with pytest.raises(StoreError, match="公开栏“党员先锋指数评定情况”含有身份证号"):
        boards.pioneer_board(item, "和平社区党委", "2025年上半年",
                             [boards.PioneerLine("李党员", "88", "★★★", ("身份证 33040219800101123X",))],
                             POSTED)


def test_dues_board_for_a_quarter(demo_store, tmp_path):
    item = next(i for i in load_profile("national-2018").disclosure.items if i.data == "dues")
    board = boards.dues_board(demo_store, 2, item, periods.parse_period("2025Q1"), POSTED)
    _, text = printed(board, tmp_path)
    assert "财务公开党费收缴、使用和管理情况" in text and "2025年第一季度" in text
    assert not ID_RUN.search(text) and not MOBILE.search(text)
    with pytest.raises(StoreError, match="按季度公示"):
        boards.dues_board(demo_store, 2, item, periods.parse_period("2025"), POSTED)


def test_entered_board_without_text_says_what_to_do(store, town):
    with pytest.raises(StoreError, match="还没有录入内容"):
        build(store, town, 1)


def test_pioneer_board_prints_the_published_result(demo_store, tmp_path):
    branch = orgs.by_code(demo_store, "DEMO-01").id
    item = items.find(demo_store, branch, 6)
    half = periods.parse_period("2025H1")
    with pytest.raises(StoreError, match="2025年上半年的先锋指数尚未公布"):
        boards.build(demo_store, branch, item, half, "2025-07-10")
    with pytest.raises(StoreError, match="每半年公开一次"):
        boards.build(demo_store, branch, item, periods.parse_period("2025Q1"), "2025-07-10")
    result = pioneer.publish(demo_store, branch, "2025H1", "2025-07-08")
    board = boards.build(demo_store, branch, item, half, "2025-07-10")
    _, text = printed(board, tmp_path)
    docked = next(m for m in result.members if m.deductions)
    reason = docked.deductions[0].reason
    assert flat(f"{docked.name}{docked.score:g}{docked.grade}{reason}") in text
    assert "2025-07-08公布" in text
    assert not ID_RUN.search(text) and not MOBILE.search(text)


def test_stars_board_rates_the_organisation_and_its_branches(demo_store, tmp_path):
    item = items.find(demo_store, 1, 5)
    board = boards.build(demo_store, 1, item, periods.year(2025), "2025-12-20")
    names = [row[1] for row in board.blocks[0].rows]
    assert names == ["示范社区党委", "第一党支部", "第二党支部"]
    _, text = printed(board, tmp_path)
    assert "社区党组织及下属支部星级评定结果" in text and "评定依据：" in text


def test_stars_board_refuses_when_the_rating_was_never_done(store, town):
    """Nothing struck off for the year: the board says why it cannot print, never "0星 未达要求"."""
    with pytest.raises(StoreError, match="2025年的星级评定尚未开展：和平社区党委、第一党支部"
                                         "还没有任何一项须由书记核实的标准销号"):
        build(store, town, 5)


def test_the_demo_ledger_fills_every_board(demo_store):
    """A new user opening the demo sees all 14 boards, none refused for missing data."""
    for item in items.items_for(demo_store, 1):
        period = periods.half(2025, 1) if item.every == "half_year" else periods.year(2025)
        board = boards.build(demo_store, 1, item, period, "2025-12-20")
        assert any(s.strip() for s in board.strings()[4:]), item.title


def test_pioneer_board_explains_a_low_score_with_nothing_deducted(demo_store):
    """A member at 63 with no deduction: the board names the items that earned nothing."""
    result = pioneer.published_result(demo_store, 1, "2025H1")
    low = next(m for m in result.members if m.score is not None and not m.deductions
               and any(line.points == 0 for line in m.lines))
    item = items.find(demo_store, 1, 6)
    board = boards.build(demo_store, 1, item, periods.half(2025, 1), "2025-12-20")
    row = next(r for r in board.blocks[0].rows if r[1] == low.name)
    empty = next(line for line in low.lines if line.points == 0)
    assert f"未得分：{empty.title}" in row[4] and row[4] != "无"
    assert board.blocks[0].header[4] == "扣分及未得分原因"


def word_sizes(path) -> dict[str, list[float]]:
    """Each printed CJK word's size in pt (its width over its characters), by word."""
    need_poppler()
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    sizes: dict[str, list[float]] = {}
    for x0, x1, word in re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" '
                                   r'yMax="[\d.]+">([^<]+)<', out):
        sizes.setdefault(word, []).append((float(x1) - float(x0)) / len(word))
    return sizes


def test_a3_poster_reads_from_a_step_away_with_a_masthead_on_every_sheet(demo_store, tmp_path):
    item = items.find(demo_store, 1, 6)
    board = boards.build(demo_store, 1, item, periods.half(2025, 1), "2025-12-20")
    path = board_pdf.write_pdf(board, tmp_path / "b.pdf", "A3")
    pages = pdf_pages(path)
    assert pages > 1
    for page in range(1, pages + 1):
        assert "党员先锋指数评定情况" in flat(pdf_text(path, page))
    sizes = word_sizes(path)
    name = board.blocks[0].rows[0][1]
    assert min(sizes[name]) >= 36 - 0.5
    assert min(sizes["扣分及未得分原因"]) >= 24 and min(sizes["无"]) >= 24
