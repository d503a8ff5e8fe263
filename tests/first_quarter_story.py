"""The first quarter of a new branch, shared by the GUI and CLI first-quarter tests (issue #9).

The branch 某社区第一党支部 starts its record on 2026-01-01 (启用日期) and "today" is
2026-03-25, inside 2026Q1. The roster is shaped like a national-system export: a title row,
the system's headers, `-` placeholders, a blank row, a 合计 row and a 制表人 row under the table.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl

START = "2026-01-01"
TODAY = "2026-03-25"
PERIOD = "2026Q1"
OPENING_THROUGH = "2025-12"

# name, sex, ID number (valid check digit), birth date, category, joined, confirmed
MEMBERS = [
    ("张书记", "男", "110105197003070114", "1970-03-07", "正式党员", "1995-07-01", "1996-07-01"),
    ("李组织", "女", "110105198005120124", "1980-05-12", "正式党员", "2005-06-20", "2006-06-20"),
    ("王宣传", "男", "110105198511200119", "1985-11-20", "正式党员", "2010-07-01", "2011-07-01"),
    ("赵党员", "女", "110105199002140124", "1990-02-14", "正式党员", "2015-06-26", "2016-06-26"),
    ("钱党员", "男", "110105196208080119", "1962-08-08", "正式党员", "1988-07-01", "1989-07-01"),
    ("孙流动", "男", "11010519950606011X", "1995-06-06", "正式党员", "2018-07-01", "2019-07-01"),
    ("周转出", "女", "110105198808180120", "1988-08-18", "正式党员", "2012-07-01", "2013-07-01"),
    ("吴预备", "男", "110105199901010112", "1999-01-01", "预备党员", "2025-09-01", "-"),
]
# The 体检 of 2026Q1 under the national profile on 2026-03-25 (see the story in tests/first_quarter_story.py):
EXPECTED = {
    "党员大会每季度至少1次": "达标",       # 2026-01-20
    "支委会每月至少1次": "缺失",           # January only; February is over
    "各党小组每月召开党小组会": "达标",     # no 党小组: not applicable
    "每月开展主题党日": "缺失",             # none held in January or February
    "党课每季度至少1次": "即将到期",        # the quarter ends 03-31
    "书记每年至少讲1次党课": "即将到期",
    "每年召开组织生活会": "即将到期",
    "每年与每名党员谈心谈话": "即将到期",   # 7 owed: 周转出 left on 02-10
    "每年开展民主评议党员": "即将到期",
    "连续6个月未交党费": "达标",            # opening balance paid through 2025-12
}

COMMITTEE = [("张书记", "书记"), ("李组织", "组织委员"), ("王宣传", "宣传委员")]


def write_roster(path: Path, branch_name: str) -> Path:
    """The national-system-shaped export of MEMBERS, with the rows a real export has under it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员信息"
    ws.append([f"{branch_name}党员信息（导出）"])
    ws.append(["序号", "姓名", "性别", "公民身份号码", "民族", "出生日期", "学历", "人员类别",
               "所在党支部", "手机号码", "入党日期", "转正日期", "党龄", "是否流动党员"])
    for i, (name, sex, id_no, born, kind, joined, confirmed) in enumerate(MEMBERS, 1):
        ws.append([i, name, sex, id_no, "汉族", born, "大学本科", kind, branch_name,
                   f"1380000000{i}", joined, confirmed, "-", "否"])
    ws.append([None] * 14)
    ws.append(["合计", f"{len(MEMBERS)}人", None, None, None, None, None, "预备党员1人"])
    ws.append(["制表人：某某", None, None, "填报日期：2026年1月5日"])
    wb.save(path)
    return path
