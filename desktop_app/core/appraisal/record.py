"""One 党支部's 民主评议党员 for one year: the four steps (个人自评, 党员互评, 群众测评, 支部考评;
Changsha seed 四.4(1); 条例: 个人自评、党员互评、民主测评), each member's result, the tallies and
the 党员大会 decision. Deciding opens the profile's handling of every member found 不合格.

Every write goes through the store; a result can be changed until the 党员大会 decides, after
that only with a reason (a correction). Errors are `AppraisalError` in Chinese.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from desktop_app.core import members, orgs
from desktop_app.core.appraisal import handling
from desktop_app.core.dates import DateFormatError, parse_date
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.store import Store, StoreError

STEPS = {"self_on": "个人自评", "peer_on": "党员互评", "public_on": "群众测评", "branch_on": "支部考评"}
RESULTS = ("优秀", "合格", "基本合格", "不合格")
FAILED = "不合格"


class AppraisalError(StoreError):
    """An appraisal write that cannot be done, worded for the secretary."""


@dataclass
class Appraisal:
    id: int
    org_id: int
    year: int
    started_on: str
    steps: dict[str, str | None]                 # step name → date done (None: not yet)
    decided_on: str | None = None
    meeting_id: int | None = None
    decision: str | None = None
    results: dict[int, str] = field(default_factory=dict)    # member id → result
    names: dict[int, str] = field(default_factory=dict)

    @property
    def tallies(self) -> dict[str, int]:
        """How many members got each result, in the order 优秀, 合格, 基本合格, 不合格."""
        counted = Counter(self.results.values())
        return {result: counted.get(result, 0) for result in RESULTS}

    def tally_text(self) -> str:
        return "，".join(f"{r}{n}人" for r, n in self.tallies.items())


def _date(value: str, what: str) -> str:
    try:
        return parse_date(value)
    except DateFormatError as exc:
        raise AppraisalError(f"{what}：{exc}") from None


def start(store: Store, org_id: int, year: int, started_on: str) -> int:
    """Open the year's appraisal of a 党支部 (one per year)."""
    if orgs.get(store, org_id).kind != "党支部":
        raise AppraisalError("民主评议党员由党支部组织，请选择一个党支部")
    if find(store, org_id, year):
        raise AppraisalError(f"{year}年度的民主评议党员已经建立，请直接录入")
    return store.insert("appraisals", {"org_id": org_id, "year": year,
                                       "started_on": _date(started_on, "开始日期")})


def find(store: Store, org_id: int, year: int) -> Appraisal | None:
    row = store.query_one("SELECT id FROM appraisals WHERE org_id = ? AND year = ?", [org_id, year])
    return get(store, row["id"]) if row else None


def get(store: Store, appraisal_id: int) -> Appraisal:
    row = store.get("appraisals", appraisal_id)
    found = Appraisal(row["id"], row["org_id"], row["year"], row["started_on"],
                      {label: row[column] for column, label in STEPS.items()},
                      row["decided_on"], row["meeting_id"], row["decision"])
    for r in store.query("SELECT r.member_id, r.result, m.name FROM appraisal_results r "
                         "JOIN members m ON m.id = r.member_id WHERE r.appraisal_id = ?",
                         [appraisal_id]):
        found.results[r["member_id"]] = r["result"]
        found.names[r["member_id"]] = r["name"]
    return found


def record_step(store: Store, appraisal_id: int, step: str, on: str) -> None:
    """Record the date one of the four steps was carried out."""
    column = next((c for c, label in STEPS.items() if label == step), None)
    if column is None:
        raise AppraisalError(f"评议步骤应为 {'、'.join(STEPS.values())} 之一，而不是“{step}”")
    store.update("appraisals", appraisal_id, {column: _date(on, step)})


def set_result(store: Store, appraisal_id: int, member_id: int, result: str,
               note: str | None = None, reason: str | None = None) -> None:
    """Record one member's result; after the decision only as a correction with a reason."""
    if result not in RESULTS:
        raise AppraisalError(f"评议结果应为 {'、'.join(RESULTS)} 之一，而不是“{result}”")
    appraisal = get(store, appraisal_id)
    if appraisal.decided_on and not (reason or "").strip():
        raise AppraisalError(f"{appraisal.year}年度评议结果已经党员大会决定，修改须填写原因")
    year = str(appraisal.year)
    if not members.days_belonged(store, member_id, appraisal.org_id, f"{year}-01-01",
                                 f"{year}-12-31"):
        raise AppraisalError(f"{members.get(store, member_id).name} {year}年不在本支部，不参加本支部评议")
    row = store.query_one("SELECT id FROM appraisal_results WHERE appraisal_id = ? AND member_id = ?",
                          [appraisal_id, member_id])
    values = {"result": result, "note": (note or "").strip() or None}
    if row:
        store.update("appraisal_results", row["id"], values, reason=reason)
    else:
        store.insert("appraisal_results", {"appraisal_id": appraisal_id, "member_id": member_id,
                                           **values}, reason=reason)


def decide(store: Store, appraisal_id: int, on: str, decision: str,
           meeting_id: int | None = None) -> list[int]:
    """The 党员大会 decides the results: all four steps done and every member of the year rated.
    Opens the first handling step for each 不合格 member; returns those to-dos' ids."""
    appraisal = get(store, appraisal_id)
    on = _date(on, "党员大会决定日期")
    missing_steps = [s for s, done in appraisal.steps.items() if not done]
    if missing_steps:
        raise AppraisalError(f"尚未完成：{'、'.join(missing_steps)}（四个步骤完成后才能提交党员大会）")
    unrated = [m.name for m in members.expected_on(store, appraisal.org_id, on)
               if m.id not in appraisal.results]
    if unrated:
        raise AppraisalError(f"{on}在册党员尚未评定：{'、'.join(unrated)}")
    if not (decision or "").strip():
        raise AppraisalError("请填写党员大会的决定（如“通过评议结果”及表决情况）")
    profile = profile_for(store, appraisal.org_id)
    with store.transaction():
        store.update("appraisals", appraisal_id, {"decided_on": on, "decision": decision.strip(),
                                                  "meeting_id": meeting_id})
        return [handling.open_first(store, profile, row["id"], on) for row in store.query(
            "SELECT id FROM appraisal_results WHERE appraisal_id = ? AND result = ?",
            [appraisal_id, FAILED])]
