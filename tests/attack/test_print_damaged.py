"""Commands that only read and print (`shilu board`, `shilu export book`, `shilu check`) open the
ledger without quick_check; a damaged page they read still stops them with words, and no file is
written."""
import pytest

from desktop_app.cli.main import main
from tests.attack.helpers import damage_table, make_ledger, member_name, write_roster


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = make_ledger(tmp_path / "ledger.sqlite")
    assert main(["--db", str(db), "roster", "import", str(write_roster(tmp_path / "r.csv", 59))]) == 0
    assert main(["--db", str(db), "profile", "use", "--org", "SQ", "jiaxing-2016"]) == 0
    assert main(["--db", str(db), "org", "roles", "set", "--org", "SQ-01", "--role", "书记",
                 "--member", member_name(1), "--on", "2024-01-01"]) == 0
    return db


@pytest.mark.parametrize("command", [
    ["export", "book", "--org", "SQ-01", "--year", "2025"],
    ["board", "2", "--org", "SQ-01", "--year", "2025", "--posted-on", "2025-12-20"],
])
def test_printing_from_a_damaged_ledger_writes_nothing(ledger, tmp_path, capsys, command):
    out = tmp_path / "out.pdf"
    assert main(["--db", str(ledger), *command, "-o", str(out)]) == 0     # sound: prints
    out.unlink()
    damage_table(ledger, "members")
    assert main(["--db", str(ledger), *command, "-o", str(out)]) == 1
    assert "损坏的数据页" in capsys.readouterr().err and not out.exists()


def test_a_check_reading_a_damaged_page_stops_with_words(ledger, capsys):
    # `shilu check` only reads and prints too, so it also skips quick_check.
    command = ["--db", str(ledger), "check", "--org", "SQ-01", "--period", "2025"]
    assert main(command) == 0
    capsys.readouterr()
    damage_table(ledger, "members")
    assert main(command) == 1
    captured = capsys.readouterr()
    assert "损坏的数据页" in captured.err and "体检" not in captured.out
