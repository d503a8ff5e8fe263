"""The monthly collection sheet (收缴表): "全部已交" for a month, then the exceptions — like the
attendance sheet. Each paying member gets a numbered receipt for the month at their year's base;
the sheet itself is recorded as the month's collection round (dues_rounds), which 季结 inside the
quarter waits for. The year's grid (member × month) is what the 党费 page shows.
"""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.dates import parse_date
from desktop_app.core.dues import ledger
from desktop_app.core.dues.months import month_end, month_label, months_between
from desktop_app.core.dues.opening import known_from, paid_through
from desktop_app.core.store import Store, StoreError

# Grid states: paid; covered by the opening; due and unpaid (the month has passed or its sheet was
# entered); due but not collected yet; not a member that month; before the record starts.
PAID, OPENING, UNPAID, OPEN, NOT_DUE, BEFORE = "已交", "期初", "未交", "待收", "—", ""


@dataclass(frozen=True)
class MonthCollection:
    month: str
    receipts: list[ledger.Receipt]
    unpaid: list[str]              # names of the exceptions (due, not paid)


def collect_month(store: Store, org_id: int, month: str, paid_on: str,
                  unpaid: set[int] | frozenset[int] = frozenset(),
                  collector: str | None = None) -> MonthCollection:
    """Everyone due for `month` who has not paid it pays it now, except the members in `unpaid`;
    the month's round is recorded. All or nothing: a missing base refuses the whole sheet."""
    paid_on = parse_date(paid_on)
    if paid_on < f"{month}-01":
        raise StoreError(f"{month_label(month)}的党费收缴日期 {paid_on} 早于该月")
    due = ledger.due_in(store, org_id, month)
    done = {r["member_id"] for r in store.query(
        "SELECT member_id FROM dues_payments WHERE month = ?", [month])}
    paying = [m for m in due if m not in done and m not in unpaid]
    missing = [due[m] for m in paying if ledger.monthly_fen(store, m, month) is None]
    if missing:
        raise StoreError(f"以下党员尚未核定 {month[:4]} 年的党费基数：{'、'.join(missing)}。"
                         "请先在“基数”中核定，或把他们标为未交")
    with store.transaction():
        receipts = [ledger.collect(store, org_id, m, [month], paid_on, collector) for m in paying]
        row = {"org_id": org_id, "month": month, "entered_on": paid_on, "collector": collector}
        existing = store.query_one("SELECT id FROM dues_rounds WHERE org_id = ? AND month = ?",
                                   [org_id, month])
        if existing:
            store.update("dues_rounds", existing["id"], row)
        else:
            store.insert("dues_rounds", row)
    return MonthCollection(month, receipts,
                           sorted(name for m, name in due.items() if m in unpaid and m not in done))


def round_entered(store: Store, org_id: int, month: str) -> str | None:
    """The date the month's collection sheet was entered, or None."""
    row = store.query_one("SELECT entered_on FROM dues_rounds WHERE org_id = ? AND month = ?",
                          [org_id, month])
    return row["entered_on"] if row else None


@dataclass(frozen=True)
class GridRow:
    member_id: int
    name: str
    cells: dict[str, str]            # month → one of the grid states above
    paid_fen: dict[str, int]         # month → amount paid


@dataclass(frozen=True)
class YearGrid:
    org_id: int
    year: int
    months: list[str]
    rows: list[GridRow]
    entered: dict[str, str]          # month → date its collection sheet was entered


def year_grid(store: Store, org_id: int, year: int, today: str) -> YearGrid:
    """Member × month for the year. A month is 未交 once it has passed or its sheet was entered."""
    months = months_between(f"{year}-01", f"{year}-12")
    belonging = ledger.members_by_month(store, org_id, months[0], months[-1])
    ids = list(belonging)
    covered = paid_through(store, ids)
    starts = known_from(store, org_id, ids)
    marks = ",".join("?" for _ in ids) or "NULL"
    paid: dict[tuple[int, str], int] = {(r["member_id"], r["month"]): r["amount_fen"] for r in store.query(
        f"SELECT member_id, month, amount_fen FROM dues_payments WHERE member_id IN ({marks}) "
        f"AND month BETWEEN ? AND ?", [*ids, months[0], months[-1]])}
    entered = {r["month"]: r["entered_on"] for r in store.query(
        "SELECT month, entered_on FROM dues_rounds WHERE org_id = ? AND month BETWEEN ? AND ?",
        [org_id, months[0], months[-1]])}
    rows = []
    for member_id, info in sorted(belonging.items(), key=lambda kv: (kv[1]["initials"] or "",
                                                                     kv[1]["name"])):
        cells, amounts = {}, {}
        for month in months:
            if (member_id, month) in paid:
                cells[month], amounts[month] = PAID, paid[member_id, month]
            elif month not in info["months"]:
                cells[month] = NOT_DUE
            elif covered.get(member_id, "") >= month:
                cells[month] = OPENING
            elif month in entered or (month_end(month) < today and starts[member_id] is not None
                                      and month >= starts[member_id]):
                cells[month] = UNPAID
            elif starts[member_id] is not None and month < starts[member_id]:
                cells[month] = BEFORE
            else:
                cells[month] = OPEN
        rows.append(GridRow(member_id, info["name"], cells, amounts))
    return YearGrid(org_id, year, months, rows, entered)


def save_sheet(store: Store, org_id: int, month: str, paid_on: str, unpaid: set[int] | None,
               late: dict[int, list[str]], collector: str | None = None) -> MonthCollection:
    """The 党费 page's save: the month's sheet (skipped when `unpaid` is None: only 补交 was
    marked) and the 补交 of earlier months marked on it (one receipt per member for those),
    together or not at all."""
    with store.transaction():
        done = collect_month(store, org_id, month, paid_on, unpaid, collector) \
            if unpaid is not None else MonthCollection(month, [], [])
        extra = [ledger.collect(store, org_id, member_id, months, paid_on, collector)
                 for member_id, months in sorted(late.items())]
    return MonthCollection(month, done.receipts + extra, done.unpaid)
