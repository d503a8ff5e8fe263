"""`--period` read by argparse: a period argparse cannot parse is refused like any other bad
argument (usage line, exit status 2), in the words `parse_period` uses."""
from __future__ import annotations

import argparse

from desktop_app.core.periods import Period, parse_period

HELP = "期间：2025、2025H1、2025Q3、2025-07"


def period(text: str) -> Period:
    """argparse `type=` for a period label (2025, 2025H1, 2025Q3, 2025-07); raises
    argparse.ArgumentTypeError with parse_period's Chinese message."""
    try:
        return parse_period(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
