"""The 党务公开 page: the checklist, content, review, marking posted and printing a board."""
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.disclosure import commitments, texts
from desktop_app.ui.pages import disclosure_page
from desktop_app.ui.pages.disclosure_page import DisclosurePage
from tests.core.export_helpers import flat, pdf_text
from tests.ui.conftest import TODAY


def make_page(qtbot, ctx) -> DisclosurePage:
    page = DisclosurePage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def row_of(page, number):
    table = page.form.itemTable
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == str(number))
    return [table.item(row, c).text() for c in range(table.columnCount())]


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_lists_the_profiles_items_unposted(qtbot, ctx):
    page = make_page(qtbot, ctx)
    assert page.form.itemTable.rowCount() == 14
    assert row_of(page, 6) == ["6", "党员先锋指数评定情况", "党务", "每半年", "未公开", "—", ""]
    assert row_of(page, 12)[-1] == "须事先审查"
    assert page.form.countLabel.text() == "已公开 0 项  待更新 0 项  未公开 14 项"
    assert "嘉兴经开区55条 第18条" in page.form.sourceLabel.text()


def test_mark_an_item_posted(qtbot, ctx):
    page = make_page(qtbot, ctx)
    page.select_item(2)
    assert page.form.contentBox.isHidden() and page.form.reviewBox.isHidden()
    page.form.postedDate.setDate(QDate(2025, 11, 3))
    click(qtbot, page.form.postButton)
    assert row_of(page, 2)[4:6] == ["已公开", "2025-11-03"]
    assert page.form.countLabel.text().startswith("已公开 1 项")
    assert page.selected().item.number == 2            # the selection stays on the item
    stored = ctx.store.query("SELECT item_id, posted_on FROM disclosure_postings")
    assert stored == [{"item_id": "jx18-02", "posted_on": "2025-11-03"}]


def test_residents_item_is_reviewed_before_posting(qtbot, ctx, monkeypatch):
    warnings = []
    monkeypatch.setattr(disclosure_page.QMessageBox, "warning",
                        lambda parent, title, text: warnings.append(text))
    page = make_page(qtbot, ctx)
    page.select_item(14)
    assert page.form.reviewBox.isVisibleTo(page)
    page.form.contentEdit.setPlainText("一、爱国守法\n拥护党的领导。")
    click(qtbot, page.form.saveContentButton)
    assert texts.current(ctx.store, 1, "jx18-14").body == "一、爱国守法\n拥护党的领导。"
    click(qtbot, page.form.postButton)
    assert "须先经居务监督委员会审查" in warnings[-1]
    assert row_of(page, 14)[4] == "未公开"

    page.form.reviewerEdit.setText("吴监督")
    page.form.reviewDate.setDate(QDate(2025, 12, 30))
    click(qtbot, page.form.reviewButton)
    assert row_of(page, 14)[6] == "吴监督 2025-12-30（待张贴）"
    click(qtbot, page.form.postButton)
    assert row_of(page, 14)[4:] == ["已公开", TODAY, "吴监督 2025-12-30"]
    assert len(warnings) == 1


def test_a_phone_number_in_public_text_is_refused(qtbot, ctx, monkeypatch):
    warnings = []
    monkeypatch.setattr(disclosure_page.QMessageBox, "warning",
                        lambda parent, title, text: warnings.append(text))
    page = make_page(qtbot, ctx)
    page.select_item(13)
    before = texts.current(ctx.store, 1, "jx18-13")
    page.form.contentEdit.setPlainText("办事请拨 13912345678")
    click(qtbot, page.form.saveContentButton)
    assert "手机号码“13912345678”" in warnings[-1]
    assert texts.current(ctx.store, 1, "jx18-13") == before


def test_commitments_edited_on_the_page(qtbot, ctx):
    page = make_page(qtbot, ctx)
    page.select_item(7)
    someone = ctx.store.query_one("SELECT m.name FROM members m JOIN memberships s ON "
                                  "s.member_id = m.id WHERE s.end_on IS NULL ORDER BY m.id")["name"]
    page.form.contentEdit.setPlainText("建成党员先锋站\n办好民生实事\n开展志愿服务\n慰问老党员")
    page.form.membersEdit.setPlainText(f"{someone}：每月走访一户困难家庭")
    click(qtbot, page.form.saveContentButton)
    made = commitments.for_year(ctx.store, 1, 2025)
    assert len(made.organisation) == 4 and made.members == ((someone, "每月走访一户困难家庭"),)
    assert "还差" not in page.form.contentHint.text()


def test_print_a_board_opens_its_preview_saying_what_personal_data_it_shows(qtbot, ctx, tmp_path,
                                                                          monkeypatch):
    target = tmp_path / "干部公开栏"
    asked = []

    def save_dialog(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(target), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    page = make_page(qtbot, ctx)
    page.select_item(2)
    page.form.paperCombo.setCurrentIndex(1)             # A3 poster
    click(qtbot, page.form.printButton)                 # 打印公开栏: the print preview
    qtbot.waitUntil(lambda: getattr(page, "print_preview", None) is not None
                    and page.print_preview.isVisible(), timeout=20000)
    assert page.form.messageLabel.text() == "本栏公开的个人信息：姓名、入党时间、职务、联系电话。"
    width, height = page.print_preview.pdf[0].get_size()
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape, in points
    page.print_preview.save_action.trigger()            # 另存为 PDF beside 打印
    page.print_preview.reject()
    printed = tmp_path / "干部公开栏.pdf"
    assert asked[0].endswith("公开栏02-社区干部和联居干部基本情况-2025年.pdf")
    assert "已导出" in page.form.messageLabel.text() and "联系电话" in page.form.messageLabel.text()
    secretary = ctx.store.query_one("SELECT m.name FROM roles r JOIN members m ON m.id = r.member_id "
                                    "WHERE r.org_id = 1 AND r.role = '书记'")["name"]
    assert secretary in flat(pdf_text(printed))


def test_half_yearly_item_asks_for_its_period(qtbot, ctx):
    page = make_page(qtbot, ctx)
    page.select_item(6)
    assert page.form.periodEdit.isVisibleTo(page) and page.form.periodEdit.text() == "2025H2"
    page.select_item(3)
    assert not page.form.periodEdit.isVisibleTo(page)


def test_page_is_registered_in_the_rail():
    from desktop_app.ui.pages import PAGES
    assert ("党务公开", "disclosure_page:DisclosurePage") in PAGES
