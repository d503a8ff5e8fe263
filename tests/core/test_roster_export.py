"""Roster export: who is on it, what is masked, what it says about personal data, round trip."""
import pytest
from openpyxl import load_workbook

from desktop_app.cli.main import main
from desktop_app.core import members, orgs
from desktop_app.core.durable import ExportWriteError
from desktop_app.core.roster.export import export_roster, mask_phone
from desktop_app.core.roster.apply import apply_import
from desktop_app.core.roster.plan import plan_import
from desktop_app.core.roster.sheet import read_sheet
from desktop_app.core.store import open_store

ON = "2025-12-31"


def sheet_rows(path):
    ws = load_workbook(path)["花名册"]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def in_register(store, on_date):
    return {m.name for m in members.expected_on(store, orgs.root(store).id, on_date)}


def test_export_holds_everyone_in_register_masked(demo_store, tmp_path):
    path = tmp_path / "花名册.xlsx"
    count = export_roster(demo_store, path, ON)
    rows = sheet_rows(path)
    header = rows[2]
    assert header[:4] == ["序号", "姓名", "性别", "民族"]
    data = [r for r in rows[3:] if r[1]]
    assert count == len(data) == len(in_register(demo_store, ON))
    assert {r[1] for r in data} == in_register(demo_store, ON)
    gone = demo_store.query("SELECT name FROM members WHERE status != '在册'")
    assert gone and not {g["name"] for g in gone} & {r[1] for r in data}
    ids = [r[header.index("身份证号")] for r in data]
    phones = [r[header.index("联系电话")] for r in data]
    assert all(len(i) == 18 and i[3:14] == "*" * 11 for i in ids)
    assert all("****" in p for p in phones)
    stored_ids = {m["id_number"] for m in demo_store.query("SELECT id_number FROM members")}
    assert not set(ids) & stored_ids
    assert "已隐去" in rows[1][0] and "个人信息" in rows[1][0]
    assert "个人信息" in [r for r in rows if r[0]][-1][0]          # the footer says it again
    assert str(count) in rows[0][0] and ON in rows[0][0]


def test_sensitive_export_says_so_and_round_trips(demo_store, tmp_path):
    path = tmp_path / "full.xlsx"
    export_roster(demo_store, path, ON, include_sensitive=True)
    rows = sheet_rows(path)
    assert "敏感个人信息" in rows[1][0]
    sheet = read_sheet(path)
    plan = plan_import(demo_store, sheet, ON)
    assert plan.ok, [str(e) for e in plan.errors[:5]]
    assert (plan.adds, plan.updates, plan.new_orgs) == ([], [], [])
    assert plan.unchanged == len(in_register(demo_store, ON))
    assert plan.warnings == []   # the title and footer lines are not read as members


def test_export_imports_into_a_fresh_ledger(demo_store, tmp_path, store):
    path = tmp_path / "full.xlsx"
    count = export_roster(demo_store, path, ON, include_sensitive=True)
    orgs.create(store, "NEW", "新社区党委", "党委")
    plan = plan_import(store, read_sheet(path), ON)
    assert plan.ok, [str(e) for e in plan.errors[:5]]
    summary = apply_import(store, plan, ON)
    assert summary.added == count
    exported_again = tmp_path / "again.xlsx"
    export_roster(store, exported_again, ON, include_sensitive=True)
    first = sorted(r[1:] for r in sheet_rows(path)[3:] if r[1])
    second = sorted(r[1:] for r in sheet_rows(exported_again)[3:] if r[1])
    assert first == second


def test_mask_phone():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0573-8200123") == "057*****0123"
    assert mask_phone(None) == ""


def test_target_that_cannot_be_replaced_leaves_nothing(demo_store, tmp_path):
    out = tmp_path / "out"
    (out / "x.xlsx").mkdir(parents=True)        # a folder where the file should go
    with pytest.raises(ExportWriteError, match="写入"):
        export_roster(demo_store, out / "x.xlsx", ON)
    assert [p.name for p in out.iterdir()] == ["x.xlsx"]


def test_missing_folder_is_a_clear_error(demo_store, tmp_path):
    with pytest.raises(ExportWriteError, match="无法在"):
        export_roster(demo_store, tmp_path / "no" / "x.xlsx", ON)


def test_cli_export(tmp_path, demo_template, capsys):
    import shutil
    db = tmp_path / "l.sqlite"
    shutil.copy(demo_template, db)
    out = tmp_path / "e.xlsx"
    assert main(["--db", str(db), "roster", "export", str(out), "--date", ON]) == 0
    assert "已隐去部分数字" in capsys.readouterr().out
    assert "****" in str(sheet_rows(out)[3])
    assert main(["--db", str(db), "roster", "export", str(out), "--date", ON,
                 "--with-sensitive"]) == 0
    s = open_store(db)
    first_id = s.query_one("SELECT id_number FROM members WHERE id_number IS NOT NULL")["id_number"]
    s.close()
    assert any(first_id in str(r) for r in sheet_rows(out))
    assert main(["--db", str(db), "roster", "export", str(tmp_path / "no" / "e.xlsx")]) == 1
    assert "无法在" in capsys.readouterr().err


def test_full_disk_leaves_nothing_under_the_final_name(demo_store, tmp_path, monkeypatch):
    import errno

    from openpyxl import Workbook

    def full(self, filename):
        open(filename, "wb").write(b"PK\x03\x04 half")
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(Workbook, "save", full)
    with pytest.raises(ExportWriteError, match="磁盘已满"):
        export_roster(demo_store, out / "x.xlsx", ON)
    assert list(out.iterdir()) == []
