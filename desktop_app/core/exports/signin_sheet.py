"""签到表: the sign-in sheet printed before a meeting, names of 应到 members already on it.

Members sign in the empty column; invited guests (列席) write themselves into the blank rows.
The sheet carries names only, and says so in its footer. Up to TWO_COLUMNS_UP_TO members
(a branch of about 40) fit one A4 sheet in two columns of 序号/姓名/签到; more flow onto further
sheets with the header repeated. The title is the kind of meeting (支部党员大会签到表), the
organisation a line of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from desktop_app.core.exports import glyphs, pdf, sources
from desktop_app.core.exports.wording import chinese_date, org_full_name, time_range
from desktop_app.core.meetings import attendance
from desktop_app.core.store import Store

ROW_HEIGHT = 11 * mm        # tall enough for a handwritten signature
TIGHT_ROW_HEIGHT = 7.5 * mm  # still room to sign, so that ~40 members fit one sheet
ONE_COLUMN_UP_TO = 14
TWO_COLUMNS_UP_TO = 44
MEMBER_COLUMNS = (14 * mm, 36 * mm, 70 * mm, 50 * mm)
HALF_COLUMNS = (12 * mm, 25 * mm, 48 * mm)          # 序号, 姓名, 签到 — twice across
GUEST_COLUMNS = (14 * mm, 36 * mm, 70 * mm, 50 * mm)    # scaled to the width
HALF_GUEST_COLUMNS = (12 * mm, 22 * mm, 31 * mm, 20 * mm)     # twice across a crowded sheet


@dataclass(frozen=True)
class SigninSheet:
    org_name: str
    kind: str
    topic: str | None
    held_on: str
    start_time: str | None = None
    end_time: str | None = None
    place: str | None = None
    host: str | None = None
    names: list[str] = field(default_factory=list)      # 应到, in roster order
    guests: list[tuple[str, str | None]] = field(default_factory=list)  # 列席 invited: name, unit
    blank_guest_rows: int = 3

    @property
    def title(self) -> str:
        return f"{self.kind}签到表"


def _details(sheet: SigninSheet, width: float) -> Table:
    """Date, time, place and host as two lines of label：value pairs, no ruling."""
    st = pdf.styles()
    blank = "＿" * 8
    pairs = [
        ("党组织", sheet.org_name),
        ("日期", chinese_date(sheet.held_on, weekday=True)),
        ("时间", time_range(sheet.start_time, sheet.end_time) or blank),
        ("地点", sheet.place or blank),
        ("主持人", sheet.host or blank),
    ]
    cells = [pdf.para(f"{label}：{value}", st.cell) for label, value in pairs]
    cells.append(pdf.para("", st.cell))
    details = Table([cells[0:2], cells[2:4], cells[4:6]], colWidths=[width * 0.55, width * 0.45])
    details.setStyle(TableStyle([pdf.plain_font(), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return details


def story(sheet: SigninSheet, width: float) -> list:
    st = pdf.styles()
    parts = [pdf.para(sheet.title, st.title)]
    if sheet.topic:
        parts.append(pdf.para(f"会议主题：{sheet.topic}", st.subtitle))
    parts += [_details(sheet, width), Spacer(1, 3 * mm)]
    count = pdf.line_of([f"应到 {len(sheet.names)} 人", "实到＿＿＿＿人", "请假＿＿＿＿人",
                         "缺席＿＿＿＿人"], width - 8)
    tight = len(sheet.names) > ONE_COLUMN_UP_TO
    height = TIGHT_ROW_HEIGHT if tight else ROW_HEIGHT
    if tight and len(sheet.names) <= TWO_COLUMNS_UP_TO:
        parts.append(_two_columns(sheet.names, count, width))
    else:
        rows = [["序号", "姓名", "签到", "备注"]]
        rows += [[str(n), name, "", ""] for n, name in enumerate(sheet.names, 1)]
        # The count closes the table itself, so it can never be left alone on a page.
        rows.append([count, "", "", ""])
        heights = [None] + [height] * len(sheet.names) + [9 * mm]
        parts.append(pdf.table(rows, list(MEMBER_COLUMNS), row_heights=heights,
                               center_cols=(0, 1), extra_style=[("SPAN", (0, -1), (-1, -1))]))
    guests = list(sheet.guests) + [("", None)] * sheet.blank_guest_rows
    if guests:
        parts.append(KeepTogether([pdf.para("列席人员", st.heading),
                                   _guest_table(guests, width, 2 if tight else 1, height)]))
    return parts


def _guest_table(guests: list[tuple[str, str | None]], width: float, across: int,
                 height: float) -> Table:
    """序号/姓名/单位及职务/签到, `across` times side by side (twice on a crowded sheet)."""
    cells = [[str(n), name, unit or "", ""] for n, (name, unit) in enumerate(guests, 1)]
    down = -(-len(cells) // across)
    cells += [["", "", "", ""]] * (down * across - len(cells))
    rows = [["序号", "姓名", "单位及职务", "签到"] * across]
    rows += [sum((cells[c * down + r] for c in range(across)), []) for r in range(down)]
    columns = GUEST_COLUMNS if across == 1 else HALF_GUEST_COLUMNS
    scale = width / (across * sum(columns))
    centred = tuple(c + 4 * k for k in range(across) for c in (0, 1))
    return pdf.table(rows, [w * scale for w in columns] * across, row_heights=height,
                     center_cols=centred)


def _two_columns(names: list[str], count, width: float) -> Table:
    """序号/姓名/签到 twice across: names 1…k down the left half, k+1… down the right."""
    half = (len(names) + 1) // 2
    scale = width / (2 * sum(HALF_COLUMNS))
    rows = [["序号", "姓名", "签到"] * 2]
    for n in range(half):
        right = [str(half + n + 1), names[half + n], ""] if half + n < len(names) else ["", "", ""]
        rows.append([str(n + 1), names[n], "", *right])
    rows.append([count, "", "", "", "", ""])
    heights = [None] + [TIGHT_ROW_HEIGHT] * half + [9 * mm]
    return pdf.table(rows, [w * scale for w in HALF_COLUMNS] * 2, row_heights=heights,
                     center_cols=(0, 1, 3, 4),
                     extra_style=[("SPAN", (0, -1), (-1, -1)),
                                  ("LINEAFTER", (2, 0), (2, -2), pdf.OUTER_LINE, colors.black)])


def write_pdf(sheet: SigninSheet, target: str | Path, printed_on: str | None = None) -> Path:
    glyphs.check_names([*sheet.names, sheet.host, *(name for name, _ in sheet.guests)])
    info = pdf.DocumentInfo(title=sheet.title, org_name=sheet.org_name, personal_data="姓名",
                            **({"printed_on": printed_on} if printed_on else {}))
    return pdf.build_pdf(target, info, story(sheet, info.frame_width))


def for_meeting(store: Store, meeting_id: int) -> SigninSheet:
    """The sheet for a planned or held meeting: 应到 from the roster on its date, or — once
    attendance is recorded — exactly the members on the recorded sheet."""
    meeting = sources.meeting_for_print(store, meeting_id)
    expected = attendance.expected_members(store, meeting.org_id, meeting.kind, meeting.held_on)
    marked = [m.member_id for m in attendance.marks(store, meeting_id)]
    if marked:
        expected = [m for m in expected if m.id in set(marked)]
    return SigninSheet(
        org_name=org_full_name(store, meeting.org_id), kind=meeting.kind,
        topic=meeting.topic or meeting.title, held_on=meeting.held_on,
        start_time=meeting.start_time, end_time=meeting.end_time, place=meeting.place,
        host=sources.member_name(store, meeting.host_id),
        names=sources.names_in_order(store, expected, marked),
        guests=[(g.name, g.unit) for g in meeting.guests])
