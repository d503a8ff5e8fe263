"""`shilu org …` on an EMPTY ledger, as a new secretary would script it: add → list → edit → roles."""
import pytest

from desktop_app.cli.main import main
from desktop_app.core import committee, orgs
from desktop_app.core.store import open_store

ROSTER = ("姓名,性别,入党日期,转正日期,所在党支部\n"
          "王芳,女,2001-07-01,2002-07-01,某社区第一党支部\n"
          "李强,男,2010-05-04,2011-05-04,某社区第一党支部\n"
          "赵敏,女,2018-03-01,2019-03-01,某社区第一党支部\n"
          "钱进,男,2026-11-01,,某社区第一党支部\n")


@pytest.fixture
def ledger(tmp_path):
    return tmp_path / "l.sqlite"


def shilu(ledger, *argv) -> int:
    return main(["--db", str(ledger), *argv])


def test_org_add_list_edit_on_empty_ledger(ledger, tmp_path, capsys):
    assert shilu(ledger, "org", "add", "--code", "SQ01", "--name", "某社区党委", "--kind", "党委") == 0
    assert shilu(ledger, "org", "add", "--name", "某社区第一党支部", "--parent", "SQ01",
                 "--profile", "jiaxing-2016", "--start", "2026年10月1日") == 0
    out = capsys.readouterr().out
    assert "已建立 党支部 某社区第一党支部（代码 Z001）" in out      # kind from the name, code made
    roster = tmp_path / "r.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert shilu(ledger, "roster", "import", str(roster), "--date", "2026-10-01") == 0
    assert shilu(ledger, "org", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].startswith("SQ01\t某社区党委\t党委")
    assert lines[-1] == ("  Z001\t某社区第一党支部\t党支部\t规则档案：嘉兴经开区社区党组织55条基本要求"
                         "（2016）\t启用日期：2026-10-01")
    assert shilu(ledger, "org", "edit", "Z001", "--name", "某社区第二党支部", "--new-code", "SQ0101",
                 "--profile", "national-2018", "--from", "2027-01-01") == 0
    store = open_store(ledger)
    org = orgs.by_code(store, "SQ0101")
    assert org.name == "某社区第二党支部"
    assert orgs.profile_of(store, org.id, "2026-12-31") == "jiaxing-2016"
    assert orgs.profile_of(store, org.id, "2027-01-01") == "national-2018"
    assert store.query_one("SELECT count(*) AS n FROM audit_log WHERE table_name = 'organisations' "
                           "AND action = 'update'")["n"] == 1
    store.close()


def test_org_add_refuses_duplicate_code_and_unknown_kind(ledger, capsys):
    assert shilu(ledger, "org", "add", "--code", "A", "--name", "甲党委") == 0
    assert shilu(ledger, "org", "add", "--code", "A", "--name", "乙党委") == 1
    assert shilu(ledger, "org", "add", "--name", "某社区") == 1
    err = capsys.readouterr().err
    assert "组织代码 A 已存在" in err and "无法从名称“某社区”判断组织类型" in err


def test_roles_set_list_end_and_sealed_reason(ledger, tmp_path, capsys):
    shilu(ledger, "org", "add", "--code", "B1", "--name", "某社区第一党支部", "--start", "2026-10-01")
    roster = tmp_path / "r.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert shilu(ledger, "roster", "import", str(roster), "--date", "2026-10-01") == 0
    assert shilu(ledger, "org", "roles", "set", "--org", "B1", "--role", "书记", "--member", "王芳",
                 "--on", "2026-10-01") == 0
    assert shilu(ledger, "org", "roles", "set", "--org", "B1", "--role", "组织委员",
                 "--member", "李强", "--on", "2026-10-01") == 0
    # 书记 passes to 赵敏: 王芳's term ends the day before
    assert shilu(ledger, "org", "roles", "set", "--org", "B1", "--role", "书记", "--member", "赵敏",
                 "--on", "2026-11-15") == 0
    # 钱进 joined the Party on 2026-11-01: no role before that
    assert shilu(ledger, "org", "roles", "set", "--org", "B1", "--role", "委员", "--member", "钱进",
                 "--on", "2026-10-15") == 1
    assert "入党日期 2026-11-01 晚于任职日期 2026-10-15" in capsys.readouterr().err
    assert shilu(ledger, "org", "roles", "list", "--org", "B1", "--date", "2026-11-01") == 0
    assert capsys.readouterr().out.splitlines()[-2:] == ["书记\t王芳\t2026-10-01 至 2026-11-14",
                                                         "组织委员\t李强\t2026-10-01 至 今"]
    store = open_store(ledger)
    store.seal_through("2026-12-31", "年报")
    store.close()
    assert shilu(ledger, "org", "roles", "end", "--org", "B1", "--role", "组织委员",
                 "--member", "李强", "--on", "2026-12-01") == 1
    assert "须填写更正原因" in capsys.readouterr().err
    assert shilu(ledger, "org", "roles", "end", "--org", "B1", "--role", "组织委员",
                 "--member", "李强", "--on", "2026-12-01", "--reason", "换届记录补正") == 0
    store = open_store(ledger)
    branch = orgs.by_code(store, "B1")
    assert [(t.role, t.name) for t in committee.terms(store, branch.id, "2026-12-02")] == \
        [("书记", "赵敏")]
    reasons = [r["reason"] for r in store.query("SELECT reason FROM audit_log WHERE table_name = "
                                                "'roles' AND action = 'update'")]
    assert reasons == [None, "换届记录补正"]
    store.close()


def test_every_write_command_takes_a_reason_for_a_sealed_period(tmp_path, capsys):
    from tests.core.rules_builder import Branch
    ledger = tmp_path / "b.sqlite"
    store = open_store(ledger)
    Branch(store, "jiaxing-2016")
    store.seal_through("2025-06-30", "上半年报送")
    store.close()
    base = ["dues", "base", "set", "--org", "B", "--member", "乙二", "--year", "2025", "--category", "离退休",
            "--income", "3000"]          # a 2025 base is dated in the sealed half year
    assert shilu(ledger, *base) == 1
    assert "须填写更正原因" in capsys.readouterr().err
    assert shilu(ledger, *base, "--reason", "补核2025年基数") == 0
    store = open_store(ledger)
    reasons = {r["reason"] for r in store.query("SELECT reason FROM audit_log WHERE table_name "
                                                "= 'dues_bases'")}
    assert reasons == {"补核2025年基数"}
    store.close()


def test_roster_import_into_a_sealed_period_needs_a_reason(ledger, tmp_path, capsys):
    shilu(ledger, "org", "add", "--code", "B1", "--name", "某社区第一党支部")
    store = open_store(ledger)
    store.seal_through("2025-12-31", "年报")
    store.close()
    roster = tmp_path / "r.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert shilu(ledger, "roster", "import", str(roster), "--date", "2026-10-01") == 1
    err = capsys.readouterr().err
    assert "2025-12-31 及以前的期间已封存" in err and "第 2 行 王芳（入党日期 2001-07-01）" in err
    assert shilu(ledger, "roster", "import", str(roster), "--date", "2026-10-01",
                 "--reason", "首次导入花名册") == 0
    store = open_store(ledger)
    assert store.query_one("SELECT count(*) AS n FROM members")["n"] == 4
    store.close()


def test_records_check_lists_what_contradicts_the_ledger(ledger, tmp_path, capsys):
    from desktop_app.core.meetings import records
    from desktop_app.core.meetings.attendance import Mark
    shilu(ledger, "org", "add", "--code", "B1", "--name", "某社区第一党支部")
    roster = tmp_path / "r.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    shilu(ledger, "roster", "import", str(roster), "--date", "2026-10-01")
    assert shilu(ledger, "records", "check") == 0
    assert capsys.readouterr().out.endswith("会议记录和任职均与台账一致\n")
    store = open_store(ledger)
    ids = {r["name"]: r["id"] for r in store.query("SELECT id, name FROM members")}
    meeting = records.new(store, orgs.by_code(store, "B1").id, "支部党员大会", "2026-10-20")
    meeting.host_id, meeting.recorder_id = ids["钱进"], ids["李强"]
    records.save(store, meeting, [Mark(ids["王芳"]), Mark(ids["李强"], "请假", "出差"),
                                  Mark(ids["赵敏"])])
    store.close()
    assert shilu(ledger, "records", "check", "--org", "B1") == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"2026-10-20 {meeting.title}：主持人钱进 的入党日期 2026-11-01 晚于会议日期",
                     f"2026-10-20 {meeting.title}：记录人李强 在签到中记为请假",
                     "发现 2 处不一致"]
