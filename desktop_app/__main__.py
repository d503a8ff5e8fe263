"""`python -m desktop_app` is the same as the `shilu` command."""
from desktop_app.cli.main import run

raise SystemExit(run())
