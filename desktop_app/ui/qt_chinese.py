"""Qt's own dialogs in Simplified Chinese: Qt's translation, and the few strings it leaves out.

Qt ships `qtbase_zh_CN.qm`, but its file dialog still says "Look in:" and "Files of type:" (seen
with Qt 6.10 on the non-native dialog, the one Linux and a frozen Windows build may show).
"""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

# (context, source text) → Chinese, for strings qtbase_zh_CN.qm does not translate.
MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of type:"): "文件类型：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class MissingChinese(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return MISSING.get((context, source))   # None: not ours, the next translator answers

    def isEmpty(self) -> bool:
        return False


def install(app: QApplication) -> None:
    """Qt's translation first, then ours for what it leaves in English (later ones win)."""
    qt = QTranslator(app)
    if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    app.installTranslator(MissingChinese(app))
