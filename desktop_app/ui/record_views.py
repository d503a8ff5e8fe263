"""The text of a read-only record view: a plan entry, or a finding with the records behind it as
links. Plain functions over the store, so they are easy to test."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from desktop_app.core import orgs
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
