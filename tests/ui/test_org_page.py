"""The 组织与班子 page driven as a new secretary would, from an EMPTY ledger: build the tree, rename
and recode, set the 启用日期, change the profile from a date, appoint and end 班子 terms."""
from PySide6.QtCore import QDate, Qt

from desktop_app.core import committee, members, orgs
from desktop_app.core.members import Member
from desktop_app.ui.pages.org_page import OrgPage


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def make_page(qtbot, ctx) -> OrgPage:
    page = OrgPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 720)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_build_the_tree_and_keep_it_from_an_empty_ledger(qtbot, empty_ctx):
    store = empty_ctx.store
    page = make_page(qtbot, empty_ctx)
    f = page.form
    assert f.tree.topLevelItemCount() == 0 and not f.orgBox.isEnabled()
    f.childNameEdit.insert("某社区党委")
    assert f.childKindCombo.currentText() == "党委"           # the kind follows the name
    click(qtbot, f.addChildButton)
    assert f.tree.topLevelItem(0).text(0) == "某社区党委"
    f.childNameEdit.insert("某社区第一党支部")
    assert f.childKindCombo.currentText() == "党支部"
    click(qtbot, f.addChildButton)
    branch = orgs.find_by_name(store, "某社区第一党支部")
    assert (branch.code, branch.kind, page.org_id()) == ("Z002", "党支部", branch.id)
    assert f.tree.topLevelItem(0).child(0).text(1) == "Z002"

    # rename, recode, and start keeping the record on 1 October
    f.nameEdit.clear()
    f.nameEdit.insert("某社区第二党支部")
    f.codeEdit.clear()
    f.codeEdit.insert("SQ0102")
    assert f.startEdit.text() == "未设"
    f.startEdit.setDate(QDate(2025, 10, 1))
    click(qtbot, f.saveOrgButton)
    assert f.messageLabel.text() == "组织信息已保存"
    branch = orgs.get(store, branch.id)
    assert (branch.name, branch.code, branch.records_from) == ("某社区第二党支部", "SQ0102", "2025-10-01")
    assert f.tree.topLevelItem(0).child(0).text(0) == "某社区第二党支部"
    f.codeEdit.clear()
    f.codeEdit.insert("Z001")                                  # the 党委's code: refused
    click(qtbot, f.saveOrgButton)
    assert f.messageLabel.text() == "组织代码 Z001 已由“某社区党委”使用"
    assert orgs.get(store, branch.id).code == "SQ0102"

    # profile by title, from a date; the period before keeps the old one
    titles = [f.profileCombo.itemText(i) for i in range(f.profileCombo.count())]
    assert "嘉兴经开区社区党组织55条基本要求（2016）" in titles
    assert not [t for t in titles if "-20" in t]              # never an id
    f.profileCombo.setCurrentText("嘉兴经开区社区党组织55条基本要求（2016）")
    f.profileFromEdit.setDate(QDate(2026, 1, 1))
    click(qtbot, f.changeProfileButton)
    assert orgs.profile_of(store, branch.id, "2025-12-31") is None
    assert orgs.profile_of(store, branch.id, "2026-01-01") == "jiaxing-2016"
    assert f.profileHistoryLabel.text() == "自 2026-01-01 起：嘉兴经开区社区党组织55条基本要求（2016）"


def test_appoint_and_end_terms_with_members_of_that_branch(qtbot, empty_ctx):
    store = empty_ctx.store
    branch = orgs.create(store, "B1", "某社区第一党支部", "党支部", records_from="2025-10-01")
    other = orgs.create(store, "B2", "某社区第二党支部", "党支部")
    ids = {name: members.add(store, Member(name=name, joined_on=joined), org, since="2025-10-01")
           for name, joined, org in (("王芳", "2001-07-01", branch), ("李强", "2010-05-04", branch),
                                     ("赵敏", "2015-03-01", other))}
    page = make_page(qtbot, empty_ctx)
    f = page.form
    page.select_org(branch)
    assert f.committeeLabel.text().startswith("尚未录入班子成员")
    f.appointFromEdit.setDate(QDate(2025, 10, 1))
    offered = [f.memberCombo.itemText(i) for i in range(f.memberCombo.count())]
    assert offered == ["李强", "王芳"]                        # members of this branch only
    f.roleCombo.setCurrentText("书记")
    f.memberCombo.setCurrentText("王芳")
    click(qtbot, f.appointButton)
    f.roleCombo.setCurrentText("组织委员")
    f.memberCombo.setCurrentText("李强")
    click(qtbot, f.appointButton)
    assert f.messageLabel.text() == "李强 自 2025-10-01 起任组织委员"
    rows = [[f.termsTable.item(r, c).text() for c in range(4)] for r in range(f.termsTable.rowCount())]
    assert rows == [["书记", "王芳", "2025-10-01", "—"], ["组织委员", "李强", "2025-10-01", "—"]]
    assert f.committeeLabel.text() == "某社区第一党支部现任 2 人"

    store.seal_through("2025-11-30", "报送")
    f.termsTable.selectRow(1)
    f.endOnEdit.setDate(QDate(2025, 11, 15))
    click(qtbot, f.endButton)
    assert "须填写更正原因" in f.messageLabel.text()
    f.reasonEdit.insert("换届补记")
    click(qtbot, f.endButton)
    assert f.messageLabel.text() == "任职至 2025-11-15 结束"
    assert [(t.role, t.name) for t in committee.terms(store, branch, "2025-11-16")] == [("书记", "王芳")]
    audit = store.query_one("SELECT reason FROM audit_log WHERE table_name = 'roles' "
                            "ORDER BY id DESC LIMIT 1")
    assert audit["reason"] == "换届补记"
    assert ids["赵敏"] not in orgs.committee_member_ids(store, branch, "2025-12-01")
