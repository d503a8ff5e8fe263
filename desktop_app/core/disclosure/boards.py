"""What each disclosure board shows, as data: a title, the period, and blocks of text and tables.

The printed poster (exports/board_pdf.py) lays any board out the same way, so this module only
decides content. Items printed from the ledger read it here (班子 for item 2, the activity plan
for item 3, star ratings for item 5, the published 先锋指数 for item 6, commitments for item 7,
dues for a 党费 item); entered items print their current text. Every board is checked before it leaves: no ID numbers, and phones only where the profile
allows contacts (items 2 and 9 in Jiaxing's list).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from desktop_app.core import members, orgs, periods
from desktop_app.core.disclosure import commitments, privacy, texts
from desktop_app.core.exports.wording import org_full_name
from desktop_app.core.periods import Period
from desktop_app.core.rules.profile import DisclosureItem
from desktop_app.core.store import Store, StoreError

# A board imports what only its own kind needs (the appraisal, scoring, dues and plan modules)
# when it is built, so `shilu board 2` loads no more than the 班子 board needs.
HEADING = re.compile(r"^([一二三四五六七八九十]+、|第[一二三四五六七八九十0-9]+[条章])")


@dataclass(frozen=True)
class Text:
    paragraphs: tuple[str, ...]
    heading: str | None = None


@dataclass(frozen=True)
class Grid:
    """A ruled table; `weights` share the page width, `group_first` merges runs of one value in
    the first column (the month of a plan)."""
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    weights: tuple[float, ...]
    centred: tuple[int, ...] = ()
    heading: str | None = None
    total_row: bool = False
    group_first: bool = False


@dataclass(frozen=True)
class Cards:
    """One card per person with a box to paste a photo in (干部公示): name, then a few lines."""
    people: tuple[tuple[str, ...], ...]
    heading: str | None = None


@dataclass(frozen=True)
class Board:
    item: DisclosureItem
    org_name: str
    posted_on: str
    period_label: str | None
    blocks: tuple[Text | Grid | Cards, ...]
    personal_data: str | None      # the personal data this board shows in public
    note: str | None = None

    @property
    def title(self) -> str:
        return self.item.title

    def strings(self) -> list[str]:
        found = [self.title, self.org_name, self.period_label or "", self.note or ""]
        for block in self.blocks:
            found.append(block.heading or "")
            if isinstance(block, Text):
                found += block.paragraphs
            elif isinstance(block, Cards):
                found += [line for person in block.people for line in person]
            else:
                found += [*block.header, *(cell for row in block.rows for cell in row)]
        return found


@dataclass(frozen=True)
class StarLine:
    """One organisation's rating on board 5 (星级评定结果)."""
    org_name: str
    stars: int
    max_stars: int = 5
    note: str = ""


@dataclass(frozen=True)
class PioneerLine:
    """One member's line on board 6: score, grade and every deduction with its reason."""
    name: str
    score: str
    grade: str
    deductions: tuple[str, ...] = ()


def build(store: Store, org_id: int, item: DisclosureItem, period: Period,
          posted_on: str) -> Board:
    """The board for `item` covering `period`, to be posted on `posted_on`."""
    name = org_full_name(store, org_id)
    if item.kind == "entered":
        board = text_board(store, org_id, item, name, posted_on)
    elif item.data == "cadres":
        board = cadres_board(store, org_id, item, name, posted_on)
    elif item.data == "activity_plan":
        board = plan_board(store, org_id, item, int(period.start[:4]), posted_on)
    elif item.data == "commitments":
        board = commitments_board(store, org_id, item, name, int(period.start[:4]), posted_on)
    elif item.data == "dues":
        board = dues_board(store, org_id, item, period, posted_on)
    elif item.data == "stars":
        board = stars_from_ledger(store, org_id, item, int(period.start[:4]), posted_on)
    elif item.data == "appraisal":
        board = appraisal_board(store, org_id, item, name, int(period.start[:4]), posted_on)
    else:
        board = pioneer_from_ledger(store, org_id, item, period, posted_on)
    return checked(board)


def checked(board: Board) -> Board:
    """The board itself, once nothing on it may not be posted."""
    privacy.check(board.strings(), board.item.contacts, f"公开栏“{board.title}”")
    return board


def text_board(store: Store, org_id: int, item: DisclosureItem, org_name: str,
               posted_on: str) -> Board:
    text = texts.current(store, org_id, item.id, posted_on)
    if text is None:
        raise StoreError(f"“{item.title}”还没有录入内容，请先在“党务公开”中录入")
    blocks: list[Text] = []
    paragraphs: list[str] = []
    heading = None
    for line in (ln.strip() for ln in text.body.splitlines()):
        if not line:
            continue
        if HEADING.match(line) and len(line) <= 30:
            if paragraphs or heading:
                blocks.append(Text(tuple(paragraphs), heading))
            heading, paragraphs = line, []
        else:
            paragraphs.append(line)
    blocks.append(Text(tuple(paragraphs), heading))
    personal = "相关人员姓名、联系电话" if item.contacts else None
    return Board(item, org_name, posted_on, None, tuple(blocks), personal)


def cadres_board(store: Store, org_id: int, item: DisclosureItem, org_name: str,
                 posted_on: str) -> Board:
    """干部基本情况: the 班子 on the posting day; a box for a photo to be pasted on."""
    held: dict[int, list[str]] = {}
    order = {role: n for n, role in enumerate((*orgs.COMMITTEE_ROLES, *orgs.OTHER_ROLES))}
    rows = store.query("SELECT member_id, role FROM roles WHERE org_id = ? AND start_on <= ? "
                       "AND (end_on IS NULL OR end_on >= ?)", [org_id, posted_on, posted_on])
    for row in sorted(rows, key=lambda r: order.get(r["role"], 99)):
        held.setdefault(row["member_id"], []).append(row["role"])
    if not held:
        raise StoreError(f"{org_name}在 {posted_on} 没有登记班子成员，请先在组织设置中登记职务")
    people = []
    for member_id, roles in held.items():
        person = members.get(store, member_id)
        joined = person.joined_on
        lines = [person.name, "、".join(roles)]
        if joined:
            lines.append(f"入党时间 {joined[:4]}年{int(joined[5:7])}月")
        if item.contacts and person.phone:
            lines.append(f"电话 {person.phone}")
        people.append(tuple(lines))
    personal = "姓名、入党时间、职务" + ("、联系电话" if item.contacts else "")
    return Board(item, org_name, posted_on, None, (Cards(tuple(people)),), personal,
                 "照片处可粘贴本人近照。欢迎居民群众联系、监督。")


def plan_board(store: Store, org_id: int, item: DisclosureItem, year: int,
               posted_on: str) -> Board:
    from desktop_app.core.exports import activity_plan_export
    plan = activity_plan_export.for_year(store, org_id, year)
    rows = tuple((f"{line.month}月", line.day, line.kind, line.theme, line.place)
                 for line in activity_plan_export.lines(plan))
    if not rows:
        raise StoreError(f"{plan.org_name}{year}年尚未制定党员固定活动日计划")
    grid = Grid(activity_plan_export.HEADERS, rows, (0.7, 1.7, 1.2, 4.0, 1.4), centred=(0, 1, 2),
                group_first=True)
    return Board(item, plan.org_name, posted_on, f"{year}年度", (grid,),
                 "党员姓名（政治生日）" if any(e.member_name for e in plan.entries) else None)


def commitments_board(store: Store, org_id: int, item: DisclosureItem, org_name: str,
                      year: int, posted_on: str) -> Board:
    made = commitments.for_year(store, org_id, year)
    if not made.organisation and not made.members:
        raise StoreError(f"{org_name}{year}年的先锋承诺尚未录入")
    blocks: list[Text | Grid] = []
    if made.organisation:
        blocks.append(Grid(("序号", "党组织承诺事项"),
                           tuple((str(n), t) for n, t in enumerate(made.organisation, 1)),
                           (0.75, 7.4), centred=(0,), heading="党组织承诺"))
    if made.members:
        blocks.append(Grid(("序号", "姓名", "一句话承诺"),
                           tuple((str(n), name, t) for n, (name, t) in enumerate(made.members, 1)),
                           (0.75, 1.4, 6.0), centred=(0, 1), heading="党员“一句话承诺”"))
    return Board(item, org_name, posted_on, f"{year}年度", tuple(blocks),
                 "党员姓名" if made.members else None,
                 "承诺事项的履行情况接受党员群众监督，并在年度民主评议中评议。")


def dues_board(store: Store, org_id: int, item: DisclosureItem, period: Period,
               posted_on: str) -> Board:
    from desktop_app.core.dues.disclosure import internal_sheet
    if len(period.months()) != 3 or period.start[5:7] not in ("01", "04", "07", "10"):
        raise StoreError("党费收缴情况按季度公示，请选择一个季度（如 2025Q3）")
    quarter = f"{period.start[:4]}Q{(int(period.start[5:7]) - 1) // 3 + 1}"
    sheet = internal_sheet(store, org_id, quarter)
    n = len(sheet.header)
    weights = (0.75, 1.4) + (1.1,) * (n - 4) + (1.3, 1.6)
    grid = Grid(sheet.header, (*sheet.rows, sheet.total_row), weights,
                centred=tuple(range(n - 1)), total_row=True)
    return Board(item, sheet.org_name, posted_on, sheet.period_label,
                 (grid, Text((sheet.settlement_text,))), sheet.personal_data,
                 "金额单位：元。“未交”为本月应交未交，“—”为该月不在本组织。党费收缴情况在党组织内部公示。")


def appraisal_board(store: Store, org_id: int, item: DisclosureItem, org_name: str,
                    year: int, posted_on: str) -> Board:
    """The year's 民主评议党员 results as the 党员大会 decided them: names and results only."""
    from desktop_app.core.appraisal import record as appraisal_record
    found = appraisal_record.find(store, org_id, year)
    if found is None or not found.decided_on:
        raise StoreError(f"{org_name}{year}年度民主评议党员结果尚未经党员大会决定，不能公开")
    order = {r: n for n, r in enumerate(appraisal_record.RESULTS)}
    people = sorted(found.results, key=lambda m: (order[found.results[m]], found.names[m]))
    grid = Grid(("序号", "姓名", "评议结果"),
                tuple((str(n), found.names[m], found.results[m]) for n, m in enumerate(people, 1)),
                (0.75, 2.0, 2.0), centred=(0, 1, 2))
    steps = "、".join(f"{step}（{on}）" for step, on in found.steps.items())
    summary = Text((f"评议程序：{steps}。", f"{found.decided_on}党员大会决定：{found.decision}。",
                    f"评议结果：{found.tally_text()}。"))
    return Board(item, org_name, posted_on, f"{year}年度", (summary, grid), "党员姓名")


def stars_from_ledger(store: Store, org_id: int, item: DisclosureItem, year: int,
                      posted_on: str) -> Board:
    """The organisation's and its 党支部' ratings for the year, as the ledger stands on the
    posting day (core/scoring/stars.py)."""
    from desktop_app.core.scoring import stars
    from desktop_app.core.scoring.checklist import BY_HAND, STRUCK
    ratings = stars.rate_all(store, org_id, year, today=posted_on)
    # No hand-checked item ticked means the rating was never done, not that the branch earned
    # 0 stars: a board saying "0星 未达要求" would publish a false result.
    undone = [r.org_name for r in ratings
              if not any(i.decided_by == BY_HAND and i.status == STRUCK for i in r.items)]
    if undone:
        raise StoreError(f"{year}年的星级评定尚未开展：{'、'.join(undone)}还没有任何一项须由书记"
                         "核实的标准销号，无法公开评定结果。请先在“达标销号清单”中逐项核实销号，"
                         "再打印本公开栏")
    lines = [StarLine(r.org_name, r.stars, r.max_stars, r.level) for r in ratings]
    title = ratings[0].title if ratings else None
    board = stars_board(item, org_full_name(store, org_id), f"{year}年度", lines, posted_on)
    return dataclasses.replace(board, note=f"评定依据：{title}" if title else None)


def pioneer_from_ledger(store: Store, org_id: int, item: DisclosureItem, period: Period,
                        posted_on: str) -> Board:
    """The 先锋指数 as it was published for the half year, never the live evaluation."""
    from desktop_app.core.scoring import pioneer
    from desktop_app.core.scoring.result import points_text
    if len(period.months()) != 6 or period.start[5:7] not in ("01", "07"):
        raise StoreError("先锋指数每半年公开一次，请选择半年（如 2025H1）")
    code = f"{period.start[:4]}H{1 if period.start[5:7] == '01' else 2}"
    result = pioneer.published_result(store, org_id, code)
    if result is None:
        raise StoreError(f"{period.label}的先锋指数尚未公布，请先在“先锋指数”中评定并公布")
    lines = []
    for member in result.members:
        if member.score is None:
            lines.append(PioneerLine(member.name, "—", member.grade, (member.exemption or "",)))
            continue
        reasons = tuple(f"{line.reason}（{points_text(line.points)}分）"
                        for line in member.deductions)
        # A low score with nothing deducted needs its reason too: the items that earned nothing.
        reasons += tuple(f"未得分：{line.title}（{line.reason.split('（')[0]}）"
                         for line in member.lines if line.points == 0 and line not in
                         member.deductions)
        lines.append(PioneerLine(member.name, f"{member.score:g}", member.grade, reasons))
    board = pioneer_board(item, org_full_name(store, org_id), result.label, lines, posted_on)
    return dataclasses.replace(board, note=f"考评表：{result.title}，基础分 {result.base:g} 分；"
                                           f"{result.published_on} 公布。")


def stars_board(item: DisclosureItem, org_name: str, period_label: str,
                lines: list[StarLine], posted_on: str) -> Board:
    rows = tuple((str(n), line.org_name,
                  "★" * line.stars + "☆" * max(0, line.max_stars - line.stars),
                  f"{line.stars}星", line.note)
                 for n, line in enumerate(lines, 1))
    grid = Grid(("序号", "党组织", "星级", "星数", "等次"), rows, (0.75, 3.0, 2.0, 0.9, 2.6),
                centred=(0, 2, 3))
    return checked(Board(item, org_name, posted_on, period_label, (grid,), None))


def pioneer_board(item: DisclosureItem, org_name: str, period_label: str,
                  lines: list[PioneerLine], posted_on: str) -> Board:
    rows = tuple((str(n), line.name, line.score, line.grade,
                  "；".join(line.deductions) if line.deductions else "无")
                 for n, line in enumerate(lines, 1))
    grid = Grid(("序号", "姓名", "得分", "等次", "扣分及未得分原因"), rows, (0.75, 1.3, 0.9, 1.3, 4.4),
                centred=(0, 1, 2, 3))
    return checked(Board(item, org_name, posted_on, period_label, (grid,),
                         "党员姓名、先锋指数得分及扣分原因"))


def period_for(item: DisclosureItem, text: str | None, year: int | None) -> Period:
    """The period a board covers: `--period` as given, else the year."""
    if text:
        try:
            return periods.parse_period(text)
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
    if year is None:
        raise StoreError(f"请指定“{item.title}”所属的年度或期间")
    return periods.year(year)
