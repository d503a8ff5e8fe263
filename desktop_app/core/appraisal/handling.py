"""Handling a member found 不合格 in the 民主评议, by the profile's procedure ([[appraisal.handling]],
e.g. 限期改正 → 劝退 → 除名): each step is a to-do with a deadline `days` after it opens. Closing a
step as 已改正 ends the procedure; as 未改正 it opens the next step (the last one ends it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core.rules.profile import RuleProfile
from desktop_app.core.store import Store, StoreError

CORRECTED, NOT_CORRECTED, DONE = "已改正", "未改正", "已办结"


@dataclass(frozen=True)
class Action:
    """One open (or closed) step for one member: shown as a to-do until `done_on`."""
    id: int
    member_id: int
    name: str
    year: int
    step: str
    opened_on: str
    due_on: str
    done_on: str | None
    outcome: str | None

    def text(self) -> str:
        return f"{self.name} {self.year}年度民主评议不合格：{self.step}，期限 {self.due_on}"


def _steps(profile: RuleProfile):
    if profile.appraisal is None or not profile.appraisal.handling:
        raise StoreError(f"规则档案“{profile.title}”未规定不合格党员的处置程序（[appraisal]）")
    return profile.appraisal.handling


def _open(store: Store, result_id: int, step, on: str) -> int:
    due = (date.fromisoformat(on) + timedelta(days=step.days)).isoformat()
    return store.insert("appraisal_actions", {"result_id": result_id, "step": step.step,
                                              "opened_on": on, "due_on": due})


def open_first(store: Store, profile: RuleProfile, result_id: int, on: str) -> int:
    """The first step of the procedure, opened on the day the 党员大会 decided."""
    return _open(store, result_id, _steps(profile)[0], on)


def close(store: Store, profile: RuleProfile, action_id: int, on: str, outcome: str,
          note: str | None = None) -> int | None:
    """Close a step: 已改正 ends the procedure, 未改正 opens the next step (returns its id)."""
    if outcome not in (CORRECTED, NOT_CORRECTED, DONE):
        raise StoreError(f"处置结果应为 {CORRECTED}、{NOT_CORRECTED} 或 {DONE}")
    row = store.get("appraisal_actions", action_id)
    if row["done_on"]:
        raise StoreError(f"该处置步骤（{row['step']}）已于 {row['done_on']} 办结")
    if on < row["opened_on"]:
        raise StoreError(f"办结日期 {on} 早于该步骤开始的日期 {row['opened_on']}")
    steps = _steps(profile)
    names = [s.step for s in steps]
    with store.transaction():
        store.update("appraisal_actions", action_id,
                     {"done_on": on, "outcome": outcome, "note": (note or "").strip() or None})
        if outcome == NOT_CORRECTED and row["step"] in names \
                and names.index(row["step"]) + 1 < len(steps):
            return _open(store, row["result_id"], steps[names.index(row["step"]) + 1], on)
    return None


def actions(store: Store, org_id: int, *, open_only: bool = False) -> list[Action]:
    """The organisation's handling steps, oldest deadline first."""
    rows = store.query(
        "SELECT x.*, r.member_id, m.name, a.year FROM appraisal_actions x "
        "JOIN appraisal_results r ON r.id = x.result_id JOIN appraisals a ON a.id = r.appraisal_id "
        "JOIN members m ON m.id = r.member_id WHERE a.org_id = ?"
        + (" AND x.done_on IS NULL" if open_only else "") + " ORDER BY x.due_on, x.id", [org_id])
    return [Action(r["id"], r["member_id"], r["name"], r["year"], r["step"], r["opened_on"],
                   r["due_on"], r["done_on"], r["outcome"]) for r in rows]
