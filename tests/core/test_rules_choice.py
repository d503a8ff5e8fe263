"""Installing a profile handed out by the upper level and choosing it for an organisation."""
import pytest

from desktop_app.cli.main import main
from desktop_app.core import orgs, paths
from desktop_app.core.periods import parse_period
from desktop_app.core.rules.choice import choose_profile, install_profile
from desktop_app.core.rules.engine import check
from desktop_app.core.rules.profile import ProfileError, available_ids, load_profile, profiles_dir
from desktop_app.core.store import open_store

JIAXING = (profiles_dir() / "jiaxing-2016.toml").read_text(encoding="utf-8")


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    return tmp_path


def handed_out(folder, text=None):
    path = folder / "街道2026.toml"
    path.write_text(text or JIAXING.replace('id = "jiaxing-2016"', 'id = "street-2026"')
                    .replace("grace_days = 15", "grace_days = 5"), encoding="utf-8")
    return path


def test_an_installed_profile_outlives_its_usb_stick_and_can_be_chosen(data, store):
    source = handed_out(data)
    assert install_profile(source).id == "street-2026"
    source.unlink()
    assert "street-2026" in available_ids()
    root = orgs.create(store, "P", "党委", "党委", rule_profile="jiaxing-2016")
    branch = orgs.create(store, "B", "支部", "党支部", root)
    choose_profile(store, root, "street-2026")
    findings = check(store, branch, parse_period("2025Q1"), today="2025-04-10")
    settled = next(f for f in findings if f.rule_id == "jx-34-dues-settled")
    assert settled.status == "缺失"        # 5 days of grace, not jiaxing-2016's 15
    assert load_profile("street-2026").rule("jx-34-dues-settled").params["grace_days"] == 5


def test_a_broken_or_clashing_profile_is_not_installed(data):
    with pytest.raises(ProfileError, match="第 \\d+ 行"):
        install_profile(handed_out(data, JIAXING.replace("count = 1", "count = 0", 1)))
    with pytest.raises(ProfileError, match="与内置档案相同"):
        install_profile(handed_out(data, JIAXING))
    assert not (data / "data" / "rules").exists() or not list((data / "data" / "rules").iterdir())


def test_profile_commands(data, capsys):
    db = str(data / "ledger.sqlite")
    s = open_store(db)
    orgs.create(s, "B", "测试支部", "党支部")
    s.close()
    assert main(["--db", db, "profile", "install", str(handed_out(data))]) == 0
    assert main(["--db", db, "profile", "use", "--org", "B", "street-2026"]) == 0
    assert main(["--db", db, "profile", "list"]) == 0
    assert main(["--db", db, "profile", "show", "national-2018"]) == 0
    out = capsys.readouterr().out
    assert "已安装规则档案 street-2026" in out and "测试支部 今后按" in out
    assert "street-2026\t嘉兴经开区社区党组织55条基本要求（2016）\t21 条规则" in out
    assert "cn-19-lesson  党课每季度至少1次" in out
    assert main(["--db", db, "profile", "use", "--org", "B", "shanghai"]) == 1
    assert "没有名为“shanghai”的规则档案" in capsys.readouterr().err
