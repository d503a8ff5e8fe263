"""The `shilu` command: every capability without a screen. One module per command group."""
