"""首页: this month's to-do, the findings summary for month, quarter and year, and the year's
meetings against the rules. One click on a line opens the record it is about. The figures are
computed on the worker; until they arrive the lists say 正在计算…… (no progress dialog)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QListWidget, QListWidgetItem, QTableWidgetItem, QWidget

from desktop_app.core import dashboard, orgs
from desktop_app.core.backup import archive
from desktop_app.core.dashboard import SCOPES, Dashboard
from desktop_app.core.rules.findings import MET, STATUSES
from desktop_app.ui.bar_chart import MeetingsChart
from desktop_app.ui.context import AppContext
from desktop_app.ui.forms import load_form
from desktop_app.ui.ledger_state import ledger_state
from desktop_app.ui.org_combo import fill_org_combo
from desktop_app.ui.record_opener import RecordOpener
from desktop_app.ui.record_views import STATUS_MARKS

TARGET_ROLE = Qt.ItemDataRole.UserRole
DEFAULT_SCOPE = "本年"
COMPUTING = "正在计算……"   # the quiet state while the worker computes (no progress dialog)
DETAIL_CHARS = 60   # the list shows the start of a finding's detail; the whole is one click away


class HomePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form("home_page", self)
        self.board: Dashboard | None = None
        self.scope = DEFAULT_SCOPE
        self.shown_key = None
        self.opener = RecordOpener(ctx, self)
        self.opener.changed.connect(self.refresh)
        self.backup_dialog = None
        self.chart = MeetingsChart(self.form.chartBox)
        self.form.chartBox.layout().addWidget(self.chart)
        for widget in (self.form.todoList, self.form.findingsList):
            widget.itemClicked.connect(self._open_item)      # one click, like a link …
            widget.itemActivated.connect(self._open_item)    # … and Enter from the keyboard
        self._setup_summary()
        self.form.orgCombo.currentIndexChanged.connect(lambda: self.refresh())
        self.form.refreshButton.clicked.connect(lambda: self.refresh(force=True))
        self.form.backupButton.clicked.connect(self.open_backups)
        self.refresh()

    def _setup_summary(self) -> None:
        table = self.form.summaryTable
        table.setColumnCount(len(STATUSES))
        table.setRowCount(len(SCOPES))
        table.setHorizontalHeaderLabels(list(STATUSES))
        table.setVerticalHeaderLabels(list(SCOPES))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        row_height = table.fontMetrics().height() + 12
        table.verticalHeader().setDefaultSectionSize(row_height)
        header = table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(header + row_height * len(SCOPES) + 2 * table.frameWidth())
        table.itemSelectionChanged.connect(self._scope_chosen)

    def refresh(self, force: bool = False) -> None:
        """Recompute in the background when the ledger, the day or the organisation changed; the
        lists fill in when the figures arrive."""
        store, today = self.ctx.store, self.ctx.today()
        fill_org_combo(self.form.orgCombo, store)
        self.form.dateLabel.setText(f"今天 {today}")
        self.show_backup_state()
        org_id = self.form.orgCombo.currentData()
        key = (ledger_state(store), org_id, today)
        if org_id is None or (key == self.shown_key and not force):
            return
        self.shown_key = key
        self.form.scopeLabel.setText(COMPUTING)
        if self.board is None:
            for widget in (self.form.todoList, self.form.findingsList):
                widget.clear()
                widget.addItem(COMPUTING)
        self.ctx.worker.compute(lambda progress: dashboard.build(store, org_id, today),
                                self.show_board, self._not_built)

    def _not_built(self, message: str) -> None:
        """The figures could not be computed: said in place, and 刷新 tries again."""
        self.shown_key = None
        self.form.scopeLabel.setText("首页未能汇总")
        for widget in (self.form.todoList, self.form.findingsList):
            widget.clear()
            widget.addItem(f"首页未能汇总：{message}")

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        self.form.todoList.clear()
        for item in board.todo:
            self._add(self.form.todoList, f"【{item.kind}】{item.text}", item.target)
        if not board.todo:
            self.form.todoList.addItem("本月没有待办事项。")
        for row, scope in enumerate(SCOPES):
            counts = board.counts(scope)
            for column, status in enumerate(STATUSES):
                cell = QTableWidgetItem(f"{counts[status]} 项")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if status != MET and counts[status]:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.form.summaryTable.setItem(row, column, cell)
        self._fill_findings()
        self.chart.set_bars(board.bars)
        self.form.chartBox.setTitle(f"{board.today[:4]}年会议概览（应开与已开，按月）")

    def _scope_chosen(self) -> None:
        rows = self.form.summaryTable.selectionModel().selectedRows()
        if rows:
            self.scope = SCOPES[rows[0].row()]
            self._fill_findings()

    def _fill_findings(self) -> None:
        if self.board is None:
            return
        names = {o.id: o.name for o in orgs.all_orgs(self.ctx.store)}
        findings = self.board.findings[self.scope]
        several = len({f.org_id for f in findings}) > 1
        open_ones = sorted((f for f in findings if f.status != MET),
                           key=lambda f: STATUSES.index(f.status))
        self.form.scopeLabel.setText(f"{self.scope}需要处理的问题（{len(open_ones)} 项）")
        self.form.findingsList.clear()
        for f in open_ones:
            where = f"{names.get(f.org_id, '')}：" if several else ""
            detail = f.detail if len(f.detail) <= DETAIL_CHARS else f.detail[:DETAIL_CHARS] + "……"
            self._add(self.form.findingsList, f"{STATUS_MARKS[f.status]}　{where}{f.title}\n　　{detail}",
                      ("finding", f))
        if not open_ones:
            self.form.findingsList.addItem(f"{self.scope}各项要求均已达标。")

    @staticmethod
    def _add(widget: QListWidget, text: str, target) -> None:
        item = QListWidgetItem(text)
        item.setData(TARGET_ROLE, target)
        item.setToolTip(text)
        widget.addItem(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        if self.opener.last is not None and self.opener.last.isVisible():
            return      # a double click: the first click has opened it already
        target = item.data(TARGET_ROLE)
        if target and target[0] == "finding":
            self.opener.open_finding(target[1])
        else:
            self.opener.open(target)

    def todo_texts(self) -> list[str]:
        return [self.form.todoList.item(i).text() for i in range(self.form.todoList.count())]

    def show_backup_state(self) -> None:
        path = self.ctx.store.path
        backups = archive.list_backups(archive.default_folder(path)) if path else []
        self.form.backupLabel.setText(
            f"最近备份：{backups[0].created:%Y-%m-%d %H:%M}" if backups else "尚未备份")
        self.form.backupButton.setEnabled(path is not None)

    def open_backups(self):
        # Imported here: the backup dialog is needed only when someone asks for it.
        from desktop_app.ui.backup_dialog import open_over
        self.backup_dialog = open_over(self, self.ctx)
        return self.backup_dialog
