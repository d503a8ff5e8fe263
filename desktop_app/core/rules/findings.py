"""A finding: where the organisation stands against one rule in one period, and why."""
from __future__ import annotations

from dataclasses import dataclass

MET, DUE_SOON, OVERDUE, MISSING = "达标", "即将到期", "逾期", "缺失"
STATUSES = (OVERDUE, MISSING, DUE_SOON, MET)   # the order a secretary reads them in


@dataclass(frozen=True)
class Finding:
    rule_id: str
    title: str
    status: str
    citation: str
    detail: str
    org_id: int
    meeting_ids: tuple[int, ...] = ()   # the records that satisfied the rule (or fell short)
    member_ids: tuple[int, ...] = ()    # the members concerned: evidence, or those to attend to
    record_ids: tuple[tuple[str, int], ...] = ()   # other records (table, id): dues settlements …

    @property
    def evidence(self) -> dict:
        return {"meetings": list(self.meeting_ids), "members": list(self.member_ids),
                "records": [list(r) for r in self.record_ids]}

    def as_dict(self) -> dict:
        return {"rule_id": self.rule_id, "title": self.title, "status": self.status,
                "citation": self.citation, "detail": self.detail, "org_id": self.org_id,
                "evidence": self.evidence}
