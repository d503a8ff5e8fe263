"""Amounts typed in 元 ("4,000", "12.5元") into integer fen, refused in Chinese when unreadable."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from desktop_app.core.store import StoreError


def parse_yuan(text: str | None, what: str = "金额") -> int | None:
    """"4,000" → 400000; "" or None → None; more than two decimals or negative is refused."""
    if text is None or not text.strip():
        return None
    try:
        value = Decimal(text.strip().replace(",", "").replace("，", "").removesuffix("元")) * 100
    except InvalidOperation as exc:
        raise StoreError(f"{what}“{text}”无法识别，请写成如 4000 或 4000.50") from exc
    if value != value.to_integral_value() or value < 0:
        raise StoreError(f"{what}“{text}”应为不小于 0 的元数，最多两位小数")
    return int(value)
