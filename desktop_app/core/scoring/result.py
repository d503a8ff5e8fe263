"""What a 先锋指数 evaluation says: per member, the score, grade and every line with its reason.

The same shape serves the live view, the published snapshot (stored as JSON) and the disclosure
board. It carries member names only, no other personal data.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

LEDGER_SOURCE, ENTERED_SOURCE, RED_LINE_SOURCE, CAP_SOURCE = "账本", "录入", "红线", "上限"
EXEMPT_GRADE = "免评"


@dataclass(frozen=True)
class Line:
    item_id: str
    category: str
    title: str
    points: float
    reason: str
    source: str                                  # 账本 / 录入 / 红线 / 上限
    records: tuple[tuple[str, int], ...] = ()    # (table, id): the meetings, receipts, entries


@dataclass(frozen=True)
class MemberScore:
    member_id: int
    name: str
    score: float | None       # None when exempted
    grade: str
    stars: int
    warned: bool              # 警示党员 (a red line was crossed)
    exemption: str | None     # the 党员大会 decision, when exempted
    lines: tuple[Line, ...] = ()

    @property
    def deductions(self) -> list[Line]:
        return [line for line in self.lines if line.points < 0]


@dataclass(frozen=True)
class PioneerResult:
    org_id: int
    org_name: str
    period: str               # "2025H1"
    label: str                # "2025年上半年"
    profile_id: str
    title: str                # the sheet's title
    base: float
    published_on: str | None
    members: tuple[MemberScore, ...]

    def member(self, member_id: int) -> MemberScore:
        for score in self.members:
            if score.member_id == member_id:
                return score
        raise KeyError(member_id)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "PioneerResult":
        members = tuple(
            MemberScore(**{**m, "lines": tuple(
                Line(**{**line, "records": tuple(tuple(r) for r in line["records"])})
                for line in m["lines"])})
            for m in data["members"])
        return cls(**{**data, "members": members})


def points_text(points: float) -> str:
    """+3, −2, 0, +1.5: how a line's points are printed."""
    if points == 0:
        return "0"
    return f"{'+' if points > 0 else '−'}{abs(points):g}"
