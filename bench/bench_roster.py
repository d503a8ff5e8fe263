"""How long a 20,000-row roster takes through `shilu roster import` (read, plan, write), against
the targets of issue 10: under 10 s and 200 MB. Printed: each phase's wall and CPU time, the
whole process's wall time, CPU time and peak RSS, and beside them the anchor measured in the same
run: openpyxl only reading the same file. Run by hand: `python bench/bench_roster.py [ROWS]`.
The sheet is written once and cached under /tmp."""
import ast
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ledger import CACHE  # noqa: E402
from bench.record import emit  # noqa: E402
from desktop_app.core import orgs  # noqa: E402
from desktop_app.core.idcard import check_digit  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402

TARGET_SECONDS, TARGET_MB = 10, 200
HEADER = ["序号", "姓名", "性别", "公民身份证号码", "民族", "出生日期", "学历", "手机号码",
          "现居住地", "加入党组织日期", "转为正式党员日期", "人员类别", "所在党支部", "党小组",
          "工作单位", "职务", "党籍状态", "备注"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
# 100 characters common in given names: every name in the sheet is different, as in a real
# roster (pinyin initials are worked out once per distinct name).
GIVEN = ("建国秀英伟芳敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华"
         "玉兰红梅志文斌辉鹏飞宇浩然子轩欣怡佳琪雨萱梓涵诗婷"
         "晓东海波春燕金凤德福荣贵成光永庆振兴雪琳宏亮俊峰晨"
         "阳思远博凯瑞嘉慧颖倩婉清雅婧洁秋菊冬松柏林森江河山")


def roster_file(rows: int) -> Path:
    """A national-system-shaped export: title row, 18 columns, 20 branches of 5 党小组, and
    a 合计 and a signature row under the table."""
    path = CACHE / f"roster-{rows}-v2.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook
    CACHE.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("党员信息")
    sheet.append(["某街道党工委党员信息一览表"])
    sheet.append(HEADER)
    for n in range(rows):
        year, month, day = 1940 + n % 60, 1 + n % 12, 1 + n % 28
        first17 = f"330402{year}{month:02d}{day:02d}{n % 1000:03d}"
        number = first17 + check_digit(first17)
        joined = f"{year + 25}-07-01"
        sheet.append([n + 1, SURNAMES[n % 20] + GIVEN[n // 20 % 100] + GIVEN[n // 2000 % 100],
                      "男" if int(number[16]) % 2 else "女", number, "汉族",
                      f"{year}-{month:02d}-{day:02d}", "本科", f"138{n:08d}", f"幸福路{n}号",
                      joined, f"{year + 26}-07-01", "正式党员", f"第{n % 20 + 1}党支部",
                      f"第{n % 5 + 1}党小组", "社区居委会", "-", "正常", "无"])
    sheet.append(["合计", f"{rows}人"])
    sheet.append(["制表人：某某", None, None, "审核人：某某"])
    book.save(path)
    return path


def main(rows: int) -> int:
    source = roster_file(rows)
    folder = Path(tempfile.mkdtemp())
    ledger = folder / "ledger.sqlite"
    store = open_store(ledger, actor="bench")
    orgs.create(store, "JD", "某街道党工委", "党委")
    store.close()
    anchor = _child(_ANCHOR, str(source))
    ours = _child(_IMPORT, str(ledger), str(source))
    shutil.rmtree(folder)
    if ours is None or anchor is None:
        return 1
    print(ours["said"])
    for phase in ("read", "plan", "apply"):
        wall, cpu = ours[phase]
        print(f"  {phase:<6} {wall:6.1f} s wall {cpu:6.1f} s CPU")
    wall, cpu = ours["wall"], ours["cpu"]
    print(f"  other  {wall - sum(ours[p][0] for p in ('read', 'plan', 'apply')):6.1f} s wall "
          f"{cpu - sum(ours[p][1] for p in ('read', 'plan', 'apply')):6.1f} s CPU "
          f"(start-up, imports, output)")
    print(f"{rows} rows, shilu roster import: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS "
          f"{ours['rss']:.0f} MB (targets < {TARGET_SECONDS} s, < {TARGET_MB} MB)")
    print(f"anchor, openpyxl only reading the same file (read-only, values): {anchor['wall']:.1f} s "
          f"wall, {anchor['cpu']:.1f} s CPU, peak RSS {anchor['rss']:.0f} MB; the import takes "
          f"{cpu / anchor['cpu']:.2f}× its CPU")
    print("(CPU time is what an idle machine's wall time comes to; on a shared machine the wall "
          "time waits for other work)")
    anchor_text = f"openpyxl reading the file {anchor['cpu']:.1f} s CPU"
    emit(f"roster import, {rows} rows (CPU)", cpu, "s", target=f"< {TARGET_SECONDS} s",
         ok=cpu < TARGET_SECONDS, anchor=anchor_text,
         note=f"{wall:.1f} s wall; {cpu / anchor['cpu']:.2f}× the anchor")
    emit(f"roster import, {rows} rows (peak RSS)", ours["rss"], "MB", target=f"< {TARGET_MB} MB",
         ok=ours["rss"] < TARGET_MB, anchor=f"openpyxl reading the file {anchor['rss']:.0f} MB")
    return 0 if cpu < TARGET_SECONDS and ours["rss"] < TARGET_MB else 1


def _child(code: str, *args: str) -> dict | None:
    """Run `code` in a fresh process (so the peak memory is its own); its last line is a dict of
    figures with its peak RSS, to which the whole process's wall and CPU time are added."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code + _PEAK, *args], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1])
    wall = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:])
        return None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return figures | {"wall": wall, "cpu": (after.ru_utime + after.ru_stime)
                      - (before.ru_utime + before.ru_stime)}


# The import as the CLI runs it, each phase timed by wrapping the function `roster import` calls.
_IMPORT = """
import contextlib, io, sys, time
from desktop_app.cli.main import main
from desktop_app.core.roster import apply, plan, sheet
figures = {}
def timed(module, name, phase):
    real = getattr(module, name)
    def wrapper(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            figures[phase] = (time.perf_counter() - wall, time.process_time() - cpu)
    setattr(module, name, wrapper)
timed(sheet, "read_sheet", "read")
timed(plan, "plan_import", "plan")
timed(apply, "apply_import", "apply")
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["--db", sys.argv[1], "roster", "import", sys.argv[2]])
if code != 0:
    sys.exit(out.getvalue()[-2000:])
figures["said"] = out.getvalue().strip().splitlines()[-1]
"""

_ANCHOR = """
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True)
figures = {"cells": sum(len(row) for row in book.active.iter_rows(values_only=True))}
"""

_PEAK = """
import resource
print(figures | {"rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
"""


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000))
