"""The floor for start-up: a bare PySide6 main window, shown, then quit."""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
