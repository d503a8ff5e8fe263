"""上级核验, for the upstream office running the same app: register a branch's public key after
comparing its fingerprint, verify one 工作实录包, or verify a folder of them and save the summary.

Verification never trusts a bundle's own key: a bundle counts as valid only when it is signed by the
key registered for its organisation code (the registry is `trust.default_path()`).
"""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from desktop_app.core import orgs, periods
from desktop_app.core.bundle import BundleError, aggregate, history, keys, receipt, trust
from desktop_app.core.bundle.aggregate import Summary
from desktop_app.core.bundle.text import shown
from desktop_app.core.bundle.verify import Verdict, VerifyReport, verify_bundle
from desktop_app.core.durable import ExportWriteError
from desktop_app.ui import file_dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.export_actions import ask_path
from desktop_app.ui.key_registration import register_branch_key
from desktop_app.ui.passphrase_dialog import PassphraseDialog
from desktop_app.ui.review_dialog import ReviewDialog

QWIDGETSIZE_MAX = 16777215
SUMMARY_HEADER_HEIGHT = 70     # the verdict line above the summary table
INVALID = QColor("#b00000")
START_TEXT = ("<p>点“校验实录包”选择支部交来的 .zip 文件：显示谁发的、哪个期间、签名密钥是否已登记、"
              "内容是否被改动。</p><p>点“汇总文件夹”一次校验一个文件夹中的全部实录包，并列表汇总。</p>")


VERDICT_TEXT = {
    Verdict.VALID: ("#1a7f37", "签名正确，密钥已登记，内容未被改动。"),
    Verdict.UNREGISTERED: ("#9a6700", "内容完整、签名正确，但签名密钥不是登记的该支部公钥：不能确认是谁发的。"),
    Verdict.ALTERED: ("#b00000", "包在签名后被改动过：不能作为该支部的报送材料。"),
    Verdict.UNREADABLE: ("#b00000", "不是能读取的工作实录包。"),
}


def report_html(report: VerifyReport, flags: list[str] = ()) -> str:
    """The verdict first, then who sent it, the period, the key, every problem and warning."""
    e = html.escape
    color, meaning = VERDICT_TEXT[report.verdict]
    verdict = (f"<p style='color:{color}; font-size:16px'><b>{report.verdict.word}</b>：{meaning}</p>")
    rows = [("文件", shown(report.path)),
            ("发送组织", f"{shown(report.org_name or '（无法读出）')}（{shown(report.org_code or '?')}）"),
            ("期间", _period_text(report)),
            ("签名密钥指纹", report.fingerprint or "（无法读出）"),
            ("是否已登记", "是，与登记的公钥一致" if report.trusted else "否")]
    table = "".join(f"<tr><td style='color:#555; padding-right:12px'>{e(k)}</td><td>{e(v)}</td></tr>"
                    for k, v in rows)
    problems = ("<p><b>发现的问题：</b></p><ul>" + "".join(f"<li>{e(p)}</li>" for p in report.problems)
                + "</ul>") if report.problems else ""
    warnings = ("<p style='color:#9a6700'><b>连续性提示：</b></p><ul>"
                + "".join(f"<li>{e(f)}</li>" for f in flags) + "</ul>") if flags else ""
    return f"{verdict}<table>{table}</table>{problems}{warnings}"


def period_words(code: str | None) -> str:
    """A period code in words: 2026H2 → 2026年下半年 (a code that cannot be read stays as it is)."""
    if not code:
        return "（无法读出）"
    try:
        return periods.parse_period(code).label
    except ValueError:
        return code


def _period_text(report: VerifyReport) -> str:
    """The bundle's period in words (2026年下半年), never its code (2026H2)."""
    label = (report.extract or {}).get("period", {}).get("label")
    return label or shown(period_words(report.period))


PERIOD_COLUMN = 2   # in SummaryRow.cells()


class BundleChecker(QObject):
    def __init__(self, ctx: AppContext, page: QWidget, form: QWidget):
        super().__init__(page)
        self.ctx, self.page, self.form = ctx, page, form
        self.report: VerifyReport | None = None
        self.summary: Summary | None = None
        self.folder: Path | None = None
        table = form.summaryTable
        table.setColumnCount(len(aggregate.HEADERS))
        table.setHorizontalHeaderLabels(list(aggregate.HEADERS))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setVisible(False)
        form.verifyView.setHtml(START_TEXT)
        form.saveSummaryButton.setEnabled(False)
        form.trustButton.clicked.connect(self.register_key)
        form.verifyButton.clicked.connect(self.verify)
        form.aggregateButton.clicked.connect(self.aggregate)
        form.saveSummaryButton.clicked.connect(self.save_summary)
        form.reviewButton.setEnabled(False)
        form.reviewButton.clicked.connect(self.review)

    def refresh(self) -> None:
        try:
            registry = trust.load(trust.default_path())
        except BundleError as exc:
            self.form.trustLabel.setText(str(exc))
            return
        if not registry:
            self.form.trustLabel.setText("还没有登记任何支部的公钥：未登记的实录包校验时判为“完整但签名人未登记”。")
            return
        listed = "；".join(f"{k.code}（指纹 {k.fingerprint[:9]}…）" for k in registry.values())
        warnings = "".join(f"\n警告：{w}" for w in trust.shared_keys(registry))
        self.form.trustLabel.setText(f"已登记 {len(registry)} 个支部的公钥：{listed}{warnings}")

    def _registry(self) -> dict | None:
        try:
            return trust.load(trust.default_path())
        except BundleError as exc:
            QMessageBox.warning(self.page, "受信任公钥登记表", str(exc))
            return None

    # --- registering a branch's key ----------------------------------------------------------
    def register_key(self) -> None:
        entry = register_branch_key(self.page, self.ctx.today())
        if entry is None:
            return
        self.refresh()
        self.form.verifyView.setHtml(
            f"<p>已登记 {html.escape(entry.code)} 的公钥，指纹 {entry.fingerprint}。</p>")

    # --- verifying ---------------------------------------------------------------------------
    def verify(self) -> None:
        chosen = file_dialogs.open_file(self.page, "bundle", "选择要校验的工作实录包",
                                        "工作实录包 (*.zip)")
        registry = self._registry() if chosen else None
        if registry is None:
            return
        self.form.summaryTable.setVisible(False)
        self.ctx.worker.run(self.page, "校验实录包",
                            lambda progress: _verify_and_record(chosen, registry),
                            self._show_report)

    def _show_report(self, result: tuple[VerifyReport, list[str]]) -> None:
        self.report, flags = result
        self.form.reviewButton.setEnabled(self.report.ok)
        self.form.verifyView.setMaximumHeight(QWIDGETSIZE_MAX)
        self.form.verifyView.setHtml(report_html(self.report, flags))

    def aggregate(self) -> None:
        chosen = file_dialogs.choose_folder(self.page, "bundle", "选择存放各支部实录包的文件夹")
        registry = self._registry() if chosen else None
        if registry is None:
            return
        folder = chosen

        def task(progress):
            seen = history.History(history.default_path())
            try:
                return aggregate.summarise(folder, registry, seen)
            finally:
                seen.close()

        self.ctx.worker.run(self.page, "汇总实录包", task,
                            lambda summary: self._show_summary(folder, summary))

    def _show_summary(self, folder: Path, summary: Summary) -> None:
        self.folder, self.summary = folder, summary
        rows = summary.rows
        counts = summary.counts()
        told = "，".join(f"{v.word} {counts[v]}" for v in Verdict)
        skipped = (f"<br/>跳过 {len(summary.skipped)} 个文件："
                   + "；".join(html.escape(f"{s.file}（{s.reason}）") for s in summary.skipped[:20])
                   ) if summary.skipped else ""
        self.form.verifyView.setHtml(
            f"<p><b>{html.escape(shown(folder))}</b>：共 {len(rows)} 个实录包，{told}。"
            f"不是“有效”的包不计入数字，原因见“说明”列。{skipped}</p>" if rows else
            f"<p>{html.escape(shown(folder))} 中没有 .zip 工作实录包。{skipped}</p>")
        table = self.form.summaryTable
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = row.cells()
            cells[PERIOD_COLUMN] = period_words(row.period)
            for c, value in enumerate(cells):
                item = QTableWidgetItem("" if value is None else str(value))
                if not row.valid:
                    item.setForeground(INVALID)
                table.setItem(r, c, item)
        table.setVisible(bool(rows))
        self.form.verifyView.setMaximumHeight(SUMMARY_HEADER_HEIGHT if rows else QWIDGETSIZE_MAX)
        self.form.saveSummaryButton.setEnabled(bool(rows))

    def save_summary(self) -> Path | None:
        if not self.summary or not self.summary.rows:
            return None
        target = ask_path(self.page, "保存汇总表", f"实录包汇总_{self.folder.name}", (".xlsx",))
        if target is None:
            return None
        summary = self.summary
        self.ctx.worker.run(self.page, "保存汇总表",
                            lambda progress: aggregate.write_xlsx(summary, target),
                        lambda _: self.form.verifyView.append(
                            f"<p><b>已保存汇总表：</b>{html.escape(str(target))}（不含个人信息）</p>"))
        return target


    # --- 出具回执 -----------------------------------------------------------------------------
    def review(self) -> Path | None:
        """通过 or 退回 the bundle just verified: a receipt signed with this installation's key."""
        report, store = self.report, self.ctx.store
        if report is None or not report.ok:
            return None
        folder = keys.key_folder(store.path) if store.path else None
        if folder is None or not keys.has_key(folder):
            QMessageBox.warning(self.page, "出具回执", "本机还没有签名密钥：先在“报送上级”页生成密钥，"
                                "并把公钥交给各支部登记，支部才能核对回执。")
            return None
        top = orgs.root(store)
        chosen = ReviewDialog.ask(self.page, report, top.name if top else "上级党组织")
        if chosen is None:
            return None
        target = ask_path(self.page, "保存回执", f"回执-{report.identifier}", (".json",))
        if target is None:
            return None
        passphrase = PassphraseDialog.ask(self.page, "请输入本机签名密钥的口令，为回执签名。")
        if passphrase is None:
            return None
        try:
            private = keys.load_private(folder, passphrase)
            receipt.write(report, chosen.decision, chosen.comment, chosen.items, chosen.reviewer,
                          private, target, self.ctx.today())
        except (BundleError, ExportWriteError) as exc:
            QMessageBox.warning(self.page, "出具回执未完成", str(exc))
            return None
        self.form.verifyView.append(
            f"<p><b>已签发回执（{chosen.decision}）：</b>{html.escape(str(target))}"
            f"——请交回该支部，在“报送上级”页导入。</p>")
        return target


def _verify_and_record(path: Path, registry: dict) -> tuple[VerifyReport, list[str]]:
    """Verify, then remember a valid bundle in the upstream history and return its warnings."""
    report = verify_bundle(path, registry)
    seen = history.History(history.default_path())
    try:
        return report, seen.record(report)
    finally:
        seen.close()
