"""The ToUnicode map of each embedded font subset, written so that characters beyond the BMP read
back: reportlab writes each code point as `<%04X>`, so 𠀀 (U+20000) became `<20000>`, which a PDF
reader takes as U+2000 and a 0: a rare name searched or copied from the book came out as a blank
or another character (𪚥 as ⩪). The map's values are UTF-16BE (PDF 1.7, 9.10.3): a surrogate
pair for those characters, as here.
"""
from __future__ import annotations

from reportlab.pdfbase import ttfonts


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's `makeToUnicodeCMap` with each value in UTF-16BE hex."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{code:02X}> <{chr(value).encode('utf-16-be').hex().upper()}>"
          for code, value in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end"])


def install() -> None:
    """Make reportlab write every font subset's map this way (it looks the function up by name
    in its module when the PDF is saved)."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
