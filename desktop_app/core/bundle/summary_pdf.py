"""摘要.pdf inside every bundle: one A4 page a person can print — who, which period, members,
三会一课 held against required, findings by status, 党费 in 元, and the continuity figures."""
from __future__ import annotations

import tempfile
from pathlib import Path


from desktop_app.core.exports.pdf import DocumentInfo, build_pdf, para, styles, table


def render(extract: dict) -> bytes:
    org, period, head = extract["organisation"], extract["period"], extract["continuity"]
    s = styles()
    title = f"{org['name']}{period['label']}工作实录包摘要" + ("（更正）" if extract["correction"] else "")
    info = DocumentInfo(title=title, org_name=org["name"], personal_data=None,
                        printed_on=extract["generated_on"])
    width = info.frame_width
    story = [para(title, s.title),
             para(f"{org['code']}　{period['start']} 至 {period['end']}　考核规则：{extract['profile']['title']}",
                  s.subtitle),
             para("在册党员", s.heading),
             para(f"期初 {extract['roster']['members_at_start']} 人，期末 "
                  f"{extract['roster']['members_at_end']} 人。", s.body),
             para("三会一课", s.heading),
             table([["要求", "应开", "已开"]] + [[r["title"], r["required"], r["held"]]
                                               for r in extract["requirements"]],
                   [width * 0.6, width * 0.2, width * 0.2], center_cols=(1, 2)),
             para("检查结果", s.heading),
             para("；".join(f"{k} {v} 项" for k, v in extract["findings_by_status"].items()) or "无",
                  s.body)]
    if extract["dues"]:
        story += [para("党费（元）", s.heading),
                  table([["季度", "人数", "应交", "实收", "已上缴"]]
                        + [[d["quarter"], d["members"], d["due_yuan"], d["collected_yuan"],
                            d["settled_yuan"] or "—"] for d in extract["dues"]],
                        [width / 5] * 5, center_cols=(0, 1, 2, 3, 4))]
    story += [para("连续性", s.heading),
              para(f"审计链 {head['audit_entries']} 条，链头 {head['audit_head'][:16]}…；"
                   f"封存截至 {head['sealed_through']}。"
                   + (f"上一个报送包 {head['previous']['id']}。" if head["previous"] else "首次报送。"),
                   s.body),
              para(extract["personal_data"], s.small)]
    with tempfile.TemporaryDirectory(prefix="shilu-summary-") as work:
        target = Path(work) / "summary.pdf"
        build_pdf(target, info, story)
        return target.read_bytes()
