"""`shilu appraisal …`: a year's 民主评议党员 typed in from the command line, from an empty ledger."""
import pytest

from desktop_app.cli.main import main
from desktop_app.core.store import open_store
from tests.core.rules_builder import NAMES, Branch


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "ledger.sqlite"
    store = open_store(path)
    Branch(store, "jiaxing-2016")
    store.close()
    return path


def shilu(ledger_file, *args):
    return main(["--db", str(ledger_file), "appraisal", *args])


def test_a_year_of_appraisal_from_the_command_line(ledger_file, capsys):
    year = ("--org", "B", "--year", "2025")
    assert shilu(ledger_file, "show", *year) == 1
    assert "尚未建立" in capsys.readouterr().err
    assert shilu(ledger_file, "start", *year, "--on", "2025-12-01") == 0
    for step, day in (("个人自评", 2), ("党员互评", 3), ("群众测评", 5), ("支部考评", 8)):
        assert shilu(ledger_file, "step", *year, "--step", step, "--on", f"2025-12-0{day}") == 0
    for name, result in zip(NAMES, ("优秀", "合格", "合格", "合格", "合格", "不合格")):
        assert shilu(ledger_file, "result", *year, "--member", name, "--result", result) == 0
    assert shilu(ledger_file, "result", *year, "--member", "无名氏", "--result", "合格") == 1
    assert "本支部没有党员名为“无名氏”" in capsys.readouterr().err
    assert shilu(ledger_file, "decide", *year, "--on", "2025-12-10", "--decision", "一致通过") == 0
    out = capsys.readouterr().out
    assert "评议结果：优秀1人，合格4人，基本合格0人，不合格1人" in out
    assert "处置待办 #1：己六 2025年度民主评议不合格：限期改正，期限 2026-06-08" in out
    assert shilu(ledger_file, "handle", "--action", "1", "--outcome", "未改正",
                 "--on", "2026-06-08") == 0
    assert "下一步 #2：己六 2025年度民主评议不合格：劝退，期限 2026-07-08" in capsys.readouterr().out
    assert shilu(ledger_file, "show", *year) == 0
    out = capsys.readouterr().out
    assert "步骤：个人自评 2025-12-02；党员互评 2025-12-03；群众测评 2025-12-05；支部考评 2025-12-08" in out
    assert "处置 #1 己六 2025年度民主评议不合格：限期改正，期限 2026-06-08（2026-06-08 未改正）" in out
    store = open_store(ledger_file)
    assert store.query_one("SELECT COUNT(*) AS n FROM appraisal_results")["n"] == 6
    store.close()
