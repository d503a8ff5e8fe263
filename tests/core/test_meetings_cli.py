import pytest

from desktop_app.cli.main import main
from desktop_app.core.demo import DemoSpec, generate
from desktop_app.core.meetings import records
from desktop_app.core.store import open_store


def test_list_and_search_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "ledger.sqlite"
    store = open_store(path)
    generate(store, DemoSpec(members=20, years=1, seed=3, last_year=2025))
    committee = records.find(store, "2025-07-01", "2025-09-30", kind="支委会")
    store.close()

    assert main(["--db", str(path), "meetings", "list", "--period", "2025Q3", "--kind", "支委会"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"2025年第3季度：{len(committee)} 条会议记录"
    assert all(f"{m.id:>6}  {m.held_on}  支委会" in out for m in committee)
    assert "应到 " in out and "出席率 " in out

    assert main(["--db", str(path), "search", "党章", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("找到 5 条") and "党章" in out

    with pytest.raises(SystemExit) as refused:
        main(["--db", str(path), "meetings", "list", "--period", "2025Q5"])
    assert refused.value.code == 2 and "无法识别的期间" in capsys.readouterr().err
