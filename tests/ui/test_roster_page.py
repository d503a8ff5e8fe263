from PySide6.QtCore import QPoint, Qt

from pypinyin import lazy_pinyin

from desktop_app.core import members, orgs, pinyin_keys
from desktop_app.ui.pages.roster_page import RosterPage
from tests.ui.conftest import TODAY


def make_page(qtbot, ctx) -> RosterPage:
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def current(store):
    return [r for r in members.roster(store, TODAY) if r.status == "在册"]


def test_shows_members_on_the_roster_sorted_by_pinyin(qtbot, ctx):
    page = make_page(qtbot, ctx)
    expected = current(ctx.store)
    assert sorted(page.shown_names()) == sorted(r.name for r in expected)
    keys = [pinyin_keys.syllables(n) for n in page.shown_names()]   # checked by hand in core
    assert keys == sorted(keys)
    everyone = members.roster(ctx.store, TODAY)
    assert page.form.countLabel.text() == f"显示 {len(expected)} 人 / 共 {len(everyone)} 人"


def test_search_by_pinyin_initials_or_name(qtbot, ctx):
    page = make_page(qtbot, ctx)
    someone = current(ctx.store)[5]
    query = someone.name_initials[:2]
    qtbot.keyClicks(page.form.searchEdit, query)
    expected = {r.name for r in current(ctx.store) if r.name_initials.startswith(query)}
    assert someone.name in expected
    assert set(page.shown_names()) == expected
    assert len(expected) < len(current(ctx.store))

    page.form.searchEdit.clear()
    full = "".join(lazy_pinyin(someone.name))
    qtbot.keyClicks(page.form.searchEdit, full[:len(full) - 1])
    assert someone.name in page.shown_names()
    typed = full[:-1]
    assert all("".join(lazy_pinyin(n)).startswith(typed) or members.initials(n).startswith(typed)
               for n in page.shown_names())

    page.form.searchEdit.clear()
    page.form.searchEdit.setText(someone.name[1:])   # Chinese arrives through the input method
    assert someone.name in page.shown_names()
    assert all(someone.name[1:] in n for n in page.shown_names())


def test_branch_and_status_filters(qtbot, ctx):
    page = make_page(qtbot, ctx)
    branch = orgs.find_by_name(ctx.store, "第一党支部")
    combo = page.form.branchCombo
    combo.setCurrentIndex(combo.findData(branch.id))
    expected = sorted(m.name for m in members.expected_on(ctx.store, branch.id, TODAY))
    assert expected and sorted(page.shown_names()) == expected

    status = page.form.statusCombo
    status.setCurrentIndex(status.findData(None))      # 全部: those who left are listed too
    combo.setCurrentIndex(combo.findData(None))
    assert len(page.shown_names()) == len(members.roster(ctx.store, TODAY))
    left = [r for r in members.roster(ctx.store, TODAY) if r.status == "转出"]
    status.setCurrentIndex(status.findData("转出"))
    assert sorted(page.shown_names()) == sorted(r.name for r in left)


def test_sort_by_clicking_a_column_header(qtbot, ctx):
    page = make_page(qtbot, ctx)
    header = page.form.table.horizontalHeader()
    joined_column = 3
    where = QPoint(header.sectionViewportPosition(joined_column) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    shown = page.form.table.model()
    dates = [shown.index(r, joined_column).data() for r in range(shown.rowCount())]
    assert header.sortIndicatorSection() == joined_column
    assert dates == sorted(dates) and dates[0] < dates[-1]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    dates = [shown.index(r, joined_column).data() for r in range(shown.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_empty_ledger_sorts_by_full_pinyin_and_finds_surname_readings(qtbot, empty_ctx):
    branch = orgs.create(empty_ctx.store, "B1", "第一党支部", "党支部")
    for name in ("张三", "陈一", "曾洋", "程二", "单雄", "陈三"):
        members.add(empty_ctx.store, members.Member(name=name, gender="男",
                                                    joined_on="2001-07-01",
                                                    confirmed_on="2002-07-01"),
                    branch, since="2020-01-01")
    page = make_page(qtbot, empty_ctx)
    page.form.statusCombo.setCurrentIndex(0)
    assert page.shown_names() == ["陈三", "陈一", "程二", "单雄", "曾洋", "张三"]
    qtbot.keyClicks(page.form.searchEdit, "zy")
    assert page.shown_names() == ["曾洋"]
    page.form.searchEdit.clear()
    qtbot.keyClicks(page.form.searchEdit, "shanx")
    assert page.shown_names() == ["单雄"]


def test_filters_work_on_the_loaded_rows_and_the_ledger_is_read_again_only_when_it_changed(
        qtbot, ctx, monkeypatch):
    page = make_page(qtbot, ctx)
    reads = []
    real = members.roster_lines
    monkeypatch.setattr(members, "roster_lines", lambda *args: reads.append(args) or real(*args))
    qtbot.keyClicks(page.form.searchEdit, "z")
    page.form.branchCombo.setCurrentIndex(1)
    page.form.statusCombo.setCurrentIndex(0)
    page.refresh()                      # the section shown again, nothing changed meanwhile
    assert reads == []
    first = members.roster(ctx.store, TODAY)[0]
    reads.clear()
    ctx.store.update("members", first.id, {"phone": "13800000000"})
    page.refresh()
    assert len(reads) == 1
    page.form.searchEdit.clear()
    page.form.branchCombo.setCurrentIndex(0)
    shown = page.model.index(page.shown_names().index(first.name), 8).data()
    assert shown == "13800000000"
