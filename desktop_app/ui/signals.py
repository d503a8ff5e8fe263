"""`emit(signal, *args)`: emit a Qt signal from Python without losing a reference to `True`.

PySide6 6.12.0's `SignalInstance.emit` returns `True` without owning a reference to it, so every
emit from Python drops one reference; after some thousands the interpreter aborts with
"bool_dealloc: deallocating True or False" (in a long session, or at exit after a test run).
Giving the reference back makes an emit neutral, and is harmless on a PySide that is fixed:
`True` then only holds a few references more than it needs.
"""
from __future__ import annotations

import ctypes

from PySide6.QtCore import SignalInstance

_TRUE = ctypes.py_object(True)


def emit(signal: SignalInstance, *args) -> None:
    if signal.emit(*args) is True:
        ctypes.pythonapi.Py_IncRef(_TRUE)
