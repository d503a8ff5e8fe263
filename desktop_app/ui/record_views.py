"""The text of a read-only record view: a meeting with its attendance, a plan entry, a finding
with the records behind it as links. Plain functions over the store, so they are easy to test."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from desktop_app.core import orgs
from desktop_app.core.meetings import attendance
from desktop_app.core.rules.findings import Finding
from desktop_app.core.store import Store

STATUS_MARKS = {"达标": "✔ 达标", "即将到期": "◔ 即将到期", "逾期": "✖ 逾期", "缺失": "✖ 缺失"}
STATUS_COLOURS = {"达标": "#2e7d32", "即将到期": "#b26a00", "逾期": "#c62828", "缺失": "#c62828"}


@dataclass(frozen=True)
class RecordView:
    window_title: str
    title: str
    subtitle: str
    html: str
    hint: str = ""


def _rows(pairs) -> str:
    cells = "".join(f"<tr><td style='color:#666; padding-right:12px'>{escape(k)}</td>"
                    f"<td>{v}</td></tr>" for k, v in pairs if v)
    return f"<table cellspacing='4'>{cells}</table>"


def _member_name(store: Store, member_id: int | None) -> str:
    if member_id is None:
        return ""
    row = store.query_one("SELECT name FROM members WHERE id = ?", [member_id])
    return escape(row["name"]) if row else ""


def meeting_view(store: Store, meeting_id: int) -> RecordView:
    m = store.get("meetings", meeting_id)
    tags = [r["tag"] for r in store.query(
        "SELECT tag FROM meeting_tags WHERE meeting_id = ? ORDER BY tag", [meeting_id])]
    s = attendance.summary(store, meeting_id)
    time = "–".join(t for t in (m["start_time"], m["end_time"]) if t)
    facts = _rows([
        ("组织", escape(orgs.get(store, m["org_id"]).name)),
        ("类型", escape(m["kind"] + (f"（{m['day_kind']}）" if m["day_kind"] else ""))),
        ("日期", escape(f"{m['held_on']} {time}".strip())),
        ("地点", escape(m["place"] or "")),
        ("主持人", _member_name(store, m["host_id"])),
        ("记录人", _member_name(store, m["recorder_id"])),
        ("授课人", escape(m["lecturer"] or "")),
        ("主题", escape(m["topic"] or "")),
        ("标签", escape("、".join(tags))),
        ("学时", f"{m['study_hours']:g}" if m["study_hours"] else ""),
        ("出勤", f"应到 {s.expected} 人，实到 {s.present} 人（{s.rate_text}），"
               f"请假 {s.on_leave} 人，缺席 {s.absent} 人"),
    ])
    absent = store.query(
        "SELECT a.status, a.leave_reason, p.id, p.name, f.on_date, f.method FROM attendance a "
        "JOIN members p ON p.id = a.member_id LEFT JOIN followups f ON f.attendance_id = a.id "
        "WHERE a.meeting_id = ? AND a.status != '出席' ORDER BY p.name_initials", [meeting_id])
    lines = "".join(
        f"<li><a href='member:{r['id']}'>{escape(r['name'])}</a> {escape(r['status'])}"
        f"{escape('（' + r['leave_reason'] + '）') if r['leave_reason'] else ''}："
        + (f"已于 {escape(r['on_date'])} {escape(r['method'] or '')}传达" if r["on_date"]
           else "<b style='color:#c62828'>尚未传达</b>") + "</li>" for r in absent)
    parts = [facts]
    if lines:
        parts.append(f"<h4>缺席与请假</h4><ul>{lines}</ul>")
    for label, key in (("议程", "agenda"), ("会议记录", "minutes"), ("决议", "resolutions")):
        if m[key]:
            parts.append(f"<h4>{label}</h4><p>{escape(m[key]).replace(chr(10), '<br>')}</p>")
    deleted = f"（已删除：{m['deleted_reason']}）" if m["deleted_at"] else ""
    return RecordView("会议记录", m["title"] + deleted, f"{m['status']} · 记录编号 {meeting_id}",
                      "".join(parts), "此处只读显示。修改请到“三会一课”栏目。")


def plan_view(store: Store, entry_id: int) -> RecordView:
    e = store.get("activity_plan", entry_id)
    facts = _rows([
        ("组织", escape(orgs.get(store, e["org_id"]).name)),
        ("类型", escape(e["day_kind"])),
        ("计划日期", escape(e["planned_on"])),
        ("主题", escape(e["theme"] or "")),
        ("地点", escape(e["place"] or "")),
        ("党员", f"<a href='member:{e['member_id']}'>{_member_name(store, e['member_id'])}</a>"
         if e["member_id"] else ""),
        ("开展情况", f"<a href='meeting:{e['meeting_id']}'>已开展，查看会议记录</a>"
         if e["meeting_id"] else "尚未开展"),
    ])
    return RecordView("活动日计划", f"{e['planned_on']} {e['day_kind']}", f"{e['year']}年活动日计划",
                      facts, "计划的主题和地点在“主题党日”栏目中修改。")


def finding_view(store: Store, finding: Finding) -> RecordView:
    """The rule, its source, what was found, and every record behind it as a link."""
    colour = STATUS_COLOURS[finding.status]
    parts = [_rows([
        ("结论", f"<b style='color:{colour}'>{STATUS_MARKS[finding.status]}</b>"),
        ("组织", escape(orgs.get(store, finding.org_id).name)),
        ("依据", escape(finding.citation)),
        ("情况", escape(finding.detail)),
    ])]
    if finding.meeting_ids:
        marks = ",".join("?" for _ in finding.meeting_ids)
        rows = store.query(f"SELECT id, held_on, title FROM meetings WHERE id IN ({marks}) "
                           f"ORDER BY held_on, id", list(finding.meeting_ids))
        items = "".join(f"<li><a href='meeting:{r['id']}'>{escape(r['held_on'])} "
                        f"{escape(r['title'])}</a></li>" for r in rows)
        parts.append(f"<h4>相关会议（{len(rows)}）</h4><ul>{items}</ul>")
    if finding.member_ids:
        marks = ",".join("?" for _ in finding.member_ids)
        rows = store.query(f"SELECT id, name FROM members WHERE id IN ({marks}) "
                           f"ORDER BY name_initials", list(finding.member_ids))
        items = "　".join(f"<a href='member:{r['id']}'>{escape(r['name'])}</a>" for r in rows)
        parts.append(f"<h4>相关党员（{len(rows)}）</h4><p>{items}</p>")
    if finding.record_ids:
        parts.append(f"<h4>其他记录</h4><p>{len(finding.record_ids)} 条（党费结算等）</p>")
    return RecordView("体检结果", finding.title, f"规则 {finding.rule_id}", "".join(parts),
                      "点击会议或党员的名称可打开该记录。")
