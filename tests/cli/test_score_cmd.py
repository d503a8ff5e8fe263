"""`shilu pioneer`, `shilu stars` and `shilu checklist` on a ledger file."""
import json

import pytest

from desktop_app.cli.main import main
from desktop_app.core.scoring import entries, pioneer
from desktop_app.core.store import open_store
from tests.core.rules_builder import Branch


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "ledger.sqlite"
    store = open_store(path)
    branch = Branch(store, "county-six-star")
    branch.meeting("党课", "2025-03-10", attendees=branch.members[1:], absent=[branch.secretary])
    entries.add_entry(store, branch.branch, branch.members[1], "2025H1", "conduct", 5,
                      "网格值守缺岗两次", "2025-06-10")
    store.close()
    return path


def test_pioneer_prints_scores_and_every_deduction_with_its_reason(ledger_file, capsys):
    assert main(["--db", str(ledger_file), "pioneer", "--org", "B", "--period", "2025H1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("测试党支部 2025年上半年 机关党员先锋指数考评表（110分制）")
    assert "甲一  68 分  ★★\n" in out and "丙三  73 分  ★★★\n" in out    # 70 − 2; 70 + 3
    assert "−2  [组织生活] 无故缺席“三会一课”：无故缺席1次：3月10日党课" in out
    assert "−5  [纪律作风] 违反纪律作风（经支委会认定）：网格值守缺岗两次" in out


def test_pioneer_json_and_the_published_snapshot(ledger_file, capsys):
    assert main(["--db", str(ledger_file), "pioneer", "--org", "B", "--period", "2025H1",
                 "--published"]) == 1
    assert "尚未公布" in capsys.readouterr().err
    store = open_store(ledger_file)
    pioneer.publish(store, store.query_one("SELECT id FROM organisations WHERE code = 'B'")["id"],
                    "2025H1", "2025-07-03")
    store.close()
    assert main(["--db", str(ledger_file), "pioneer", "--org", "B", "--period", "2025上半年",
                 "--published", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["period"], data["published_on"], data["profile_id"]) == (
        "2025H1", "2025-07-03", "county-six-star")
    second = next(m for m in data["members"] if m["name"] == "乙二")
    assert second["score"] == 70 + 3 - 5
    assert set(second) == {"member_id", "name", "score", "grade", "stars", "warned", "exemption",
                           "lines"}


def test_stars_and_checklist(ledger_file, capsys):
    assert main(["--db", str(ledger_file), "stars", "--org", "B", "--year", "2025",
                 "--today", "2026-01-10"]) == 0
    out = capsys.readouterr().out
    assert "测试党支部 2025年 党支部标准化“六星”评定：无星（0/6 星，目标 5 星）软弱涣散，列入整顿" in out
    assert "☆ 基本活动：已销号 0/2" in out
    assert main(["--db", str(ledger_file), "checklist", "--org", "B", "--year", "2025",
                 "--today", "2026-01-10", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 12 and {i["status"] for i in items} == {"未达标"}
    assert next(i for i in items if i["id"] == "co-role-pioneer")["decided_by"] == "先锋指数"
