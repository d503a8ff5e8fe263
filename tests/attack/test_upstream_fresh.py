"""A fresh user's upstream round trip, from an empty ledger, through `shilu` only: a branch sends
its quarter, then a correction, and both land on one stick (paths with spaces and Chinese). The
office must take the correction, not whichever file name sorts last, and must not call the
original arriving beside its own correction a rollback."""
import errno
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli.main import main
from desktop_app.core import durable, paths

BRANCH_PASS, OFFICE_PASS = "支部口令2026", "上级口令2026"


def _ok(*argv) -> None:
    assert main([str(a) for a in argv]) == 0, argv


@pytest.fixture(scope="module")
def stick(tmp_path_factory) -> Path:
    """A stick holding 第一 支部 2026Q3.zip (one 支委会) and its correction (a 主题党日 added
    with a reason), plus the branch's public key; the original sorts after the correction."""
    work = tmp_path_factory.mktemp("上级 往返")
    mp = pytest.MonkeyPatch()
    (work / "支部 数据").mkdir()
    mp.setattr(paths, "data_dir", lambda: work / "支部 数据")
    mp.setenv("SHILU_PASSPHRASE", BRANCH_PASS)
    db = ["--db", work / "账本 一" / "b1.sqlite"]
    (work / "账本 一").mkdir()
    out = work / "U盘 E"
    out.mkdir()
    try:
        _ok(*db, "org", "add", "--code", "SQ01", "--name", "某社区党委", "--kind", "党委",
            "--start", "2026-07-01")
        _ok(*db, "org", "add", "--code", "SQ01-01", "--name", "第一党支部", "--parent", "SQ01")
        for name in ("张三", "李四", "王五"):
            _ok(*db, "member", "add", "--name", name, "--org", "SQ01-01", "--joined", "2010-07-01",
                "--confirmed", "2011-07-01")
        _ok(*db, "meetings", "add", "--org", "SQ01-01", "--kind", "支委会", "--date", "2026-07-20",
            "--topic", "学习")
        _ok(*db, "keys", "init")
        _ok(*db, "keys", "show", "-o", out / "第一支部 公钥.pem")
        _ok(*db, "export", "bundle", "--org", "SQ01-01", "--period", "2026Q3",
            "-o", out / "第一 支部 2026Q3.zip")
        _ok(*db, "meetings", "add", "--org", "SQ01-01", "--kind", "主题党日", "--date", "2026-08-25",
            "--topic", "补录", "--day-kind", "学习日", "--reason", "漏录补登")
        _ok(*db, "export", "bundle", "--org", "SQ01-01", "--period", "2026Q3",
            "-o", out / "第一 支部 2026Q3 更正.zip")
    finally:
        mp.undo()
    assert sorted(p.name for p in out.glob("*.zip"))[-1] == "第一 支部 2026Q3.zip"
    return out


def _extract(bundle: Path) -> dict:
    with zipfile.ZipFile(bundle) as z:
        name = next(n for n in z.namelist() if n.endswith("data/ledger-extract.json"))
        return json.loads(z.read(name))


@pytest.fixture
def office(stick, tmp_path, monkeypatch):
    """An upstream office with no ledger that has registered the branch's key."""
    (tmp_path / "工委 数据").mkdir()
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "工委 数据")
    monkeypatch.setenv("SHILU_PASSPHRASE", OFFICE_PASS)
    office = ["--db", tmp_path / "没有账本.sqlite"]
    _ok(*office, "trust", "add", "SQ01-01", stick / "第一支部 公钥.pem")
    return office


def test_a_correction_lists_the_corrected_meeting_once(stick):
    # one meeting added with 3 members' attendance: one corrected record, not four
    correction = _extract(stick / "第一 支部 2026Q3 更正.zip")["correction"]
    assert correction["of"] == "SQ01-01-2026Q3"
    assert [(r["ref"], r["action"], r["reason"]) for r in correction["records"]] == [
        ("meeting:2", "补录", "漏录补登")]


def test_the_trend_sheet_takes_the_correction_not_the_file_sorted_last(stick, office, tmp_path):
    _ok(*office, "aggregate", stick, "-o", tmp_path / "汇总 表.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "汇总 表.xlsx")["各支部趋势"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    # the correction holds 2 meetings (支委会 + 主题党日), the original 1
    held = [sum(n["held"] for n in _extract(stick / name)["requirements"])
            for name in ("第一 支部 2026Q3.zip", "第一 支部 2026Q3 更正.zip")]
    assert held[1] > held[0]
    assert rows[1][0] == "第一党支部（SQ01-01）"
    assert rows[1][1].startswith(f"会议 {held[1]}/")


def test_the_original_beside_its_correction_is_not_called_a_rollback(stick, office, capsys):
    capsys.readouterr()
    _ok(*office, "aggregate", stick)
    out = capsys.readouterr().out
    assert "共 2 个包：有效 2" in out
    assert "审计链倒退" not in out and "没有标为更正包" not in out


def test_a_correction_lists_only_its_own_branch(tmp_path, monkeypatch):
    # a 党委's ledger with two branches: 第二党支部 adding a Q3 meeting after 第一党支部 sent Q3
    # is no correction of 第一党支部's bundle
    (tmp_path / "数据").mkdir()
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "数据")
    monkeypatch.setenv("SHILU_PASSPHRASE", BRANCH_PASS)
    db = ["--db", tmp_path / "党委 账本.sqlite"]
    _ok(*db, "org", "add", "--code", "SQ01", "--name", "某社区党委", "--kind", "党委",
        "--start", "2026-07-01")
    for code, name, member in (("SQ01-01", "第一党支部", "甲"), ("SQ01-02", "第二党支部", "乙")):
        _ok(*db, "org", "add", "--code", code, "--name", name, "--parent", "SQ01")
        _ok(*db, "member", "add", "--name", member, "--org", code, "--joined", "2010-07-01",
            "--confirmed", "2011-07-01")
    _ok(*db, "keys", "init")
    _ok(*db, "export", "bundle", "--org", "SQ01-01", "--period", "2026Q3", "-o", tmp_path / "一.zip")
    _ok(*db, "meetings", "add", "--org", "SQ01-02", "--kind", "主题党日", "--date", "2026-08-20",
        "--topic", "学习", "--day-kind", "学习日", "--reason", "第二支部补登")
    _ok(*db, "meetings", "add", "--org", "SQ01-01", "--kind", "主题党日", "--date", "2026-08-21",
        "--topic", "学习", "--day-kind", "学习日", "--reason", "第一支部补登")
    _ok(*db, "export", "bundle", "--org", "SQ01-01", "--period", "2026Q3",
        "-o", tmp_path / "一 更正.zip")
    records = _extract(tmp_path / "一 更正.zip")["correction"]["records"]
    assert [(r["ref"], r["reason"]) for r in records] == [("meeting:2", "第一支部补登")]


def test_a_summary_for_a_pulled_stick_is_one_chinese_line(stick, tmp_path):
    # run as the user does, so that what Python prints on the way out is seen too
    pulled = tmp_path / "拔出 的U盘" / "汇总 表.xlsx"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]),
           "XDG_DATA_HOME": str(tmp_path / "工委 数据")}
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(tmp_path / "无.sqlite"),
                           "aggregate", str(stick), "-o", str(pulled)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == f"错误：无法在 {pulled.parent} 中写入文件：文件夹不存在（U 盘是否已拔出？）"
    assert not pulled.parent.exists()


def test_a_second_review_never_overwrites_the_receipt_already_signed(stick, office, tmp_path,
                                                                      capsys):
    bundle = tmp_path / "收到 的包.zip"
    bundle.write_bytes((stick / "第一 支部 2026Q3 更正.zip").read_bytes())
    _ok(*office, "upstream", "key", "init")
    _ok(*office, "review", bundle, "--return", "--comment", "党课未开")
    issued = tmp_path / "回执-SQ01-01-2026Q3-C1.json"
    first = issued.read_bytes()
    capsys.readouterr()
    assert main([str(a) for a in (*office, "review", bundle, "--pass")]) == 1
    assert capsys.readouterr().err.strip() == (
        f"错误：{issued} 已存在（此前签发的回执），没有覆盖：另给文件名用 -o。")
    assert issued.read_bytes() == first
    _ok(*office, "review", bundle, "--pass", "-o", tmp_path / "回执 第二次.json")


def test_a_period_before_the_start_date_is_refused_in_words(tmp_path, monkeypatch, capsys):
    (tmp_path / "数据").mkdir()
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "数据")
    monkeypatch.setenv("SHILU_PASSPHRASE", BRANCH_PASS)
    ledger = tmp_path / "新 账本.sqlite"
    db = ["--db", ledger]
    _ok(*db, "org", "add", "--code", "A1", "--name", "甲党委", "--kind", "党委", "--start", "2026-07-01")
    _ok(*db, "org", "add", "--code", "A1-01", "--name", "甲一党支部", "--parent", "A1")
    _ok(*db, "keys", "init")
    capsys.readouterr()
    out = tmp_path / "U盘" / "六月.zip"
    out.parent.mkdir()
    assert main([str(a) for a in (*db, "export", "bundle", "--org", "A1-01", "--period", "2026-06",
                                  "-o", out)]) == 1
    assert capsys.readouterr().err.strip() == (
        "错误：2026年6月在甲一党支部的启用日期 2026-07-01 之前：本软件没有这段时间的记录，不能报送。")
    assert list(out.parent.iterdir()) == []
    assert sqlite3.connect(ledger).execute("SELECT count(*) FROM seals").fetchone() == (0,)


def test_a_correction_with_nothing_changed_says_so_in_its_readme(tmp_path, monkeypatch):
    (tmp_path / "数据").mkdir()
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "数据")
    monkeypatch.setenv("SHILU_PASSPHRASE", BRANCH_PASS)
    db = ["--db", tmp_path / "账本.sqlite"]
    _ok(*db, "org", "add", "--code", "A1", "--name", "甲党委", "--kind", "党委", "--start", "2026-07-01")
    _ok(*db, "org", "add", "--code", "A1-01", "--name", "甲一党支部", "--parent", "A1")
    _ok(*db, "keys", "init")
    for name in ("一.zip", "二 丢了 再导.zip"):        # the first stick was lost
        _ok(*db, "export", "bundle", "--org", "A1-01", "--period", "2026Q3", "-o", tmp_path / name)
    with zipfile.ZipFile(tmp_path / "二 丢了 再导.zip") as z:
        text = z.read("A1-01-2026Q3-C1/data/说明.txt").decode("utf-8")
    assert "更正：本包更正 A1-01-2026Q3，更正的记录共 0 条（记录没有改动，重新导出）。\n" in text


def test_a_stick_pulled_after_the_seal_says_the_period_is_sealed(tmp_path, monkeypatch, capsys):
    (tmp_path / "数据").mkdir()
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "数据")
    monkeypatch.setenv("SHILU_PASSPHRASE", BRANCH_PASS)
    db = ["--db", tmp_path / "账本.sqlite"]
    _ok(*db, "org", "add", "--code", "A1", "--name", "甲党委", "--kind", "党委", "--start", "2026-07-01")
    _ok(*db, "org", "add", "--code", "A1-01", "--name", "甲一党支部", "--parent", "A1")
    _ok(*db, "keys", "init")
    stick = tmp_path / "U盘 E"
    stick.mkdir()
    real = os.replace

    def pulled(source, target):         # the zip is complete; the stick goes at the rename
        if str(target).endswith("报送.zip"):
            raise OSError(errno.EIO, "I/O error")
        return real(source, target)
    monkeypatch.setattr(durable.os, "replace", pulled)
    capsys.readouterr()
    argv = (*db, "export", "bundle", "--org", "A1-01", "--period", "2026Q3", "-o", stick / "报送.zip")
    assert main([str(a) for a in argv]) == 1
    assert capsys.readouterr().err.strip() == (
        f"错误：写入 {stick / '报送.zip'} 失败：读写错误（U 盘是否已拔出？） 期间已封存并记为已报送 "
        "A1-01-2026Q3：请插好 U 盘重新导出（将作为更正包；上级会看到前一个包没有收到）。")
    assert list(stick.iterdir()) == []
    monkeypatch.setattr(durable.os, "replace", real)
    _ok(*argv)
    assert _extract(stick / "报送.zip")["correction"]["of"] == "A1-01-2026Q3"
