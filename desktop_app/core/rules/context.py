"""What every rule function is given: the evidence, the period, today and the profile."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from desktop_app.core.rules.evidence import Evidence
from desktop_app.core.rules.findings import Finding
from desktop_app.core.rules.profile import Rule, RuleProfile
from desktop_app.core.rules.windows import Window, windows


@dataclass(frozen=True)
class Context:
    ev: Evidence
    start: str      # the period asked about
    end: str
    today: str
    profile: RuleProfile
    opened_on: str | None = None   # 启用日期: nothing before it is judged

    def windows(self, every: str) -> list[Window]:
        """The rule's windows overlapping the period that have begun by today, each cut to start
        at the 启用日期 (a window partly before it is judged from it on)."""
        return [w.from_day(self.opened_on) for w in windows(every, self.start, self.end)
                if w.start <= self.today]

    def finding(self, rule: Rule, status: str, detail: str, *, meeting_ids=(), member_ids=(),
                record_ids=()) -> Finding:
        # Negative ids are 组织生活 away (evidence.away_life), not meetings of this ledger.
        return Finding(rule.id, rule.title, status, rule.citation, detail, self.ev.org_id,
                       tuple(sorted({i for i in meeting_ids if i > 0})),
                       tuple(sorted(set(member_ids))), tuple(record_ids))

    @cached_property
    def away_life_counts(self) -> bool:
        """Does the profile count 组织生活 at the receiving organisation as attendance (流动党员)?"""
        return any(r.type == "mobile_reported" and r.params.get("away_life_counts")
                   for r in self.profile.rules)

    def names(self, member_ids, limit: int = 8) -> str:
        ordered = sorted(member_ids, key=self.ev.name)
        shown = "、".join(self.ev.name(m) for m in ordered[:limit])
        return shown + (f" 等{len(ordered)}人" if len(ordered) > limit else "")
