"""登记支部公钥 at the upstream office (the 上级核验 page and the upstream workstation): the code,
the key file the branch handed over, then its fingerprint read out and compared before it counts.
A key already registered for another branch is said at once: each branch should have its own."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop_app.core.bundle import BundleError, keys, trust
from desktop_app.core.bundle.trust import TrustedKey
from desktop_app.core.durable import ExportWriteError
from desktop_app.ui import file_dialogs


def register_branch_key(parent: QWidget, today: str) -> TrustedKey | None:
    """The entry registered, or None when cancelled or refused (a message box says why)."""
    code, ok = QInputDialog.getText(parent, "登记支部公钥", "支部的组织代码（如 DEMO-01）：")
    if not ok or not code.strip():
        return None
    code = code.strip()
    chosen = file_dialogs.open_file(parent, "key", f"选择 {code} 交来的公钥文件",
                                    "公钥文件 (*.pem *.pub *.txt);;所有文件 (*)")
    if not chosen:
        return None
    try:
        registry = trust.load(trust.default_path())
        public = keys.read_public_file(chosen)
    except BundleError as exc:
        QMessageBox.warning(parent, "登记支部公钥未完成", str(exc))
        return None
    fingerprint = keys.fingerprint(public)
    before = registry.get(code)
    replacing = (f"\n\n注意：{code} 已登记过另一把公钥（指纹 {before.fingerprint}），登记后"
                 "用旧密钥签名的包将不再被信任。" if before and before.fingerprint != fingerprint else "")
    others = sorted(c for c, k in registry.items() if c != code and k.fingerprint == fingerprint)
    shared = (f"\n\n警告：这把公钥已登记给 {'、'.join(others)}。各支部应有自己的密钥——"
              "同一把密钥签的包可以冒称其中任何一个支部。" if others else "")
    answer = QMessageBox.question(
        parent, "核对指纹",
        f"{code} 的公钥指纹：\n\n{fingerprint}\n\n请与该支部当面或电话逐组核对。"
        f"完全一致才登记——是否一致？{replacing}{shared}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        return trust.trust(trust.default_path(), code, public, today)
    except (BundleError, ExportWriteError) as exc:
        QMessageBox.warning(parent, "登记支部公钥未完成", str(exc))
        return None
