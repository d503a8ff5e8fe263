from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages import PAGES, load_factory
from desktop_app.ui.pages.building_page import BuildingPage

SECTIONS = ["首页", "花名册", "组织与班子", "三会一课", "主题党日", "学时", "党费", "体检", "先锋指数", "党务公开", "导出/报送"]


def test_window_lists_sections_and_switches(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    rail = window.form.rail
    assert [rail.item(i).text() for i in range(rail.count())] == SECTIONS
    assert window.windowTitle() == "示范社区党委"   # Qt adds " — 工作实录" in the title bar
    for row, (title, ref) in enumerate(PAGES):
        rail.setCurrentRow(row)
        page = window.form.stack.currentWidget()
        assert page.isVisible()
        if ref is None:
            assert isinstance(page, BuildingPage)
            assert title in page.form.messageLabel.text()
        else:
            assert isinstance(page, load_factory(ref))
    # Coming back to a section shows the same page, not a new one.
    first = window.select_section("体检")
    window.select_section("首页")
    assert window.select_section("体检") is first
