"""The PySide6 layer: windows, pages, dialogs and the worker. What it shows it asks the core."""
