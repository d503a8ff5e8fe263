from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWizard

from desktop_app.core import orgs
from desktop_app.ui.wizard import FirstRunWizard, profile_choices


def click(qtbot, wizard, which):
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def test_wizard_creates_the_organisation_and_records_the_secretary(qtbot, empty_ctx):
    store = empty_ctx.store
    wizard = FirstRunWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.org_page.form
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()   # the name is required
    assert page.startEdit.date() == QDate(2025, 10, 1)     # today 2025-12-31: the quarter's first day
    page.nameEdit.setText("白鹭社区党总支")
    assert page.kindEdit.currentText() == "党总支"          # the kind follows the name
    qtbot.keyClicks(page.codeEdit, "330402017")
    page.startEdit.setDate(QDate(2025, 7, 1))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.profile_page

    form = wizard.profile_page.form
    ids = [form.profileEdit.itemData(i) for i in range(form.profileEdit.count())]
    assert ids[0] == "national-2018" and "jiaxing-2016" in ids
    shown = [form.profileEdit.itemText(i) for i in range(form.profileEdit.count())]
    assert not [t for t in shown if any(i in t for i in ids)]     # titles, never ids
    form.profileEdit.setCurrentIndex(ids.index("jiaxing-2016"))
    form.secretaryEdit.setText("王芳")
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "创建"
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.roster_page

    top = orgs.root(store)
    assert (top.name, top.code, top.kind, top.rule_profile) == ("白鹭社区党总支", "330402017", "党总支",
                                                                "jiaxing-2016")
    assert orgs.records_from(store, top.id) == "2025-07-01"
    assert store.setting("secretary_name") == "王芳" and store.actor == "王芳"
    actors = {r["actor"] for r in store.query("SELECT actor FROM audit_log")}
    assert actors == {"王芳"}
    with qtbot.waitSignal(wizard.accepted):
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)


def test_a_refused_organisation_keeps_the_wizard_on_its_page(qtbot, empty_ctx):
    orgs.create(empty_ctx.store, "330402017", "旧名称", "党支部")
    wizard = FirstRunWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.org_page.form.nameEdit.setText("白鹭社区党支部")
    wizard.org_page.form.codeEdit.setText("330402017")
    wizard.next()
    wizard.profile_page.form.secretaryEdit.setText("王芳")
    wizard.next()
    assert wizard.currentPage() is wizard.profile_page
    assert "已存在" in wizard.profile_page.form.errorLabel.text()
    assert empty_ctx.store.actor == "测试书记"
    assert len(orgs.all_orgs(empty_ctx.store)) == 1


def test_a_branch_without_a_code_gets_one_made_and_its_kind_from_the_name(qtbot, empty_ctx):
    wizard = FirstRunWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.org_page.form
    page.nameEdit.insert("白鹭社区第一党支部")
    assert page.kindEdit.currentText() == "党支部"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.profile_page.form.secretaryEdit.insert("王芳")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    top = orgs.root(empty_ctx.store)
    assert (top.code, top.kind, top.records_from) == ("Z001", "党支部", "2025-10-01")


def test_profile_choices_come_from_the_shipped_files():
    labels = dict(profile_choices())
    assert set(labels) >= {"national-2018", "jiaxing-2016", "tongling-2017", "county-six-star"}
    assert "全国" in labels["national-2018"]
