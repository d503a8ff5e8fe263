"""Fuzzing the roster import (issue 6 part 5): random and malformed sheets, odd dates and IDs,
damaged files. Whatever comes in: a RosterFileError, or a plan that either lists errors (and
changes nothing) or imports cleanly; never another exception, never half an import."""
import csv
import os
import random
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop_app.cli.main import main
from desktop_app.core import members, orgs
from desktop_app.core.idcard import check_digit
from desktop_app.core.roster.apply import ImportRefused, apply_import
from desktop_app.core.roster.columns import COLUMNS
from desktop_app.core.roster.plan import plan_import
from desktop_app.core.roster.sheet import RosterFileError, read_sheet
from desktop_app.core.store import StoreError, audit, open_store

ROSTERS = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"
ON = "2025-06-30"
FUZZ = settings(max_examples=int(os.environ.get("ROSTER_FUZZ_EXAMPLES", 50)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADERS = ("姓名", "性别", "民族", "出生日期", "学历", "入党时间", "转正日期", "人员类别",
           "所在党支部", "党小组", "手机号码", "身份证号", "家庭住址", "工作单位", "职务", "序号", "籍贯")

# Text openpyxl can store (no control characters or lone surrogates).
text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)


@st.composite
def id_numbers(draw):
    birth = draw(st.dates(min_value=datetime(1900, 1, 1).date(), max_value=datetime(2010, 1, 1).date()))
    first17 = f"{draw(st.sampled_from(['330402', '110105', '999999']))}{birth:%Y%m%d}" \
              f"{draw(st.integers(0, 999)):03d}"
    good = first17 + check_digit(first17)
    return draw(st.sampled_from([good, good.lower(), first17 + "0", good[:-1], float(good[:15]),
                                 int(good[:17]), " " + good + " ", good[:6] + "****" + good[10:]]))


dates = st.one_of(
    st.dates(min_value=datetime(1890, 1, 1).date(), max_value=datetime(2030, 1, 1).date()).flatmap(
        lambda d: st.sampled_from([d.isoformat(), f"{d.year}/{d.month}/{d.day}",
                                   f"{d.year}.{d.month:02d}.{d.day:02d}", f"{d.year}.{d.month:02d}",
                                   f"{d.year}年{d.month}月{d.day}日", datetime(d.year, d.month, d.day),
                                   int(f"{d:%Y%m%d}"), (d - datetime(1899, 12, 30).date()).days])),
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 3_000_000),
    st.sampled_from(["2001-02-30", "2001年13月", "二〇〇一年", "1.1", "0000-00-00", "--", "2001.1"]),
)
cells = st.one_of(st.none(), text, id_numbers(), dates, st.booleans(),
                  st.sampled_from(["男", "女", "正式党员", "预备党员", "第一党支部", "新支部",
                                   "第一党小组", "张三", "李四", "王五", "=1+1", "13800001111"]))


good_dates = st.dates(min_value=datetime(1960, 1, 1).date(),
                      max_value=datetime(2020, 1, 1).date()).map(lambda d: f"{d.year}年{d.month}月{d.day}日")
# What a plausible cell looks like in each column; junk is mixed in at random.
GOOD = {
    "姓名": st.sampled_from(["张三", "李四", "王五", "赵六", "阿依古丽·买买提", "Li  Lei", "张　三"]),
    "性别": st.sampled_from([None, "男", "女"]),
    "出生日期": st.none(),
    "入党时间": good_dates,
    "转正日期": st.one_of(st.none(), good_dates),
    "人员类别": st.sampled_from([None, "正式党员", "预备党员"]),
    "所在党支部": st.sampled_from([None, "第一党支部", "新支部"]),
    "党小组": st.sampled_from([None, "第一党小组", "新小组"]),
    "手机号码": st.sampled_from([None, "13800001111", 13800001111, "0573-8200123"]),
    "身份证号": st.one_of(st.none(), id_numbers()),
}


@st.composite
def sheets(draw):
    columns = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=10, unique=True))
    if draw(st.integers(0, 2)):     # mostly a roster that could be real; sometimes anything
        columns = ["姓名", "入党时间", *[c for c in columns if c not in ("姓名", "入党时间")]]
    leading = draw(st.lists(st.lists(st.one_of(st.none(), text), max_size=3), max_size=3))
    body = [[draw(GOOD.get(c, text) if draw(st.integers(0, 19)) else cells) for c in columns]
            for _ in range(draw(st.integers(0, 6)))]
    return leading, columns, body


def fresh_ledger():
    store = open_store(None, actor="模糊测试")
    root = orgs.create(store, "R", "测试党委", "党委")
    branch = orgs.create(store, "R-01", "第一党支部", "党支部", root)
    orgs.create(store, "R-01-01", "第一党小组", "党小组", branch)
    members.add(store, members.Member("张三", id_number="330402198001011236",
                                      joined_on="2001-07-01"), branch)
    return store


def counts(store):
    return [store.query_one(f"SELECT count(*) AS n FROM {t}")["n"]
            for t in ("members", "memberships", "organisations", "audit_log")]


def check_import(path) -> None:
    """The property: a file error, or errors with nothing written, or a clean import."""
    try:
        sheet = read_sheet(path)
    except RosterFileError as exc:
        assert path.name in str(exc)
        event("file error")
        return
    store = fresh_ledger()
    try:
        before = counts(store)
        plan = plan_import(store, sheet, ON)
        if plan.ok:
            summary = apply_import(store, plan, ON)
            event("imported" if summary.added or summary.updated else "nothing to import")
            after = counts(store)
            assert after[0] == before[0] + summary.added
            assert after[2] == before[2] + summary.orgs_created == before[2] + len(plan.new_orgs)
        else:
            assert all(e.row > sheet.header_row and e.reason for e in plan.errors)
            event("row errors")
            with pytest.raises(ImportRefused):
                apply_import(store, plan, ON)
            assert counts(store) == before
        assert audit.verify(store.conn).ok
    finally:
        store.close()


def save(book_rows, folder: Path, name="r.xlsx") -> Path:
    book = Workbook()
    for row in book_rows:
        book.active.append(row)
    path = folder / name
    book.save(path)
    return path


@FUZZ
@given(sheets())
def test_random_sheets_import_cleanly_or_not_at_all(sheet):
    leading, columns, body = sheet
    folder = Path(tempfile.mkdtemp())
    try:
        check_import(save([*leading, columns, *body], folder))
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(st.integers(0, 2**32), st.sampled_from([
    "roster_title_row3.xlsx", "roster_old.xls", "roster_gbk.csv", "web-page-saved-as.xls",
    "xml-spreadsheet-2003.xls", "unicode-text-utf16.txt", "summary-and-signature-rows.xlsx"]))
def test_damaged_files_give_a_file_error_or_a_sound_plan(seed, name):
    rng = random.Random(seed)
    data = bytearray((ROSTERS / name).read_bytes())
    if rng.random() < 0.5:
        data = data[:rng.randrange(len(data))]
    for _ in range(rng.randrange(1, 20)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / name
        path.write_bytes(bytes(data))
        check_import(path)
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(st.integers(0, 4))
def test_a_failure_part_way_leaves_nothing(fail_at):
    """Even a valid plan that breaks half-way (disk, bug) leaves the ledger as it was: the
    plan creates 2 organisations (2 inserts), adds 4 members and their memberships (2 bulk
    inserts) and moves 1 (1 insert)."""
    store = fresh_ledger()
    try:
        plan = plan_import(store, read_sheet(ROSTERS / "roster_title_row3.xlsx"), ON)
        assert plan.ok and (len(plan.adds), len(plan.updates), len(plan.new_orgs)) == (4, 1, 2)
        before = counts(store)
        real_insert, real_many = store.insert, store.insert_many
        calls = []

        def flaky(real):
            def write(*args, **kwargs):
                calls.append(args[0])
                if len(calls) > fail_at:
                    raise StoreError("模拟故障")
                return real(*args, **kwargs)
            return write

        store.insert_many = flaky(real_many)
        store.insert = flaky(real_insert)
        with pytest.raises(StoreError, match="模拟故障"):
            apply_import(store, plan, ON)
        del store.insert, store.insert_many
        assert counts(store) == before
        assert audit.verify(store.conn).ok
    finally:
        store.close()


# --- real-shaped sheets (issue 10) ----------------------------------------------------------------

LABELS = sorted({label for labels in COLUMNS.values() for label in labels}
                | {"序号", "党籍状态", "是否流动党员", "是否失联党员", "党龄", "学位"})
PLACEHOLDERS = ["-", "－", "—", "——", "/", "／", "无", "暂无", "空", "（无）", "無", "不详", "…", "一"]
FOOTERS = [["合计", "3人"], ["小计"], ["总计：5人"], ["制表人：某某", None, "审核人：某某"],
           [None, None, "填报日期：2025年6月30日"], ["注：以户籍为准"], [],
           ["以上共2人", "其中预备党员1人"], ["单位（盖章）：", None, "负责人（签字）："],
           ["本页小计", None, None, "2"], ["例", "张三", "男"], ["男", "1人", "女", "1人"]]
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10)


@st.composite
def real_sheets(draw):
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=9, unique=True))
    if draw(st.integers(0, 3)):
        labels = ["姓名", "入党日期", *[c for c in labels if c not in ("姓名", "入党日期")]]
    cell = st.one_of(st.sampled_from(PLACEHOLDERS), any_text, dates, id_numbers(), st.none(),
                     st.sampled_from(["张三", "阿依古丽•买买提", "刘䶮", "男", "女", "13800001111",
                                      "第一党支部", "预备党员", "'13800001111", '="13800001111"']))
    body = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            body.append(draw(st.sampled_from(FOOTERS)))
        elif kind == 1:
            body.append(list(labels))
        else:
            body.append([draw(GOOD.get(c, cell) if draw(st.booleans()) else cell) for c in labels])
    title = draw(st.lists(st.lists(st.one_of(st.none(), any_text), max_size=2), max_size=2))
    return [*title, labels, *body], draw(st.sampled_from(["xlsx", "csv"]))


@pytest.fixture(scope="module")
def template_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "template.sqlite"
    store = open_store(path, actor="模糊测试")
    root = orgs.create(store, "R", "测试党委", "党委")
    branch = orgs.create(store, "R-01", "第一党支部", "党支部", root)
    members.add(store, members.Member("张三", id_number="330402198001011236",
                                      joined_on="2001-07-01"), branch)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def write_rows(rows, kind: str, folder: Path) -> Path:
    if kind == "xlsx":
        clean = [[c if not isinstance(c, str) else "".join(ch for ch in c if ch >= " " or ch == "\n")
                  for c in row] for row in rows]
        return save(clean, folder)
    path = folder / "r.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def snapshot(path: Path) -> bytes:
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@FUZZ
@given(real_sheets())
def test_real_shaped_sheets_import_or_are_refused_by_row_leaving_the_file_as_it_was(
        template_file, sheet):
    rows, kind = sheet
    folder = Path(tempfile.mkdtemp())
    try:
        path = write_rows(rows, kind, folder)
        ledger_file = folder / "ledger.sqlite"
        shutil.copy(template_file, ledger_file)
        before = snapshot(ledger_file)
        try:
            roster = read_sheet(path)
        except RosterFileError as exc:
            assert path.name in str(exc)
            event("file error")
            assert main(["--db", str(ledger_file), "roster", "import", str(path)]) == 2
            assert snapshot(ledger_file) == before
            return
        store = open_store(ledger_file, actor="模糊测试")
        try:
            plan = plan_import(store, roster, ON)
            if not plan.ok:
                for error in plan.errors:
                    assert error.row > roster.header_row
                    assert str(error).startswith(f"第 {error.row} 行")
                    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.reason)
                with pytest.raises(ImportRefused):
                    apply_import(store, plan, ON)
        finally:
            store.close()
        if not plan.ok:
            event("refused by row")
            assert snapshot(ledger_file) == before
            assert main(["--db", str(ledger_file), "roster", "import", str(path),
                         "--date", ON]) == 1
            assert snapshot(ledger_file) == before
        else:
            event("imported")
            assert main(["--db", str(ledger_file), "roster", "import", str(path),
                         "--date", ON]) == 0
            store = open_store(ledger_file)
            assert store.query_one("SELECT count(*) AS n FROM members")["n"] == 1 + len(plan.adds)
            assert audit.verify(store.conn).ok
            store.close()
    finally:
        shutil.rmtree(folder)
