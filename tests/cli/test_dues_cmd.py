"""`shilu dues …` on an empty ledger: an organisation and members made with the core APIs, then
bases, the opening, a month "全部已交" with exceptions, settlement, arrears and receipts."""
import pytest

from desktop_app.cli.main import main
from desktop_app.core import members, orgs
from desktop_app.core.members import Member
from desktop_app.core.store import open_store
from tests.core.export_helpers import flat, pdf_text


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ledger.sqlite"
    store = open_store(path)
    org = orgs.create(store, "SQ01", "某社区党支部", "党支部", rule_profile="national-2018")
    for name in ("张一", "李二", "王三"):
        members.add(store, Member(name=name, joined_on="2001-07-01"), org, since="2001-07-01")
    store.close()
    return ["--db", str(path), "dues"]


def run(db, *args) -> int:
    return main([*db, *args])


def test_a_first_quarter_from_the_command_line(db, capsys, tmp_path):
    assert run(db, "opening", "--org", "SQ01", "--through", "2025-12", "--except", "王三:2025-09") == 0
    for name, income in (("张一", "3000"), ("李二", "5000.01")):
        assert run(db, "base", "set", "--org", "SQ01", "--member", name, "--year", "2026",
                   "--income", income) == 0
    assert run(db, "base", "set", "--org", "SQ01", "--member", "王三", "--year", "2026",
               "--amount", "12.5") == 0
    assert run(db, "base", "list", "--org", "SQ01", "--year", "2026") == 0
    for month in ("2026-01", "2026-02"):
        assert run(db, "pay", "--org", "SQ01", "--month", month, "--all", "--date", f"{month}-08") == 0
    assert run(db, "settle", "--org", "SQ01", "--quarter", "2026Q1", "--date", "2026-03-05") == 1
    first = capsys.readouterr()
    assert "3月的党费尚未登记收缴" in first.err
    assert run(db, "pay", "--org", "SQ01", "--month", "2026-03", "--all", "--except", "王三",
               "--date", "2026-03-08", "--collector", "组织委员") == 0
    assert run(db, "settle", "--org", "SQ01", "--quarter", "2026Q1", "--date", "2026-03-08",
               "--to", "街道党工委") == 0
    assert run(db, "arrears", "--org", "SQ01", "--through", "2026-03") == 0
    out = first.out + capsys.readouterr().out
    assert "某社区党支部 党费期初：全部已交至 2025年12月\n  例外：王三 已交至 2025年9月" in out
    assert "已核定 2026 年每月党费 15.00 元" in out and "已核定 2026 年每月党费 75.00 元" in out
    assert "王三\t在职\t12.50 元/月\t固定金额（未填收入）" in out
    assert "2026年1月：3 人交纳，共 102.50 元" in out
    assert "2026年3月：2 人交纳，共 90.00 元；未交：王三" in out
    # Q1: 3 × (15 + 75) + 2 × 12.50 = 295.00
    assert "2026Q1 已结算，上交 295.00 元" in out
    # 王三: Oct–Dec 2025 before Shilu (opening) and March 2026: two runs, the longest three.
    assert "王三\t欠交4个月，计 12.50 元（另3个月未核定基数）\n" in out
    pdf = tmp_path / "收据.pdf"
    assert run(db, "receipt", "--org", "SQ01", "--month", "2026-03", "--out", str(pdf)) == 0
    assert "2 张收据" in capsys.readouterr().out
    text = flat(pdf_text(pdf))
    assert "SQ01-2026-0007" in text and "SQ01-2026-0008" in text and "柒拾伍元整" in text


def test_seven_months_behind_is_flagged_by_the_party_constitution_line(db, capsys):
    assert run(db, "opening", "--org", "SQ01", "--through", "2025-12", "--except", "李二:2025-05") == 0
    assert run(db, "arrears", "--org", "SQ01", "--through", "2025-12") == 0
    assert "李二\t欠交7个月，计 0.00 元（另7个月未核定基数）（连续7个月未交）" in capsys.readouterr().out


def test_day_one_names_the_members_without_an_opening(db, capsys):
    assert run(db, "arrears", "--org", "SQ01", "--through", "2026-01") == 0
    out = capsys.readouterr().out
    assert "截至 2026-01 无欠交党费" in out
    assert "另有 3 人尚无党费期初，无法判断：张一、李二、王三" in out


@pytest.mark.parametrize("args, message", [
    (("opening", "--org", "SQ01", "--through", "2025-13"), "--through 月份“2025-13”无法识别"),
    (("opening", "--org", "SQ01", "--through", "2025-12", "--except", "张一"), "应写成 姓名:月份"),
    (("pay", "--org", "SQ01", "--month", "2026-01", "--all", "--except", "无名"),
     "“无名”不是 2026年1月 应交党费的党员"),
    (("pay", "--org", "SQ01"), "请写 --month 月份 --all"),
    (("settle", "--org", "SQ01", "--quarter", "2026-1"), "季度“2026-1”无法识别"),
    (("base", "set", "--org", "SQ01", "--member", "张一", "--year", "2026", "--income", "四千"),
     "金额“四千”无法识别"),
])
def test_bad_input_is_refused_in_chinese(db, capsys, args, message):
    assert run(db, *args) == 1
    assert message in capsys.readouterr().err


def test_an_opening_past_the_start_date_is_saved_with_a_warning(tmp_path, capsys):
    path = tmp_path / "started.sqlite"
    assert main(["--db", str(path), "org", "add", "--code", "Z1", "--name", "某社区第一党支部",
                 "--kind", "党支部", "--start", "2026-01-01"]) == 0
    assert main(["--db", str(path), "dues", "opening", "--org", "Z1", "--through", "2026-03"]) == 0
    captured = capsys.readouterr()
    assert "注意：启用日期为 2026-01-01" in captured.err and "包含启用后的 3 个月" in captured.err
    assert "全部已交至 2026年3月" in captured.out
