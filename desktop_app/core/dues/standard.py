"""The monthly dues amount from the profile's standard. The brackets are data, not code: each
rule profile's [dues_standard] lists them with their `source` (the shipped profiles follow
中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》(2008): a percentage of monthly after-tax
income by bracket, bounds inclusive; fixed small amounts for students, farmers and members
without income). Amounts are integer fen."""
from __future__ import annotations

from desktop_app.core.rules.profile import DuesStandard
from desktop_app.core.store import StoreError


def categories(standard: DuesStandard) -> list[str]:
    seen = [b.category for b in standard.brackets] + [f.category for f in standard.fixed]
    return list(dict.fromkeys(seen))


def is_income_based(standard: DuesStandard, category: str) -> bool:
    return any(b.category == category for b in standard.brackets)


def standard_amount_fen(standard: DuesStandard, category: str, income_fen: int | None = None) -> int:
    """The whole income at its bracket's rate (not progressive), rounded half up to the fen; for a
    fixed category, its minimum (members may choose to pay more)."""
    brackets = [b for b in standard.brackets if b.category == category]
    if brackets:
        if income_fen is None or income_fen < 0:
            raise StoreError(f"“{category}”党员须填写月收入（税后工资）")
        ordered = sorted(brackets, key=lambda b: (b.up_to_fen is None, b.up_to_fen or 0))
        for bracket in ordered:
            if bracket.up_to_fen is None or income_fen <= bracket.up_to_fen:
                return max(1, (income_fen * bracket.rate_bp + 5000) // 10000)
        raise StoreError(f"月收入 {income_fen / 100:.2f} 元超出“{category}”各档上限，请检查党费标准")
    for fixed in standard.fixed:
        if fixed.category == category:
            return fixed.min_fen
    raise StoreError(f"党费标准中没有“{category}”这一类别（可选：{'、'.join(categories(standard))}）")


def rate_text(standard: DuesStandard, category: str, income_fen: int | None) -> str:
    """How the amount was reached, for the base sheet: “月收入4000.00元，按1%”."""
    for bracket in sorted((b for b in standard.brackets if b.category == category),
                          key=lambda b: (b.up_to_fen is None, b.up_to_fen or 0)):
        if income_fen is not None and (bracket.up_to_fen is None or income_fen <= bracket.up_to_fen):
            return f"月收入{income_fen / 100:.2f}元，按{bracket.rate_bp / 100:g}%"
    for fixed in standard.fixed:
        if fixed.category == category:
            return f"{category}，每月{fixed.min_fen / 100:.2f}元起"
    return category
