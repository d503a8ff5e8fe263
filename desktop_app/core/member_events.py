"""A member's history: what each lifecycle event needs, whether a member is away (流动党员) on a
date, and the 组织生活 they keep at the receiving organisation while away.

The writing itself is `members.record_event` / `members.move` (membership rows change with the
event); this module checks an event before it is written and reads the history back.
Sources: 党章 第七条 (预备期一年，支部大会讨论转正); 嘉兴55条 第31条 (外出报告，外出期间组织生活
详细记录); 第42条 (在职党员到社区报到).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop_app.core import members, orgs
from desktop_app.core.dates import parse_date, today
from desktop_app.core.members import LEAVING_EVENTS, Member
from desktop_app.core.store import Store, StoreError

AWAY, BACK = "流动外出", "流动返回"
# What 组织生活 away may be recorded as (the profile decides whether it counts at home).
AWAY_LIFE_KINDS = ("支部党员大会", "党小组会", "党课", "组织生活会", "主题党日", "其他")


class EventError(StoreError):
    """An event that cannot be recorded, worded for the secretary."""


@dataclass(frozen=True)
class HistoryLine:
    on_date: str
    kind: str
    text: str


@dataclass(frozen=True)
class AwayLife:
    id: int
    member_id: int
    held_on: str
    org_name: str
    kind: str
    study_hours: float
    content: str | None


def check(store: Store, member: Member, kind: str, on_date: str | None, *,
          to_org_id: int | None = None, place: str | None = None,
          meeting_id: int | None = None) -> None:
    """Raise EventError naming every reason the event cannot be recorded."""
    if kind not in members.EVENT_KINDS or kind == "调整组织":
        choices = "、".join(k for k in members.EVENT_KINDS if k != "调整组织")
        raise EventError(f"党员变动类型应为 {choices} 之一，而不是“{kind}”（调整党小组请用“调整组织”）")
    if not on_date:
        raise EventError(f"请填写{kind}日期")
    who = member.name
    if on_date > today():
        raise EventError(f"{kind}日期 {on_date} 还没有到：变动发生后再登记")
    if member.joined_on and on_date < member.joined_on:
        raise EventError(f"{who} 的{kind}日期 {on_date} 早于入党日期 {member.joined_on}")
    current = _open_stays(store, member.id)
    problems = []
    if kind in LEAVING_EVENTS or kind in (AWAY, BACK, "在职党员报到"):
        if member.status != "在册" or not current:
            problems.append(f"{who} 目前不在册（{member.status}），不能登记{kind}")
        elif kind in LEAVING_EVENTS and max(s["start_on"] for s in current) > on_date:
            problems.append(f"{who} 的{kind}日期 {on_date} 早于其加入现组织的日期 "
                            f"{max(s['start_on'] for s in current)}")
    if kind == "转入":
        if to_org_id is None:
            problems.append("转入须选择转入的组织")
        if current:
            problems.append(f"{who} 目前在册，调整党小组或支部请用“调整组织”")
        last_end = store.query_one("SELECT max(end_on) AS d FROM memberships WHERE member_id = ?",
                                   [member.id])["d"]
        if last_end and on_date <= last_end:
            problems.append(f"{who} 的转入日期 {on_date} 应晚于上次离开的日期 {last_end}")
    elif kind == "转正":
        problems += _confirmation_problems(store, member, on_date, meeting_id)
    elif kind == AWAY and away_on(store, member.id, on_date):
        problems.append(f"{who} 在 {on_date} 已处于外出状态，请先登记返回")
    elif kind == BACK and not away_on(store, member.id, on_date):
        problems.append(f"{who} 在 {on_date} 没有外出记录，无需登记返回")
    elif kind == "在职党员报到" and not (place or "").strip():
        problems.append("在职党员报到须填写报到的社区")
    if problems:
        raise EventError("；".join(problems))


def _confirmation_problems(store: Store, member: Member, on_date: str,
                           meeting_id: int | None) -> list[str]:
    who = member.name
    if member.confirmed_on:
        return [f"{who} 已于 {member.confirmed_on} 转为正式党员"]
    if not member.joined_on:
        return [f"{who} 没有入党日期，无法登记转正"]
    joined = date.fromisoformat(member.joined_on)
    full_term = _anniversary(joined).isoformat()
    if on_date < full_term:
        return [f"预备期为一年：{who} 的转正日期不能早于 {full_term}（入党日期 {member.joined_on}）"]
    if meeting_id is None:
        return []
    row = store.query_one("SELECT * FROM meetings WHERE id = ?", [meeting_id])
    if row is None or row["deleted_at"]:
        return [f"找不到第 {meeting_id} 号会议记录"]
    problems = []
    if row["kind"] != "支部党员大会" or row["status"] != "已召开":
        problems.append(f"讨论转正的会议应是已召开的支部党员大会，而第 {meeting_id} 号是"
                        f"{row['status']}的{row['kind']}")
    if row["held_on"] <= member.joined_on:
        problems.append(f"会议日期 {row['held_on']} 早于 {who} 的入党日期 {member.joined_on}")
    org_id = members.current_org_id(store, member.id, min(on_date, row["held_on"]))
    if org_id is not None and row["org_id"] not in _branch_and_groups(store, org_id):
        problems.append(f"第 {meeting_id} 号会议不是 {who} 所在支部召开的")
    return problems


def _anniversary(day: date) -> date:
    """The same day a year later (29 February → 1 March)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def _branch_and_groups(store: Store, org_id: int) -> list[int]:
    org = orgs.get(store, org_id)
    branch = org.parent_id if org.kind == "党小组" and org.parent_id else org_id
    return orgs.subtree_ids(store, branch)


def _open_stays(store: Store, member_id: int) -> list[dict]:
    return store.query("SELECT * FROM memberships WHERE member_id = ? AND end_on IS NULL",
                       [member_id])


def away_on(store: Store, member_id: int, on_date: str) -> dict | None:
    """The 流动外出 event a member is away under on `on_date` (the day they leave counts as away,
    the day they return does not), or None."""
    current = None
    for row in store.query("SELECT * FROM member_events WHERE member_id = ? AND kind IN (?, ?) "
                           "AND on_date <= ? ORDER BY on_date, id", [member_id, AWAY, BACK, on_date]):
        current = row if row["kind"] == AWAY else None
    return current


def away_days(store: Store) -> Callable[[int, str], bool]:
    """A test `(member_id, on_date) -> bool`: away under 流动外出 that day (as `away_on`), from one
    query over every member's 流动外出/流动返回 events, for checking many attendance marks."""
    moves: dict[int, list[tuple[str, str]]] = {}
    for row in store.query("SELECT member_id, on_date, kind FROM member_events WHERE kind IN (?, ?) "
                           "ORDER BY on_date, id", [AWAY, BACK]):
        moves.setdefault(row["member_id"], []).append((row["on_date"], row["kind"]))

    def away(member_id: int, on_date: str) -> bool:
        state = False
        for day, kind in moves.get(member_id, ()):
            if day > on_date:
                break
            state = kind == AWAY
        return state
    return away


def away_reason(event: dict) -> str:
    """The 请假原因 written for a member away: 流动外出 and where, why."""
    details = "，".join(v for v in (event.get("place"), event.get("reason")) if v)
    return f"流动外出（{details}）" if details else "流动外出"


def history(store: Store, member_id: int) -> list[HistoryLine]:
    """入党, 转正 (from the member's 转正日期 when no 转正 event records it, as for an imported
    roster) and every recorded event, oldest first, each as one line of text."""
    member = members.get(store, member_id)
    lines = [HistoryLine(member.joined_on, "入党", "入党（预备党员）")] if member.joined_on else []
    names = {o.id: o.name for o in orgs.all_orgs(store)}
    first = store.query_one("SELECT org_id, start_on FROM memberships WHERE member_id = ? "
                            "ORDER BY start_on, id LIMIT 1", [member_id])
    events = store.query("SELECT * FROM member_events WHERE member_id = ? ORDER BY on_date, id",
                         [member_id])
    if member.confirmed_on and not any(e["kind"] == "转正" for e in events):
        lines.append(HistoryLine(member.confirmed_on, "转正", "转为正式党员"))
    if first and not any(e["kind"] == "转入" and e["on_date"] == first["start_on"] for e in events):
        lines.append(HistoryLine(first["start_on"], "编入", f"编入{names.get(first['org_id'], '')}"))
    for event in events:
        lines.append(HistoryLine(event["on_date"], event["kind"], _describe(store, event, names)))
    return sorted(lines, key=lambda line: line.on_date)


def _describe(store: Store, e: dict, names: dict[int, str]) -> str:
    kind, other, place = e["kind"], e["counterpart"], e["place"]
    if kind == "转入":
        text = f"转入{names.get(e['org_id'], '')}" + (f"（自{other}）" if other else "")
    elif kind == "调整组织":
        text = f"调整到{names.get(e['org_id'], '')}"
    elif kind == "转出":
        text = "转出" + (f"至{other or place}" if other or place else "")
    elif kind == "转正":
        text = "转为正式党员"
        if e["meeting_id"]:
            meeting = store.get("meetings", e["meeting_id"])
            text += f"（{meeting['held_on']} {meeting['title']}讨论通过）"
    elif kind == AWAY:
        parts = [f"外出至{place}" if place else "外出", e["reason"],
                 f"流入地党组织：{other}" if other else None,
                 f"联系方式：{e['contact']}" if e["contact"] else None,
                 _report_text(store, e)]
        text = "；".join(p for p in parts if p)
    elif kind == BACK:
        text = "外出返回"
    elif kind == "在职党员报到":
        text = f"到{place}报到" + (f"（{other}）" if other else "")
    else:
        text = kind
    if kind != AWAY and e["reason"]:
        text += f"；原因：{e['reason']}"
    return text + (f"；{e['notes']}" if e["notes"] else "")


def report_limit(store: Store, member_id: int, on_date: str) -> int | None:
    """Days after leaving within which the profile of the member's organisation wants the report
    (`report_within_days` of its mobile_reported rule), or None when it sets no limit."""
    from desktop_app.core.rules import engine
    org_id = members.current_org_id(store, member_id, on_date)
    if org_id is None:
        return None
    return next((r.params.get("report_within_days") for r in engine.profile_for(store, org_id).rules
                 if r.type == "mobile_reported"), None)


def _report_text(store: Store, e: dict) -> str:
    if not e["reported_on"]:
        return "未记报告日期"
    limit = report_limit(store, e["member_id"], e["on_date"])
    days = (date.fromisoformat(e["reported_on"]) - date.fromisoformat(e["on_date"])).days
    late = limit is not None and days > limit
    return f"{e['reported_on']} 报告" + (f"（晚于规定的外出后{limit}天内）" if late else "")


def add_away_life(store: Store, member_id: int, held_on: str, org_name: str, kind: str,
                  study_hours: float = 0, content: str | None = None,
                  reason: str | None = None) -> int:
    """Record 组织生活 a member took part in at the receiving organisation while away."""
    member = members.get(store, member_id)
    problems = []
    try:
        held_on = parse_date(held_on)
    except ValueError as exc:
        held_on = None
        problems.append(f"日期：{exc}")
    if not held_on and not problems:
        problems.append("请填写参加组织生活的日期")
    elif held_on and held_on > today():
        problems.append(f"日期 {held_on} 还没有到")
    elif held_on and not away_on(store, member_id, held_on):
        problems.append(f"{member.name} 在 {held_on} 不在外出期间（请先登记流动外出）")
    if not (org_name or "").strip():
        problems.append("请填写流入地党组织")
    if kind not in AWAY_LIFE_KINDS:
        problems.append(f"组织生活类型应为 {'、'.join(AWAY_LIFE_KINDS)} 之一")
    if not 0 <= float(study_hours or 0) <= 24:
        problems.append(f"学时 {study_hours} 应在 0 到 24 之间")
    if problems:
        raise EventError("；".join(problems))
    return store.insert("away_life", {"member_id": member_id, "held_on": held_on,
                                      "org_name": org_name.strip(), "kind": kind,
                                      "study_hours": float(study_hours or 0),
                                      "content": (content or "").strip() or None}, reason=reason)


def away_life(store: Store, member_id: int) -> list[AwayLife]:
    return [AwayLife(r["id"], r["member_id"], r["held_on"], r["org_name"], r["kind"],
                     r["study_hours"], r["content"])
            for r in store.query("SELECT * FROM away_life WHERE member_id = ? "
                                 "ORDER BY held_on, id", [member_id])]
