"""`shilu plan`, `shilu signin`, `shilu record`: files written, Chinese errors, nothing half-written."""
import errno
import os

import docx
from openpyxl import load_workbook

from desktop_app.cli.main import main
from export_helpers import flat, held_meeting, pdf_text


def test_signin_and_record_from_the_command_line(demo_store, tmp_path, capsys):
    meeting_id, expected = held_meeting(demo_store)
    db = str(tmp_path / "ledger.sqlite")
    assert main(["--db", db, "signin", str(meeting_id), "-o", str(tmp_path / "s.pdf")]) == 0
    assert expected[0].name in flat(pdf_text(tmp_path / "s.pdf"))
    assert main(["--db", db, "record", str(meeting_id), "-o", str(tmp_path / "r.pdf")]) == 0
    assert "支部党员大会记录" in flat(pdf_text(tmp_path / "r.pdf"))
    assert main(["--db", db, "record", str(meeting_id), "-o", str(tmp_path / "r.docx")]) == 0
    assert docx.Document(tmp_path / "r.docx").paragraphs[0].text == "支部党员大会记录"
    assert "已导出" in capsys.readouterr().out


def test_plan_needs_an_organisation_when_there_are_several(demo_store, tmp_path, capsys):
    db = str(tmp_path / "ledger.sqlite")
    out = tmp_path / "plan.xlsx"
    assert main(["--db", db, "plan", "--year", "2025", "-o", str(out)]) == 1
    assert "请用 --org 指定组织代码" in capsys.readouterr().err and not out.exists()
    assert main(["--db", db, "plan", "--year", "2025", "--org", "DEMO-01", "-o", str(out)]) == 0
    assert load_workbook(out).active["A1"].value == "示范社区党委第一党支部2025年党员固定活动日计划表"
    assert main(["--db", db, "plan", "--year", "2025", "--org", "DEMO-01",
                 "-o", str(tmp_path / "plan.pdf")]) == 0
    assert "党员固定活动日计划表" in flat(pdf_text(tmp_path / "plan.pdf"))


def test_wrong_extension_and_missing_meeting(demo_store, tmp_path, capsys):
    db = str(tmp_path / "ledger.sqlite")
    assert main(["--db", db, "signin", "1", "-o", str(tmp_path / "s.docx")]) == 2
    assert "扩展名应为 .pdf" in capsys.readouterr().err
    assert main(["--db", db, "record", "4242", "-o", str(tmp_path / "r.pdf")]) == 1
    assert "找不到编号为 4242 的会议记录" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_failed_write_leaves_nothing_under_the_final_name(demo_store, tmp_path, capsys,
                                                          monkeypatch):
    meeting_id, _ = held_meeting(demo_store)
    db = str(tmp_path / "ledger.sqlite")
    missing = tmp_path / "拔出的U盘" / "r.pdf"
    assert main(["--db", db, "record", str(meeting_id), "-o", str(missing)]) == 1
    assert "无法在" in capsys.readouterr().err and not missing.parent.exists()

    out = tmp_path / "out"
    out.mkdir()

    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert main(["--db", db, "record", str(meeting_id), "-o", str(out / "r.docx")]) == 1
    assert "磁盘已满" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_without_a_chinese_font_the_book_says_so_and_the_ledger_needs_none(
        demo_store, tmp_path, capsys, monkeypatch):
    from desktop_app.core.exports import fonts
    monkeypatch.setattr(fonts, "candidates", lambda: [fonts.FontCandidate(str(tmp_path / "no.ttc"))])
    fonts.cjk_fonts.cache_clear()
    db = str(tmp_path / "ledger.sqlite")
    book = tmp_path / "book.pdf"
    assert main(["--db", db, "export", "book", "--org", "DEMO-01", "--year", "2025",
                 "-o", str(book)]) == 1
    assert "错误：找不到可用于打印的中文字体" in capsys.readouterr().err and not book.exists()
    ledger = tmp_path / "ledger.xlsx"
    assert main(["--db", db, "export", "ledger", "--org", "DEMO-01", "--year", "2025",
                 "-o", str(ledger)]) == 0
    assert load_workbook(ledger).sheetnames
