"""报送上级: the ledger's signing key (make it, show its fingerprint, hand out the public key) and the
signed 工作实录包 for one 党支部 and one finished period.

The passphrase is asked for each time and handed straight to the core; the key is opened on the
GUI thread (it takes a millisecond) so that a wrong passphrase is told at once, before anything is
written or sealed. The secretary is told BEFORE the export that the period will be sealed.
"""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core import durable, orgs, periods
from desktop_app.core.bundle import BundleError, keys
from desktop_app.core.bundle.build import BuiltBundle, book_personal_data, build_bundle
from desktop_app.core.bundle.extract import PERSONAL_DATA
from desktop_app.core.bundle.layout import period_id
from desktop_app.core.durable import ExportWriteError
from desktop_app.core.periods import Period
from desktop_app.ui import file_dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.export_actions import safe_name
from desktop_app.ui.passphrase_dialog import PassphraseDialog

BRANCH = "党支部"
KINDS = ("季度", "半年", "年度")
YEARS_LISTED = 3        # finished periods of this year and the two before are offered


def finished_periods(kind: str, today: str) -> list[Period]:
    """The periods of `kind` that ended before `today`, newest first."""
    this_year = int(today[:4])
    found = []
    for y in range(this_year, this_year - YEARS_LISTED, -1):
        found += {"季度": [periods.quarter(y, q) for q in (4, 3, 2, 1)],
                  "半年": [periods.half(y, h) for h in (2, 1)],
                  "年度": [periods.year(y)]}[kind]
    return [p for p in found if p.end < today]


def ask_save(parent: QWidget, title: str, stem: str, suffix: str, filter_text: str) -> Path | None:
    path, _ = file_dialogs.save_file(parent, "bundle", title, f"{safe_name(stem)}{suffix}",
                                     f"{filter_text} (*{suffix})")
    if path is None:
        return None
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


class BundleSender(QObject):
    def __init__(self, ctx: AppContext, page: QWidget, form: QWidget):
        super().__init__(page)
        self.ctx, self.page, self.form = ctx, page, form
        form.kindCombo.addItems(list(KINDS))
        form.kindCombo.currentIndexChanged.connect(self._fill_periods)
        form.initKeyButton.clicked.connect(self.make_key)
        form.exportKeyButton.clicked.connect(self.export_public_key)
        form.bundleButton.clicked.connect(self.export_bundle)

    # --- state shown -------------------------------------------------------------------------
    def key_folder(self) -> Path | None:
        """Keys sit beside the ledger file; an in-memory ledger has none."""
        path = self.ctx.store.path
        return keys.key_folder(path) if path else None

    def refresh(self) -> None:
        self._show_key()
        combo = self.form.branchCombo
        chosen = combo.currentData()
        combo.clear()
        for org in orgs.all_orgs(self.ctx.store):
            if org.kind == BRANCH:
                combo.addItem(f"{org.name}（{org.code}）", org.code)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        self._fill_periods()

    def _show_key(self) -> None:
        folder = self.key_folder()
        form = self.form
        has = folder is not None and keys.has_key(folder)
        form.initKeyButton.setVisible(folder is not None and not has)
        form.exportKeyButton.setVisible(has)
        form.bundleButton.setEnabled(has)
        form.fingerprintLabel.setVisible(has)
        if folder is None:
            form.keyStatusLabel.setText("这是临时账本（未保存到文件），不能生成签名密钥。")
        elif not has:
            form.keyStatusLabel.setText(
                "还没有签名密钥。报送实录包前先生成一把：私钥用您设的口令加密，保存在账本旁；"
                "公钥交上级登记，上级据此确认实录包确实出自本支部、未被改动。")
        else:
            try:
                form.fingerprintLabel.setText(keys.fingerprint(keys.load_public(folder)))
            except BundleError as exc:      # the public half was deleted or damaged
                form.keyStatusLabel.setText(f"签名密钥的公钥文件无法读取：{exc}")
                form.fingerprintLabel.setText("")
                return
            form.keyStatusLabel.setText(
                f"已有签名密钥（{folder}）。公钥指纹如下，上级登记时请当面或电话逐组核对：")

    def _fill_periods(self) -> None:
        combo = self.form.periodCombo
        sealed = self.ctx.store.sealed_through() or ""
        chosen = combo.currentData()
        combo.clear()
        for p in finished_periods(self.form.kindCombo.currentText(), self.ctx.today()):
            combo.addItem(p.label + ("（已封存）" if p.end <= sealed else ""), period_id(p))
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if combo.count() else -1)
        if sealed:
            self.form.sealLabel.setText(
                f"账本已封存至 {sealed}（已报送上级）：该日及以前的记录再修改，只能作为更正并填写原因。"
                "导出实录包后，所选期间结束日及以前的全部记录（所有支部）都将封存。")
        else:
            self.form.sealLabel.setText(
                "注意：导出实录包后，所选期间结束日及以前的全部记录（所有支部）都将封存："
                "之后再修改只能作为更正，须填写原因，并留下记录。")

    def chosen_period(self) -> Period:
        """The listed period chosen, or the text typed (2025Q3, 2025年第3季度 …); ValueError if unclear."""
        combo = self.form.periodCombo
        text = combo.currentText().strip()
        index = combo.findText(text)
        return periods.parse_period(combo.itemData(index) if index >= 0 else text)

    # --- the key -----------------------------------------------------------------------------
    def make_key(self) -> None:
        folder = self.key_folder()
        if folder is None or keys.has_key(folder):
            return
        passphrase = PassphraseDialog.ask(
            self.page, "为签名密钥设一个口令（至少 6 个字符），每次报送实录包时都要输入。"
            "口令不会被保存；忘记后无法找回，只能重新生成密钥并请上级重新登记。", confirm=True)
        if passphrase is None:
            return
        try:
            public = keys.init_key(folder, passphrase)
        except (BundleError, ExportWriteError) as exc:
            QMessageBox.warning(self.page, "生成签名密钥未完成", str(exc))
            return
        self._show_key()
        QMessageBox.information(
            self.page, "已生成签名密钥",
            f"公钥指纹：{keys.fingerprint(public)}\n\n请点“导出公钥”，把公钥文件交上级登记，"
            "并当面或电话核对指纹。请牢记口令。")

    def export_public_key(self) -> Path | None:
        folder = self.key_folder()
        if folder is None or not keys.has_key(folder):
            return None
        root = orgs.root(self.ctx.store)
        target = ask_save(self.page, "导出公钥", f"{root.name if root else ''}签名公钥", ".pem",
                          "公钥文件")
        if target is None:
            return None
        public = keys.load_public(folder)
        try:
            with durable.write_atomically(target) as temp:
                temp.write_bytes(keys.public_pem(public))
        except ExportWriteError as exc:
            QMessageBox.warning(self.page, "导出公钥未完成", str(exc))
            return None
        self.form.bundleResultLabel.setText(
            f"<b>已导出公钥：</b>{html.escape(str(target))}<br>指纹 {keys.fingerprint(public)}。"
            "公钥不含个人信息，也不能用来签名；请交上级登记并核对指纹。")
        return target

    # --- the bundle --------------------------------------------------------------------------
    def _refuse(self, message: str) -> None:
        QMessageBox.warning(self.page, "导出实录包", message)

    def export_bundle(self) -> Path | None:
        folder, store, today = self.key_folder(), self.ctx.store, self.ctx.today()
        code = self.form.branchCombo.currentData()
        if folder is None or not keys.has_key(folder):
            return self._refuse("还没有签名密钥：请先点“生成签名密钥”。")
        if code is None:
            return self._refuse("账本中还没有党支部：实录包按党支部报送。")
        try:
            period = self.chosen_period()
        except ValueError as exc:
            return self._refuse(str(exc))
        if period.end >= today:
            return self._refuse(f"{period.label}到 {period.end} 才结束：期间结束后才能报送。")
        org = orgs.by_code(store, code)
        if not self._confirm_seal(org.name, period, store.sealed_through() or ""):
            return None
        target = ask_save(self.page, "导出工作实录包", f"{org.name}{period.label}工作实录包", ".zip",
                          "工作实录包")
        if target is None:
            return None
        passphrase = PassphraseDialog.ask(
            self.page, f"请输入签名密钥口令，为{org.name}{period.label}的实录包签名（口令不会被保存）。")
        if passphrase is None:
            return None
        try:
            private = keys.load_private(folder, passphrase)
        except BundleError as exc:
            return self._refuse(f"{exc}没有导出任何文件，也没有封存任何记录。")
        text, with_book = period_id(period), self.form.bookCheck.isChecked()
        self.ctx.worker.run(self.page, "导出工作实录包",
                            lambda progress: build_bundle(store, code, text, target, private,
                                                          today=today, with_book=with_book,
                                                          progress=progress),
                            self._built, cancellable=False)
        return target

    def _confirm_seal(self, org_name: str, period: Period, sealed: str) -> bool:
        if period.end <= sealed:
            effect = (f"账本已封存至 {sealed}：这次导出是更正包，会标明更正了上次报送的哪些记录、"
                      "原因是什么，不会再封存新的记录。")
        else:
            effect = (f"导出后，账本中 {period.end} 及以前的全部记录（所有支部的会议、考勤、党费、"
                      "党员变动）将封存：之后再修改只能作为更正，必须填写原因，并留下更正记录。")
        answer = QMessageBox.question(
            self.page, "导出工作实录包",
            f"将为{org_name}导出{period.label}（{period.start} 至 {period.end}）的工作实录包。\n\n"
            f"{effect}\n\n请先确认本期间的记录都已录入、无误。现在导出吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _built(self, built: BuiltBundle) -> None:
        org, period = built.extract["organisation"], built.extract["period"]
        self.form.bundleResultLabel.setText(
            f"<b>已导出工作实录包：</b>{html.escape(str(built.path))}（{html.escape(built.identifier)}）<br>"
            + (f"这是更正包：更正 {html.escape(built.extract['correction']['of'])}，列出 "
               f"{len(built.extract['correction']['records'])} 条更正的记录。<br>" if built.correction else "")
            + f"{html.escape(org['name'])}{period['label']}，签名密钥指纹 {built.fingerprint}。<br>"
            f"{period['end']} 及以前的记录已封存：此后修改须填写更正原因。<br>"
            + html.escape(book_personal_data(built.book) if built.book else PERSONAL_DATA))
        self._fill_periods()
