"""First-run wizard (首次设置): the organisation, its rule profile, the secretary, then the roster.

Shown when the ledger has no organisation. The second page is a commit page: the organisation is
created when leaving it, so the optional roster import on the last page has somewhere to go.
"""
from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QWizard, QWizardPage

from desktop_app.core import orgs
from desktop_app.core.rules.profile import ProfileError, load_profile, shipped_ids
from desktop_app.core.store import StoreError
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.roster_import_dialog import RosterImportDialog
from desktop_app.ui.screen_fit import resize_within

ROOT_KINDS = ("党委", "党总支", "党支部")
# Offered when no profile files ship with the program (their ids are what organisations store).
KNOWN_PROFILES = ("national-2018", "jiaxing-2016", "tongling-2017", "county-six-star")


def profile_choices() -> list[tuple[str, str]]:
    """(id, title) for every shipped rule profile, national first: the user sees titles only."""
    ids = shipped_ids() or list(KNOWN_PROFILES)
    ids.sort(key=lambda i: (i != "national-2018", i))
    choices = []
    for profile_id in ids:
        try:
            choices.append((profile_id, load_profile(profile_id).title))
        except ProfileError:
            continue        # a damaged file is not offered; `shilu profile list` names it
    return choices


def quarter_start(today: str) -> QDate:
    """The default 启用日期: the first day of the current quarter."""
    month = (int(today[5:7]) - 1) // 3 * 3 + 1
    return QDate(int(today[:4]), month, 1)


class OrgPage(QWizardPage):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.setTitle("本组织")
        self.setSubTitle("填写本党组织的名称（组织代码可以以后再填），以及从哪一天起在本软件中记录。")
        self.form = load_form("wizard_org", self)
        self.form.startEdit.setDate(quarter_start(ctx.today()))
        self.form.nameEdit.textChanged.connect(self._follow_name)
        self.registerField("org_name*", self.form.nameEdit)

    def _follow_name(self, name: str) -> None:
        """…党支部 is a 党支部: the kind follows the name's ending when it names one."""
        kind = orgs.kind_from_name(name)
        if kind in ROOT_KINDS:
            self.form.kindEdit.setCurrentText(kind)


class ProfilePage(QWizardPage):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle("规则与书记")
        self.setSubTitle("选择本地执行的规则档案，填写书记姓名。点击“创建”后建立组织。")
        self.form = load_form("wizard_profile", self)
        for profile_id, label in profile_choices():
            self.form.profileEdit.addItem(label, profile_id)
        self.registerField("secretary*", self.form.secretaryEdit)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "创建")

    def validatePage(self) -> bool:
        """Create the organisation and record the secretary, all or nothing."""
        org_form = self.wizard().org_page.form
        secretary = self.form.secretaryEdit.text().strip()
        store = self.ctx.store
        previous_actor = store.actor
        try:
            with store.transaction():
                store.actor = secretary
                store.set_setting("secretary_name", secretary)
                orgs.create(store, org_form.codeEdit.text().strip(), org_form.nameEdit.text(),
                            org_form.kindEdit.currentText(),
                            rule_profile=self.form.profileEdit.currentData(),
                            records_from=org_form.startEdit.date().toString("yyyy-MM-dd"))
        except StoreError as exc:
            store.actor = previous_actor
            self.form.errorLabel.setText(str(exc))
            return False
        return True


class RosterPage(QWizardPage):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle("花名册（可选）")
        self.form = load_form("wizard_roster", self)
        self.form.importButton.clicked.connect(self.open_import)
        self.import_dialog: RosterImportDialog | None = None

    def open_import(self) -> RosterImportDialog:
        self.import_dialog = RosterImportDialog(self.ctx, self)
        self.import_dialog.imported.connect(self._imported)
        self.import_dialog.open()
        return self.import_dialog

    def _imported(self) -> None:
        summary = self.import_dialog.summary
        self.form.resultLabel.setText(
            f"已导入：新增 {summary.added} 人，更新 {summary.updated} 人，新建组织 {summary.orgs_created} 个。")


class FirstRunWizard(QWizard):
    """`upstream_chosen`: the user is the upstream office (no ledger of its own), see OrgPage."""

    upstream_chosen = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.setWindowTitle("工作实录 — 首次设置")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        for button, text in ((QWizard.WizardButton.NextButton, "下一步"),
                             (QWizard.WizardButton.BackButton, "上一步"),
                             (QWizard.WizardButton.FinishButton, "完成"),
                             (QWizard.WizardButton.CancelButton, "取消")):
            self.setButtonText(button, text)
        self.org_page = OrgPage(ctx, self)
        self.profile_page = ProfilePage(ctx, self)
        self.roster_page = RosterPage(ctx, self)
        for page in (self.org_page, self.profile_page, self.roster_page):
            self.addPage(page)
        self.org_page.form.upstreamButton.clicked.connect(self.upstream_chosen)
        resize_within(self, 620, 440)
