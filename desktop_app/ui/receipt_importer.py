"""报送上级, the branch's side of the 回执: register the upstream office's public key after
comparing its fingerprint, and import a receipt (its comments then appear in 首页's to-do; a
退回 reopens the period, with the upstream reason in the audit log)."""
from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop_app.core.bundle import BundleError, keys
from desktop_app.core.bundle.receipt_import import (Imported, comments_on, import_receipt,
                                                    register_upstream_key)
from desktop_app.core.errors import WordedError
from desktop_app.ui import file_dialogs
from desktop_app.ui.context import AppContext


class ReceiptImporter(QObject):
    def __init__(self, ctx: AppContext, page: QWidget, form: QWidget, after_import: Callable[[], None]):
        super().__init__(page)
        self.ctx, self.page, self.form = ctx, page, form
        self.after_import = after_import          # the period list shows a reopened period
        form.upstreamKeyButton.clicked.connect(self.register_key)
        form.receiptButton.clicked.connect(self.import_receipt)

    def register_key(self) -> None:
        chosen = file_dialogs.open_file(self.page, "key", "选择上级交来的公钥文件",
                                        "公钥文件 (*.pem *.pub *.txt);;所有文件 (*)")
        if not chosen:
            return
        try:
            public = keys.read_public_file(chosen)
        except BundleError as exc:
            QMessageBox.warning(self.page, "登记上级公钥未完成", str(exc))
            return
        answer = QMessageBox.question(
            self.page, "核对指纹", f"上级的公钥指纹：\n\n{keys.fingerprint(public)}\n\n"
            "请与上级当面或电话逐组核对。完全一致才登记——是否一致？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        replaced = register_upstream_key(self.ctx.store, public)
        self.form.bundleResultLabel.setText(
            f"已登记上级公钥，指纹 {keys.fingerprint(public)}。"
            + (f"（替换了原指纹 {replaced}）" if replaced else ""))

    def import_receipt(self) -> Imported | None:
        chosen = file_dialogs.open_file(self.page, "bundle", "选择上级回执", "回执文件 (*.json)")
        if not chosen:
            return None
        try:
            got = import_receipt(self.ctx.store, chosen, self.ctx.today())
        except WordedError as exc:
            QMessageBox.warning(self.page, "导入回执未完成", str(exc))
            return None
        e = html.escape
        lines = [f"<b>已导入回执：</b>{e(got.bundle)} {e(got.decision)}（{e(got.reviewer)}）",
                 f"审核意见：{e(got.comment or '（无）')}"]
        lines += [f"· {e(c.label)}：{e(c.comment)}" for c in got.comments]
        if got.reopened_from:
            lines.append(f"<b>已退回：</b>{got.reopened_from} 起的期间已重新开放，修改后请重新导出"
                         "（将作为更正包）；退回原因已记入审计日志。意见也列在首页待办中。")
        self.form.bundleResultLabel.setText("<br>".join(lines))
        self.after_import()
        return got


def show_upstream_comments(label: QLabel, store, meeting_id: int | None) -> None:
    """The upstream office's comments on a meeting, above the editor's buttons (hidden if none)."""
    found = comments_on(store, f"meeting:{meeting_id}") if meeting_id else []
    label.setText("上级审核意见：\n" + "\n".join(
        f"• {c['reviewer']}（{c['reviewed_on']}，{c['decision']} {c['bundle_identifier']}）："
        f"{c['comment']}" for c in found))
    label.setVisible(bool(found))
