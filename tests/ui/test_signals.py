import sys

from PySide6.QtCore import QObject, Signal

from desktop_app.ui.signals import emit


class Source(QObject):
    bare = Signal()
    number = Signal(int)


def test_emit_delivers_and_leaves_the_reference_count_of_true_alone():
    source, got = Source(), []
    source.number.connect(got.append)
    source.bare.connect(lambda: got.append("bare"))
    before = sys.getrefcount(True)
    for i in range(500):
        emit(source.number, i)
        emit(source.bare)
    assert got[:4] == [0, "bare", 1, "bare"] and len(got) == 1000
    assert sys.getrefcount(True) >= before
