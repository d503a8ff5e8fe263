"""The home page's figures (首页): this month's to-do, the year's meetings against the rules, and
the findings counted for this month, quarter and year.

Everything comes from the compliance engine and the meeting, plan and dues records, so the home
page says nothing the 体检 page would contradict. Each to-do item names the record it is about
(`target`), so the page can open it.
"""
from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from desktop_app.core import committee, orgs, periods
from desktop_app.core.appraisal import handling
from desktop_app.core.dues import arrears
from desktop_app.core.dues.months import add_months
from desktop_app.core.meetings import attendance, plan
from desktop_app.core.rules.engine import check, profile_for
from desktop_app.core.rules.findings import MET, STATUSES, Finding
from desktop_app.core.rules.profile import Rule, RuleProfile
from desktop_app.core.rules.windows import windows
from desktop_app.core.store import Store

MEETING_RULES = ("meeting_frequency", "talk_with_every_member")
# Beyond this many members in arrears, one line sums them up instead of one line each.
ARREARS_LISTED = 5
SCOPES = ("本月", "本季度", "本年")
RECENT_MONTHS = 3   # absentees of meetings this recent are listed one meeting a line


@dataclass(frozen=True)
class TodoItem:
    """One line of the month's to-do. `target` is what it is about: ("meeting", id),
    ("member", id), ("plan", id) or ("finding", Finding); None when there is no record."""
    kind: str          # 班子 / 会议 / 活动日 / 政治生日 / 传达 / 党费 / 处置 / 回执
    text: str
    when: str | None
    target: tuple[str, Any] | None


@dataclass(frozen=True)
class MonthBar:
    """Meetings the rules ask for in windows ending this month, and how many of them were held."""
    month: int
    required: int
    held: int
    future: bool


@dataclass
class Dashboard:
    org_id: int
    today: str
    todo: list[TodoItem] = field(default_factory=list)
    bars: list[MonthBar] = field(default_factory=list)
    findings: dict[str, list[Finding]] = field(default_factory=dict)   # scope → findings

    def counts(self, scope: str) -> Counter:
        return Counter({s: 0 for s in STATUSES}) + Counter(f.status for f in self.findings[scope])


def scope_periods(today: str) -> dict[str, periods.Period]:
    y, m = int(today[:4]), int(today[5:7])
    return {"本月": periods.month(y, m), "本季度": periods.quarter(y, (m + 2) // 3),
            "本年": periods.year(y)}


def build(store: Store, org_id: int, today: str) -> Dashboard:
    """The three scopes' checks read each 党支部's evidence once (their spans are the same
    year), and every finding's rule is looked up in a profile read once per organisation."""
    board = Dashboard(org_id, today)
    loaded: dict = {}
    for scope, period in scope_periods(today).items():
        board.findings[scope] = check(store, org_id, period, today=today, loaded=loaded)
    rules = Rules(store)
    board.todo = todo(store, org_id, today, board.findings["本月"], board.findings["本年"], rules)
    board.bars = year_bars(store, org_id, int(today[:4]), today, board.findings["本年"], rules)
    return board


class Rules:
    """The rule behind each finding, from each organisation's profile in force today, read once:
    a 党委's home page asks it of hundreds of findings, and reading a profile means reading the
    organisation tree and the profile file's date."""

    def __init__(self, store: Store):
        self.store = store
        self._profiles: dict[int, RuleProfile] = {}

    def profile(self, org_id: int) -> RuleProfile:
        if org_id not in self._profiles:
            self._profiles[org_id] = profile_for(self.store, org_id)
        return self._profiles[org_id]

    def of(self, finding: Finding) -> Rule:
        return self.profile(finding.org_id).rule(finding.rule_id)

    def type(self, finding: Finding) -> str:
        return self.of(finding).type


def todo(store: Store, org_id: int, today: str, month_findings: list[Finding],
         year_findings: list[Finding], rules: Rules | None = None) -> list[TodoItem]:
    """A branch without a 班子, due meetings, the next activity day, political birthdays,
    unbriefed absentees, arrears."""
    rules = rules or Rules(store)
    names = {o.id: o.name for o in orgs.all_orgs(store)}
    several = len({f.org_id for f in month_findings}) > 1
    leaderless = _without_committee(store, org_id, today)
    items = [TodoItem("班子", f"{names[b]}尚未录入班子成员：支委会的应到人数和班子成员的学时要求都取自班子，"
                              f"请在“组织与班子”页录入书记和支委", None, None) for b in leaderless]
    for f in month_findings:
        if f.org_id in leaderless and "支委会" in rules.of(f).params.get("kinds", ()):
            continue    # the one 班子 line above says it; no 支委会 line for each month
        if f.status != MET and rules.type(f) in MEETING_RULES:
            where = f"{names[f.org_id]}：" if several else ""
            items.append(TodoItem("会议", f"{where}{f.title}（{f.status}）", None, ("finding", f)))
    items += _next_activity_day(store, org_id, today, month_findings, rules)
    items += _birthdays(store, org_id, today)
    items += _unbriefed(store, org_id, today, year_findings, rules)
    items += _arrears(store, org_id, today, month_findings, rules)
    items += _handling(store, org_id)
    items += _receipts(store)
    return items


def _receipts(store: Store) -> list[TodoItem]:
    """上级回执 not yet ticked off: the overall opinion, then each comment on a meeting."""
    if store.query_one("SELECT 1 FROM receipts WHERE done_on IS NULL LIMIT 1") is None:
        return []   # receipt_import loads cryptography: not on the worker at start-up for nothing
    from desktop_app.core.bundle.receipt_import import label, open_receipts
    items = []
    for r in open_receipts(store):
        items.append(TodoItem("回执", f"{r['reviewer']}{r['decision']}了 {r['bundle_identifier']}："
                                     f"{r['comment'] or '（无总体意见）'}", r["reviewed_on"], None))
        for c in store.query("SELECT ref, comment FROM receipt_comments WHERE receipt_id = ? "
                             "ORDER BY id", [r["id"]]):
            kind, _, key = c["ref"].partition(":")
            target = ("meeting", int(key)) if kind == "meeting" else None
            items.append(TodoItem("回执", f"{label(store, c['ref'])}：{c['comment']}",
                                  r["reviewed_on"], target))
    return items


def _without_committee(store: Store, org_id: int, today: str) -> list[int]:
    """The 党支部 (at or below `org_id`) with nobody in a 班子 role today: their 支委会 have
    nobody to expect, which one to-do line says instead of a 支委会 line each month."""
    ids = set(orgs.subtree_ids(store, org_id))
    return [o.id for o in orgs.all_orgs(store) if o.id in ids and o.kind == "党支部"
            and not committee.has_committee(store, o.id, today)]


def _handling(store: Store, org_id: int) -> list[TodoItem]:
    """Open steps of handling 不合格党员 (民主评议), each with its deadline."""
    return [TodoItem("处置", action.text(), action.due_on, ("member", action.member_id))
            for branch in orgs.subtree_ids(store, org_id)
            for action in handling.actions(store, branch, open_only=True)]


def _next_activity_day(store: Store, org_id: int, today: str,
                       month_findings: list[Finding], rules: Rules) -> list[TodoItem]:
    ids = orgs.subtree_ids(store, org_id)
    row = store.query_one(
        f"SELECT * FROM activity_plan WHERE org_id IN ({','.join('?' for _ in ids)}) "
        f"AND planned_on >= ? AND day_kind != ? ORDER BY planned_on, id LIMIT 1",
        [*ids, today, "政治生日"])
    if row:
        target = ("meeting", row["meeting_id"]) if row["meeting_id"] else ("plan", row["id"])
        theme = f"：{row['theme']}" if row["theme"] else ""
        return [TodoItem("活动日", f"下一个{row['day_kind']} {row['planned_on']}{theme}",
                         row["planned_on"], target)]
    days = rules.profile(_a_branch(store, org_id)).activity_days
    fixed = [(d, k) for d, k in ((days.study_day, "学习日"), (days.service_day, "服务日")) if d]
    if not fixed:
        return []
    on, kind = min((_next_date(today, d), k) for d, k in fixed)
    held = [f for f in month_findings if rules.type(f) == "activity_days_held"]
    target = ("finding", held[0]) if held else None
    return [TodoItem("活动日", f"下一个{kind} {on}（按规则档案的固定日期；尚未制定年度计划）",
                     on, target)]


def _next_date(today: str, day: int) -> str:
    y, m = int(today[:4]), int(today[5:7])
    for _ in range(2):
        on = date(y, m, min(day, calendar.monthrange(y, m)[1])).isoformat()
        if on >= today:
            return on
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return on


def _a_branch(store: Store, org_id: int) -> int:
    """The 党支部 whose profile speaks for `org_id` (the first one below a 党委/党总支)."""
    org = orgs.get(store, org_id)
    if org.kind in ("党支部", "党小组"):
        return org_id
    ids = set(orgs.subtree_ids(store, org_id))
    branches = [o.id for o in orgs.all_orgs(store) if o.kind == "党支部" and o.id in ids]
    return branches[0] if branches else org_id


def _birthdays(store: Store, org_id: int, today: str) -> list[TodoItem]:
    found = plan.political_birthdays(store, org_id, int(today[:4]))
    return [TodoItem("政治生日", f"{on[5:7].lstrip('0')}月{on[8:].lstrip('0')}日 {name} 入党{years}周年",
                     on, ("member", member_id))
            for member_id, name, on, years in found if on[:7] == today[:7]]


def _unbriefed(store: Store, org_id: int, today: str, year_findings: list[Finding],
               rules: Rules) -> list[TodoItem]:
    """One line per meeting of the last `RECENT_MONTHS` months; older open work on one line."""
    since = add_months(today[:7], -(RECENT_MONTHS - 1)) + "-01"
    by_meeting: dict[int, list] = {}
    opened = orgs.records_from(store, org_id) or ""
    for work in attendance.open_work(store, org_id):
        if opened <= work.held_on <= today:
            by_meeting.setdefault(work.meeting_id, []).append(work)
    items, older = [], []
    for meeting_id, works in sorted(by_meeting.items(), key=lambda kv: kv[1][0].held_on,
                                    reverse=True):
        first = works[0]
        if first.held_on < since:
            older += works
            continue
        who = "、".join(w.member_name for w in works[:4]) + (f" 等{len(works)}人" if len(works) > 4 else "")
        items.append(TodoItem("传达", f"{first.held_on} {first.title}：{who} 请假或缺席，尚未传达",
                              first.held_on, ("meeting", meeting_id)))
    if older:
        rule = [f for f in year_findings if rules.type(f) == "absentees_briefed"]
        items.append(TodoItem("传达", f"更早的会议还有 {len(older)} 人次请假或缺席，尚未传达（{since} 以前）",
                              None, ("finding", rule[0]) if rule else None))
    return items


def _arrears(store: Store, org_id: int, today: str, month_findings: list[Finding],
             rules: Rules) -> list[TodoItem]:
    through = add_months(today[:7], -1)
    report = arrears.arrears(store, org_id, through)
    unknown = [TodoItem("党费", f"{len(report.unknown)} 名党员尚无党费期初（已交至哪个月），"
                        "请在“党费”页设置期初", None, None)] if report.unknown else []
    opened = (orgs.records_from(store, org_id) or "")[:7]
    owing = []
    for a in report.arrears:
        months = tuple(m for m in a.months if m >= opened)   # none owed before the 启用日期
        if months:
            owing.append(replace(a, months=months, longest_run=min(a.longest_run, len(months))))
    if len(owing) <= ARREARS_LISTED:
        return unknown + [TodoItem("党费", f"{a.name} 欠交党费 {len(a.months)} 个月（{a.months[0]} 起）",
                                   None, ("member", a.member_id)) for a in owing]
    rule = [f for f in month_findings if rules.type(f) == "dues_arrears"]
    longest = max(a.longest_run for a in owing)
    return unknown + [TodoItem("党费", f"{len(owing)} 名党员欠交党费（截至 {through}，最长连续 {longest} 个月）",
                               None, ("finding", rule[0]) if rule else None)]


def year_bars(store: Store, org_id: int, year: int, today: str,
              year_findings: list[Finding], rules: Rules | None = None) -> list[MonthBar]:
    """For each month: meetings required by windows that end in it (a quarter's in its last month)
    and how many of those the meetings counted by the engine cover (at most the number required)."""
    rules = rules or Rules(store)
    required, held = Counter(), Counter()
    held_on = {}
    used = {m for f in year_findings for m in f.meeting_ids}
    if used:
        marks = ",".join("?" for _ in used)
        held_on = {r["id"]: (r["held_on"], r["org_id"]) for r in store.query(
            f"SELECT id, held_on, org_id FROM meetings WHERE id IN ({marks})", sorted(used))}
    for f in year_findings:
        rule = rules.of(f)
        if rule.type != "meeting_frequency":
            continue
        opened = orgs.records_from(store, f.org_id) or ""
        need = rule.params.get("count", 1)
        targets = [g.id for g in orgs.children(store, f.org_id) if g.kind == "党小组"] \
            if rule.params.get("per_group") else [None]
        for window in windows(rule.params["every"], f"{year}-01-01", f"{year}-12-31"):
            if window.end < opened:
                continue    # nothing is asked before the 启用日期
            month = int(window.end[5:7])
            for target in targets:
                required[month] += need
                count = sum(1 for m in f.meeting_ids if m in held_on
                            and window.start <= held_on[m][0] <= window.end
                            and (target is None or held_on[m][1] == target))
                held[month] += min(need, count)
    return [MonthBar(m, required[m], held[m], f"{year}-{m:02d}-01" > today) for m in range(1, 13)]

