"""`shilu upstream`: an office with no ledger makes its key, registers two branches (one key by
mistake for two codes: warned), aggregates a folder, prints each branch's trend and signs a 回执
that verifies under the workstation's key. Nothing creates a ledger."""
import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.bundle import keys, receipt
from tests.core.trend_helpers import figures, make_inbox


@pytest.fixture(scope="module")
def inbox(demo_template, tmp_path_factory):
    return make_inbox(demo_template, tmp_path_factory.mktemp("cli-trend"))


def test_office_without_ledger(inbox, tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    monkeypatch.setenv("SHILU_PASSPHRASE", "上级口令2026")
    office = ["--db", str(tmp_path / "none.sqlite")]
    assert main([*office, "upstream", "trend"]) == 1
    assert "还没有有效的工作实录包" in capsys.readouterr().out

    bundle = str(inbox.folder / "DEMO-02-2025Q3.zip")
    assert main([*office, "review", bundle, "--pass"]) == 1
    assert "shilu upstream key init" in capsys.readouterr().err
    assert main([*office, "upstream", "key", "show"]) == 1
    assert "先运行 shilu upstream key init" in capsys.readouterr().err
    assert main([*office, "upstream", "key", "init"]) == 0
    fingerprint = capsys.readouterr().out.split("公钥指纹：")[1].split("\n")[0]
    assert main([*office, "upstream", "key", "show", "-o", str(tmp_path / "office.pem")]) == 0
    assert fingerprint in capsys.readouterr().out

    for code, key in (("DEMO-01", inbox.one), ("DEMO-02", inbox.two), ("DEMO-03", inbox.two)):
        pem = tmp_path / f"{code}.pem"
        pem.write_bytes(keys.public_pem(key.public_key()))
        assert main([*office, "trust", "add", code, str(pem)]) == 0
    assert "登记给了 DEMO-02、DEMO-03" in capsys.readouterr().out
    assert main([*office, "aggregate", str(inbox.folder)]) == 0
    out = capsys.readouterr().out
    assert "共 3 个包：有效 3" in out and "警告：同一把公钥" in out

    assert main([*office, "upstream", "trend"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("警告：同一把公钥") and "登记给了 DEMO-02、DEMO-03" in out
    lines = out.splitlines()
    start = lines.index("第一党支部（DEMO-01）：2 个期间")
    assert lines[start + 1].split("\t") == ["期间", "三会一课 已开/应开", "未达标项（逾期+缺失）",
                                            "期末在册党员", "依据的包"]
    for line, quarter in zip(lines[start + 2:start + 4], ("2", "3")):
        held, required, unmet, members = figures(inbox.folder / f"DEMO-01-2025Q{quarter}.zip")
        assert line.split("\t") == [f"2025年第{quarter}季度", f"{held}/{required}", str(unmet),
                                    str(members), f"DEMO-01-2025Q{quarter}"]
    assert "第二党支部（DEMO-02）：1 个期间" in out

    assert main([*office, "upstream", "trend", "--branch", "DEMO-02"]) == 0
    out = capsys.readouterr().out
    assert "DEMO-02" in out and "DEMO-01" not in out.replace("DEMO-02、DEMO-03", "")
    assert main([*office, "upstream", "trend", "--branch", "DEMO-09"]) == 1
    assert "没有 DEMO-09 的有效工作实录包" in capsys.readouterr().err

    answer = tmp_path / "回执.json"
    assert main([*office, "review", bundle, "--return",
                 "--comment", "党课记录不全", "-o", str(answer)]) == 0
    assert fingerprint in capsys.readouterr().out
    signed = receipt.read(answer, keys.read_public_file(tmp_path / "office.pem"))
    assert (signed.decision, signed.body["comment"]) == ("退回", "党课记录不全")
    assert not (tmp_path / "none.sqlite").exists()
