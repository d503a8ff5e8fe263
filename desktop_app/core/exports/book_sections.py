"""The yearly book's sections other than the meeting records: 组织概况, 党员花名册, 党费收缴,
体检结果 and the closing page for the upper level's 审核意见. Each returns flowables."""
from __future__ import annotations

from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop_app.core import members, orgs, periods
from desktop_app.core.dues.disclosure import yuan
from desktop_app.core.dues.ledger import quarter_summary
from desktop_app.core.exports import pdf, year_facts
from desktop_app.core.exports.wording import chinese_date
from desktop_app.core.exports.year_facts import Change, YearMember
from desktop_app.core.rules.findings import Finding
from desktop_app.core.store import Store

ROSTER_HEADER = ["序号", "姓名", "性别", "入党日期", "类别", "党小组", "本年变动"]
LONG_DETAIL = 1000      # characters: about 40 lines of the 情况 column, more than a page holds
ROSTER_NOTE = "本花名册只列姓名、性别、入党日期、党员类别和所在党小组；身份证号、联系电话、住址等不印入本册。"


def role_rows(store: Store, org_id: int, year: int) -> list[list[str]]:
    """班子 and other roles held in the organisation during the year: 职务, 姓名, 任职时间."""
    period = periods.year(year)
    order = {role: n for n, role in enumerate(orgs.COMMITTEE_ROLES + orgs.OTHER_ROLES)}
    rows = store.query("SELECT r.role, r.start_on, r.end_on, m.name FROM roles r JOIN members m "
                       "ON m.id = r.member_id WHERE r.org_id = ? AND r.start_on <= ? "
                       "AND (r.end_on IS NULL OR r.end_on >= ?)",
                       [org_id, period.end, period.start])
    rows.sort(key=lambda r: (order.get(r["role"], 99), r["start_on"]))
    return [[r["role"], r["name"], _term(r["start_on"], r["end_on"])] for r in rows]


def _term(start: str, end: str | None) -> str:
    return f"{chinese_date(start)}至{chinese_date(end)}" if end else f"{chinese_date(start)}起"


def overview(store: Store, org_id: int, year: int, full_name: str, profile_title: str,
             roster: list[YearMember], year_changes: list[Change], width: float) -> list:
    st = pdf.styles()
    period = periods.year(year)
    org = orgs.get(store, org_id)
    parent = orgs.get(store, org.parent_id).name if org.parent_id else "—"
    at_start, at_end = year_facts.head_counts(store, org_id, year)
    categories = Counter(m.category_on(period.end) for m in at_end)
    genders = Counter(m.gender or "未填" for m in at_end)
    groups = [g for g in orgs.children(store, org_id) if g.kind == "党小组"]
    pairs = [("党组织名称", full_name), ("组织类型", org.kind), ("上级党组织", parent),
             ("执行规则", profile_title), ("党小组", f"{len(groups)} 个"),
             ("本年度在册", f"{len(roster)} 人"), ("年初党员", f"{len(at_start)} 人"),
             ("年末党员", f"{len(at_end)} 人"),
             ("年末正式党员", f"{categories.get('正式党员', 0)} 人"),
             ("年末预备党员", f"{categories.get('预备党员', 0)} 人"),
             ("年末男/女", f"{genders.get('男', 0)} / {genders.get('女', 0)} 人"),
             ("年末流动党员", f"{sum(1 for m in at_end if m.is_mobile)} 人")]
    label_w, value_w = 28 * mm, width / 2 - 28 * mm
    rows = [[a[0], a[1], b[0], b[1]] for a, b in zip(pairs[0::2], pairs[1::2])]
    story = [pdf.para("一、基本情况", st.heading),
             pdf.table(rows, [label_w, value_w, label_w, value_w], header_rows=0,
                       label_cols=(0, 2), extra_style=[
                           ("BACKGROUND", (0, 0), (0, -1), pdf.HEADER_FILL),
                           ("BACKGROUND", (2, 0), (2, -1), pdf.HEADER_FILL)]),
             pdf.para("二、支部委员会及其他职务", st.heading)]
    roles = role_rows(store, org_id, year)
    story.append(pdf.table([["职务", "姓名", "任职时间"], *roles],
                           [35 * mm, 35 * mm, width - 70 * mm], center_cols=(0, 1))
                 if roles else pdf.para("本年度未登记班子成员。", st.body))
    story.append(pdf.para("三、党小组", st.heading))
    if groups:
        rows = [["党小组", "党小组长", "年末人数"]]
        for group in groups:
            leaders = [members.get(store, i).name for i in
                       _holders_in_year(store, group.id, "党小组长", year)]
            rows.append([group.name, "、".join(leaders) or "未设",
                         f"{len(year_facts.members_at_end_of(store, group.id, period.end))} 人"])
        story.append(pdf.table(rows, [width - 70 * mm, 40 * mm, 30 * mm], center_cols=(1, 2)))
    else:
        story.append(pdf.para("本支部未设党小组。", st.body))
    story.append(pdf.para("四、党员队伍变动", st.heading))
    if year_changes:
        tally = Counter(c.kind for c in year_changes)
        story.append(pdf.para("本年度" + "，".join(f"{k}{n}名" for k, n in tally.items()) + "。",
                              st.body))
        story.append(pdf.table([["日期", "变动", "姓名"],
                                *[[chinese_date(c.on_date), c.kind, c.name] for c in year_changes]],
                               [45 * mm, 45 * mm, width - 90 * mm], center_cols=(0, 1, 2)))
    else:
        story.append(pdf.para("本年度无党员转入、转出、转正、去世等变动。", st.body))
    return story


def _holders_in_year(store: Store, org_id: int, role: str, year: int) -> list[int]:
    period = periods.year(year)
    rows = store.query("SELECT DISTINCT member_id FROM roles WHERE org_id = ? AND role = ? "
                       "AND start_on <= ? AND (end_on IS NULL OR end_on >= ?) ORDER BY start_on",
                       [org_id, role, period.end, period.start])
    return [r["member_id"] for r in rows]


def roster_table(roster: list[YearMember], width: float) -> list:
    st = pdf.styles()
    if not roster:
        return [pdf.para("本年度没有在册党员。", st.body)]
    rows = [ROSTER_HEADER] + [[str(n), m.name, m.gender, chinese_date(m.joined_on), m.category,
                               m.group, m.note] for n, m in enumerate(roster, 1)]
    widths = [12 * mm, 22 * mm, 12 * mm, 32 * mm, 22 * mm, 40 * mm]
    widths.append(width - sum(widths))
    return [pdf.table(rows, widths, center_cols=(0, 1, 2, 3, 4)), Spacer(1, 2 * mm),
            pdf.para(ROSTER_NOTE, st.small)]


def dues(store: Store, org_id: int, year: int, width: float) -> list:
    """月收季结: each quarter's amount due, paid for its months, received, and the settlement."""
    st = pdf.styles()
    rows, anything = [["季度", "应交人数", "应交金额（元）", "实交金额（元）", "本季收款（元）", "结算情况"]], False
    totals = [0, 0, 0]
    for q in range(1, 5):
        summary = quarter_summary(store, org_id, f"{year}Q{q}")
        due = sum(v for line in summary.lines for v in line.due.values() if v)
        paid = sum(v for line in summary.lines for v in line.paid.values())
        payers = sum(1 for line in summary.lines if any(line.due.values()))
        s = summary.settlement
        settled = (f"{chinese_date(s['settled_on'])}上交{yuan(s['total_fen'])}元" if s
                   else "未结算")
        anything |= bool(due or paid or summary.collected_fen or s)
        totals = [totals[0] + due, totals[1] + paid, totals[2] + summary.collected_fen]
        rows.append([f"第{'一二三四'[q - 1]}季度", str(payers), yuan(due), yuan(paid),
                     yuan(summary.collected_fen), settled])
    if not anything:
        return [pdf.para("本年度账本中没有党费核定和收缴记录。", st.body)]
    rows.append(["全年", "", *(yuan(t) for t in totals), ""])
    differ = [f"{row[0]}实交 {row[3]} 元、本季收款 {row[4]} 元" for row in rows[1:-1]
              if row[3] != row[4]]
    story = [pdf.para("党费按月收缴、按季结算（月收季结）。金额均取自党费账目，应交按年度核定基数计算。",
                      st.body),
             pdf.table(rows, [22 * mm, 20 * mm, 28 * mm, 28 * mm, 28 * mm, width - 126 * mm],
                       center_cols=(0, 1), right_cols=(2, 3, 4))]
    if differ:
        story.append(pdf.para(
            "说明：“实交金额”是为本季度各月交纳的党费（不论何时交纳），“本季收款”是本季度内实际收到"
            "的款项（含补交以前月份、预交以后月份的党费），二者不同是补交或预交所致，不是差错。"
            f"本年度：{'；'.join(differ)}。", st.small))
    story += [Spacer(1, 6 * mm), pdf.signatures(width)]
    return story


def findings(store: Store, org_id: int, found: list[Finding], profile_title: str,
             width: float) -> list:
    """体检: every rule of the profile with its result, the reason and the rule's source; a
    党委's book names the 党支部 each finding is about."""
    st = pdf.styles()
    names = {o.id: o.name for o in orgs.all_orgs(store)}
    story = [pdf.para(f"按“{profile_title}”规则档案对本年度记录逐条检查，结果如下。"
                      f"“情况”一栏说明判断依据的记录；“依据”为规则出处。", st.body)]
    rows = [["序号", "要求", "结果", "情况及依据"]]
    for n, f in enumerate(found, 1):
        where = f"［{names[f.org_id]}］" if f.org_id != org_id else ""
        rows.append([str(n), where + f.title, f.status,
                     [pdf.para(f.detail, st.cell), pdf.para(f"依据：{f.citation}", st.small)]])
    shades = [("BACKGROUND", (2, r), (2, r), pdf.HEADER_FILL)
              for r, f in enumerate(found, 1) if f.status != "达标"]
    # A finding about a large 党委 can name hundreds of members, a row taller than a page: then
    # rows continue on the next page (otherwise a row moves to the next page whole, as before).
    taller_than_a_page = any(len(f.detail) > LONG_DETAIL for f in found)
    story.append(pdf.table(rows, [12 * mm, 44 * mm, 18 * mm, width - 74 * mm],
                           center_cols=(0, 2), extra_style=shades,
                           split_in_row=taller_than_a_page))
    return story


def closing(width: float) -> list:
    """The page the upper level fills in when it inspects the book."""
    st = pdf.styles()
    box = 98 * mm
    rows = [["党支部\n自查情况", [Spacer(1, box - 14 * mm),
                              pdf.line_of(["党支部书记（签字）：", "年　　月　　日"], width - 34 * mm)]],
            ["上级党组织\n审核意见", [Spacer(1, box - 14 * mm),
                                pdf.line_of(["审核人（签字）：", "（盖章）", "年　　月　　日"],
                                            width - 34 * mm)]]]
    return [pdf.para("请上级党组织审核后填写意见、签字并盖章。", st.body),
            pdf.table(rows, [26 * mm, width - 26 * mm], header_rows=0, label_cols=(0,),
                      row_heights=[box, box],
                      extra_style=[("BACKGROUND", (0, 0), (0, -1), pdf.HEADER_FILL),
                                   ("VALIGN", (1, 0), (1, -1), "BOTTOM")])]
