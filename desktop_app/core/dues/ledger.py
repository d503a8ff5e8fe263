"""The dues ledger: yearly base, monthly collection with numbered receipts, quarterly settlement
(月收季结), and arrears. Every amount is integer fen; quarter totals are sums of the same rows."""
from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core import orgs
from desktop_app.core.dates import parse_date
from desktop_app.core.dues.months import add_months, month_end, months_between, quarter_months
from desktop_app.core.dues.opening import paid_through
from desktop_app.core.dues.standard import is_income_based, standard_amount_fen
from desktop_app.core.rules.profile import DuesStandard
from desktop_app.core.store import Store, StoreError


def set_base(store: Store, standard: DuesStandard, member_id: int, year: int, category: str,
             income_fen: int | None = None, *, amount_fen: int | None = None,
             set_on: str | None = None, notes: str | None = None) -> int:
    """Fix a member's monthly dues for a year (set once, usually in January): from the monthly
    income by the profile's standard, or a fixed `amount_fen` (the amount the member's unit
    reports, when the income is not given). With both, the amount above the standard is a
    voluntary extra and below it is refused."""
    if income_fen is None and amount_fen is not None and is_income_based(standard, category):
        minimum = 1                                  # no income given: the amount stands as told
    else:
        minimum = standard_amount_fen(standard, category, income_fen)
    amount = minimum if amount_fen is None else amount_fen
    if amount < minimum:
        raise StoreError(f"每月党费 {amount / 100:.2f} 元低于标准 {minimum / 100:.2f} 元")
    row = {"member_id": member_id, "year": year, "category": category,
           "income_fen": income_fen if is_income_based(standard, category) else None,
           "amount_fen": amount, "set_on": parse_date(set_on) if set_on else f"{year}-01-01",
           "notes": notes}
    existing = store.query_one("SELECT id FROM dues_bases WHERE member_id = ? AND year = ?",
                               [member_id, year])
    if existing:
        store.update("dues_bases", existing["id"], row)
        return existing["id"]
    return store.insert("dues_bases", row)


def monthly_fen(store: Store, member_id: int, month: str) -> int | None:
    row = store.query_one("SELECT amount_fen FROM dues_bases WHERE member_id = ? AND year = ?",
                          [member_id, int(month[:4])])
    return row["amount_fen"] if row else None


@dataclass(frozen=True)
class Receipt:
    id: int
    number: str
    member_id: int
    paid_on: str
    months: tuple[str, ...]
    total_fen: int


def next_receipt_number(store: Store, org_id: int, year: int) -> str:
    """<组织代码>-<年>-<四位顺序号>, continuing from the highest number issued that year."""
    prefix = f"{orgs.get(store, org_id).code}-{year}-"
    row = store.query_one("SELECT max(number) AS n FROM dues_receipts WHERE number LIKE ?",
                          [prefix + "%"])
    last = int(row["n"][len(prefix):]) if row and row["n"] else 0
    return f"{prefix}{last + 1:04d}"


def collect(store: Store, org_id: int, member_id: int, months: list[str], paid_on: str,
            collector: str | None = None, notes: str | None = None) -> Receipt:
    """Record one payment covering `months` (each at the year's base) under a new receipt number."""
    paid_on = parse_date(paid_on)
    if not months:
        raise StoreError("请选择所交党费的月份")
    amounts = {}
    for month in sorted(set(months)):
        amount = monthly_fen(store, member_id, month)
        if amount is None:
            raise StoreError(f"尚未核定 {month[:4]} 年的党费基数，请先核定")
        if store.query_one("SELECT id FROM dues_payments WHERE member_id = ? AND month = ?",
                           [member_id, month]):
            raise StoreError(f"{month} 的党费已交，不能重复收取")
        amounts[month] = amount
    settled = settlement_of(store, org_id, quarter_of(paid_on[:7]))
    if settled and settled["settled_on"] < paid_on:
        following = add_months(quarter_months(quarter_of(paid_on[:7]))[-1], 1)
        raise StoreError(f"{settled['quarter']} 已于 {settled['settled_on']} 结算，此后收到的党费计入"
                         f"下一季度：收缴日期请写 {following}-01 或以后")
    with store.transaction():
        number = next_receipt_number(store, org_id, int(paid_on[:4]))
        receipt_id = store.insert("dues_receipts", {
            "org_id": org_id, "number": number, "member_id": member_id, "paid_on": paid_on,
            "collector": collector, "notes": notes})
        for month, amount in amounts.items():
            store.insert("dues_payments", {"receipt_id": receipt_id, "member_id": member_id,
                                           "month": month, "amount_fen": amount})
    return Receipt(receipt_id, number, member_id, paid_on, tuple(amounts), sum(amounts.values()))


@dataclass
class QuarterLine:
    member_id: int
    name: str
    due: dict[str, int | None]        # month → monthly amount, None when not a member that month
    paid: dict[str, int]              # month of the quarter → amount paid for it (any date)
    collected_fen: int = 0            # received during the quarter, for any month


@dataclass
class QuarterSummary:
    org_id: int
    quarter: str
    months: list[str]
    lines: list[QuarterLine] = field(default_factory=list)
    collected_by_month: dict[str, int] = field(default_factory=dict)   # by date received
    settlement: dict | None = None

    @property
    def collected_fen(self) -> int:
        return sum(self.collected_by_month.values())

    @property
    def reconciles(self) -> bool:
        """Members' totals, months' totals and the settlement (if any) agree to the fen."""
        same = sum(line.collected_fen for line in self.lines) == self.collected_fen
        return same and (self.settlement is None or self.settlement["total_fen"] == self.collected_fen)


def members_by_month(store: Store, org_id: int, first: str, last: str) -> dict[int, dict]:
    """member → {name, initials, months}: the months of [first, last] they belonged to the
    organisation's subtree (from 入党 on), when dues are due."""
    ids = orgs.subtree_ids(store, org_id)
    marks = ",".join("?" for _ in ids)
    rows = store.query(
        f"SELECT s.member_id, s.start_on, s.end_on, m.name, m.name_initials, m.joined_on "
        f"FROM memberships s "
        f"JOIN members m ON m.id = s.member_id WHERE s.org_id IN ({marks}) "
        f"AND s.start_on <= ? AND (s.end_on IS NULL OR s.end_on >= ?)",
        [*ids, month_end(last), f"{first}-01"])
    found: dict[int, dict] = {}
    for row in rows:
        entry = found.setdefault(row["member_id"], {"name": row["name"], "months": set(),
                                                     "initials": row["name_initials"]})
        start = max(row["start_on"], row["joined_on"] or row["start_on"])[:7]
        end = (row["end_on"] or "9999-12")[:7]           # belonging for a day makes the month due
        entry["months"].update(m for m in months_between(max(first, start), min(last, end)))
    return found


def due_in(store: Store, org_id: int, month: str) -> dict[int, str]:
    """member → name for those who owe dues for `month` here: they belonged that month and their
    opening (期初) does not already cover it."""
    belonging = members_by_month(store, org_id, month, month)
    covered = paid_through(store, list(belonging))
    return {m: info["name"] for m, info in belonging.items()
            if month in info["months"] and covered.get(m, "") < month}


def month_collected(store: Store, org_id: int, month: str, on: str) -> bool:
    """The month's collection is entered by `on`: its sheet was saved (dues_rounds), or every
    member due that month had paid it by then."""
    entered = store.query_one("SELECT entered_on FROM dues_rounds WHERE org_id = ? AND month = ?",
                              [org_id, month])
    if entered is not None and entered["entered_on"] <= on:
        return True
    paid = {r["member_id"] for r in store.query(
        "SELECT p.member_id FROM dues_payments p JOIN dues_receipts r ON r.id = p.receipt_id "
        "WHERE p.month = ? AND r.paid_on <= ?", [month, on])}
    due = due_in(store, org_id, month)
    return bool(due) and set(due) <= paid


def quarter_summary(store: Store, org_id: int, quarter: str) -> QuarterSummary:
    months = quarter_months(quarter)
    summary = QuarterSummary(org_id, quarter, months, collected_by_month={m: 0 for m in months})
    ids = orgs.subtree_ids(store, org_id)
    marks = ",".join("?" for _ in ids)
    belonging = members_by_month(store, org_id, months[0], months[-1])
    bases = {(r["member_id"], r["year"]): r["amount_fen"] for r in store.query(
        "SELECT member_id, year, amount_fen FROM dues_bases WHERE year = ?", [int(quarter[:4])])}
    payments = store.query(
        f"SELECT p.member_id, p.month, p.amount_fen, r.paid_on, r.org_id FROM dues_payments p "
        f"JOIN dues_receipts r ON r.id = p.receipt_id WHERE (p.month BETWEEN ? AND ?) "
        f"OR (r.org_id IN ({marks}) AND r.paid_on BETWEEN ? AND ?)",
        [months[0], months[-1], *ids, f"{months[0]}-01", month_end(months[-1])])
    lines: dict[int, QuarterLine] = {}
    initials = {m: info["initials"] for m, info in belonging.items()}
    for member_id, info in belonging.items():
        lines[member_id] = QuarterLine(
            member_id, info["name"],
            {m: bases.get((member_id, int(m[:4]))) if m in info["months"] else None for m in months},
            {m: 0 for m in months})
    for p in payments:
        line = lines.get(p["member_id"])
        received_here = p["org_id"] in ids and months[0] <= p["paid_on"][:7] <= months[-1]
        if line is None and received_here:
            payer = store.get("members", p["member_id"])
            initials[p["member_id"]] = payer["name_initials"]
            line = lines[p["member_id"]] = QuarterLine(p["member_id"], payer["name"],
                                                       {m: None for m in months},
                                                       {m: 0 for m in months})
        if line is None:
            continue
        if p["month"] in line.paid:
            line.paid[p["month"]] += p["amount_fen"]
        if received_here:
            line.collected_fen += p["amount_fen"]
            summary.collected_by_month[p["paid_on"][:7]] += p["amount_fen"]
    summary.lines = sorted(lines.values(), key=lambda line: (initials[line.member_id],
                                                             line.name))  # roster order
    summary.settlement = settlement_of(store, org_id, quarter)
    return summary


def settle(store: Store, org_id: int, quarter: str, settled_on: str,
           handed_to: str | None = None, notes: str | None = None) -> int:
    """季结: record handing the quarter's collection upward; the total is the ledger's own sum.
    Allowed on any day of the quarter's last month once that month's collection sheet is entered
    (月收季结, jiaxing-2016 55条 #34), and any day after the quarter; never twice."""
    settled_on = parse_date(settled_on)
    last = quarter_months(quarter)[-1]
    if settled_on < f"{last}-01":
        raise StoreError(f"{quarter} 最早在季度最后一个月（{last}-01 起）结算")
    if settled_on <= month_end(last) and not month_collected(store, org_id, last, settled_on):
        raise StoreError(f"{int(last[5:7])}月的党费尚未登记收缴，季末前结算须先登记本月收缴"
                         f"（收缴表“全部已交”并标出未交的党员）")
    if settlement_of(store, org_id, quarter):
        raise StoreError(f"{quarter} 已结算，不能重复结算")
    total = quarter_summary(store, org_id, quarter).collected_fen
    return store.insert("dues_settlements", {"org_id": org_id, "quarter": quarter,
                                             "settled_on": settled_on, "total_fen": total,
                                             "handed_to": handed_to, "notes": notes})


def settlement_of(store: Store, org_id: int, quarter: str) -> dict | None:
    return store.query_one("SELECT * FROM dues_settlements WHERE org_id = ? AND quarter = ?",
                           [org_id, quarter])


def quarter_of(month: str) -> str:
    """"2026-03" → "2026Q1"."""
    return f"{month[:4]}Q{(int(month[5:7]) + 2) // 3}"
