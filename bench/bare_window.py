"""The floor for start-up: a bare PySide6 main window, shown, then quit."""
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
window.show()


def shown() -> None:
    print(time.time(), flush=True)   # the moment the window is shown, as the app bench prints
    app.quit()


QTimer.singleShot(0, shown)
app.exec()
