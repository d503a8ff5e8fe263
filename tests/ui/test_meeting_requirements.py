"""The meeting editor says which requirements a record will count for before it is saved: by kind,
by the further kinds ticked, by the topics ticked (never by the template), and by the 主讲人."""
from desktop_app.core.meetings import records
from desktop_app.ui.meeting_editor import new_record_editor
from tests.core.rules_builder import Branch
from tests.ui.meetings_helpers import click_save


def editor_for(qtbot, ctx, branch, kind, on="2025-12-10"):
    editor = new_record_editor(ctx, None, branch.branch, kind, on)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_a_new_committee_meeting_counts_for_the_party_building_study_only_once_ticked(qtbot,
                                                                                  empty_ctx):
    branch = Branch(empty_ctx.store, "jiaxing-2016")
    editor = editor_for(qtbot, empty_ctx, branch, "支委会")
    label = editor.requirements.label
    assert label.text().startswith("保存后计入：支委会每月至少1次")
    assert "专题研究党建工作" not in label.text()
    assert "如会上确已党建专题研究、发展党员专题，请勾选（模板不代为勾选）" in label.text()
    editor.tag_boxes["党建专题研究"].setChecked(True)
    assert "每季度至少专题研究党建工作1次" in label.text()


def test_a_life_meeting_ticked_as_the_appraisal_counts_for_both_and_saves_so(qtbot, empty_ctx):
    branch = Branch(empty_ctx.store, "jiaxing-2016")
    editor = editor_for(qtbot, empty_ctx, branch, "组织生活会")
    label, boxes = editor.requirements.label, editor.requirements.boxes
    assert not boxes["党课"].isVisibleTo(editor) and boxes["民主评议党员"].isVisibleTo(editor)
    assert "每年开展民主评议党员" not in label.text()
    boxes["民主评议党员"].setChecked(True)
    assert "每年召开组织生活会" in label.text() and "每年开展民主评议党员" in label.text()
    editor.form.allPresentButton.click()
    with qtbot.waitSignal(editor.saved) as saved:
        click_save(qtbot, editor)
    assert records.get(empty_ctx.store, saved.args[0]).also_kinds == ["民主评议党员"]


def test_a_lesson_at_the_congress_given_by_the_secretary_counts_as_her_lesson(qtbot, empty_ctx):
    branch = Branch(empty_ctx.store, "jiaxing-2016")
    editor = editor_for(qtbot, empty_ctx, branch, "支部党员大会")
    label = editor.requirements.label
    assert not editor.form.lecturerEdit.isVisibleTo(editor)
    editor.requirements.boxes["党课"].setChecked(True)
    assert editor.form.lecturerEdit.isVisibleTo(editor)          # a 党课 needs its 主讲人
    assert "党课每两个月至少1次" in label.text()
    editor.form.lecturerEdit.setText("区委党校教师")
    assert "书记每年为全体党员讲党课至少1次" not in label.text()
    editor.form.lecturerEdit.setText("甲一")                    # the 书记 that day
    assert "书记每年为全体党员讲党课至少1次" in label.text()
