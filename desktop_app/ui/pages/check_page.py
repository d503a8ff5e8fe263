"""体检: the compliance findings for an organisation and a period, from the rules engine, with the
rule's source and the records behind each finding; 警示党员 candidates and study-hour shortfalls
listed beside. The check runs on the worker; the count line says 正在计算…… meanwhile."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QListWidgetItem, QWidget

from desktop_app.core import orgs, periods
from desktop_app.core.periods import Period
from desktop_app.core.rules.engine import check, profile_for
from desktop_app.core.rules.findings import MET, OVERDUE, STATUSES, Finding
from desktop_app.ui import record_views
from desktop_app.ui.context import AppContext
from desktop_app.ui.findings_model import COLUMNS, FINDING_ROLE, STATUS_ROLE, FindingsModel
from desktop_app.ui.forms import load_form
from desktop_app.ui.ledger_state import ledger_state
from desktop_app.ui.org_combo import fill_org_combo
from desktop_app.ui.record_opener import RecordOpener
from desktop_app.ui.rows_model import size_columns

ALL = "全部"
PERIOD_KINDS = ("月", "季度", "半年", "年")
PARTS = {"月": [f"{m}月" for m in range(1, 13)], "季度": ["第一季度", "第二季度", "第三季度", "第四季度"],
         "半年": ["上半年", "下半年"], "年": []}
WIDTHS = {"结论": 7, "组织": 8, "规则": 16, "证据": 9}    # in characters; 情况 and 依据 share the rest
# Member rules whose members are listed under 需关注的党员: rule type → label when overdue / open.
ATTENTION = {"unexcused_absence": ("警示党员候选", "缺席偏多"),
             "study_hours": ("学时不足", "学时未满")}
MEMBER_ROLE = Qt.ItemDataRole.UserRole


def period_of(kind: str, year: int, part: int) -> Period:
    """The period chosen in the combos; `part` is the 0-based month, quarter or half."""
    return {"月": lambda: periods.month(year, part + 1), "季度": lambda: periods.quarter(year, part + 1),
            "半年": lambda: periods.half(year, part + 1), "年": lambda: periods.year(year)}[kind]()


class CheckPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("check_page", self)
        self.opener = RecordOpener(ctx, self)
        self.model = FindingsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(STATUS_ROLE)
        self.proxy.setFilterKeyColumn(0)
        table = self.form.table
        table.setModel(self.proxy)
        size_columns(self.form.table, COLUMNS, WIDTHS)
        self.findings: list[Finding] = []
        self.period: Period | None = None
        self.rule_types: dict[tuple[int, str], str] = {}
        self.checked_state = None

        today = ctx.today()
        self.form.kindCombo.addItems(list(PERIOD_KINDS))
        self.form.kindCombo.setCurrentText("年")
        self.form.yearSpin.setValue(int(today[:4]))
        self.form.statusCombo.addItem(ALL, None)
        for status in STATUSES:
            self.form.statusCombo.addItem(status, status)
        self._fill_parts()

        self.form.kindCombo.currentIndexChanged.connect(self._kind_chosen)
        for signal in (self.form.yearSpin.valueChanged, self.form.partCombo.currentIndexChanged,
                       self.form.orgCombo.currentIndexChanged):
            signal.connect(self.run)
        self.form.runButton.clicked.connect(self.run)
        self.form.statusCombo.currentIndexChanged.connect(self._status_chosen)
        table.activated.connect(self._open_row)
        table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.form.detail.anchorClicked.connect(self._follow)
        self.form.attentionList.itemActivated.connect(
            lambda item: self.opener.open(("member", item.data(MEMBER_ROLE))))
        self.opener.changed.connect(self.run)
        self.form.splitter.setSizes([420, 220])
        self.refresh()

    def refresh(self) -> None:
        """When shown again: check again only if the ledger or the day changed meanwhile."""
        fill_org_combo(self.form.orgCombo, self.ctx.store)
        if (ledger_state(self.ctx.store), self.ctx.today()) != self.checked_state:
            self.run()

    def _fill_parts(self) -> None:
        kind = self.form.kindCombo.currentText()
        combo = self.form.partCombo
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(PARTS[kind])
        month = int(self.ctx.today()[5:7])
        combo.setCurrentIndex({"月": month - 1, "季度": (month - 1) // 3, "半年": (month - 1) // 6}
                              .get(kind, -1))
        combo.setVisible(bool(PARTS[kind]))
        combo.blockSignals(False)

    def _kind_chosen(self) -> None:
        self._fill_parts()
        self.run()

    def chosen_period(self) -> Period:
        return period_of(self.form.kindCombo.currentText(), self.form.yearSpin.value(),
                         max(self.form.partCombo.currentIndex(), 0))

    def run(self) -> None:
        """Check the chosen organisation and period in the background."""
        org_id = self.form.orgCombo.currentData()
        if org_id is None:
            return
        store, today, period = self.ctx.store, self.ctx.today(), self.chosen_period()
        self.checked_state = (ledger_state(store), today)

        def task(progress):
            found = check(store, org_id, period, today=today)
            types = {(f.org_id, f.rule_id): profile_for(store, f.org_id).rule(f.rule_id).type
                     for f in found}
            return period, found, types

        self.form.countLabel.setText("正在计算……")
        self.ctx.worker.compute(task, self._show, self._not_checked)

    def _not_checked(self, message: str) -> None:
        """The check could not run: said in place; 体检 (the button) tries again."""
        self.checked_state = None
        self.form.countLabel.setText("体检未能完成")
        self.form.detail.setPlainText(f"体检未能完成：{message}")

    def _show(self, result) -> None:
        self.period, self.findings, self.rule_types = result
        names = {o.id: o.name for o in orgs.all_orgs(self.ctx.store)}
        self.model.set_findings(sorted(self.findings, key=lambda f: STATUSES.index(f.status)),
                                names)
        profiles = sorted({profile_for(self.ctx.store, f.org_id).title for f in self.findings})
        self.form.profileLabel.setText("规则档案：" + "、".join(profiles) if profiles else "")
        self._fill_attention(names)
        self._update_count()
        if self.proxy.rowCount():
            self.form.table.selectRow(0)
        else:
            self.form.detail.setHtml("<p>本期间没有体检结果。</p>")

    def _fill_attention(self, names: dict[int, str]) -> None:
        """One line per member of a 警示党员 or 学时 finding, with the rule's wording."""
        listing = self.form.attentionList
        listing.clear()
        for f in self.findings:
            labels = ATTENTION.get(self.rule_types.get((f.org_id, f.rule_id)))
            if not labels or f.status == MET:
                continue
            label = labels[0] if f.status == OVERDUE else labels[1]
            for member_id in f.member_ids:
                item = QListWidgetItem(f"【{label}】{self._member_name(member_id)}"
                                       f"（{names.get(f.org_id, '')}）")
                item.setData(MEMBER_ROLE, member_id)
                item.setToolTip(f"{f.title}：{f.detail}")
                listing.addItem(item)
        if not listing.count():
            listing.addItem("本期间没有警示党员候选，也没有学时不足的党员。")
        self.form.attentionBox.setTitle(f"需关注的党员（{self._attention_count()} 人次）")

    def _attention_count(self) -> int:
        listing = self.form.attentionList
        return sum(1 for i in range(listing.count()) if listing.item(i).data(MEMBER_ROLE))

    def _member_name(self, member_id: int) -> str:
        row = self.ctx.store.query_one("SELECT name FROM members WHERE id = ?", [member_id])
        return row["name"] if row else f"#{member_id}"

    def _status_chosen(self) -> None:
        status = self.form.statusCombo.currentData()
        self.proxy.setFilterFixedString(status or "")
        self._update_count()

    def _update_count(self) -> None:
        label = self.period.label if self.period else ""
        by = {s: sum(1 for f in self.findings if f.status == s) for s in STATUSES}
        counts = "，".join(f"{s} {n}" for s, n in by.items())
        org_id = self.form.orgCombo.currentData()
        start = orgs.records_from(self.ctx.store, org_id) if org_id is not None else None
        if not self.findings and self.period and start and self.period.end < start:
            counts = f"在启用日期 {start} 之前，此前的事项不作体检结论"
        self.form.countLabel.setText(f"{label}　共 {len(self.findings)} 项：{counts}")

    def shown_findings(self) -> list[Finding]:
        return [self.proxy.index(r, 0).data(FINDING_ROLE) for r in range(self.proxy.rowCount())]

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        finding = current.data(FINDING_ROLE) if current.isValid() else None
        if finding is not None:
            self.form.detail.setHtml(record_views.finding_view(self.ctx.store, finding).html)

    def _follow(self, url) -> None:
        kind, _, number = url.toString().partition(":")
        if number.isdigit():
            self.opener.open((kind, int(number)))

    def _open_row(self, index: QModelIndex) -> None:
        self.opener.open_finding(index.data(FINDING_ROLE))
