"""Each branch across the periods it has reported (issue 15 part 3), read from the upstream history:
the figures of every 有效 bundle the office has seen, on whatever stick it came, so the trend
grows quarter by quarter without keeping the old bundles.

For a period reported more than once (a correction bundle, or a second export) the figures are
those of the bundle exported last (the largest audit-chain count): a correction replaces what it
corrects. Unmet findings are those 逾期 or 缺失 at the bundle's export; 即将到期 is not counted.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import groupby
from typing import Iterator

from desktop_app.core.bundle.history import History
from desktop_app.core.rules.findings import MISSING, OVERDUE

HEADERS = ("期间", "三会一课 已开/应开", "未达标项（逾期+缺失）", "期末在册党员", "依据的包")


@dataclass(frozen=True)
class Point:
    """One period of one branch."""
    period: str                 # 2025Q3 (the bundle's period code)
    label: str                  # 2025年第三季度
    start: str                  # ISO dates of the period
    end: str
    held: int                   # meetings held that count toward the rules (三会一课 etc.)
    required: int               # meetings the rules required in the period
    unmet: int                  # findings 逾期 + 缺失
    by_status: dict[str, int]   # every finding status → count
    members: int                # members on the roll at the period's end
    identifier: str             # the bundle the figures come from (DEMO-01-2025Q3-C1)
    bundles: int                # valid bundles seen for this period (2+: corrected or re-sent)

    def cells(self) -> list[str]:
        source = self.identifier + (f"（共收到 {self.bundles} 个包）" if self.bundles > 1 else "")
        return [self.label, f"{self.held}/{self.required}", str(self.unmet), str(self.members),
                source]


@dataclass(frozen=True)
class Series:
    """A branch and its periods in order (by start, then end)."""
    org_code: str
    org_name: str               # as its latest bundle names it
    points: tuple[Point, ...]


QUERY = """
SELECT s.org_code, s.identifier, s.period, s.period_start, s.period_end, s.audit_entries,
       s.first_seen, f.org_name, f.period_label, f.held, f.required, f.members, f.by_status
FROM seen s JOIN figures f ON f.digest = s.digest
{where}
ORDER BY s.org_code, s.period_start, s.period_end, s.audit_entries, s.first_seen
"""


def series(history: History, org_code: str | None = None) -> Iterator[Series]:
    """Every branch the history has figures for (or just `org_code`), by code, one at a time:
    a city's 10,000 branches stream through without all being held at once."""
    where, args = ("WHERE s.org_code = ?", [org_code]) if org_code else ("", [])
    rows = history.conn.execute(QUERY.format(where=where), args)
    for code, found in groupby(rows, key=lambda row: row["org_code"]):
        yield _series(code, list(found))


def _series(code: str, rows: list) -> Series:
    by_period: dict[str, list] = {}
    for row in rows:                       # ordered: the last row of a period is the one that wins
        by_period.setdefault(row["period"], []).append(row)
    points = tuple(_point(found[-1], len(found)) for found in by_period.values())
    latest = max(rows, key=lambda r: (r["period_end"], r["audit_entries"]))
    return Series(code, latest["org_name"], points)


def _point(row, bundles: int) -> Point:
    by_status = json.loads(row["by_status"])
    return Point(row["period"], row["period_label"], row["period_start"], row["period_end"],
                 row["held"], row["required"],
                 by_status.get(OVERDUE, 0) + by_status.get(MISSING, 0), by_status, row["members"],
                 row["identifier"], bundles)


NOTHING = "上级收包记录中还没有有效的工作实录包：先用 shilu aggregate 或上级工作台校验支部交来的包。"


def as_text(one: Series) -> str:
    """One branch as the CLI prints it: a title line, then a tab-separated table."""
    lines = [f"{one.org_name}（{one.org_code}）：{len(one.points)} 个期间", "\t".join(HEADERS)]
    return "\n".join(lines + ["\t".join(p.cells()) for p in one.points])
