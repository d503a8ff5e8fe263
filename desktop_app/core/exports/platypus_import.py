"""reportlab's layout engine (platypus), imported without compiling the patterns it never uses here.

reportlab.platypus.paragraph compiles at import a URL pattern over \\xa1-\\uffff with IGNORECASE
(for splitting long links; about 65 ms, a tenth of a one-page board's whole run) and a few
hyphenation patterns; reportlab.lib.textsplit one for a helper nothing calls. Importing this
module first imports platypus with each `re.compile` of those two modules deferred to the
pattern's first use, so the behaviour is unchanged and only unused patterns are never built.
Import it before any `reportlab.platypus` import: `import desktop_app.core.exports.platypus_import`.
"""
from __future__ import annotations

import re
import sys

_DEFERRED_IN = frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit"})


class _Deferred:
    """A `re.Pattern` compiled on the first use of any of its attributes (match, split, …)."""

    __slots__ = ("_source", "_flags", "_pattern")

    def __init__(self, source, flags: int):
        self._source, self._flags, self._pattern = source, flags, None

    def __getattr__(self, name: str):
        if self._pattern is None:
            self._pattern = re.compile(self._source, self._flags)
        return getattr(self._pattern, name)


def _import_platypus() -> None:
    if "reportlab.platypus" in sys.modules:
        return
    eager = re.compile

    def compile_(pattern, flags=0):
        if sys._getframe(1).f_globals.get("__name__") in _DEFERRED_IN:
            return _Deferred(pattern, flags)
        return eager(pattern, flags)

    re.compile = compile_
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        re.compile = eager


_import_platypus()
