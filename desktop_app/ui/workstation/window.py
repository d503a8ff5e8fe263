"""The upstream workstation window: open a folder or USB stick of bundles → a table of verdicts
(colour and word), pick a branch → its trend across the periods seen, 审核 the selected bundle
(a signed 回执), save the summary workbook. The work is done by core (`inbox.check_folder`,
`receipt.write`, `aggregate.write_xlsx`) on the worker; this module only shows it.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from desktop_app.core import durable
from desktop_app.core.bundle import BundleError, aggregate, history, inbox, keys, receipt, trust
from desktop_app.core.bundle.aggregate import SummaryRow
from desktop_app.core.bundle.inbox import Checked
from desktop_app.core.bundle.trend import Series
from desktop_app.core.bundle.verify import Verdict, VerifyReport, verify_bundle
from desktop_app.core.durable import ExportWriteError
from desktop_app.ui import file_dialogs, preferences
from desktop_app.ui.bundle_checker import period_words
from desktop_app.ui.bundle_sender import ask_save
from desktop_app.ui.export_actions import ask_path, saved_html
from desktop_app.ui.forms import load_form
from desktop_app.ui.key_registration import register_branch_key
from desktop_app.ui.passphrase_dialog import PassphraseDialog
from desktop_app.ui.review_dialog import ReviewDialog
from desktop_app.ui.rows_model import size_columns
from desktop_app.ui.screen_fit import resize_within
from desktop_app.ui.workstation.trend_chart import PeriodBars
from desktop_app.ui.workstation.verdicts_model import WIDTHS, VerdictsModel
from desktop_app.ui.worker import Worker

WARNING = "#b00000"
MEMBERS = QColor("#455a64")
LISTED_KEYS = 6         # a city office registers hundreds: the line names only the first few


class WorkstationWindow(QMainWindow):
    """`switch_to_ledger` is emitted when the office chooses to keep its own ledger after all
    (shown only when the window was reached from the first-run wizard)."""

    switch_to_ledger = Signal()

    def __init__(self, worker: Worker, today: Callable[[], str], can_switch: bool = False):
        super().__init__()
        self.worker, self.today = worker, today
        self.checked: Checked | None = None
        central = QWidget(self)
        self.setCentralWidget(central)
        self.form = form = load_form("workstation", central)
        central.layout().setContentsMargins(8, 8, 8, 8)
        self.setWindowTitle(form.windowTitle())
        table = form.verdictTable
        self.model = VerdictsModel(self)
        table.setModel(self.model)
        size_columns(table, VerdictsModel.COLUMNS, WIDTHS)
        table.verticalHeader().setVisible(False)
        table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.charts = (PeriodBars("三会一课：已开/应开（斜线为应开）"),
                       PeriodBars("未达标项（逾期+缺失）", QColor("#c62828")),
                       PeriodBars("期末在册党员", MEMBERS))
        for chart in self.charts:
            form.trendLayout.addWidget(chart, 1)
        form.splitter.setStretchFactor(0, 3)
        form.splitter.setStretchFactor(1, 2)
        form.splitter.setSizes([3000, 2000])        # 3:2 of whatever width the window gets
        form.openButton.clicked.connect(self.open_folder)
        form.reviewButton.clicked.connect(self.review)
        form.summaryButton.clicked.connect(self.save_summary)
        form.trustButton.clicked.connect(self.register_key)
        form.keyButton.clicked.connect(self.show_key)
        form.ledgerButton.setVisible(can_switch)
        form.ledgerButton.clicked.connect(self._switch)
        form.reviewButton.setEnabled(False)
        form.summaryButton.setEnabled(False)
        form.resultLabel.setText("点“打开文件夹或U盘…”，选择存放各支部实录包（.zip）的文件夹：逐个校验，"
                                 "列出谁发的、哪个期间、是否有效。")
        self.refresh_keys()

    def show_sized(self) -> None:
        """Maximised on a small screen (1366×768 and its scaled forms), 1280×800 otherwise."""
        screen = QGuiApplication.primaryScreen().availableGeometry()
        if screen.width() < 1400 or screen.height() < 860:
            resize_within(self, screen.width(), screen.height())    # also where none maximises
            self.showMaximized()
            return
        resize_within(self, 1280, 800)
        self.show()

    # --- the registry and its warnings -------------------------------------------------------
    def refresh_keys(self) -> None:
        label = self.form.keysLabel
        try:
            registry = trust.load(trust.default_path())
        except BundleError as exc:
            label.setText(f"<span style='color:{WARNING}'>{html.escape(str(exc))}</span>")
            return
        if not registry:
            label.setText("还没有登记任何支部的公钥：未登记的实录包判为“完整但签名人未登记”。"
                          "先点“登记支部公钥…”，与支部当面或电话核对指纹后登记。")
            return
        listed = "；".join(f"{k.code}（指纹 {k.fingerprint[:9]}…）"
                          for k in list(registry.values())[:LISTED_KEYS])
        listed += "；等" if len(registry) > LISTED_KEYS else ""       # `shilu trust list` has all
        warnings = "".join(f"<br><b style='color:{WARNING}'>警告：{html.escape(w)}</b>"
                           for w in trust.shared_keys(registry))
        label.setText(f"已登记 {len(registry)} 个支部的公钥：{html.escape(listed)}{warnings}")

    def register_key(self) -> None:
        entry = register_branch_key(self, self.today())
        if entry is not None:
            self.refresh_keys()
            self.form.resultLabel.setText(f"已登记 {html.escape(entry.code)} 的公钥，指纹 "
                                          f"{entry.fingerprint}。重新打开文件夹即按新登记校验。")

    # --- opening a folder --------------------------------------------------------------------
    def open_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, "bundle", "选择存放各支部实录包的文件夹或U盘")
        if folder is None:
            return
        try:
            registry = trust.load(trust.default_path())
        except BundleError as exc:
            QMessageBox.warning(self, "受信任公钥登记表", str(exc))
            return
        path = history.default_path()
        self.worker.run(self, "校验实录包",
                        lambda progress: inbox.check_folder(folder, registry, path, progress),
                        self.show_checked)

    def show_checked(self, checked: Checked) -> None:
        self.checked = checked
        rows = checked.summary.rows
        counts = checked.summary.counts()
        told = "，".join(f"{v.word} {counts[v]}" for v in Verdict)
        skipped = checked.summary.skipped
        skipped_text = (f"<br>跳过 {len(skipped)} 个文件："
                        + html.escape("；".join(f"{s.file}（{s.reason}）" for s in skipped[:10]))
                        + ("……" if len(skipped) > 10 else "")) if skipped else ""
        where = html.escape(str(checked.folder))
        self.form.resultLabel.setText(
            f"<b>{where}</b>：共 {len(rows)} 个实录包，{told}。不是“有效”的包不计入数字，原因见“说明”列。"
            f"{skipped_text}" if rows else f"{where} 中没有 .zip 工作实录包。{skipped_text}")
        self.model.set_rows(rows)
        self.refresh_keys()
        self.form.summaryButton.setEnabled(bool(rows))
        if rows:
            self.form.verdictTable.selectRow(0)
        else:
            self._selected()

    # --- the selected branch -----------------------------------------------------------------
    def selected_row(self) -> SummaryRow | None:
        rows = self.form.verdictTable.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _selected(self) -> None:
        row = self.selected_row()
        self.form.reviewButton.setEnabled(row is not None and row.valid)
        self.show_trend(row)

    def show_trend(self, row: SummaryRow | None) -> None:
        series = self.checked.series.get(row.org_code) if row and self.checked else None
        if series is None:
            name = f"{row.org_name}（{row.org_code}）" if row else "所选支部"
            self.form.trendLabel.setText(f"{name} 还没有有效的实录包，没有趋势可看。" if row else
                                         "在左表中选一个支部，这里显示它各期的三会一课、未达标项和在册党员。")
            for chart in self.charts:
                chart.set_values([], [])
            return
        self.form.trendLabel.setText(self.trend_text(series))
        points = series.points
        labels, codes = [period_words(p.period) for p in points], [p.period for p in points]
        self.charts[0].set_values(labels, [p.held for p in points], [p.required for p in points],
                                  codes)
        self.charts[1].set_values(labels, [p.unmet for p in points], short=codes)
        self.charts[2].set_values(labels, [p.members for p in points], short=codes)

    @staticmethod
    def trend_text(series: Series) -> str:
        corrected = [p.label for p in series.points if p.bundles > 1]
        return (f"{series.org_name}（{series.org_code}）：上级收包记录中有 {len(series.points)} 个期间的"
                "有效实录包（含以前收到的）。" + (f"{'、'.join(corrected)} 收到过不止一个包，按最后导出的"
                                               "（更正包）计。" if corrected else ""))

    # --- 审核: a signed 回执 -------------------------------------------------------------------
    def review(self) -> None:
        row = self.selected_row()
        if row is None or not row.valid or self.checked is None:
            return
        folder = keys.upstream_folder()
        if not keys.has_key(folder):
            QMessageBox.information(self, "审核所选包", "本机还没有签名密钥：先点“本机签名密钥…”生成，"
                                    "并把公钥交给各支部登记，支部才能核对回执。")
            return
        try:
            registry = trust.load(trust.default_path())
        except BundleError as exc:
            QMessageBox.warning(self, "受信任公钥登记表", str(exc))
            return
        path = self.checked.folder / row.file
        self.worker.run(self, "校验实录包", lambda progress: verify_bundle(path, registry),
                        self._review_verified)

    def _review_verified(self, report: VerifyReport) -> None:
        if not report.ok:       # changed on the stick since the folder was opened
            QMessageBox.warning(self, "审核所选包", f"{report.path.name} 现在校验为“{report.verdict.word}”，"
                                "不能出具回执：" + "；".join(report.problems))
            return
        chosen = ReviewDialog.ask(self, report, preferences.get(preferences.REVIEWER) or "上级党组织")
        if chosen is None:
            return
        target = ask_path(self, "保存回执", f"回执-{report.identifier}", (".json",))
        if target is None:
            return
        passphrase = PassphraseDialog.ask(self, "请输入本机签名密钥的口令，为回执签名。")
        if passphrase is None:
            return
        try:
            private = keys.load_private(keys.upstream_folder(), passphrase)
            receipt.write(report, chosen.decision, chosen.comment, chosen.items, chosen.reviewer,
                          private, target, self.today())
        except (BundleError, ExportWriteError) as exc:
            QMessageBox.warning(self, "出具回执未完成", str(exc))
            return
        preferences.put(preferences.REVIEWER, chosen.reviewer)
        self.form.resultLabel.setText(saved_html(
            target, f"已签发回执（{chosen.decision}）",
            (f"{report.identifier}：请把回执交回该支部，在“报送上级”页导入。",)))

    # --- the summary workbook ----------------------------------------------------------------
    def save_summary(self) -> None:
        if self.checked is None or not self.checked.summary.rows:
            return
        checked = self.checked
        target = ask_path(self, "保存汇总表", f"实录包汇总_{checked.folder.name}", (".xlsx",))
        if target is None:
            return
        self.worker.run(self, "保存汇总表", lambda progress: aggregate.write_xlsx(checked.summary, target),
                        lambda _: self.form.resultLabel.setText(
                            saved_html(target, "已保存汇总表", ("不含个人信息。",))))

    # --- this workstation's key --------------------------------------------------------------
    def show_key(self) -> None:
        folder = keys.upstream_folder()
        try:
            if not keys.has_key(folder):
                passphrase = PassphraseDialog.ask(
                    self, "本机还没有签名密钥。设一个口令（至少 6 个字符）生成密钥：回执用它签名。"
                          "口令请妥善保管，忘记后只能重新生成并让各支部重新登记。", confirm=True)
                if passphrase is None:
                    return
                keys.init_key(folder, passphrase)
            public = keys.load_public(folder)
        except BundleError as exc:
            QMessageBox.warning(self, "本机签名密钥", str(exc))
            return
        fingerprint = keys.fingerprint(public)
        answer = QMessageBox.question(
            self, "本机签名密钥", f"本机公钥指纹：\n\n{fingerprint}\n\n各支部登记本机公钥后才能核对回执，"
                            "登记时请与支部逐组核对指纹。现在把公钥保存为文件交给支部吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return
        target = ask_save(self, "保存本机公钥", "上级公钥", ".pem", "公钥文件")
        if target is None:
            return
        try:
            with durable.write_atomically(target) as temp:
                temp.write_bytes(keys.public_pem(public))
        except ExportWriteError as exc:
            QMessageBox.warning(self, "保存本机公钥未完成", str(exc))
            return
        self.form.resultLabel.setText(saved_html(Path(target), "已保存本机公钥",
                                                 (f"指纹 {fingerprint}",)))

    def _switch(self) -> None:
        self.switch_to_ledger.emit()
        self.close()
