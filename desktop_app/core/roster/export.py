"""The roster as .xlsx: the export of everyone 在册 on a date, and the blank import template.

Both use the column names `columns` knows, so an export (with ID numbers) imports back.
An export says in its title and footer what personal data it carries; ID numbers and phones are
masked unless the secretary asks for them.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins

from desktop_app.core import members, orgs
from desktop_app.core.durable import write_atomically
from desktop_app.core.exports.cell_text import put
from desktop_app.core.idcard import mask
from desktop_app.core.roster.columns import HEADERS
from desktop_app.core.store import Store

# The columns of the export and the template, in the order of the usual 花名册 form.
FIELDS = ("name", "gender", "ethnicity", "birth_date", "education", "joined_on", "confirmed_on",
          "category", "branch", "group", "phone", "id_number", "address", "workplace", "position",
          "notes")
TEXT_COLUMNS = ("birth_date", "joined_on", "confirmed_on", "phone", "id_number")
WIDTHS = {"id_number": 21, "address": 24, "workplace": 18, "branch": 16, "group": 14, "phone": 14,
          "notes": 16}
EXAMPLE = {
    "name": "示例：张三", "gender": "男", "ethnicity": "汉族", "birth_date": "1985-03-12",
    "education": "本科", "joined_on": "2008-07-01", "confirmed_on": "2009-07-01",
    "category": "正式党员", "branch": "第一党支部", "group": "第一党小组",
    "phone": "13800001234", "id_number": "330402198503120010", "address": "幸福路 8 号",
    "workplace": "社区居委会", "position": "委员", "notes": "姓名以“示例”开头的行不会导入",
}
GUIDE = (
    ("党员花名册导入说明", ""),
    ("表头", "“花名册”表第 2 行是表头。列的顺序可以调整，不需要的列可以删除，多出的列会被忽略。"),
    ("必填", "姓名、入党日期（新增党员时）。正式党员请填转正日期；预备党员转正日期留空。"),
    ("日期", "可写 2001-07-01、2001/7/1、2001.07.01、2001.07（记为当月 1 日）、2001年7月1日。"),
    ("身份证号", "18 位，末位可为 X。该列已设为“文本”；若号码被 Excel 变成数字"
                 "（如 3.30402E+17），后几位已丢失，导入时会报错，请重新录入。"),
    ("性别、出生日期", "留空时从身份证号中读出；填写了则须与身份证号一致。"),
    ("所在党支部、党小组", "填名称。本组织下还没有的党支部或党小组会在导入时新建（导入前会列出）。"),
    ("已有党员", "身份证号相同（没有身份证号时：姓名和出生日期相同）视为同一人，只更新填写了的项目；"
                 "空白格不会清除已有信息。"),
    ("全部或全不", "只要有一处错误，整张表都不会导入；请按错误清单（第几行、哪一列、原因）改好后再导。"),
    ("个人信息", "花名册含身份证号、联系电话等个人信息，请妥善保管，不要公开张贴或外传。"),
)
_HEADER_FILL = PatternFill("solid", fgColor="FFE8E8E8")
_GREY = Font(color="FF808080", italic=True)
FONT = "宋体"
_THIN = Side(style="thin", color="FF000000")
_RULED = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="center", wrap_text=True)


def write_template(path) -> Path:
    """A blank roster for secretaries to fill in: header, a grey example row, a 说明 sheet."""
    book = Workbook()
    ws = book.active
    ws.title = "花名册"
    ws["A1"] = "党员花名册（导入模板）：从第 4 行起每行填一名党员；灰色第 3 行是示例，不会导入"
    ws["A1"].font = Font(bold=True, size=13)
    for column, f in enumerate(FIELDS, start=1):
        cell = put(ws, 2, column, HEADERS[f])
        cell.font = Font(bold=True, color="FFC00000" if f in ("name", "joined_on") else None)
        cell.fill = _HEADER_FILL
        cell.comment = Comment(f"例：{EXAMPLE[f]}", "工作实录")
        example = put(ws, 3, column, EXAMPLE[f])
        example.font = _GREY
        letter = get_column_letter(column)
        ws.column_dimensions[letter].width = WIDTHS.get(f, 11)
        if f in TEXT_COLUMNS:
            ws.column_dimensions[letter].number_format = "@"
            for row in range(3, 504):
                ws.cell(row, column).number_format = "@"
    _choices(ws, "gender", '"男,女"')
    _choices(ws, "category", '"正式党员,预备党员"')
    ws.freeze_panes = "B3"
    guide = book.create_sheet("说明")
    for row, (topic, text) in enumerate(GUIDE, start=1):
        guide.cell(row, 1, topic).font = Font(bold=True)
        guide.cell(row, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 90
    return _save(book, path)


def _choices(ws, f: str, formula: str) -> None:
    letter = get_column_letter(FIELDS.index(f) + 1)
    rule = DataValidation(type="list", formula1=formula, allow_blank=True)
    ws.add_data_validation(rule)
    rule.add(f"{letter}4:{letter}2000")


def export_roster(store: Store, path, on_date: str, include_sensitive: bool = False) -> int:
    """Everyone 在册 on `on_date`, one row each; returns how many were written. Printable as it
    is: A4 landscape, fit to the page width, the header repeated on every page, ruled cells in
    宋体, dates as date cells, a filter on the header."""
    root = orgs.root(store)
    people = members.expected_on(store, root.id, on_date) if root else []
    org_by_id = {o.id: o for o in orgs.all_orgs(store)}
    book = Workbook()
    ws = book.active
    ws.title = "花名册"
    title = f"{root.name if root else ''}党员花名册（截至 {on_date}，共 {len(people)} 人）"
    put(ws, 1, 1, title).font = Font(name=FONT, bold=True, size=14)
    put(ws, 2, 1, personal_data_note(include_sensitive)).font = Font(name=FONT, color="FFC00000")
    headers = ("序号", *(HEADERS[f] for f in FIELDS))
    for column, text in enumerate(headers, start=1):
        cell = put(ws, 3, column, text)
        cell.font = Font(name=FONT, bold=True)
        cell.fill, cell.border, cell.alignment = _HEADER_FILL, _RULED, _CENTRE
        ws.column_dimensions[get_column_letter(column)].width = WIDTHS.get(
            FIELDS[column - 2] if column > 1 else "", 11 if column > 1 else 6)
    body = Font(name=FONT, size=10)
    for number, member in enumerate(people, start=1):
        values = _values(store, member, on_date, org_by_id, include_sensitive)
        row = 3 + number
        for column, value in enumerate((number, *(values.get(f) for f in FIELDS)), start=1):
            f = FIELDS[column - 2] if column > 1 else ""
            if f in members.DATE_FIELDS and value:
                value = date.fromisoformat(value)
            cell = put(ws, row, column, value)
            cell.font, cell.border = body, _RULED
            cell.alignment = _WRAP if f in ("address", "workplace", "notes") else _CENTRE
            if f in members.DATE_FIELDS:
                cell.number_format = "yyyy-mm-dd"
            elif f in TEXT_COLUMNS:
                cell.number_format = "@"
    last = 3 + len(people)
    put(ws, last + 2, 1, "注：" + personal_data_note(include_sensitive)).font = _GREY
    ws.freeze_panes = "C4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(headers))}{max(last, 4)}"
    ws.print_title_rows = "3:3"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    _save(book, path)
    return len(people)


def personal_data_note(include_sensitive: bool) -> str:
    if include_sensitive:
        return ("本表含完整身份证号、联系电话、住址、出生日期等敏感个人信息，仅供党务工作使用；"
                "请妥善保管，用后删除，切勿公开张贴或外传。")
    return ("本表含姓名、性别、出生日期、住址、工作单位等个人信息；身份证号和联系电话已隐去部分数字。"
            "仅供党务工作使用，切勿公开张贴。")


def _values(store, member, on_date, org_by_id, include_sensitive) -> dict:
    values = {f: getattr(member, f) for f in members.PERSON_FIELDS}
    values["category"] = member.category_on(on_date)
    org_id = members.current_org_id(store, member.id, on_date)
    org = org_by_id.get(org_id)
    if org is not None and org.kind == "党小组" and org.parent_id in org_by_id:
        values["branch"], values["group"] = org_by_id[org.parent_id].name, org.name
    elif org is not None:
        values["branch"] = org.name
    if not include_sensitive:
        values["id_number"] = mask(member.id_number)
        values["phone"] = mask_phone(member.phone)
    return values


def mask_phone(phone: str | None) -> str:
    """13812345678 → 138****5678: enough to tell people apart, not to call them."""
    if not phone:
        return ""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def _save(book: Workbook, path) -> Path:
    path = Path(path)
    with write_atomically(path) as temp:
        book.save(temp)
    return path
