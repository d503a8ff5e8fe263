"""What may not appear on a public board: ID numbers never; phone numbers only on items whose
profile entry allows contacts (cadres' contacts, the 网格 map). Checked when text is saved and
again on every board before it is printed."""
from __future__ import annotations

import re

from desktop_app.core.store import StoreError

ID_NUMBER = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])")
PHONE = re.compile(r"(?<![0-9])(?:1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}"
                   r"|0[0-9]{2,3}[- ]?[0-9]{7,8})(?![0-9])")


def problems(text: str, contacts_allowed: bool) -> list[str]:
    """What in `text` may not be posted, in words: empty when it is fine."""
    found = []
    if ID_NUMBER.search(text or ""):
        found.append(f"身份证号“{ID_NUMBER.search(text).group()}”")
    phone = PHONE.search(text or "")
    if phone and not contacts_allowed:
        found.append(f"电话号码“{phone.group()}”")
    return found


def check(texts, contacts_allowed: bool, where: str) -> None:
    """Refuse, naming what and where, if any of `texts` carries what may not be posted."""
    for text in texts:
        found = problems(text, contacts_allowed)
        if found:
            rule = "公开栏不得出现身份证号" + ("" if contacts_allowed else "，本事项也不公开电话号码")
            raise StoreError(f"{where}含有{'、'.join(found)}：{rule}，请删去后再保存或打印")
