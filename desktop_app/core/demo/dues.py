"""Demo dues: a base each January from the profile's standard, each quarter's months paid in its
first month under numbered receipts, quarters settled ten days after they end — and two gaps on
purpose: a few members stop paying eight months before today, and the last ended quarter of the
second branch is not settled yet. Written with `Store.insert_many` so large ledgers stay fast."""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from desktop_app.core import orgs
from desktop_app.core.dues.months import add_months, month_end, months_between, quarter_months
from desktop_app.core.dues.standard import standard_amount_fen
from desktop_app.core.rules.engine import profile_for

SETTLE_AFTER_DAYS = 10


def generate(store, spec, rng: random.Random, built) -> None:
    standard = profile_for(store, built.root_id).dues_standard
    today = date.today().isoformat()
    this_month = today[:7]
    first, last = f"{spec.first_year}-01", min(f"{spec.last_year}-12", this_month)
    months = months_between(first, last)
    stop_month = add_months(this_month, -8)
    stoppers = set(rng.sample(built.member_ids, max(1, len(built.member_ids) // 50)))
    people = {r["id"]: r for r in store.query("SELECT id, joined_on, workplace FROM members")}
    due_by_branch = {b: _due_months(store, orgs.subtree_ids(store, b), people, months)
                     for b in built.branch_ids}
    everywhere: dict[int, set[str]] = defaultdict(set)   # a member who moved has one base a year
    for due in due_by_branch.values():
        for member_id, member_months in due.items():
            everywhere[member_id] |= member_months
    amounts = _bases(store, standard, rng, everywhere, people)
    paid: set[tuple[int, str]] = set()     # the month of a move is paid once, where it falls first
    for index, branch_id in enumerate(built.branch_ids):
        due = due_by_branch[branch_id]
        code = orgs.get(store, branch_id).code
        numbers: dict[str, int] = defaultdict(int)
        for year in range(spec.first_year, spec.last_year + 1):
            for q in range(1, 5):
                quarter = f"{year}Q{q}"
                in_quarter = [m for m in quarter_months(quarter) if m <= last]
                receipts, items = [], []
                for member_id, member_months in sorted(due.items()):
                    paying = [m for m in in_quarter if m in member_months
                              and (member_id, m) not in paid
                              and not (member_id in stoppers and m >= stop_month)]
                    if not paying:
                        continue
                    paid.update((member_id, m) for m in paying)
                    paid_on = min(f"{paying[0]}-10", today)
                    numbers[paid_on[:4]] += 1
                    receipts.append({"org_id": branch_id, "member_id": member_id,
                                     "number": f"{code}-{paid_on[:4]}-{numbers[paid_on[:4]]:04d}",
                                     "paid_on": paid_on, "collector": "组织委员"})
                    items.append([(m, amounts[member_id, int(m[:4])]) for m in paying])
                ids = store.insert_many("dues_receipts", receipts)
                store.insert_many("dues_payments", [
                    {"receipt_id": rid, "member_id": r["member_id"], "month": m, "amount_fen": fen}
                    for rid, r, paid in zip(ids, receipts, items) for m, fen in paid])
                settle_on = (date.fromisoformat(month_end(quarter_months(quarter)[-1]))
                             + timedelta(days=SETTLE_AFTER_DAYS)).isoformat()
                last_ended = settle_on <= today and (date.fromisoformat(settle_on) + timedelta(
                    days=92)).isoformat() > today
                if settle_on <= today and not (index == 1 and last_ended):
                    total = sum(fen for paid in items for _, fen in paid)
                    store.insert("dues_settlements", {"org_id": branch_id, "quarter": quarter,
                                                      "settled_on": settle_on, "total_fen": total,
                                                      "handed_to": "上级党委"})


def _due_months(store, org_ids, people, months) -> dict[int, set[str]]:
    """member → the months they belonged to the branch (from 入党 on)."""
    marks = ",".join("?" for _ in org_ids)
    due: dict[int, set[str]] = defaultdict(set)
    for row in store.query(f"SELECT member_id, start_on, end_on FROM memberships "
                           f"WHERE org_id IN ({marks})", org_ids):
        joined = (people[row["member_id"]]["joined_on"] or "")[:7]
        start, end = max(row["start_on"][:7], joined), (row["end_on"] or "9999-12")[:7]
        due[row["member_id"]].update(m for m in months if start <= m <= end)
    return due


def _bases(store, standard, rng, due, people) -> dict[tuple[int, int], int]:
    """A base per member and year: retirees on a pension, everyone else on a wage."""
    rows, amounts = [], {}
    for member_id, member_months in due.items():
        retired = people[member_id]["workplace"] == "退休"
        income = rng.randrange(250000, 700000, 100) if retired else rng.randrange(200000, 1500000, 100)
        for year in sorted({int(m[:4]) for m in member_months}):
            category = "离退休" if retired else "在职"
            amount = standard_amount_fen(standard, category, income)
            amounts[member_id, year] = amount
            rows.append({"member_id": member_id, "year": year, "category": category,
                         "income_fen": income, "amount_fen": amount, "set_on": f"{year}-01-05"})
            income += income * rng.randrange(0, 6) // 100      # a small raise most years
    store.insert_many("dues_bases", rows)
    return amounts
