"""Qt's own file dialog speaks Chinese, the non-native one included (issue #14 part 4)."""
import re

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel

from desktop_app.ui import qt_chinese


def test_non_native_file_dialog_has_no_english_left(qtbot):
    app = QApplication.instance()
    qt_chinese.install(app)
    dialog = QFileDialog(None, "选择花名册")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setNameFilters(["Excel 表格 (*.xlsx)"])
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    buttons = [b.text() for b in dialog.findChildren(QDialogButtonBox)[0].buttons()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert "取消" in buttons
    assert not [t for t in labels + buttons if re.search("[A-Za-z]{3}", t)]
