"""`shilu board` and `shilu disclosure` on a ledger file."""
import os
import subprocess
import sys

import pytest

from desktop_app.cli.main import main
from desktop_app.core.disclosure import checklist, items
from desktop_app.core.store import open_store
from tests.core.disclosure_helpers import community
from tests.core.export_helpers import flat, pdf_text


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "ledger.sqlite"
    store = open_store(path)
    town = community(store)
    checklist.mark_posted(store, town.root, items.find(store, town.root, 2), "2025-03-01",
                          today="2025-12-31")
    store.close()
    return path


def test_disclosure_lists_each_item_with_its_status(ledger_file, capsys):
    assert main(["--db", str(ledger_file), "disclosure", "--org", "C", "--year", "2025",
                 "--today", "2025-08-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("和平社区党委 2025年 党务公开清单（截至 2025-08-01）")
    assert "  2. [已公开] 社区干部和联居干部基本情况" in out
    assert "党务公开 · 随时 · 取自账本 · 于 2025-03-01 公开" in out
    assert " 14. [未公开] 社区公约\n       居务公开 · 随时 · 录入 · 还没有登记过公开；须经居务监督委员会审查" in out
    assert out.rstrip().endswith("合计：已公开 1 项，待更新 0 项，未公开 13 项")


def test_board_prints_a_pdf_and_names_its_personal_data(ledger_file, tmp_path, capsys):
    target = tmp_path / "干部.pdf"
    assert main(["--db", str(ledger_file), "board", "2", "--org", "C", "--posted-on",
                 "2025-03-01", "--paper", "A3", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"已导出：{target}" in out and "姓名、入党时间、职务、联系电话" in out
    assert "赵书记书记入党时间1990年7月电话13800000000" in flat(pdf_text(target))


def test_board_only_reads_so_it_never_loads_the_write_lock(ledger_file, tmp_path):
    # The lock (and psutil, which judges a stale one) is taken by the first write only.
    target = tmp_path / "干部.pdf"
    args = ["--db", str(ledger_file), "board", "2", "--org", "C", "--posted-on", "2025-03-01",
            "-o", str(target)]
    probe = (f"import sys\nfrom desktop_app.cli.main import main\ncode = main({args!r})\n"
             "print(code, sorted(m for m in sys.modules if m.split('.')[0] == 'psutil'))")
    # An empty temp folder: a killed backup's staging folder there (another test's, another
    # process's) would rightly load psutil to ask whether its process is gone.
    quiet_tmp = tmp_path / "tmp"
    quiet_tmp.mkdir()
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env={**os.environ, "TMPDIR": str(quiet_tmp)}).stdout
    assert out.splitlines()[-1] == "0 []" and target.stat().st_size > 0
    assert not list(tmp_path.glob("ledger.sqlite.lock*"))


def test_board_errors_are_sentences(ledger_file, tmp_path, capsys):
    assert main(["--db", str(ledger_file), "board", "14", "--org", "C",
                 "-o", str(tmp_path / "x.pdf")]) == 1
    assert "“社区公约”还没有录入内容" in capsys.readouterr().err
    assert main(["--db", str(ledger_file), "board", "2", "--org", "C",
                 "-o", str(tmp_path / "x.docx")]) == 2
    assert "扩展名应为 .pdf" in capsys.readouterr().err
    assert main(["--db", str(ledger_file), "board", "6", "--org", "C", "--period", "2025X",
                 "-o", str(tmp_path / "x.pdf")]) == 1
    assert "无法识别的期间" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_every_entered_board_and_the_commitments_are_filled_from_the_command_line(
        ledger_file, tmp_path, capsys):
    db = str(ledger_file)
    red_lines = tmp_path / "redlines.txt"
    red_lines.write_text("一、理想信念动摇。\n二、连续6个月不参加组织生活。", encoding="gb18030")
    assert main(["--db", db, "disclosure", "text", "4", "--org", "C", "--file", str(red_lines),
                 "--on", "2025-03-01"]) == 0
    assert "已录入“不合格党员认定“十大红线””（2025-03-01" in capsys.readouterr().out
    guide = tmp_path / "guide.txt"
    guide.write_bytes(b"\xef\xbb\xbf" + "咨询电话：0573-8200000".encode())
    assert main(["--db", db, "disclosure", "text", "13", "--org", "C", "--file", str(guide),
                 "--on", "2025-03-01"]) == 0
    hidden = tmp_path / "hidden.txt"
    hidden.write_text("联系人 ３３０１０２１９９００１０１１２３４", encoding="utf-8")
    assert main(["--db", db, "disclosure", "text", "14", "--org", "C", "--file",
                 str(hidden)]) == 1
    assert "身份证号“３３０１０２１９９００１０１１２３４”" in capsys.readouterr().err
    promises = tmp_path / "promises.txt"
    promises.write_text("党组织：每月开展志愿服务\n党组织：落实三务公开\n赵书记：带头服务群众\n"
                        "李党员：做好邻里调解\n", encoding="utf-8")
    assert main(["--db", db, "disclosure", "commitments", "--org", "C", "--year", "2025",
                 "--file", str(promises), "--on", "2025-02-01"]) == 0
    assert "党组织 2 项，党员 2 人" in capsys.readouterr().out
    for ref, period in (("4", "2025"), ("7", "2025"), ("13", "2025")):
        target = tmp_path / f"b{ref}.pdf"
        assert main(["--db", db, "board", ref, "--org", "C", "--period", period,
                     "--posted-on", "2025-06-01", "-o", str(target)]) == 0
    assert "连续6个月不参加组织生活" in flat(pdf_text(tmp_path / "b4.pdf"))
    assert "赵书记带头服务群众" in flat(pdf_text(tmp_path / "b7.pdf"))
    assert "0573-8200000" in flat(pdf_text(tmp_path / "b13.pdf"))


def test_disclosure_without_org_or_year_says_how(ledger_file, capsys):
    assert main(["--db", str(ledger_file), "disclosure", "--org", "C"]) == 2
    assert "请用 --org 和 --year" in capsys.readouterr().err
