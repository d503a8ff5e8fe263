"""`shilu board` and `shilu disclosure` on a ledger file."""
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
