"""`python -m desktop_app` is the same as the `shilu` command."""
import sys

from desktop_app.cli.main import run

if getattr(sys, "frozen", False):   # the packaged app: `aggregate`'s verification workers start here
    import multiprocessing
    multiprocessing.freeze_support()
raise SystemExit(run())
