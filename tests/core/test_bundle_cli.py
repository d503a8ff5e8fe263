"""`shilu keys / export bundle / trust / verify / aggregate`: the whole trip, exit codes, messages."""
import json
import sqlite3
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.bundle import keys
from desktop_app.core.store import open_store


@pytest.fixture
def ledger(demo_store, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    monkeypatch.setenv("SHILU_PASSPHRASE", "支部口令2025")
    demo_store.close()
    return demo_store.path


def test_branch_to_upstream_office(ledger, tmp_path, capsys):
    db = ["--db", str(ledger)]
    assert main([*db, "keys", "init"]) == 0
    fingerprint = capsys.readouterr().out.split("公钥指纹：")[1].split("\n")[0]
    assert (keys.key_folder(ledger) / "branch-key.pem").is_file()
    assert keys.key_folder(ledger).parent == tmp_path / "keys"
    assert main([*db, "keys", "show", "-o", str(tmp_path / "pub.pem")]) == 0
    assert fingerprint in capsys.readouterr().out
    bundle = tmp_path / "DEMO-01-2025Q3.zip"
    assert main([*db, "export", "bundle", "--org", "DEMO-01", "--period", "2025Q3",
                 "-o", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "已导出工作实录包" in out and "2025-09-30 及以前的记录已封存" in out
    sealed = sqlite3.connect(ledger).execute("SELECT max(period_end) FROM seals").fetchone()[0]
    assert sealed == "2025-09-30"

    trusted = tmp_path / "office" / "trusted.json"
    trusted.parent.mkdir()
    # the upstream office has no ledger: --db points nowhere and nothing gets created
    office = ["--db", str(tmp_path / "office" / "none.sqlite")]
    history = ["--history", str(tmp_path / "office" / "history.sqlite")]
    assert main([*office, "verify", str(bundle), "--trusted", str(trusted), *history]) == 3
    out = capsys.readouterr().out
    assert out.startswith("完整但签名人未登记") and "没有登记为受信任" in out
    assert main([*office, "trust", "add", "DEMO-01", str(tmp_path / "pub.pem"),
                 "--trusted", str(trusted)]) == 0
    assert fingerprint in capsys.readouterr().out
    assert main([*office, "trust", "list", "--trusted", str(trusted)]) == 0
    assert capsys.readouterr().out.startswith(f"DEMO-01\t{fingerprint}")
    assert main([*office, "trust", "add", "DEMO-01", str(tmp_path / "pub.pem"),
                 "--trusted", str(trusted)]) == 0
    assert "已被替换" not in capsys.readouterr().out       # the same key again: nothing replaced
    assert main([*office, "verify", str(bundle), "--trusted", str(trusted), *history]) == 0
    assert capsys.readouterr().out.startswith("有效：第一党支部（DEMO-01）2025Q3")
    summary = tmp_path / "office" / "summary.xlsx"
    assert main([*office, "aggregate", str(tmp_path), "-o", str(summary),
                 "--trusted", str(trusted), *history]) == 0
    out = capsys.readouterr().out
    assert summary.is_file() and "有效 1，完整但签名人未登记 0，已被改动 0，无法读取 0" in out
    assert "ledger.sqlite：不是 .zip 文件，未校验" in out and "keys：是文件夹，未校验" in out
    assert not (tmp_path / "office" / "none.sqlite").exists()


def test_wrong_passphrase_and_no_key(ledger, tmp_path, capsys, monkeypatch):
    db = ["--db", str(ledger)]
    out = str(tmp_path / "b.zip")
    assert main([*db, "export", "bundle", "--org", "DEMO-01", "--period", "2025Q3", "-o", out]) == 1
    assert "请先运行 shilu keys init" in capsys.readouterr().err
    assert main([*db, "keys", "init"]) == 0
    assert main([*db, "keys", "init"]) == 1
    assert "不能覆盖" in capsys.readouterr().err
    assert main([*db, "export", "bundle", "--org", "DEMO-01", "--period", "2025Q3", "-o", out,
                 "--passphrase", "不对的口令"]) == 1
    assert "口令不对" in capsys.readouterr().err
    store = open_store(ledger)
    assert store.sealed_through() is None
    store.close()


def test_verify_a_damaged_bundle_exits_non_zero(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(b"PK\x03\x04 not really")
    assert main(["verify", str(bundle), "--trusted", str(tmp_path / "t.json")]) == 5
    out = capsys.readouterr().out
    assert out.startswith("无法读取") and "不是完整的 zip 压缩包" in out
    assert main(["aggregate", str(tmp_path / "empty"), "--trusted", str(tmp_path / "t.json")]) == 2
    assert "找不到文件夹" in capsys.readouterr().err


def test_replacing_a_registered_key_is_announced(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    trusted = str(tmp_path / "t.json")
    for name in ("old.pem", "new.pem"):
        (tmp_path / name).write_bytes(keys.public_pem(Ed25519PrivateKey.generate().public_key()))
    assert main(["trust", "add", "DEMO-01", str(tmp_path / "old.pem"), "--trusted", trusted]) == 0
    capsys.readouterr()
    assert main(["trust", "add", "DEMO-01", str(tmp_path / "new.pem"), "--trusted", trusted]) == 0
    assert "原登记的公钥" in capsys.readouterr().out
    (tmp_path / "bad.pem").write_text("不是公钥", encoding="utf-8")
    assert main(["trust", "add", "DEMO-02", str(tmp_path / "bad.pem"), "--trusted", trusted]) == 2
    assert "不是 Ed25519 公钥文件" in capsys.readouterr().err


def test_review_and_receipt_round_trip(ledger, tmp_path, capsys):
    db = ["--db", str(ledger)]
    office_db = ["--db", str(tmp_path / "office" / "office.sqlite")]
    (tmp_path / "office").mkdir()
    open_store(tmp_path / "office" / "office.sqlite").close()     # the office's own ledger
    upstream = ["--trusted", str(tmp_path / "office" / "t.json"),
                "--history", str(tmp_path / "office" / "h.sqlite")]
    assert main([*db, "keys", "init"]) == 0
    assert main([*db, "keys", "show", "-o", str(tmp_path / "branch.pem")]) == 0
    assert main([*office_db, "keys", "init"]) == 0
    assert main([*office_db, "keys", "show", "-o", str(tmp_path / "office.pem")]) == 0
    bundle = tmp_path / "q3.zip"
    assert main([*db, "export", "bundle", "--org", "DEMO-01", "--period", "2025Q3",
                 "-o", str(bundle)]) == 0
    assert main([*office_db, "trust", "add", "DEMO-01", str(tmp_path / "branch.pem"),
                 upstream[0], upstream[1]]) == 0
    with zipfile.ZipFile(bundle) as archive:
        extract = json.loads(archive.read("DEMO-01-2025Q3/data/ledger-extract.json"))
    meeting = extract["meetings"][0]["ref"].split(":")[1]
    capsys.readouterr()
    assert main([*office_db, "review", str(bundle), "--return", "--comment", "党课记录不全",
                 "--item", f"meeting:{meeting}=请补充记录", "--reviewer", "示范街道党工委",
                 *upstream]) == 0
    out = capsys.readouterr().out
    receipt = tmp_path / "回执-DEMO-01-2025Q3.json"
    assert out.startswith("有效") and f"已签发回执（退回）：{receipt}" in out

    assert main([*db, "receipt", "import", str(receipt)]) == 1
    assert "还没有登记上级的公钥" in capsys.readouterr().err
    assert main([*db, "receipt", "trust", str(tmp_path / "office.pem")]) == 0
    capsys.readouterr()
    assert main([*db, "receipt", "import", str(receipt)]) == 0
    out = capsys.readouterr().out
    assert "已导入回执：DEMO-01-2025Q3 退回（示范街道党工委）" in out
    assert f"（meeting:{meeting}）：请补充记录" in out and "已重新开放" in out
    assert main([*db, "receipt", "list"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("1\t") and "退回\t党课记录不全\t待处理" in listed
    assert main([*db, "receipt", "done", "1"]) == 0
    assert main([*db, "receipt", "done", "1"]) == 1
    assert "没有待处理的第 1 号回执" in capsys.readouterr().err
    sealed = sqlite3.connect(ledger).execute("SELECT max(period_end) FROM seals").fetchone()[0]
    assert sealed is None


def test_a_key_registered_for_two_branches_is_warned(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    trusted = str(tmp_path / "t.json")
    (tmp_path / "k.pem").write_bytes(keys.public_pem(Ed25519PrivateKey.generate().public_key()))
    assert main(["trust", "add", "DEMO-01", str(tmp_path / "k.pem"), "--trusted", trusted]) == 0
    assert "警告" not in capsys.readouterr().out
    assert main(["trust", "add", "DEMO-02", str(tmp_path / "k.pem"), "--trusted", trusted]) == 0
    out = capsys.readouterr().out
    assert "警告：同一把公钥" in out and "登记给了 DEMO-01、DEMO-02" in out
    assert main(["trust", "list", "--trusted", trusted]) == 0
    assert "警告：同一把公钥" in capsys.readouterr().out


def test_a_bundle_is_only_written_under_a_zip_name(ledger, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SHILU_PASSPHRASE", "口令 1234")
    db = ["--db", str(ledger)]
    assert main([*db, "keys", "init"]) == 0
    out = tmp_path / "报送.txt"
    assert main([*db, "export", "bundle", "--org", "DEMO-01", "--period", "2025Q3",
                 "-o", str(out)]) == 1
    assert "实录包须保存为 .zip 文件，而不是“报送.txt”：请改为 报送.zip" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.glob("报送*")) == []
    store = open_store(ledger)
    assert store.sealed_through() is None                  # nothing sealed either
    store.close()
