"""党费收缴情况内部公示: the quarter's collection per member, for posting inside the branch (#34).

It carries members' names and the amounts they paid — nothing else (no ID numbers, phones or
incomes) — and says so, because it is posted where visitors may see it.
"""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.dues.ledger import quarter_summary
from desktop_app.core.dues.opening import paid_through
from desktop_app.core.exports.wording import org_full_name
from desktop_app.core.store import Store

PERSONAL_DATA = "党员姓名、所交党费金额"   # no ID numbers, phones or incomes


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


@dataclass(frozen=True)
class DisclosureSheet:
    title: str
    org_name: str
    quarter: str
    period_label: str                        # 2025年第三季度
    header: tuple[str, ...]                  # 序号, 姓名, three months, 本季收缴, 备注
    rows: tuple[tuple[str, ...], ...]
    total_row: tuple[str, ...]
    collected_fen: int
    settlement_text: str
    personal_data: str = PERSONAL_DATA


def internal_sheet(store: Store, org_id: int, quarter: str) -> DisclosureSheet:
    summary = quarter_summary(store, org_id, quarter)
    year, q = quarter[:4], int(quarter[5])
    header = ("序号", "姓名", *(f"{int(m[5:7])}月" for m in summary.months), "本季收缴", "备注")
    rows = []
    covered = paid_through(store, [line.member_id for line in summary.lines])
    for number, line in enumerate(summary.lines, 1):
        cells = []
        unpaid = []
        for month in summary.months:
            if line.due[month] is None and not line.paid[month]:
                cells.append("—")
            elif not line.paid[month] and covered.get(line.member_id, "") >= month:
                cells.append("期初")
            elif line.paid[month]:
                cells.append(yuan(line.paid[month]))
            else:
                cells.append("未交")
                unpaid.append(f"{int(month[5:7])}月")
        note = "欠交" + "、".join(unpaid) if unpaid else ""
        rows.append((str(number), line.name, *cells, yuan(line.collected_fen), note))
    month_totals = [yuan(sum(line.paid[m] for line in summary.lines)) for m in summary.months]
    total_row = ("", "合计", *month_totals, yuan(summary.collected_fen), "")
    if summary.settlement:
        s = summary.settlement
        settled = f"已于 {s['settled_on']} 结算上交 {yuan(s['total_fen'])} 元" + \
            (f"（交{s['handed_to']}）" if s["handed_to"] else "")
    else:
        settled = "本季度尚未结算"
    name = org_full_name(store, org_id)
    label = f"{year}年第{'一二三四'[q - 1]}季度"
    return DisclosureSheet(f"{name}{label}党费收缴情况公示", name, quarter, label, header, tuple(rows), total_row,
                           summary.collected_fen, settled)
