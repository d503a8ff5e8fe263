"""The roster page keeps each line as read and works a cell out when it is shown: the category
on the page's day, the organisation's name on that day, 流动. Checked by hand on an empty ledger."""
from PySide6.QtCore import QPoint, Qt

from desktop_app.core import members, orgs
from desktop_app.core.members import Member
from desktop_app.ui.pages.roster_page import RosterPage
from desktop_app.ui.roster_model import COLUMNS
from tests.ui.conftest import TODAY      # 2025-12-31


def page_of(qtbot, ctx) -> RosterPage:
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.form.statusCombo.setCurrentIndex(0)      # 全部
    return page


def cells(page, name: str) -> dict[str, str]:
    row = page.shown_names().index(name)
    return {title: page.model.index(row, c).data() for c, title in enumerate(COLUMNS)}


def test_cells_are_worked_out_for_the_day_shown(qtbot, empty_ctx):
    store = empty_ctx.store
    branch = orgs.create(store, "B1", "第一党支部", "党支部")
    group = orgs.create(store, "B1-1", "第一党小组", "党小组", branch)
    members.add(store, Member("张三", gender="男", birth_date="1980-02-03", joined_on="2005-07-01",
                              confirmed_on="2006-07-01", phone="13900000000"), group,
                since="2020-01-01")
    li = members.add(store, Member("李四", gender="女", joined_on="2025-06-01"), branch)
    members.record_event(store, li, "流动外出", "2025-10-08", place="深圳", reason="务工",
                         contact="13700000000")
    # Joins the branch only next year: listed, no category yet, no organisation on the day.
    members.add(store, Member("王五", joined_on="2026-03-01"), branch)
    page = page_of(qtbot, empty_ctx)
    assert cells(page, "张三") == {
        "姓名": "张三", "性别": "男", "出生日期": "1980-02-03", "入党日期": "2005-07-01",
        "类别": "正式党员", "所在组织": "第一党小组", "状态": "在册", "流动": "",
        "联系电话": "13900000000"}
    assert cells(page, "李四") == {
        "姓名": "李四", "性别": "女", "出生日期": "", "入党日期": "2025-06-01",
        "类别": "预备党员", "所在组织": "第一党支部", "状态": "在册", "流动": "流动",
        "联系电话": ""}
    assert (cells(page, "王五")["类别"], cells(page, "王五")["所在组织"]) == ("—", "")
    assert page.model.row_at(page.shown_names().index("李四")).category == "预备党员"


def test_sorting_by_a_worked_out_column(qtbot, empty_ctx):
    store = empty_ctx.store
    branch = orgs.create(store, "B1", "第一党支部", "党支部")
    for name, joined, confirmed in (("甲", "2001-07-01", "2002-07-01"),
                                    ("乙", "2025-07-01", None), ("丙", "2003-07-01", "2004-07-01")):
        members.add(store, Member(name, joined_on=joined, confirmed_on=confirmed), branch)
    page = page_of(qtbot, empty_ctx)
    category = COLUMNS.index("类别")
    header = page.form.table.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(category) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    # As shown, by code point: 正式党员 (正 U+6B63) before 预备党员 (预 U+9884); ties by pinyin.
    assert page.shown_names() == ["丙", "甲", "乙"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.shown_names() == ["乙", "丙", "甲"]     # names stay in pinyin order among equals
