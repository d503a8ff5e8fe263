"""主题党日: the year's activity-day plan of a 党支部 (generated from its rule profile, themes and
places edited in place, printed and exported for 备案) and the year calendar of what was planned,
held and missed. A planned day without a record can be recorded from the calendar in one step."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHeaderView, QMessageBox, QWidget

from desktop_app.core import orgs
from desktop_app.core.exports import activity_plan_export
from desktop_app.core.meetings import calendar, kinds, plan, records
from desktop_app.core.meetings.plan import PlanEntry
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.rules.profile import RuleProfile
from desktop_app.ui import export_actions, printing
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.meeting_editor import MeetingEditor, new_record_editor
from desktop_app.ui.month_panel import MonthPanel, entry_states
from desktop_app.ui.plan_model import COLUMNS, DUE, MISSED, PlanModel

YEARS_SHOWN = 5
COLUMNS_PER_ROW = 4
# Plan columns in characters; 主题 takes what is left.
WIDTHS = {"日期": 7, "星期": 3, "类别": 5, "地点": 10, "开展情况": 5}


def days_said(profile: RuleProfile) -> str:
    """Where the plan's fixed days come from, in a sentence."""
    days = profile.activity_days
    fixed = [f"{d}日{kind}" for d, kind in ((days.study_day, kinds.STUDY_DAY),
                                            (days.service_day, kinds.SERVICE_DAY)) if d]
    if not fixed:
        return f"{profile.title}未规定固定的学习日、服务日，由支部自行安排"
    return f"依据{days.source or profile.title}：每月" + "、".join(fixed)


def monthly_kinds(profile: RuleProfile) -> list[str]:
    """Meeting kinds the profile wants every month (支委会, 党小组会 in Jiaxing)."""
    found: list[str] = []
    for rule in profile.rules:
        if rule.type == "meeting_frequency" and rule.params.get("every") == "month":
            found += [k for k in rule.params.get("kinds", []) if k not in found]
    return found


class ActivityDaysPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("activity_days_page", self)
        f = self.form
        self.model = PlanModel(ctx.store, self)
        f.planTable.setModel(self.model)
        self._size_columns()
        self.editor: MeetingEditor | None = None
        self.months: list[calendar.Month] = []
        self.panels: list[MonthPanel] = []
        for i in range(12):
            panel = MonthPanel(self)
            panel.entry_clicked.connect(self.entry_clicked)
            f.monthsGrid.addWidget(panel, i // COLUMNS_PER_ROW, i % COLUMNS_PER_ROW)
            self.panels.append(panel)
        this_year = int(ctx.today()[:4])
        for y in range(this_year + 1, this_year - YEARS_SHOWN, -1):
            f.yearCombo.addItem(f"{y}年", y)
        f.yearCombo.setCurrentIndex(1)
        for org in orgs.all_orgs(ctx.store):
            if org.kind == "党支部":
                f.orgCombo.addItem(org.name, org.id)
        f.orgCombo.currentIndexChanged.connect(lambda _: self.refresh())
        f.yearCombo.currentIndexChanged.connect(lambda _: self.refresh())
        f.generateButton.clicked.connect(self.generate)
        f.printButton.clicked.connect(lambda: self.export_plan(".pdf"))
        f.xlsxButton.clicked.connect(lambda: self.export_plan(".xlsx"))
        self.model.failed.connect(self._show_error)
        self.refresh()

    def _size_columns(self) -> None:
        header = self.form.planTable.horizontalHeader()
        char = self.form.planTable.fontMetrics().horizontalAdvance("中")
        for column, title in enumerate(COLUMNS):
            if title in WIDTHS:
                header.resizeSection(column, WIDTHS[title] * char + 18)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def org_id(self) -> int | None:
        return self.form.orgCombo.currentData()

    def year(self) -> int:
        return self.form.yearCombo.currentData()

    def profile(self) -> RuleProfile:
        return profile_for(self.ctx.store, self.org_id())

    def refresh(self) -> None:
        """Reload the plan and the calendar (after an edit, or when the section is shown)."""
        f, org_id = self.form, self.org_id()
        if org_id is None:
            f.messageLabel.setText("账本中还没有党支部，无法制定活动计划。")
            return
        profile = self.profile()
        f.profileLabel.setText(days_said(profile))
        self.months = calendar.year_view(self.ctx.store, org_id, self.year(),
                                         monthly_kinds(profile), on_date=self.ctx.today())
        states = entry_states(self.months, self.ctx.today())
        for panel, view in zip(self.panels, self.months):
            panel.show_month(view, states)
        entries = plan.entries(self.ctx.store, org_id, self.year())
        self.model.set_entries(entries, states)
        f.generateButton.setText("补齐计划" if entries else "按规则档案生成计划")
        f.tabs.setTabText(1, f"年度计划（{len(entries)} 项）" if entries else "年度计划（未制定）")
        missed = sum(len(m.missing) for m in self.months)
        f.messageLabel.setText(
            (f"{self.year()}年：计划 {len(entries)} 项，未开展或缺 {missed} 项。" if entries else
             f"{self.year()}年的活动计划尚未制定：点“按规则档案生成计划”。打印前可先修改主题和地点。"))

    def generate(self) -> None:
        """Save the plan the profile drafts (existing entries and their edits kept) and link the
        主题党日 already held to their planned days."""
        before = len(plan.entries(self.ctx.store, self.org_id(), self.year()))
        with self.ctx.store.transaction():
            added = len(plan.generate(self.ctx.store, self.org_id(), self.year())) - before
            linked = plan.link_held(self.ctx.store, self.org_id(), self.year())
        self.refresh()
        self.form.tabs.setCurrentWidget(self.form.planTab)
        self.form.messageLabel.setText(f"已生成 {added} 项计划，{linked} 项与已开展的主题党日对应。")

    def export_plan(self, suffix: str) -> Path | None:
        """.pdf: 打印 (preview, print dialog, 另存为 PDF); .xlsx: save the 备案表."""
        store, org_id, year = self.ctx.store, self.org_id(), self.year()
        name = f"{orgs.get(store, org_id).name}{year}年党员固定活动日计划"
        saved = lambda path: export_actions.show_saved(self.form.messageLabel, path)  # noqa: E731
        if suffix == ".pdf":
            printing.print_pdf(self.ctx, self, "活动计划表", name, lambda target: activity_plan_export.write_pdf(
                activity_plan_export.for_year(store, org_id, year), target), saved)
            return None
        return export_actions.export(
            self.ctx, self, "导出备案表", name, (suffix,),
            lambda target: activity_plan_export.write_xlsx(
                activity_plan_export.for_year(store, org_id, year), target), saved)

    def entry_clicked(self, entry: PlanEntry) -> MeetingEditor | None:
        """A planned day: open its record, or offer to record it now pre-filled from the plan."""
        if entry.meeting_id:
            return self._show(MeetingEditor(self.ctx, records.get(self.ctx.store, entry.meeting_id),
                                            self))
        state = self.model.state_of(entry)
        if state not in (DUE, MISSED):
            return None
        day = f"{int(entry.planned_on[5:7])}月{int(entry.planned_on[8:])}日"
        answer = QMessageBox.question(self, "补录主题党日", f"{day}{entry.day_kind}还没有记录。\n"
                                      f"现在按计划（{entry.theme or '未定主题'}）新建这次主题党日的记录吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return None
        day_kind = entry.day_kind if entry.day_kind in kinds.DAY_KINDS else kinds.CARE_DAY
        editor = new_record_editor(self.ctx, self, entry.org_id, kinds.THEME_DAY, entry.planned_on,
                                   day_kind, entry.theme, entry.place)
        editor.saved.connect(lambda meeting_id: self._link(entry, meeting_id))
        return self._show(editor)

    def _show(self, editor: MeetingEditor) -> MeetingEditor:
        self.editor = editor
        editor.saved.connect(lambda _: self.refresh())
        editor.open()
        return editor

    def _link(self, entry: PlanEntry, meeting_id: int) -> None:
        if records.get(self.ctx.store, meeting_id).status == records.HELD:
            plan.link(self.ctx.store, entry.id, meeting_id)

    def _show_error(self, message: str) -> None:
        self.form.messageLabel.setText(f"未保存：{message}")
