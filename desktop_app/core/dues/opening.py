"""Dues opening balances (期初): what members had paid before Shilu held the record.

A secretary who starts keeping the ledger in January 2026 says "全部已交至 2025年12月" once for the
branch, then names the exceptions ("张三 只交至 2025-09"). Months up to a member's paid-through
month are settled outside Shilu and never count as arrears. Where no opening was entered, the
ledger's own first dues month (the earliest collection sheet or payment of the organisation) is
where the record starts; where there is neither, a member's dues are unknown, not unpaid.
Shapes: months are "YYYY-MM"; rows are table dues_openings (migration m0040).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core import orgs
from desktop_app.core.dates import parse_date
from desktop_app.core.dues.months import add_months, month_label, months_between
from desktop_app.core.store import Store


@dataclass(frozen=True)
class Opening:
    org_id: int
    paid_through: str                 # "2025-12"
    exceptions: dict[int, str]        # member id → their own paid-through month


def set_opening(store: Store, org_id: int, through: str, exceptions: dict[int, str] | None = None,
                set_on: str | None = None) -> Opening:
    """"全部已交至 `through`" for the organisation, then each exception; exceptions entered before
    for this organisation and not named again are withdrawn. One transaction: all or nothing."""
    set_on = parse_date(set_on) if set_on else date.today().isoformat()
    exceptions = dict(exceptions or {})
    with store.transaction():
        _upsert(store, "member_id IS NULL AND org_id = ?", [org_id],
                {"org_id": org_id, "member_id": None, "paid_through": through,
                 "set_on": set_on})
        for row in store.query("SELECT id, member_id FROM dues_openings WHERE org_id = ? "
                               "AND member_id IS NOT NULL", [org_id]):
            if row["member_id"] not in exceptions:
                store.delete("dues_openings", row["id"], reason="期初重新设置，不再列为例外")
        for member_id, month in exceptions.items():
            set_member_opening(store, org_id, member_id, month, set_on)
    return opening_of(store, org_id)


def set_member_opening(store: Store, org_id: int, member_id: int, through: str,
                       set_on: str | None = None) -> None:
    """One member's own paid-through month (an exception to the organisation's)."""
    store.get("members", member_id)            # a clear error for an unknown member
    _upsert(store, "member_id = ?", [member_id],
            {"org_id": org_id, "member_id": member_id, "paid_through": through,
             "set_on": parse_date(set_on) if set_on else date.today().isoformat()})


def _upsert(store: Store, where: str, params: list, row: dict) -> None:
    existing = store.query_one(f"SELECT id FROM dues_openings WHERE {where}", params)
    if existing:
        store.update("dues_openings", existing["id"], row)
    else:
        store.insert("dues_openings", row)


def suggested_through(store: Store, org_id: int, today: str) -> str:
    """The month to offer as "全部已交至" ("YYYY-MM"): the month before the organisation's 启用日期,
    since months from then on are collected in Shilu; without a 启用日期, last month."""
    start = orgs.records_from(store, org_id)
    return add_months(start or today, -1)


def overlap_note(store: Store, org_id: int, through: str) -> str | None:
    """A Chinese warning when "全部已交至 `through`" ("YYYY-MM") reaches into the months from the
    organisation's 启用日期 on, which Shilu itself collects: those months would silently stop
    counting as arrears. None when the opening ends before 启用日期 (or there is no 启用日期)."""
    start = orgs.records_from(store, org_id)
    if start is None or through < start[:7]:
        return None
    months = len(months_between(start[:7], through))
    return (f"启用日期为 {start}，期初“已交至 {month_label(through)}”包含启用后的 "
            f"{months} 个月：这几个月将视为已在启用前交清，不再在本账中收缴或计为欠交。"
            f"通常期初应为启用前一个月（{add_months(start, -1)}）。")


def opening_of(store: Store, org_id: int) -> Opening | None:
    rows = store.query("SELECT member_id, paid_through FROM dues_openings WHERE org_id = ?",
                       [org_id])
    own = [r["paid_through"] for r in rows if r["member_id"] is None]
    if not own:
        return None
    return Opening(org_id, own[0], {r["member_id"]: r["paid_through"] for r in rows
                                    if r["member_id"] is not None})


def paid_through(store: Store, member_ids: list[int]) -> dict[int, str]:
    """member → the month through which dues were settled before Shilu: the member's own
    opening, else the latest opening of an organisation they belonged to (or one above it)."""
    own: dict[int, str] = {}
    by_org: dict[int, str] = {}
    for r in store.query("SELECT org_id, member_id, paid_through FROM dues_openings"):
        if r["member_id"] is None:
            by_org[r["org_id"]] = r["paid_through"]
        else:
            own[r["member_id"]] = r["paid_through"]
    result: dict[int, str] = {}
    if not by_org:
        return {m: own[m] for m in member_ids if m in own}
    parents = {o.id: o.parent_id for o in orgs.all_orgs(store)}
    wanted = set(member_ids)
    stays: dict[int, set[int]] = {}
    for row in store.query("SELECT member_id, org_id FROM memberships"):
        if row["member_id"] in wanted:
            stays.setdefault(row["member_id"], set()).add(row["org_id"])
    for member_id in member_ids:
        if member_id in own:
            result[member_id] = own[member_id]
            continue
        found = []
        for org_id in stays.get(member_id, ()):
            while org_id is not None:
                if org_id in by_org:
                    found.append(by_org[org_id])
                org_id = parents.get(org_id)
        if found:
            result[member_id] = max(found)
    return result


def ledger_start(store: Store, org_id: int) -> str | None:
    """The first month the organisation's own dues record covers: its earliest collection sheet
    or the earliest month paid under its receipts; None when it has no dues record at all."""
    ids = orgs.subtree_ids(store, org_id)
    marks = ",".join("?" for _ in ids)
    row = store.query_one(            # an aggregate: always one row
        f"SELECT min(m) AS m FROM (SELECT min(month) AS m FROM dues_rounds WHERE org_id IN ({marks}) "
        f"UNION ALL SELECT min(p.month) FROM dues_payments p JOIN dues_receipts r "
        f"ON r.id = p.receipt_id WHERE r.org_id IN ({marks}))", [*ids, *ids])
    return row["m"]


def known_from(store: Store, org_id: int, member_ids: list[int]) -> dict[int, str | None]:
    """member → the first month whose dues Shilu can judge: the month after their opening,
    else the organisation's ledger start; None when nothing is known (no opening, no record)."""
    through = paid_through(store, member_ids)
    start = ledger_start(store, org_id)
    return {m: add_months(through[m], 1) if m in through else start for m in member_ids}

