"""Skips for tests that need tools of the Linux test machine, not of the app's Windows target.

The PDFs are read back with poppler (pdftotext, pdfinfo, pdffonts) and one font test names a
Debian font path. Where those are missing (a developer's Windows box) such tests skip with the
reason; CI installs poppler-utils and fonts-wqy-microhei (packaging/setup-debian.sh test), so
they still run there.
"""
import shutil
from pathlib import Path

import pytest

POPPLER = ("pdftotext", "pdfinfo", "pdffonts")
POPPLER_REASON = "需要 poppler（pdftotext/pdfinfo/pdffonts）读回 PDF；本机未安装"

requires_poppler = pytest.mark.skipif(not all(shutil.which(t) for t in POPPLER),
                                      reason=POPPLER_REASON)


def need_poppler() -> None:
    """Skip the running test (from inside a helper) when poppler is missing."""
    if not all(shutil.which(t) for t in POPPLER):
        pytest.skip(POPPLER_REASON)


def requires_font(path: str):
    return pytest.mark.skipif(not Path(path).is_file(), reason=f"需要字体文件 {path}（Linux 路径）")
