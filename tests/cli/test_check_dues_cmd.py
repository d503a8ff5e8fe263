"""`shilu check` and `shilu dues` on a ledger file."""
import json

import pytest

from desktop_app.cli.main import main
from desktop_app.core.store import open_store
from tests.core.rules_builder import Branch


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "ledger.sqlite"
    store = open_store(path)
    branch = Branch(store, "jiaxing-2016")
    branch.meeting("支委会", "2025-07-10", attendees=[branch.secretary])
    store.close()
    return path


def test_check_prints_findings_grouped_by_status_with_citation(ledger_file, capsys):
    assert main(["--db", str(ledger_file), "check", "--org", "B", "--period", "2025Q3",
                 "--today", "2025-08-20"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("测试党支部 2025年第3季度 体检（规则档案：嘉兴经开区社区党组织55条基本要求（2016））")
    due_soon = out.index("【即将到期】")
    committee = out.index("jx-11-committee  支委会每月至少1次")
    assert out.index("【缺失】") < due_soon < committee
    assert "依据：嘉兴经开区55条 第11条：“支部委员会和党小组会每月至少1次”" in out


def test_check_json_for_scripts(ledger_file, capsys):
    assert main(["--db", str(ledger_file), "check", "--org", "B", "--period", "2025-07",
                 "--today", "2025-08-20", "--format", "json", "--profile", "national-2018"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["profile"], data["start"], data["end"]) == ("national-2018", "2025-07-01",
                                                             "2025-07-31")
    committee = next(f for f in data["findings"] if f["rule_id"] == "cn-19-committee")
    assert committee["status"] == "达标" and len(committee["evidence"]["meetings"]) == 1
    assert committee["org"] == "测试党支部"


def test_dues_commands_from_base_to_settlement(ledger_file, capsys):
    db = ["--db", str(ledger_file), "dues"]
    assert main([*db, "base", "set", "--org", "B", "--member", "甲一", "--year", "2025",
                 "--category", "在职", "--income", "4,000"]) == 0
    assert main([*db, "pay", "--org", "B", "--member", "甲一", "--months", "2025-07，2025-08",
                 "--date", "2025年8月3日"]) == 0
    assert main([*db, "settle", "--org", "B", "--quarter", "2025Q3", "--date", "2025-10-08"]) == 0
    assert main([*db, "quarter", "--org", "B", "--quarter", "2025Q3"]) == 0
    assert main([*db, "arrears", "--org", "B", "--through", "2025-12"]) == 0
    out = capsys.readouterr().out
    assert "已核定 2025 年每月党费 40.00 元" in out
    assert "收据 B-2025-0001：2025-07、2025-08，共 80.00 元" in out
    assert "2025Q3 已结算，上交 80.00 元" in out
    assert "已于 2025-10-08 结算上交 80.00 元" in out
    assert "乙二\t欠交6个月，计 0.00 元（另6个月未核定基数）（连续6个月未交）" in out     # the record starts in July
    assert main([*db, "base", "set", "--org", "B", "--member", "甲一", "--year", "2025",
                 "--category", "在职", "--income", "四千"]) == 1
    assert "金额“四千”无法识别" in capsys.readouterr().err
