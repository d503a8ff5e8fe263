"""The floor for start-up: a bare PySide6 main window, shown, then quit. Prints, at the moment the
window is shown, the clock, the process's CPU seconds and its peak RSS (KiB), as the app bench does."""
import resource
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
    print(time.time(), time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          flush=True)
    app.quit()


QTimer.singleShot(0, shown)
app.exec()
