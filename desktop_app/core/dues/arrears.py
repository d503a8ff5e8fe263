"""Arrears (欠交): each member's unpaid months and the true length of their longest unpaid run.

Months are counted from where the record starts (opening.known_from), never from a look-back
window, so a member nine months behind is reported as nine. The Party Constitution (《中国共产党
章程》第九条: “连续六个月……不交纳党费……就被认为是自行脱党”) makes a run of six the line; the
number comes from the profile's dues_arrears rule (params.months), not from here.
"""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core import orgs
from desktop_app.core.dues.ledger import members_by_month
from desktop_app.core.dues.months import add_months, month_end, unpaid_run
from desktop_app.core.dues.opening import known_from
from desktop_app.core.store import Store


@dataclass(frozen=True)
class Arrear:
    member_id: int
    name: str
    months: tuple[str, ...]       # due and unpaid, oldest first
    owed_fen: int                 # at the bases on record (months without a base count 0)
    longest_run: int              # consecutive unpaid months, true length
    unpriced: int = 0             # unpaid months whose year has no base yet (not in owed_fen)


@dataclass(frozen=True)
class ArrearsReport:
    through: str
    arrears: list[Arrear]         # longest run first
    unknown: list[str]            # names of members whose dues Shilu has no record to judge


def arrears(store: Store, org_id: int, through_month: str) -> ArrearsReport:
    """Members with unpaid months up to `through_month`, counted from where the record starts."""
    ids = orgs.subtree_ids(store, org_id)
    marks = ",".join("?" for _ in ids)
    member_ids = [r["member_id"] for r in store.query(
        f"SELECT DISTINCT member_id FROM memberships WHERE org_id IN ({marks}) AND start_on <= ?",
        [*ids, month_end(through_month)])]
    starts = known_from(store, org_id, member_ids)
    firsts = [s for s in starts.values() if s is not None and s <= through_month]
    if not firsts:
        first = add_months(through_month, -11)    # only to name the members who are unknown
        belonging = members_by_month(store, org_id, first, through_month)
        return ArrearsReport(through_month, [], sorted(i["name"] for m, i in belonging.items()
                                                       if starts.get(m) is None))
    belonging = members_by_month(store, org_id, min(firsts), through_month)
    wanted = ",".join(str(int(m)) for m in belonging) or "NULL"      # integers from the ledger
    paid: dict[int, set[str]] = {}
    for member_id, month in store.conn.execute(
            f"SELECT member_id, month FROM dues_payments WHERE member_id IN ({wanted}) "
            f"AND month BETWEEN ? AND ?", [min(firsts), through_month]):
        paid.setdefault(member_id, set()).add(month)
    bases = {(m, y): fen for m, y, fen in store.conn.execute(
        f"SELECT member_id, year, amount_fen FROM dues_bases WHERE member_id IN ({wanted}) "
        f"AND year BETWEEN ? AND ?", [int(min(firsts)[:4]), int(through_month[:4])])}
    result, unknown = [], []
    for member_id, info in belonging.items():
        start = starts.get(member_id)
        if start is None:
            unknown.append(info["name"])
            continue
        due = sorted(m for m in info["months"] if m >= start)
        unpaid = tuple(m for m in due if m not in paid.get(member_id, set()))
        if unpaid:
            owed = sum(bases.get((member_id, int(m[:4])), 0) for m in unpaid)
            unpriced = sum(1 for m in unpaid if (member_id, int(m[:4])) not in bases)
            result.append(Arrear(member_id, info["name"], unpaid, owed,
                                 unpaid_run(due, paid.get(member_id, set()), through_month),
                                 unpriced))
    result.sort(key=lambda a: (-a.longest_run, a.name))
    return ArrearsReport(through_month, result, sorted(unknown))
