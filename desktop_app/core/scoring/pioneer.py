"""党员先锋指数 for one organisation and half year: evaluate from the ledger and the entered items,
publish a snapshot, and read back what was published.

Ledger items are counted from the same evidence the compliance check reads (attendance, activity
days, study hours, dues receipts), so a member's score and the branch's check never disagree.
A published result is stored whole; later edits to the ledger change the live evaluation only.
"""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

from desktop_app.core import orgs
from desktop_app.core.dues.months import month_end, months_between
from desktop_app.core.periods import Period, parse_period
from desktop_app.core.rules import evidence
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.rules.profile import RuleProfile
from desktop_app.core.scoring.result import (CAP_SOURCE, ENTERED_SOURCE, EXEMPT_GRADE,
                                             LEDGER_SOURCE, RED_LINE_SOURCE, Line, MemberScore,
                                             PioneerResult)
from desktop_app.core.scoring.sheet import LEDGER, MEASURES, PioneerSheet, SheetItem
from desktop_app.core.store import Store, StoreError
from desktop_app.core.store.canonical import canonical_json

PENDING = "（待按程序处置）"


class PioneerError(StoreError):
    """A 先锋指数 request that cannot be done, worded for the secretary."""


def half_year(text: str) -> tuple[str, Period]:
    """"2025H1" or "2025上半年" → ("2025H1", the period); anything but a half year is refused."""
    try:
        period = parse_period(text)
    except ValueError as exc:
        raise PioneerError(str(exc)) from exc
    first, months = period.start[5:7], len(period.months())
    if months != 6 or first not in ("01", "07"):
        raise PioneerError(f"先锋指数每半年考评一次，期间应写作 2025H1 或 2025H2，而不是“{text}”")
    return f"{period.start[:4]}H{1 if first == '01' else 2}", period


def sheet_of(profile: RuleProfile) -> PioneerSheet:
    if profile.pioneer is None:
        raise PioneerError(f"规则档案 {profile.id} 没有先锋指数考评表（[pioneer] 部分）")
    return profile.pioneer


def evaluate(store: Store, org_id: int, period: str, *,
             profile: RuleProfile | None = None) -> PioneerResult:
    """The live result: every member who belonged during the half year, scored from the ledger
    and the entered items, with exemptions and red lines applied."""
    code, span = half_year(period)
    profile = profile or profile_for(store, org_id)
    sheet = sheet_of(profile)
    ev = evidence.load(store, org_id, span.start, span.end)
    member_ids = sorted(ev.members_in(span.start, span.end))
    people = _people(store, member_ids)
    entries = _entries(store, org_id, code)
    exemptions = {r["member_id"]: r for r in store.query(
        "SELECT * FROM pioneer_exemptions WHERE org_id = ? AND period = ?", [org_id, code])}
    dues = _dues_paid(store, member_ids, span)
    scores = []
    for member_id in sorted(member_ids, key=lambda m: (people[m]["name_initials"], people[m]["name"])):
        name = people[member_id]["name"]
        if member_id in exemptions:
            row = exemptions[member_id]
            scores.append(MemberScore(member_id, name, None, EXEMPT_GRADE, 0, False,
                                      f"{row['decision']}（{row['reason']}）"))
            continue
        lines = []
        for item in sheet.items:
            if item.source == LEDGER:
                lines += _ledger_line(item, ev, member_id, span, dues.get(member_id, {}))
            else:
                lines += _entered_lines(item, entries.get((member_id, item.id), []))
        crossed = [_red_line(sheet, row) for red in sheet.red_lines
                   for row in entries.get((member_id, red.id), [])]
        lines += crossed
        score = round(sheet.base + sum(line.points for line in lines), 2)
        band = sheet.grade_of(score)
        grade, stars = (sheet.fail_grade + PENDING, 0) if crossed else (band.grade, band.stars)
        scores.append(MemberScore(member_id, name, score, grade, stars, bool(crossed), None,
                                  tuple(lines)))
    published = store.query_one("SELECT published_on FROM pioneer_evaluations "
                                "WHERE org_id = ? AND period = ?", [org_id, code])
    return PioneerResult(org_id, orgs.get(store, org_id).name, code, span.label, profile.id,
                         sheet.title, sheet.base, published and published["published_on"],
                         tuple(scores))


def publish(store: Store, org_id: int, period: str, on_date: str,
            reason: str | None = None) -> PioneerResult:
    """Freeze the half year's result as published (公布). Publishing again replaces the snapshot
    only as a correction, with its reason in the audit log."""
    result = evaluate(store, org_id, period)
    result = replace(result, published_on=on_date)
    row = {"org_id": org_id, "period": result.period, "profile_id": result.profile_id,
           "published_on": on_date, "snapshot": canonical_json(result.as_dict())}
    with store.transaction():
        old = store.query_one("SELECT id, published_on, snapshot FROM pioneer_evaluations "
                              "WHERE org_id = ? AND period = ?", [org_id, result.period])
        if old is None:
            store.insert("pioneer_evaluations", row, reason=reason)
        elif not (reason or "").strip():
            raise PioneerError(f"{result.label}的先锋指数已于 {old['published_on']} 公布；"
                               f"重新公布属于更正，请填写更正原因")
        elif _same_scores(old["snapshot"], result):
            raise PioneerError(f"{result.label}的考评结果与 {old['published_on']} 公布的相同，"
                               f"无需重新公布")
        else:
            store.update("pioneer_evaluations", old["id"], row, reason=reason.strip())
    return result


def _same_scores(snapshot: str, result: PioneerResult) -> bool:
    before = PioneerResult.from_dict(json.loads(snapshot))
    return (before.members, before.profile_id) == (result.members, result.profile_id)


def published_result(store: Store, org_id: int, period: str) -> PioneerResult | None:
    """The result as it was published (for the 公开栏 board), or None if not yet published."""
    code, _ = half_year(period)
    row = store.query_one("SELECT snapshot FROM pioneer_evaluations WHERE org_id = ? AND period = ?",
                          [org_id, code])
    return PioneerResult.from_dict(json.loads(row["snapshot"])) if row else None


def published_periods(store: Store, org_id: int) -> list[tuple[str, str]]:
    """(period, published_on) of every published half year, oldest first."""
    return [(r["period"], r["published_on"]) for r in store.query(
        "SELECT period, published_on FROM pioneer_evaluations WHERE org_id = ? ORDER BY period",
        [org_id])]


# --- the lines ------------------------------------------------------------------------------
def _matches(item: SheetItem, meeting) -> bool:
    return ((item.kinds and meeting.kinds & set(item.kinds))
            or (item.day_kinds and meeting.day_kind in item.day_kinds)
            or (item.tag is not None and item.tag in meeting.tags))


def _ledger_line(item: SheetItem, ev, member_id: int, span: Period, paid: dict) -> list[Line]:
    """One line for a ledger item: how many units, the points (capped), and the records."""
    unit = MEASURES[item.measure]
    in_span = [m for m in ev.attended.get(member_id, ()) if span.start <= m.held_on <= span.end]
    notes = ""
    if item.measure == "meetings_attended":
        used = [m for m in in_span if _matches(item, m)]
        amount, records = len(used), [("meetings", m.id) for m in used]
        what = f"参加{amount}{unit}"
    elif item.measure == "study_hours":      # meetings' hours and 学时 entries, as the check counts
        used = [m for m in in_span if m.study_hours > 0]
        outside = [s for s in ev.study.get(member_id, ()) if span.start <= s[0] <= span.end]
        amount = sum(m.study_hours for m in used) + sum(hours for _, hours, _ in outside)
        records = [("meetings", m.id) for m in used] + sorted(
            {("study_sessions", entry_id) for _, _, entry_id in outside})
        what = f"集中学习{amount:g}{unit}"
    elif item.measure == "absences":
        used = sorted((ev.meetings[mark.meeting_id] for mark in ev.marks_by_member.get(member_id, ())
                       if mark.status == "缺席"), key=lambda m: m.held_on)
        used = [m for m in used if span.start <= m.held_on <= span.end and _matches(item, m)]
        amount, records = len(used), [("meetings", m.id) for m in used]
        what = f"无故缺席{amount}{unit}"
        notes = "：" + "、".join(f"{int(m.held_on[5:7])}月{int(m.held_on[8:])}日{m.kind}"
                                for m in used) if used else ""
    elif item.measure == "appraisal":
        found = ev.appraised.get(member_id)
        if found is None or found["result"] not in item.results:
            return []       # not rated, or a result this item does not score
        amount, records = 1, [("appraisal_results", found["id"])]
        what = f"{found['year']}年度民主评议{found['result']}（{found['decided_on']}党员大会决定）"
    else:   # dues_on_time
        first = ev.dues_from.get(member_id)           # months before it are the 期初's, not late
        due = [m for m in ev.due_months(member_id, months_between(span.start[:7], span.end[:7]))
               if first is not None and m >= first]
        on_time = [m for m in due if m in paid and paid[m][0] <= _deadline(m, item.grace_days)]
        amount = len(on_time)
        records = sorted({("dues_receipts", paid[m][1]) for m in on_time})
        late = [m for m in due if m not in on_time]
        what = f"应交{len(due)}{unit}，按时交纳{amount}{unit}"
        notes = "；未按时：" + "、".join(f"{int(m[5:])}月" for m in late) if late else ""
    if item.sign < 0 and amount == 0:
        return []
    points = min(amount * item.per, item.cap) * item.sign
    verb = "扣" if item.sign < 0 else ""
    rule = f"每{unit}{verb}{item.per:g}分，最多{verb}{item.cap:g}分"
    return [Line(item.id, item.category, item.title, round(points, 2), f"{what}{notes}（{rule}）",
                 LEDGER_SOURCE, tuple(records))]


def _deadline(month: str, grace_days: int) -> str:
    return (date.fromisoformat(month_end(month)) + timedelta(days=grace_days)).isoformat()


def _entered_lines(item: SheetItem, rows: list[dict]) -> list[Line]:
    lines = [Line(item.id, item.category, item.title, row["points"], row["reason"],
                  ENTERED_SOURCE, (("pioneer_entries", row["id"]),)) for row in rows]
    total = sum(abs(line.points) for line in lines)
    if total > item.cap:   # the profile's cap was lowered after entry: the cap still holds
        excess = (total - item.cap) * -item.sign
        lines.append(Line(item.id, item.category, item.title, round(excess, 2),
                          f"本项最多计{item.cap:g}分，超出部分不计", CAP_SOURCE))
    return lines


def _red_line(sheet: PioneerSheet, row: dict) -> Line:
    line = sheet.red_line(row["item_id"])
    return Line(line.id, "红线", line.title, 0, f"{row['reason']}（依据：{line.source}）",
                RED_LINE_SOURCE, (("pioneer_entries", row["id"]),))


# --- reading --------------------------------------------------------------------------------
def _people(store: Store, member_ids: list[int]) -> dict[int, dict]:
    marks = ",".join("?" for _ in member_ids) or "NULL"
    return {r["id"]: r for r in store.query(
        f"SELECT id, name, name_initials FROM members WHERE id IN ({marks})", member_ids)}


def _entries(store: Store, org_id: int, period: str) -> dict[tuple[int, str], list[dict]]:
    found: dict[tuple[int, str], list[dict]] = {}
    for row in store.query("SELECT * FROM pioneer_entries WHERE org_id = ? AND period = ? "
                           "ORDER BY on_date, id", [org_id, period]):
        found.setdefault((row["member_id"], row["item_id"]), []).append(row)
    return found


def _dues_paid(store: Store, member_ids: list[int], span: Period) -> dict[int, dict]:
    """member → month → (paid_on, receipt id) for the months of the half year."""
    marks = ",".join("?" for _ in member_ids) or "NULL"
    found: dict[int, dict] = {}
    for member_id, month, paid_on, receipt_id in store.conn.execute(
            f"SELECT p.member_id, p.month, r.paid_on, r.id FROM dues_payments p "
            f"JOIN dues_receipts r ON r.id = p.receipt_id WHERE p.member_id IN ({marks}) "
            f"AND p.month BETWEEN ? AND ?", [*member_ids, span.start[:7], span.end[:7]]):
        found.setdefault(member_id, {})[month] = (paid_on, receipt_id)
    return found
