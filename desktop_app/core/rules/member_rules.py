"""Member rules: one function per rule type. Each returns one finding for the rule that names the
members who need attention; a member counts only for the part of a window they belonged."""
from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta

from desktop_app.core.dues.months import add_months, months_between, unpaid_run
from desktop_app.core.rules.context import Context
from desktop_app.core.rules.findings import DUE_SOON, MET, OVERDUE, Finding
from desktop_app.core.rules.profile import Rule
from desktop_app.core.rules.windows import judge, overall


def _not_started(ctx: Context, rule: Rule) -> Finding:
    return ctx.finding(rule, DUE_SOON, "期间尚未开始")


def _attendance(ctx: Context, keep):
    """`attended(member_id, start, end)`: the meetings attended in [start, end] that `keep`
    accepts, then 组织生活 away where the profile counts it. Each member's meetings are passed
    through `keep` once, not once per window (a monthly rule asks twelve times a year)."""
    kept: dict[int, tuple[list, list]] = {}

    def attended(member_id: int, start: str, end: str) -> list:
        if member_id not in kept:
            away = ctx.ev.away_life.get(member_id, ()) if ctx.away_life_counts else ()
            kept[member_id] = ([m for m in ctx.ev.attended.get(member_id, ()) if keep(m)],
                               [m for m in away if keep(m)])
        here, away = kept[member_id]
        return ([m for m in here if start <= m.held_on <= end]
                + [m for m in away if start <= m.held_on <= end])
    return attended


def unexcused_absence(rule: Rule, ctx: Context) -> Finding:
    """Absent without leave (缺席, not 请假) at more than `max_ratio` of the sessions a member was
    expected at → 警示党员 candidate; while the window is open it is a warning (即将到期)."""
    p, ev = rule.params, ctx.ev
    spans = ctx.windows(p["every"])
    if not spans:
        return _not_started(ctx, rule)
    ratio, floor = p["max_ratio"], p.get("min_sessions", 1)
    kinds = set(p["kinds"])
    held_on = {m.id: m.held_on for m in ev.meetings.values() if m.kinds & kinds}
    # Each member's sessions by the window they fall in (calendar windows do not overlap), in
    # the marks' order: one pass over the marks, not one per window.
    starts = [w.start for w in spans]
    sessions_in: dict[tuple[int, int], list] = defaultdict(list)
    for member_id, marks in ev.marks_by_member.items():
        for mark in marks:
            held = held_on.get(mark.meeting_id)
            at = bisect_right(starts, held) - 1 if held is not None else -1
            if at >= 0 and held <= spans[at].end:
                sessions_in[at, member_id].append(mark)
    flagged, notes, statuses, used = set(), [], [], []
    for at, window in enumerate(spans):
        for member_id in ev.marks_by_member:
            sessions = sessions_in.get((at, member_id), [])
            absent = [m for m in sessions if m.status == "缺席"]
            if len(sessions) >= floor and len(absent) > ratio * len(sessions):
                flagged.add(member_id)
                used += [m.meeting_id for m in absent]
                statuses.append(OVERDUE if window.end < ctx.today else DUE_SOON)
                notes.append(f"{ev.name(member_id)} {window.label} 应到{len(sessions)}次，"
                             f"无故缺席{len(absent)}次")
    if not flagged:
        return ctx.finding(rule, MET, f"无党员无故缺席超过{ratio}")
    status = OVERDUE if OVERDUE in statuses else DUE_SOON
    detail = ("警示党员候选：" if status == OVERDUE else "缺席偏多，请提醒：") + "；".join(notes)
    return ctx.finding(rule, status, detail, meeting_ids=used, member_ids=flagged)


def _member_windows(rule: Rule, ctx: Context, every: str, required_of, done_of,
                    unit: str, label_of=lambda member_id, window: "") -> Finding:
    """Shared shape of the per-member yearly quotas: required (pro-rated) vs done, per window."""
    spans = ctx.windows(every)
    if not spans:
        return _not_started(ctx, rule)
    statuses, short, used, counted = [], [], [], 0
    for window in spans:
        for member_id, days in ctx.ev.members_in(window.start, window.end).items():
            required = required_of(member_id, window, days)
            if required is None or required <= 0:
                continue
            counted += 1
            amount, meeting_ids = done_of(member_id, window)
            used += meeting_ids
            status = judge(amount >= required, amount > 0, window.end, ctx.today)
            statuses.append(status)
            if status != MET:
                short.append((member_id, f"{ctx.ev.name(member_id)}{label_of(member_id, window)} "
                                         f"{window.label} {amount:g}/{required:g}{unit}"))
    if not counted:
        return ctx.finding(rule, MET, "不适用：期间内无应计党员")
    status = overall(statuses)
    if not short:
        return ctx.finding(rule, status, f"{counted}人次均已达到", meeting_ids=used)
    return ctx.finding(rule, status, f"{len(short)}人次未达到：" + "；".join(s for _, s in short[:12])
                       + ("……" if len(short) > 12 else ""),
                       meeting_ids=used, member_ids=[m for m, _ in short])


def prorated_hours(base: float, days: int, window_days: int) -> float:
    """A yearly 学时 quota for a member who belonged `days` of the window, rounded up to ½ hour."""
    return math.ceil(base * days / window_days * 2) / 2


def study_quota(params: dict, ev, member_id: int, window, days: int) -> float:
    """The member's 学时 for the window: `hours`, or `committee_hours` for the days they held one
    of `committee_roles` (55条 #26: 主职干部 = 书记; Changsha: 书记和班子成员), pro-rated by the days
    they belonged: (hours × other days + committee_hours × role days) / window days, rounded up
    to ½ hour."""
    in_role = min(days, _role_days(ev, member_id, set(params["committee_roles"]),
                                   window.start, window.end))
    base = (params["hours"] * (days - in_role) + params["committee_hours"] * in_role) / days
    return prorated_hours(base, days, window.days)


def quota_roles(params: dict, ev, member_id: int, start: str, end: str) -> list[str]:
    """The roles of `committee_roles` the member held at some time in [start, end]."""
    return sorted({r["role"] for r in ev.roles if r["member_id"] == member_id
                   and r["role"] in params["committee_roles"] and r["start_on"] <= end
                   and (r["end_on"] or "9999") >= start})


def study_hours(rule: Rule, ctx: Context) -> Finding:
    """学时 attended in the year ≥ the member's `study_quota`; a shortfall names the roles that
    raised the quota."""
    p, ev = rule.params, ctx.ev
    with_hours = _attendance(ctx, lambda m: m.study_hours > 0)

    def required(member_id, window, days):
        return study_quota(p, ev, member_id, window, days)

    def done(member_id, window):
        """Meetings' hours + study entries (core/study) + the year's opening balance."""
        attended = with_hours(member_id, window.start, window.end)
        outside = sum(h for d, h, _ in ev.study.get(member_id, ()) if window.start <= d <= window.end)
        opening = ev.study_openings.get((member_id, int(window.start[:4])), 0)
        return (sum(m.study_hours for m in attended) + outside + opening,
                [m.id for m in attended])

    def label(member_id, window):
        held = quota_roles(p, ev, member_id, window.start, window.end)
        return f"（{'、'.join(held)}）" if held else ""

    return _member_windows(rule, ctx, "year", required, done, "学时", label)


def _role_days(ev, member_id: int, roles: set[str], start: str, end: str) -> int:
    """Days of [start, end] on which the member held any of `roles` in the organisation."""
    spans = sorted((max(r["start_on"], start), min(r["end_on"] or end, end)) for r in ev.roles
                   if r["member_id"] == member_id and r["role"] in roles)
    total, reach = 0, None
    for lo, hi in spans:
        if reach is not None and lo <= reach:
            lo = (date.fromisoformat(reach) + timedelta(days=1)).isoformat()
        if lo <= hi:
            total += (date.fromisoformat(hi) - date.fromisoformat(lo)).days + 1
            reach = hi      # past any earlier reach: this span adds days after it
    return total


def member_participation(rule: Rule, ctx: Context) -> Finding:
    """Each member (or each holder of `roles`) attended ≥ `count` matching activities per window,
    pro-rated (rounded up) by the days they belonged."""
    p, ev = rule.params, ctx.ev
    matching = {m.id for m in ev.meetings.values()
                if (p.get("tag") and p["tag"] in m.tags) or (p.get("kinds") and m.kinds & set(p["kinds"]))
                or (p.get("day_kinds") and m.day_kind in p["day_kinds"])}

    def keep(meeting):
        # 组织生活 away (negative id) matches by its kind
        return meeting.id in matching or (meeting.id < 0 and meeting.kind in p.get("kinds", ()))

    def required(member_id, window, days):
        if p.get("roles") and member_id not in ev.role_holders(p["roles"], window.start,
                                                               window.end):
            return None
        return math.ceil(p["count"] * days / window.days)

    matching_attended = _attendance(ctx, keep)

    def done(member_id, window):
        attended = matching_attended(member_id, window.start, window.end)
        return len(attended), [m.id for m in attended]

    return _member_windows(rule, ctx, p["every"], required, done, "次")


def dues_arrears(rule: Rule, ctx: Context) -> Finding:
    """`months` consecutive months due and unpaid (党章第九条: treated as having left); shorter
    runs of arrears are shown as 即将到期 so they can be collected in time. Runs are counted from
    where each member's record starts (期初, dues/opening.py) at their true length; a member whose
    dues Shilu has no record of is one to-do for the opening, not arrears."""
    ev, limit = ctx.ev, rule.params["months"]
    last_month_end = (date.fromisoformat(ctx.today[:8] + "01") - timedelta(days=1)).isoformat()
    end = min(ctx.end, last_month_end)
    if end < ctx.start:
        return _not_started(ctx, rule)
    # A run is the period's 连续未交 when it reaches the period's first month or later (one over
    # before it was an earlier period's, and is only still owed); it began after the last month
    # paid up to it (however long ago), and not before the member's record starts. A paid window
    # month leaves every run before it out.
    window = add_months(ctx.start[:7], -(limit - 1))
    gone, behind, unknown, notes = set(), set(), set(), []
    for member_id in ev.members_in(ctx.start, end):
        first = ev.dues_from.get(member_id)
        if first is None:
            unknown.add(member_id)
            continue
        first = max(first, (ctx.opened_on or "")[:7])   # nothing before the 启用日期 is owed
        paid = ev.paid_months.get(member_id, set())
        before = max((m for m in paid if m <= window), default=ev.dues_paid_before.get(member_id))
        if before is not None:
            first = max(first, add_months(before, 1))
        due = ev.due_months(member_id, months_between(first, end[:7]))
        run = unpaid_run(due, paid, end[:7], since=ctx.start[:7])
        if run >= limit:
            gone.add(member_id)
            notes.append(f"{ev.name(member_id)} 连续{run}个月未交")
        elif unpaid_run(due, paid, end[:7]):    # still owed, if from before the period
            behind.add(member_id)
    opening = f"；{len(unknown)}人尚无党费期初（已交至哪个月），请先设置期初" if unknown else ""
    if gone:
        return ctx.finding(rule, OVERDUE, "；".join(notes) +
                           (f"；另有{len(behind)}人欠交" if behind else "") + opening,
                           member_ids=gone | behind)
    if behind or unknown:
        text = f"{len(behind)}人欠交党费：{ctx.names(behind)}" if behind else "无人欠交"
        return ctx.finding(rule, DUE_SOON, text + opening, member_ids=behind)
    return ctx.finding(rule, MET, f"截至{end[:7]}无人连续{limit}个月未交")


def mobile_reported(rule: Rule, ctx: Context) -> Finding:
    """Every member away (流动外出, not yet back) during the period has the report on record:
    the required `fields` of the departure record are filled in and, where the profile sets
    `report_within_days`, the report date is at most that many days after leaving."""
    ev, labels = ctx.ev, {"place": "地点", "reason": "外出理由", "contact": "联系方式"}
    within = rule.params.get("report_within_days")
    away, missing, notes, statuses = set(), set(), [], []
    for member_id in ev.members_in(ctx.start, ctx.end):
        events = ev.away_events.get(member_id, [])
        last_out = None
        for event in events:
            if event["kind"] == "流动外出":
                last_out = event
            elif last_out and event["on_date"] <= ctx.start:
                last_out = None     # back by the first day: the day of return is not away
        if last_out is None:
            continue
        away.add(member_id)
        lacking = [labels[f] for f in rule.params["fields"] if not (last_out.get(f) or "").strip()]
        late, status = "", OVERDUE
        if within is not None:
            deadline = (date.fromisoformat(last_out["on_date"])
                        + timedelta(days=within)).isoformat()
            reported = last_out.get("reported_on")
            if reported is None:
                lacking.append("报告日期")
                status = judge(False, False, deadline, ctx.today)
            elif reported > deadline:
                late = f"{last_out['on_date']}外出，{reported}才报告（应在{deadline}前）"
        if lacking or late:
            missing.add(member_id)
            statuses.append(status)
            notes.append(f"{ev.name(member_id)} " + "，".join(
                ([f"缺{'、'.join(lacking)}"] if lacking else []) + ([late] if late else [])))
    if not away:
        return ctx.finding(rule, MET, "期间内无流动党员")
    if missing:
        return ctx.finding(rule, overall(statuses), "外出报告不全或过晚：" + "；".join(notes),
                           member_ids=missing)
    return ctx.finding(rule, MET, f"{len(away)}名流动党员均已按时报告", member_ids=away)


def absentees_briefed(rule: Rule, ctx: Context) -> Finding:
    """Everyone marked 请假 or 缺席 at a matching meeting is briefed (传达) within `within_days`,
    except a 流动党员 away on the meeting's date (excused, as the 首页's open work).
    Absentees whose deadline has not passed and who are not yet briefed are not counted as late:
    they are listed with their deadline (即将到期). Each shortfall names the meeting."""
    p, ev = rule.params, ctx.ev
    late, pending, members, meetings, total = [], [], set(), [], 0    # total: briefed on time
    for meeting in sorted(ev.meetings_between(ctx.start, min(ctx.end, ctx.today)),
                          key=lambda m: (m.held_on, m.id)):
        if not meeting.kinds & set(p["kinds"]):
            continue
        deadline = (date.fromisoformat(meeting.held_on) + timedelta(days=p["within_days"])).isoformat()
        where = f"{meeting.held_on} {meeting.kind}" + (
            f"（{ev.org_names[meeting.org_id]}）" if meeting.org_id != ev.org_id
            and meeting.org_id in ev.org_names else "")
        for mark in ev.marks_by_meeting.get(meeting.id, ()):
            if mark.status == "出席" or mark.member_id not in ev.stays:
                continue
            if ev.away_on(mark.member_id, meeting.held_on):
                continue    # a 流动党员 away takes part where he is; no 传达 is owed at home
            if mark.briefed_on is not None and mark.briefed_on <= deadline:
                total += 1
                continue
            if mark.briefed_on is None and deadline >= ctx.today:
                pending.append(f"{where} {ev.name(mark.member_id)}（期限 {deadline}）")
                continue
            members.add(mark.member_id)
            meetings.append(meeting.id)
            how = f"{mark.briefed_on} 才传达" if mark.briefed_on else "未传达"
            late.append(f"{where} {ev.name(mark.member_id)} {how}（期限 {deadline}）")
    waiting = f"；尚在期限内{len(pending)}人次：{'；'.join(pending)}" if pending else ""
    if late:
        return ctx.finding(rule, OVERDUE, f"{len(late)}人次未按时传达：{'；'.join(late)}{waiting}",
                           meeting_ids=meetings, member_ids=members)
    if pending:
        return ctx.finding(rule, DUE_SOON, f"{total}人次已按时传达{waiting}")
    if not total:
        return ctx.finding(rule, MET, "期间内无缺席党员")
    return ctx.finding(rule, MET, f"{total}人次缺席均已传达")
