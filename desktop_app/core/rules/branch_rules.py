"""Branch rules: one function per rule type, every number taken from the rule's parameters."""
from __future__ import annotations

from datetime import date, timedelta

from desktop_app.core.meetings.kinds import DERIVED_TAGS
from desktop_app.core.rules.context import Context
from desktop_app.core.rules.evidence import Meeting
from desktop_app.core.rules.findings import DUE_SOON, Finding
from desktop_app.core.rules.profile import Rule
from desktop_app.core.rules.windows import judge, overall, windows

ACTIVITY_DAY_KINDS = ("学习日", "服务日", "关爱日")


def matches(meeting: Meeting, params: dict) -> bool:
    """The record is of one of the rule's kinds (any it counts as), carries its tag, on its day kind."""
    if params.get("kinds") and not meeting.kinds & set(params["kinds"]):
        return False
    if params.get("tag") and params["tag"] not in meeting.tags:
        return False
    if params.get("day_kind") and meeting.day_kind != params["day_kind"]:
        return False
    return True


def _not_started(ctx: Context, rule: Rule) -> Finding:
    return ctx.finding(rule, DUE_SOON, "期间尚未开始")


def meeting_frequency(rule: Rule, ctx: Context) -> Finding:
    """At least `count` matching meetings in each window, held by the organisation itself or,
    with `per_group`, by each 党小组; with `min_attendance`, only meetings reaching that rate count."""
    p, ev = rule.params, ctx.ev
    need, min_rate = p.get("count", 1), p.get("min_attendance")
    if p.get("per_group"):
        targets = [(g["id"], g["name"], g["founded_on"], g["dissolved_on"]) for g in ev.groups]
        if not targets:
            return ctx.finding(rule, "达标", "不适用：本组织未设党小组")
    else:
        targets = [(ev.org_id, None, None, None)]
    spans = ctx.windows(p["every"])
    if not spans:
        return _not_started(ctx, rule)
    statuses, short, used = [], [], []
    matching = [m for m in ev.meetings.values() if matches(m, p)]    # once, not once a window
    for window in spans:
        for target_id, target_name, founded, dissolved in targets:
            if (founded and founded > window.end) or (dissolved and dissolved < window.start):
                continue      # the 党小组 did not exist in this window
            found = [m for m in matching
                     if window.start <= m.held_on <= window.end and m.org_id == target_id]
            good = [m for m in found if min_rate is None or ev.attendance_rate(m) >= min_rate]
            used += [m.id for m in good]
            status = judge(len(good) >= need, bool(found), window.end, ctx.today)
            statuses.append(status)
            if len(good) < need:
                where = f"{target_name} " if target_name else ""
                short.append(f"{where}{window.label} {len(good)}/{need}次" + _low_rates(
                    ev, [m for m in found if m not in good], min_rate))
    detail = f"共{len(used)}次符合要求" + (f"；不足：{'；'.join(short)}" if short else "")
    if not used and p.get("tag") in DERIVED_TAGS:
        detail += "（按党课主讲人当日是否担任书记判定）"
    return ctx.finding(rule, overall(statuses), detail, meeting_ids=used)


def _low_rates(ev, meetings: list[Meeting], min_rate) -> str:
    """The meetings held but below the attendance floor, each with the rate judged."""
    if not meetings:
        return ""
    rates = "、".join(f"{m.held_on} {float(ev.attendance_rate(m)):.0%}" for m in meetings)
    return f"（到会率未达{float(min_rate):.0%}：{rates}）"


def talk_with_every_member(rule: Rule, ctx: Context) -> Finding:
    """Every member still on the roll at the window's end (or today, if sooner) attended at least
    one talk (谈心谈话) in it; a member who transferred out or died before then is owed none."""
    p, ev = rule.params, ctx.ev
    spans = ctx.windows(p["every"])
    if not spans:
        return _not_started(ctx, rule)
    statuses, missing, used, notes = [], set(), [], []
    for window in spans:
        talks = [m for m in ev.meetings_between(window.start, window.end) if m.kinds & set(p["kinds"])]
        talked = {mark.member_id for m in talks for mark in ev.marks_by_meeting.get(m.id, ())
                  if mark.status == "出席"}
        last = min(window.end, ctx.today)
        expected = set(ev.members_in(last, last))
        gap = expected - talked
        used += [m.id for m in talks]
        statuses.append(judge(not gap, bool(talks), window.end, ctx.today))
        if gap:
            missing |= gap
            notes.append(f"{window.label} 尚有{len(gap)}人未谈：{ctx.names(gap)}")
    detail = "；".join(notes) if notes else f"已与全部党员谈心谈话（{len(used)}次记录）"
    return ctx.finding(rule, overall(statuses), detail, meeting_ids=used,
                       member_ids=missing)


def _expected_days(ctx: Context) -> list[tuple[str, str, int | None]]:
    """(date, day kind, planned meeting id): the year's plan where there is one, otherwise the
    profile's fixed study and service days of each month. Political birthdays in the plan are
    reminders for the 关爱日, not activity days of their own."""
    ev, days = ctx.ev, ctx.profile.activity_days
    planned = [(r["planned_on"], r["day_kind"], r["meeting_id"]) for r in ev.plan
               if ctx.start <= r["planned_on"] <= ctx.end and r["day_kind"] in ACTIVITY_DAY_KINDS]
    planned_years = {r["planned_on"][:4] for r in ev.plan}
    result = list(planned)
    for window in windows("month", ctx.start, ctx.end):
        if window.start[:4] in planned_years:
            continue
        for day, kind in ((days.study_day, "学习日"), (days.service_day, "服务日")):
            if day is not None:
                result.append((f"{window.start[:8]}{day:02d}", kind, None))
    return sorted(r for r in result if ctx.start <= r[0] <= ctx.end)


def activity_days_held(rule: Rule, ctx: Context) -> Finding:
    """Each planned activity day (or fixed day of the profile) has a 主题党日 of that kind held
    within `tolerance_days` of it (or the meeting the plan links to)."""
    ev, tolerance = ctx.ev, rule.params["tolerance_days"]
    expected = [d for d in _expected_days(ctx) if d[0] <= ctx.today]
    if not _expected_days(ctx):
        return ctx.finding(rule, DUE_SOON if ctx.end >= ctx.today else "缺失",
                           "未制定固定活动日计划，档案也未规定固定日期")
    if not expected:
        return _not_started(ctx, rule)
    themed = [m for m in ev.meetings.values() if m.kind == "主题党日" and m.org_id in ev.org_ids]
    statuses, used, short = [], [], []
    for on, kind, linked in expected:
        lo = (date.fromisoformat(on) - timedelta(days=tolerance)).isoformat()
        hi = (date.fromisoformat(on) + timedelta(days=tolerance)).isoformat()
        held = [m for m in themed if (m.id == linked) or
                (lo <= m.held_on <= hi and m.day_kind == kind)]
        used += [m.id for m in held]
        statuses.append(judge(bool(held), bool(held), hi, ctx.today))
        if not held:
            short.append(f"{on} {kind}")
    detail = f"应开展{len(expected)}次，已开展{len(expected) - len(short)}次" + \
        (f"；未见记录：{'、'.join(short)}" if short else "")
    return ctx.finding(rule, overall(statuses), detail, meeting_ids=used)


def dues_settled(rule: Rule, ctx: Context) -> Finding:
    """Each quarter is settled (季结) within `grace_days` of its end, for exactly what was collected."""
    ev, grace = ctx.ev, rule.params["grace_days"]
    spans = windows("quarter", ctx.start, ctx.end)
    statuses, notes, records = [], [], []
    for window in spans:
        code = f"{window.start[:4]}Q{(int(window.start[5:7]) + 2) // 3}"
        deadline = (date.fromisoformat(window.end) + timedelta(days=grace)).isoformat()
        if window.end >= ctx.today:
            continue  # the quarter is still collecting; settlement comes after it ends
        collected = sum(p["amount_fen"] for p in ev.payments
                        if window.start <= p["paid_on"] <= window.end)
        settlement = ev.settlements.get(code)
        if settlement is None:
            statuses.append(judge(False, bool(collected), deadline, ctx.today))
            notes.append(f"{window.label} 未结算（已收 {collected / 100:.2f} 元）")
            continue
        records.append(("dues_settlements", settlement["id"]))
        ok = settlement["total_fen"] == collected and settlement["settled_on"] <= deadline
        statuses.append(judge(ok, True, deadline, ctx.today))
        if settlement["total_fen"] != collected:
            notes.append(f"{window.label} 结算 {settlement['total_fen'] / 100:.2f} 元，"
                         f"与收缴合计 {collected / 100:.2f} 元不符")
        elif settlement["settled_on"] > deadline:
            notes.append(f"{window.label} 于 {settlement['settled_on']} 结算，晚于 {deadline}")
    if not statuses:
        return ctx.finding(rule, DUE_SOON, "本季度收缴中，季末后结算")
    detail = "；".join(notes) if notes else f"{len(records)}个季度均已按时结算，金额相符"
    return ctx.finding(rule, overall(statuses), detail, record_ids=records)


def pioneer_published(rule: Rule, ctx: Context) -> Finding:
    """Each half year's 先锋指数 is evaluated and published (公布) within `grace_days` of its end;
    the published snapshot is the evidence."""
    ev, grace = ctx.ev, rule.params["grace_days"]
    spans = ctx.windows("half_year")
    if not spans:
        return _not_started(ctx, rule)
    statuses, notes, records, timely = [], [], [], []
    for window in spans:
        code = f"{window.start[:4]}H{1 if window.start[5:7] == '01' else 2}"
        deadline = (date.fromisoformat(window.end) + timedelta(days=grace)).isoformat()
        published = ev.pioneer.get(code)
        if published is None:
            statuses.append(judge(False, False, deadline, ctx.today))
            notes.append(f"{window.label} 尚未公布（期限 {deadline}）")
            continue
        records.append(("pioneer_evaluations", published["id"]))
        on_time = published["published_on"] <= deadline
        statuses.append(judge(on_time, True, deadline, ctx.today))
        if on_time:
            timely.append(f"{window.label}（{published['published_on']}）")
        else:
            notes.append(f"{window.label} 于 {published['published_on']} 公布，晚于 {deadline}")
    detail = "；".join(notes) if notes else f"先锋指数已按时公布：{'、'.join(timely)}"
    return ctx.finding(rule, overall(statuses), detail, record_ids=records)
