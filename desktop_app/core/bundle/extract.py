"""What a bundle says about one 党支部 and one period (data/ledger-extract.json).

Personal data kept to the minimum the upstream office needs to see how the branch stands:
head counts, meeting dates, kinds and tags with attendance COUNTS (no titles: a 谈心谈话's
title names the member), and the compliance findings.
No member names, ID numbers or phones: a finding's explanation is included only when it names
nobody (member-level findings give how many members are concerned instead).
"""
from __future__ import annotations

from datetime import date, timedelta

from desktop_app.core import members, orgs
from desktop_app.core.dues import ledger as dues_ledger
from desktop_app.core.meetings import attendance, records
from desktop_app.core.periods import Period
from desktop_app.core.rules.engine import by_status, check, profile_for
from desktop_app.core.rules.windows import windows
from desktop_app.core.store import Store
from desktop_app.core.bundle import BundleError, continuity
from desktop_app.core.bundle.text import UNSAFE

FORMAT = "shilu-ledger-extract/2"     # resources/schemas/ledger-extract.schema.json
PERSONAL_DATA = ("不含个人信息：只有人数统计（在册人数、每次会议应到/实到/请假/缺席人数）；"
                 "不含党员姓名、身份证号、电话，不含会议标题（谈心谈话的标题有姓名）和记录正文。")


def ledger_extract(store: Store, org_code: str, period: Period, period_text: str,
                   today: str | None = None) -> dict:
    org = orgs.by_code(store, org_code)
    if org.kind != "党支部":
        raise BundleError(f"{org.name}（{org.code}）是{org.kind}：工作实录包按党支部报送，"
                          "请分别为下属各党支部导出。")
    held_from = orgs.records_from(store, org.id)
    if held_from and period.end < held_from:
        raise BundleError(f"{period.label}在{org.name}的启用日期 {held_from} 之前：本软件没有"
                          "这段时间的记录，不能报送。")
    today = today or date.today().isoformat()
    profile = profile_for(store, org.id)
    findings = check(store, org.id, period, profile=profile, today=_day_after(period.end),
                     records_until=period.end)
    names = {m["name"] for m in store.query("SELECT name FROM members")}
    parent = orgs.get(store, org.parent_id) if org.parent_id else None
    extract = {
        "format": FORMAT,
        "organisation": {"code": org.code, "name": org.name, "kind": org.kind,
                         "parent": None if parent is None else {
                             "code": parent.code, "name": parent.name, "kind": parent.kind}},
        "period": {"text": period_text, "label": period.label, "start": period.start,
                   "end": period.end},
        "profile": {"id": profile.id, "title": profile.title},
        "generated_on": today,
        "personal_data": PERSONAL_DATA,
        "roster": {"members_at_start": len(members.expected_on(store, org.id, period.start)),
                   "members_at_end": len(members.expected_on(store, org.id, period.end))},
        "meetings": _meetings(store, org.id, period),
        "requirements": _requirements(store, org.id, profile, findings, period),
        "findings": [_finding(f, names) for f in findings],
        "findings_by_status": {s: len(g) for s, g in by_status(findings).items()},
        "dues": _dues(store, org.id, period),
        "continuity": continuity.block(store, org.code, max(store.sealed_through() or "",
                                                            period.end)),
        "correction": continuity.correction(store, org.code, period, period_text),
    }
    return _printable(extract)


def _day_after(iso: str) -> str:
    """The period as it stood when it ended: its own windows are final, longer ones still open
    (the same findings whatever day the bundle is exported)."""
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def _printable(value):
    """Every text without control characters (a name or reason typed with one would otherwise
    make the bundle fail its own schema upstream)."""
    if isinstance(value, str):
        return UNSAFE.sub(" ", value)
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    return value


def yuan(fen: int) -> str:
    """12345 -> '123.45' (the extract's amounts are in 元, as text, exact)."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def _meetings(store: Store, org_id: int, period: Period) -> list[dict]:
    codes = {o.id: o.code for o in orgs.all_orgs(store)}
    found = []
    for m in records.find(store, period.start, period.end, org_id=org_id):
        if m.status != records.HELD:
            continue
        s = attendance.summary(store, m.id)
        found.append({"ref": f"meeting:{m.id}", "held_on": m.held_on, "org_code": codes[m.org_id], "kind": m.kind,
                      "day_kind": m.day_kind, "study_hours": m.study_hours,
                      "tags": sorted(m.tags),
                      "attendance": {"expected": s.expected, "present": s.present,
                                     "on_leave": s.on_leave, "absent": s.absent}})
    return found


def _requirements(store: Store, org_id: int, profile, findings, period: Period) -> list[dict]:
    """Meetings held against those required, per meeting-frequency rule: in each window (and for
    each 党小组 when the rule is per group) the meetings the engine counted, up to the count."""
    by_rule = {f.rule_id: f for f in findings}
    groups = [o.id for o in orgs.all_orgs(store)
              if o.kind == "党小组" and o.id in set(orgs.subtree_ids(store, org_id))]
    found = []
    for rule in profile.rules:
        if rule.type != "meeting_frequency":
            continue
        p = rule.params
        need = p.get("count", 1)
        targets = groups if p.get("per_group") else [org_id]
        used = _dated(store, by_rule[rule.id].meeting_ids)
        held = required = 0
        for window in windows(p["every"], period.start, period.end):
            for target in targets:
                n = sum(1 for held_on, where in used
                        if window.start <= held_on <= window.end
                        and (not p.get("per_group") or where == target))
                held += min(n, need)
                required += need
        found.append({"rule_id": rule.id, "title": rule.title, "every": p["every"],
                      "required": required, "held": held})
    return found


def _dated(store: Store, meeting_ids) -> list[tuple[str, int]]:
    if not meeting_ids:
        return []
    rows = store.query(f"SELECT held_on, org_id FROM meetings WHERE id IN "
                       f"({','.join('?' for _ in meeting_ids)})", list(meeting_ids))
    return [(r["held_on"], r["org_id"]) for r in rows]


def _finding(f, names: set[str]) -> dict:
    names_nobody = not f.member_ids and not any(n and n in f.detail for n in names)
    return {"rule_id": f.rule_id, "title": f.title, "status": f.status, "citation": f.citation,
            "detail": f.detail if names_nobody else None,
            "meetings_counted": len(f.meeting_ids), "members_concerned": len(f.member_ids)}


def _dues(store: Store, org_id: int, period: Period) -> list[dict]:
    """党费 per quarter of the period (only whole quarters), when the ledger keeps dues."""
    if not store.query_one("SELECT id FROM dues_receipts LIMIT 1"):
        return []
    found = []
    for y, m in period.months():
        if m % 3:
            continue
        quarter = f"{y}Q{m // 3}"
        if f"{y}-{m - 2:02d}-01" < period.start:
            continue
        s = dues_ledger.quarter_summary(store, org_id, quarter)
        due = sum(v or 0 for line in s.lines for v in line.due.values())
        found.append({"quarter": quarter, "members": len(s.lines), "due_yuan": yuan(due),
                      "collected_yuan": yuan(s.collected_fen),
                      "settled_yuan": yuan(s.settlement["total_fen"]) if s.settlement else None,
                      "reconciles": s.reconciles})
    return found

