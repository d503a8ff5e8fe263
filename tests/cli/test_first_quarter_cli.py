"""Issue #9's first quarter, scripted with `shilu` alone on a new ledger path: organisations,
a national-system roster export, the 班子, dues bases and opening balance, two meetings, dues,
a 转出 and a 流动党员, study hours, and the 体检 findings worked out by hand."""
import json

from desktop_app.cli.main import main
from tests.first_quarter_story import (COMMITTEE, EXPECTED, MEMBERS, OPENING_THROUGH, PERIOD, START,
                                       TODAY, write_roster)


def test_a_first_quarter_from_the_command_line(tmp_path, capsys):
    ledger = tmp_path / "new" / "ledger.sqlite"
    ledger.parent.mkdir()

    def shilu(*args):
        code = main(["--db", str(ledger), *args])
        out, err = capsys.readouterr()
        assert code == 0, (args, out, err)
        return out

    shilu("org", "add", "--code", "SQ01", "--name", "某社区党委", "--kind", "党委")
    shilu("org", "add", "--code", "Z001", "--name", "某社区第一党支部", "--parent", "SQ01",
          "--start", START)
    assert "启用日期：2026-01-01" in shilu("org", "list")
    roster = write_roster(tmp_path / "党员信息导出.xlsx", "某社区第一党支部")
    out = shilu("roster", "import", str(roster), "--date", "2026-01-05")
    assert "新增 8 名" in out and "合计" in out
    for name, role in COMMITTEE:
        shilu("org", "roles", "set", "--org", "Z001", "--role", role, "--member", name, "--on", START)
    for name, *_ in MEMBERS:
        if name == "钱党员":
            shilu("dues", "base", "set", "--org", "Z001", "--member", name, "--year", "2026",
                  "--category", "离退休", "--income", "3000")
        else:
            shilu("dues", "base", "set", "--org", "Z001", "--member", name, "--year", "2026",
                  "--income", "4000")
    shilu("dues", "opening", "--org", "Z001", "--through", OPENING_THROUGH)
    out = shilu("meetings", "add", "--org", "Z001", "--kind", "支委会", "--date", "2026-01-08",
                "--topic", "研究部署第一季度工作")
    assert "应到 3 实到 3" in out
    out = shilu("meetings", "add", "--org", "Z001", "--kind", "支部党员大会", "--date", "2026-01-20",
                "--topic", "学习传达上级会议精神", "--leave", "赵党员:出差")
    assert "应到 8 实到 7 请假 1 缺席 0" in out
    assert "8 人交纳" in shilu("dues", "pay", "--org", "Z001", "--month", "2026-01", "--all",
                               "--date", "2026-01-20")
    shilu("member", "event", "周转出", "转出", "--date", "2026-02-10",
          "--counterpart", "某街道某社区党支部")
    shilu("member", "event", "孙流动", "流动外出", "--date", "2026-02-01", "--place", "广东省深圳市",
          "--cause", "务工", "--contact", "13800000006", "--reported-on", "2026-02-03",
          "--counterpart", "深圳市某区流动党员党支部")
    history = shilu("member", "show", "周转出")
    assert "状态 转出" in history and "2013-07-01  转为正式党员" in history     # 转正 from the roster
    assert "2026-02-10  转出至某街道某社区党支部" in history
    out = shilu("meetings", "add", "--org", "Z001", "--kind", "主题党日", "--date", "2026-03-15",
                "--topic", "学习新修订的条例", "--day-kind", "学习日")
    assert "应到 7 实到 6 请假 1 缺席 0" in out     # 孙流动 away: excused with the reason
    for month, payers in (("02", 8), ("03", 7)):   # 周转出 owes February, not March
        out = shilu("dues", "pay", "--org", "Z001", "--month", f"2026-{month}", "--all",
                    "--date", f"2026-{month}-20")
        assert f"{payers} 人交纳" in out
    shilu("dues", "settle", "--org", "Z001", "--quarter", PERIOD, "--date", TODAY)
    assert "7 人" in shilu("study", "add", "--date", "2026-03-10", "--hours", "4",
                          "--title", "街道党员冬训", "--kind", "街道培训", "--all-of", "Z001")

    report = json.loads(shilu("check", "--org", "Z001", "--period", PERIOD, "--today", TODAY,
                              "--format", "json"))
    assert {f["title"]: f["status"] for f in report["findings"]} == EXPECTED
    talks = next(f for f in report["findings"] if f["title"] == "每年与每名党员谈心谈话")
    assert "尚有7人未谈" in talks["detail"] and "周转出" not in talks["detail"]
    assert "2025" not in json.dumps(report, ensure_ascii=False)   # nothing before 启用日期

    before = json.loads(shilu("check", "--org", "Z001", "--period", "2025Q4", "--today", TODAY,
                              "--format", "json"))
    assert before["findings"] == []
    assert "本期间在启用日期 2026-01-01 之前" in shilu("check", "--org", "Z001", "--period", "2025Q4",
                                                   "--today", TODAY)
