"""The PySide6 layer: windows, pages, dialogs and the worker. Everything it knows it asks the core."""
