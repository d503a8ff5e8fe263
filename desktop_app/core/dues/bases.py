"""The year's base sheet (党费基数表): each member of the organisation that year with category,
monthly income (when income-based), monthly amount and how it was reached. Bases themselves are
set by ledger.set_base; standard.py holds the profile's brackets."""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.dues import ledger
from desktop_app.core.dues.standard import is_income_based, rate_text
from desktop_app.core.rules.profile import DuesStandard
from desktop_app.core.store import Store


@dataclass(frozen=True)
class BaseLine:
    member_id: int
    name: str
    category: str | None             # None: not set for the year yet
    income_fen: int | None
    amount_fen: int | None
    how: str                         # “月收入4000.00元，按1%”, “固定金额”, “尚未核定”


def base_sheet(store: Store, standard: DuesStandard, org_id: int, year: int) -> list[BaseLine]:
    belonging = ledger.members_by_month(store, org_id, f"{year}-01", f"{year}-12")
    rows = {r["member_id"]: r for r in store.query("SELECT * FROM dues_bases WHERE year = ?", [year])}
    lines = []
    for member_id, info in sorted(belonging.items(), key=lambda kv: (kv[1]["initials"] or "",
                                                                     kv[1]["name"])):
        if not info["months"]:
            continue
        row = rows.get(member_id)
        if row is None:
            lines.append(BaseLine(member_id, info["name"], None, None, None, "尚未核定"))
            continue
        fixed = row["income_fen"] is None and is_income_based(standard, row["category"])
        how = "固定金额（未填收入）" if fixed else rate_text(standard, row["category"],
                                                           row["income_fen"])
        lines.append(BaseLine(member_id, info["name"], row["category"], row["income_fen"],
                              row["amount_fen"], how))
    return lines

