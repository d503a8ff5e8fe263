"""Rule profiles and the compliance engine: `load_profile`, `check`, `Finding`."""
