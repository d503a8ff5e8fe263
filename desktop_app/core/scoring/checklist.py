"""The standard's checklist (达标销号): each item 未达标 until met, then 已销号 with its evidence
and date. Items the compliance check can decide are decided from its findings for the year;
the 先锋指数 item from the published half years; the rest are ticked by the secretary with
evidence in words (and reopened with a reason when a quarterly re-check takes a star away)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core import orgs
from desktop_app.core.periods import year as year_period
from desktop_app.core.rules.engine import check, profile_for
from desktop_app.core.rules.findings import MET
from desktop_app.core.rules.profile import RuleProfile
from desktop_app.core.scoring.pioneer import PioneerError, published_periods
from desktop_app.core.scoring.sheet import Standard, StandardItem
from desktop_app.core.store import Store

OPEN, STRUCK = "未达标", "已销号"
BY_CHECK, BY_PIONEER, BY_HAND = "体检", "先锋指数", "书记"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    aspect: str
    title: str
    source: str | None
    decided_by: str            # 体检 / 先锋指数 / 书记
    status: str                # 未达标 / 已销号
    evidence: str
    on_date: str | None        # struck off (hand: the date ticked; decided: the day of the check)
    rule_ids: tuple[str, ...] = ()


def standard_of(profile: RuleProfile) -> Standard:
    if profile.standard is None:
        raise PioneerError(f"规则档案 {profile.id} 没有星级标准（[standard] 部分）")
    return profile.standard


def checklist(store: Store, org_id: int, year: int, *, today: str | None = None,
              profile: RuleProfile | None = None) -> list[ChecklistItem]:
    profile = profile or profile_for(store, org_id)
    standard = standard_of(profile)
    today = today or date.today().isoformat()
    needs_check = any(item.rules for item in standard.items)
    findings = check(store, org_id, year_period(year), profile=profile, today=today) \
        if needs_check else []
    marks = {r["item_id"]: r for r in store.query(
        "SELECT * FROM standard_marks WHERE org_id = ? AND year = ?", [org_id, year])}
    published = dict(published_periods(store, org_id))
    result = []
    for item in standard.items:
        if item.rules:
            result.append(_by_check(item, [f for f in findings if f.rule_id in item.rules], today))
        elif item.pioneer:
            result.append(_by_pioneer(item, year, published, today))
        else:
            mark = marks.get(item.id)
            result.append(ChecklistItem(item.id, item.aspect, item.title, item.source, BY_HAND,
                                        mark["status"] if mark else OPEN,
                                        mark["evidence"] if mark else "",
                                        mark["on_date"] if mark and mark["status"] == STRUCK
                                        else None))
    return result


def strike_off(store: Store, org_id: int, year: int, item_id: str, evidence: str,
               on_date: str) -> None:
    """销号 by the secretary: the item is met, and `evidence` says how (document, place, photo)."""
    item = _hand_item(store, org_id, item_id)
    if not (evidence or "").strip():
        raise PioneerError(f"“{item.title}”销号须写明达标依据")
    _mark(store, org_id, year, item_id, STRUCK, evidence.strip(), on_date, None)


def reopen(store: Store, org_id: int, year: int, item_id: str, reason: str, on_date: str) -> None:
    """Back to 未达标 (摘星 after a re-check); the reason is kept and goes to the audit log."""
    item = _hand_item(store, org_id, item_id)
    if not (reason or "").strip():
        raise PioneerError(f"“{item.title}”恢复为未达标须写明原因")
    _mark(store, org_id, year, item_id, OPEN, reason.strip(), on_date, reason.strip())


def _hand_item(store: Store, org_id: int, item_id: str) -> StandardItem:
    standard = standard_of(profile_for(store, org_id))
    for item in standard.items:
        if item.id == item_id:
            if item.rules or item.pioneer:
                raise PioneerError(f"“{item.title}”由{BY_CHECK if item.rules else BY_PIONEER}"
                                   f"结果自动判定，不需手工销号")
            return item
    raise PioneerError(f"标准中没有代码为 {item_id} 的条目")


def _mark(store: Store, org_id: int, year: int, item_id: str, status: str, evidence: str,
          on_date: str, reason: str | None) -> None:
    row = {"org_id": org_id, "year": year, "item_id": item_id, "status": status,
           "evidence": evidence, "on_date": on_date}
    with store.transaction():
        old = store.query_one("SELECT id FROM standard_marks WHERE org_id = ? AND year = ? "
                              "AND item_id = ?", [org_id, year, item_id])
        if old:
            store.update("standard_marks", old["id"], row, reason=reason)
        else:
            store.insert("standard_marks", row, reason=reason)


def _by_check(item: StandardItem, findings: list, today: str) -> ChecklistItem:
    met = bool(findings) and all(f.status == MET for f in findings)
    shown = findings if met else [f for f in findings if f.status != MET]
    evidence = "；".join(f"{f.title}：{f.status}（{f.detail}）" for f in shown[:4])
    if len(shown) > 4:
        evidence += f"；另{len(shown) - 4}项"
    return ChecklistItem(item.id, item.aspect, item.title, item.source, BY_CHECK,
                         STRUCK if met else OPEN, evidence or "体检无结果",
                         today if met else None, item.rules)


def _by_pioneer(item: StandardItem, year: int, published: dict, today: str) -> ChecklistItem:
    ended = [h for h, end in (("H1", f"{year}-06-30"), ("H2", f"{year}-12-31")) if end < today]
    done = [f"{year}年{'上' if h == 'H1' else '下'}半年已于{published[f'{year}{h}']}公布"
            for h in ended if f"{year}{h}" in published]
    missing = [f"{year}年{'上' if h == 'H1' else '下'}半年未公布"
               for h in ended if f"{year}{h}" not in published]
    met = bool(ended) and not missing
    evidence = "；".join(done + missing) or "本年尚无结束的半年"
    on_date = max(published[f"{year}{h}"] for h in ended) if met else None
    return ChecklistItem(item.id, item.aspect, item.title, item.source, BY_PIONEER,
                         STRUCK if met else OPEN, evidence, on_date)
