"""`shilu member …`, `shilu study …` and `shilu meetings add` round trips on an empty ledger
file (the organisation made with the core orgs API, as `shilu org add` would)."""
import openpyxl
import pytest

from desktop_app.cli.main import main
from desktop_app.core import members, orgs
from desktop_app.core.meetings import attendance
from desktop_app.core.store import open_store


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.sqlite"
    store = open_store(path)
    root = orgs.create(store, "SQ01", "某社区党委", "党委", rule_profile="jiaxing-2016")
    branch = orgs.create(store, "B1", "第一党支部", "党支部", root)
    orgs.create(store, "B1-1", "第一党小组", "党小组", branch)
    store.close()
    return path


def shilu(ledger, *args):
    return main(["--db", str(ledger), *args])


def add_members(ledger):
    assert shilu(ledger, "member", "add", "--name", "张三", "--org", "B1-1", "--joined", "2000-07-01",
                 "--confirmed", "2001-07-01", "--id-number", "110105198001010016") == 0
    assert shilu(ledger, "member", "add", "--name", "李四", "--org", "B1", "--joined", "2010-03-01",
                 "--confirmed", "2011-03-01", "--since", "2024-01-01") == 0
    assert shilu(ledger, "member", "add", "--name", "王芳", "--org", "B1", "--joined", "2024-05-10",
                 "--since", "2024-05-10", "--transfer-from", "城西社区党支部",
                 "--still-probationary") == 0


def test_member_add_refuses_an_old_probationer_unless_stated(ledger, capsys):
    assert shilu(ledger, "member", "add", "--name", "李四", "--org", "B1",
                 "--joined", "2015-07-01") == 1
    err = capsys.readouterr().err
    assert "错误：李四 的入党日期 2015-07-01 已超过一年，但没有填写转正日期" in err
    assert "请加 --still-probationary 说明" in err
    assert shilu(ledger, "member", "add", "--name", "李四", "--org", "B1", "--joined", "2015-07-01",
                 "--still-probationary") == 0
    assert "已新增 #1 李四（性别未填，预备党员）→ 第一党支部" in capsys.readouterr().out
    assert shilu(ledger, "member", "add", "--name", "赵六", "--org", "B1", "--joined", "2015-07-01",
                 "--id-number", "110105198001010017") == 1
    assert "身份证号：身份证号校验位不对" in capsys.readouterr().err


def test_meetings_add_then_events_then_show(ledger, capsys, tmp_path):
    add_members(ledger)
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("一、学习党章。\n二、讨论王芳同志转正。", encoding="utf-8")
    assert shilu(ledger, "meetings", "add", "--org", "B1", "--kind", "支部党员大会",
                 "--date", "2025-05-12", "--topic", "讨论王芳同志转正", "--minutes-file",
                 str(minutes), "--leave", "李四：出差") == 0
    out = capsys.readouterr().out
    assert "已登记 #1 2025-05-12 支部党员大会" in out and "应到 3 实到 2 请假 1 缺席 0" in out
    assert shilu(ledger, "member", "event", "王芳", "转正", "--date", "2025-05-10",
                 "--meeting", "1") == 0
    assert shilu(ledger, "member", "event", "李四", "流动外出", "--date", "2025-06-01",
                 "--place", "杭州", "--cause", "务工", "--contact", "13800000000",
                 "--counterpart", "杭州某街道党工委", "--reported-on", "2025-06-03") == 0
    assert shilu(ledger, "member", "away-life", "李四", "--date", "2025-07-05", "--org-name",
                 "杭州某支部", "--kind", "党课", "--hours", "2") == 0
    assert shilu(ledger, "meetings", "add", "--org", "B1", "--kind", "支部党员大会",
                 "--date", "2025-08-12", "--topic", "三季度大会", "--absent", "李四") == 0
    assert "应到 3 实到 2 请假 1 缺席 0" in capsys.readouterr().out
    assert shilu(ledger, "member", "event", "张三", "转出", "--date", "2025-09-30",
                 "--counterpart", "外省某党支部") == 0
    capsys.readouterr()
    assert shilu(ledger, "member", "show", "王芳") == 0
    out = capsys.readouterr().out
    assert "入党 2024-05-10  转正 2025-05-10" in out
    assert "2024-05-10  转入第一党支部（自城西社区党支部）" in out
    assert "2025-05-10  转为正式党员（2025-05-12 2025年5月支部党员大会讨论通过）" in out
    assert shilu(ledger, "member", "show", "李四") == 0
    out = capsys.readouterr().out
    assert "状态 在册（流动党员）" in out
    assert "2025-07-05  杭州某支部  党课  2 学时" in out
    assert shilu(ledger, "member", "show", "张三") == 0
    assert "所在组织 第一党支部 / 第一党小组（至 2025-09-30）" in capsys.readouterr().out

    store = open_store(ledger)
    try:
        away = members.by_name(store, "李四").id
        marks = {m.member_id: m for m in attendance.marks(store, 2)}
        assert (marks[away].status, marks[away].leave_reason) == ("请假", "流动外出（杭州，务工）")
        assert store.get("meetings", 1)["minutes"] == "一、学习党章。\n二、讨论王芳同志转正。"
    finally:
        store.close()


def test_worded_errors_never_tracebacks(ledger, capsys):
    add_members(ledger)
    assert shilu(ledger, "member", "event", "张三", "转出", "--date", "2025-02-30") == 1
    assert "错误：--date：不存在的日期：2025-02-30" in capsys.readouterr().err
    assert shilu(ledger, "member", "event", "无名", "转出", "--date", "2025-02-01") == 1
    assert "错误：花名册中没有党员“无名”" in capsys.readouterr().err
    assert shilu(ledger, "meetings", "add", "--org", "B1", "--kind", "支部党员大会", "--date",
                 "2024-03-01", "--topic", "x", "--absent", "王芳") == 1
    assert "错误：王芳 不是 2024-03-01 第一党支部支部党员大会的应到人员" in capsys.readouterr().err
    assert shilu(ledger, "meetings", "add", "--org", "B1", "--kind", "支部党员大会", "--date",
                 "2025-03-01", "--topic", "x", "--minutes-file", "/nonexistent/m.txt") == 1
    assert "错误：无法读取会议记录文件 /nonexistent/m.txt" in capsys.readouterr().err


def test_study_round_trip(ledger, capsys, tmp_path):
    add_members(ledger)
    assert shilu(ledger, "study", "add", "--date", "2025-03-08", "--hours", "4", "--title",
                 "街道党员冬训", "--organiser", "城东街道", "--kind", "街道培训", "--all-of", "B1") == 0
    assert "已登记：2025-03-08 街道党员冬训 4 学时，3 人" in capsys.readouterr().out
    book = openpyxl.Workbook()
    book.active.append(["姓名", "日期", "学时", "课程名称", "类别"])
    book.active.append(["王芳", "2025-06-01", 1.5, "学习强国专题", "学习强国"])
    book.active.append(["张三", "2025-06-01", 1.5, "学习强国专题", "学习强国"])
    book.save(tmp_path / "xs.xlsx")
    assert shilu(ledger, "study", "import", str(tmp_path / "xs.xlsx"), "--dry-run") == 0
    assert "检查通过（未写入）：2 行，1 次学习，2 人次" in capsys.readouterr().out
    assert shilu(ledger, "study", "import", str(tmp_path / "xs.xlsx")) == 0
    assert shilu(ledger, "study", "opening", "张三", "--year", "2025", "--hours", "10",
                 "--as-of", "2025-04-01") == 0
    capsys.readouterr()
    assert shilu(ledger, "study", "list", "--period", "2025") == 0
    out = capsys.readouterr().out
    assert out.startswith("2025年：2 次学习")
    assert "2025-06-01  1.5 学时  学习强国专题  学习强国    王芳、张三" in out
    assert "2025-03-08  4 学时  街道党员冬训  街道培训  城东街道  李四、王芳、张三" in out


def test_study_edit_and_delete(ledger, capsys):
    add_members(ledger)
    assert shilu(ledger, "study", "add", "--date", "2025-03-08", "--hours", "4", "--title",
                 "街道党员冬训", "--members", "张三", "李四") == 0
    assert shilu(ledger, "study", "edit", "1", "--hours", "2.5", "--members", "王芳") == 0
    assert "已修改：2025-03-08 街道党员冬训 2.5 学时，1 人" in capsys.readouterr().out
    assert shilu(ledger, "study", "list", "--period", "2025") == 0
    assert "    1  2025-03-08  2.5 学时  街道党员冬训      王芳\n" in capsys.readouterr().out
    assert shilu(ledger, "study", "delete", "2") == 1
    assert "没有编号为 2 的学习记录" in capsys.readouterr().err
    assert shilu(ledger, "study", "delete", "1") == 0
    assert "已删除：2025-03-08 街道党员冬训（1 人）" in capsys.readouterr().out
    assert shilu(ledger, "study", "list", "--period", "2025") == 0
    assert capsys.readouterr().out == "2025年：0 次学习\n"


def test_a_mistyped_event_is_undone(ledger, capsys):
    add_members(ledger)
    assert shilu(ledger, "member", "event", "李四", "转出", "--date", "2025-06-30",
                 "--counterpart", "城西社区党支部") == 0
    assert shilu(ledger, "member", "undo-event", "李四", "--reason", "误录：转出的是李思") == 0
    assert "已撤销：李四 2025-06-30 转出；现状态 在册" in capsys.readouterr().out
    assert shilu(ledger, "member", "undo-event", "李四", "--reason", "再撤") == 1
    assert "李四 没有可撤销的变动" in capsys.readouterr().err


@pytest.mark.parametrize("command", (("study", "list"), ("meetings", "list"), ("check", "--org", "B1")))
def test_a_period_no_one_could_mean_is_refused_as_a_bad_argument(ledger, capsys, command):
    before = ledger.read_bytes()
    with pytest.raises(SystemExit) as refused:
        shilu(ledger, *command, "--period", "2025Q5")
    assert refused.value.code == 2
    assert "参数 --period：无法识别的期间：“2025Q5”（可写作 2025、2025H1、2025Q3、2025-07）" \
        in capsys.readouterr().err
    assert ledger.read_bytes() == before
