"""How long a 20,000-row roster takes through `shilu roster import` (read, plan, plan again and
write), against the targets of issue 10: under 10 s and 200 MB. Run by hand:
`python bench/bench_roster.py [ROWS]`. The sheet is written once and cached under /tmp."""
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ledger import CACHE  # noqa: E402
from desktop_app.core import orgs  # noqa: E402
from desktop_app.core.idcard import check_digit  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402

TARGET_SECONDS, TARGET_MB = 10, 200
HEADER = ["序号", "姓名", "性别", "公民身份证号码", "民族", "出生日期", "学历", "手机号码",
          "现居住地", "加入党组织日期", "转为正式党员日期", "人员类别", "所在党支部", "党小组",
          "工作单位", "职务", "党籍状态", "备注"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国秀英伟芳敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英"


def roster_file(rows: int) -> Path:
    """A national-system-shaped export: title row, 18 columns, 20 branches of 5 党小组, and
    a 合计 and a signature row under the table."""
    path = CACHE / f"roster-{rows}.xlsx"
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
        sheet.append([n + 1, SURNAMES[n % 20] + GIVEN[n % 25] + GIVEN[(n // 25) % 25],
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
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, str(ledger), str(source)],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:])
        return 1
    lines = done.stdout.strip().splitlines()
    peak_mb = float(lines[-1])
    print("\n".join(lines[:-1]))
    print(f"{rows} rows: {seconds:.1f} s (target {TARGET_SECONDS} s), "
          f"peak RSS {peak_mb:.0f} MB (target {TARGET_MB} MB)")
    return 0 if seconds < TARGET_SECONDS and peak_mb < TARGET_MB else 1


# The import as the CLI runs it, in a fresh process so the peak memory is the import's own.
_CHILD = """
import resource, sys, time, contextlib, io
from desktop_app.cli.main import main
out = io.StringIO()
start = time.perf_counter()
with contextlib.redirect_stdout(out):
    code = main(["--db", sys.argv[1], "roster", "import", sys.argv[2]])
print(out.getvalue().strip().splitlines()[-1])
usage = resource.getrusage(resource.RUSAGE_SELF)
print(f"roster import (CLI, in-process)  {time.perf_counter() - start:6.1f} s wall, "
      f"{usage.ru_utime + usage.ru_stime:.1f} s CPU (whole process)")
print(usage.ru_maxrss / 1024)
sys.exit(code)
"""


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000))
