"""Dues receipts (党费收据) to print: one block per receipt — number, organisation, member, the
months paid, the amount in figures and in capitals (大写, as on a paper receipt), date, collector.
Shapes: amounts are fen; months "YYYY-MM". Only the member's name appears (no ID, phone, income)."""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.dues.months import month_label
from desktop_app.core.exports.wording import org_full_name
from desktop_app.core.store import Store, StoreError

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿")
PERSONAL_DATA = "党员姓名、所交党费金额"


def capitals(fen: int) -> str:
    """Amount in Chinese capitals as written on receipts: 4000 fen → 肆拾元整, 617 → 陆元壹角柒分,
    100001 → 壹仟元零壹分 (a zero inside the number is read once)."""
    whole, jiao, fen_ = fen // 100, fen // 10 % 10, fen % 10
    text = ""
    if whole:
        groups, n = [], whole
        while n:
            groups.append(n % 10000)
            n //= 10000
        zero = False
        for index in range(len(groups) - 1, -1, -1):
            group = groups[index]
            if group == 0:
                zero = bool(text)
                continue
            digits = [group // 1000, group // 100 % 10, group // 10 % 10, group % 10]
            for place, digit in enumerate(digits):
                if digit == 0:
                    zero = zero or bool(text)
                    continue
                if zero:
                    text += "零"
                    zero = False
                text += DIGITS[digit] + UNITS[3 - place]
            text += GROUPS[index]
        text += "元"
    if not jiao and not fen_:
        return (text or "零元") + "整"
    if jiao:
        text += ("零" if whole and whole % 10 == 0 else "") + DIGITS[jiao] + "角"
    if fen_:
        text += ("零" if whole and not jiao else "") + DIGITS[fen_] + "分"
    return text


@dataclass(frozen=True)
class ReceiptSlip:
    number: str
    org_name: str
    name: str
    months: tuple[str, ...]
    total_fen: int
    paid_on: str
    collector: str

    @property
    def months_text(self) -> str:
        return "、".join(month_label(m) for m in self.months)


def slips(store: Store, receipt_ids: list[int]) -> list[ReceiptSlip]:
    """The receipts as printed, in number order; an unknown id is refused by name."""
    found = []
    for receipt_id in receipt_ids:
        row = store.query_one("SELECT r.*, m.name FROM dues_receipts r JOIN members m "
                              "ON m.id = r.member_id WHERE r.id = ?", [receipt_id])
        if row is None:
            raise StoreError(f"找不到编号为 {receipt_id} 的党费收据")
        lines = store.query("SELECT month, amount_fen FROM dues_payments WHERE receipt_id = ? "
                            "ORDER BY month", [receipt_id])
        found.append(ReceiptSlip(row["number"], org_full_name(store, row["org_id"]), row["name"],
                                 tuple(p["month"] for p in lines),
                                 sum(p["amount_fen"] for p in lines), row["paid_on"],
                                 row["collector"] or ""))
    return sorted(found, key=lambda s: s.number)


def receipt_ids(store: Store, org_id: int, *, numbers: list[str] | None = None,
                month: str | None = None, paid_on: str | None = None) -> list[int]:
    """Receipts of the organisation by number, by a month they pay for, or by the day received."""
    where, params = ["r.org_id = ?"], [org_id]
    if numbers:
        where.append(f"r.number IN ({','.join('?' for _ in numbers)})")
        params += numbers
    if month:
        where.append("EXISTS (SELECT 1 FROM dues_payments p WHERE p.receipt_id = r.id AND p.month = ?)")
        params.append(month)
    if paid_on:
        where.append("r.paid_on = ?")
        params.append(paid_on)
    rows = store.query(f"SELECT r.id, r.number FROM dues_receipts r WHERE {' AND '.join(where)} "
                       f"ORDER BY r.number", params)
    missing = sorted(set(numbers or ()) - {r["number"] for r in rows})
    if missing:
        raise StoreError(f"找不到党费收据：{'、'.join(missing)}")
    return [r["id"] for r in rows]
