"""Installing and choosing a profile, pinned where mutation testing found gaps (issue #17): the
file named in every refusal, a second profile installed beside the first, a dated choice."""
import pytest

from desktop_app.core import orgs, paths
from desktop_app.core.rules.choice import choose_profile, install_profile
from desktop_app.core.rules.profile import ProfileError, profiles_dir

JIAXING = (profiles_dir() / "jiaxing-2016.toml").read_text(encoding="utf-8")


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    return tmp_path


def handed_out(folder, profile_id, name="街道2026.toml"):
    path = folder / name
    path.write_text(JIAXING.replace('id = "jiaxing-2016"', f'id = "{profile_id}"'), encoding="utf-8")
    return path


def test_a_missing_file_is_refused_naming_it(data):
    missing = data / "不存在.toml"
    with pytest.raises(ProfileError) as caught:
        install_profile(missing)
    assert str(caught.value) == f"无法读取规则档案 {missing}：请确认文件存在且为 UTF-8 编码"


def test_a_file_not_in_utf8_is_refused_naming_it(data):
    path = data / "gbk.toml"
    path.write_bytes(JIAXING.replace('id = "jiaxing-2016"', 'id = "gbk-1"').encode("gbk"))
    with pytest.raises(ProfileError, match="gbk.toml：请确认文件存在且为 UTF-8 编码"):
        install_profile(path)


def test_a_broken_profile_is_refused_naming_the_file_it_came_in(data):
    path = data / "街道2026.toml"
    path.write_text('id = "street-2026"\ntitle = [', encoding="utf-8")
    with pytest.raises(ProfileError, match="^规则档案 街道2026.toml TOML 格式错误"):
        install_profile(path)


def test_a_second_profile_is_installed_beside_the_first(data):
    install_profile(handed_out(data, "street-2026"))
    install_profile(handed_out(data, "street-2027", "街道2027.toml"))
    kept = sorted(p.name for p in (data / "data" / "rules").iterdir())
    assert kept == ["street-2026.toml", "street-2027.toml"]


def test_a_profile_chosen_from_a_date_leaves_the_months_before_it(store):
    branch = orgs.create(store, "B", "支部", "党支部", rule_profile="jiaxing-2016")
    assert choose_profile(store, branch, "national-2018", "2025-07-01").id == "national-2018"
    assert orgs.profile_history(store, branch) == [(None, "jiaxing-2016"),
                                                   ("2025-07-01", "national-2018")]
    assert orgs.profile_of(store, branch, "2025-06-30") == "jiaxing-2016"
    assert orgs.profile_of(store, branch, "2025-07-01") == "national-2018"
