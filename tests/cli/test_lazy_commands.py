"""`shilu` builds its parser from the COMMANDS table and imports a command's module only when that
command runs, so `shilu --help` starts without the heavy libraries."""
import argparse
import subprocess
import sys

import pytest

from desktop_app.cli import main

HEAVY = ("reportlab", "openpyxl", "docx", "bagit", "cryptography", "sqlite_utils", "PySide6")


def test_table_names_exactly_what_each_module_registers():
    registered = {}
    for module_name in dict.fromkeys(module for module, _ in main.COMMANDS.values()):
        subparsers = argparse.ArgumentParser().add_subparsers()
        main.importlib.import_module(f"desktop_app.cli.{module_name}").register(subparsers)
        for action in subparsers._choices_actions:
            registered[action.dest] = (module_name, action.help)
    assert registered == main.COMMANDS


def test_help_imports_no_command_module_nor_heavy_library():
    probe = ("import sys, contextlib, io\n"
             "from desktop_app.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
             "    try: main.main(['--help'])\n"
             "    except SystemExit: pass\n"
             "assert '生成演示账本' in out.getvalue()\n"
             "print(' '.join(sorted(sys.modules)))\n")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.split()
    top = {name.split(".")[0] for name in loaded}
    assert not top & set(HEAVY)
    assert not [name for name in loaded if name.endswith("_cmd")]


@pytest.mark.parametrize("name", sorted(main.COMMANDS))
def test_each_command_still_has_its_own_help(name, capsys):
    with pytest.raises(SystemExit) as stop:
        main.main(["--db", "x.sqlite", "--actor", "export", name, "--help"])
    assert stop.value.code == 0
    assert f"用法：shilu {name}" in capsys.readouterr().out


def test_command_word_skips_top_level_options_and_their_values():
    assert main._command_word(["--db", "check", "--actor=a", "--demo", "dues", "pay"]) == "dues"
    assert main._command_word(["--act", "org", "member"]) == "member"
    assert main._command_word(["--demo"]) is None


def test_unknown_command_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main.main(["exprot"])
    assert "export" in capsys.readouterr().err


def test_version_is_printed(capsys):
    with pytest.raises(SystemExit) as stop:
        main.main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("工作实录 ")


def test_argparse_speaks_chinese(capsys):
    with pytest.raises(SystemExit) as exited:
        main.main(["meetings", "add", "--kind", "党员大会"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "shilu meetings add：错误：参数 --kind：无效的选项 '党员大会'（可选：'支部党员大会'" in err
    with pytest.raises(SystemExit):
        main.main(["--bogus"])
    assert "shilu：错误：无法识别的参数：--bogus" in capsys.readouterr().err


def test_start_up_objects_are_set_aside_once_and_collection_resumes_for_the_command(tmp_path):
    # run() pauses collection while the command's modules load; main() freezes what they made.
    probe = ("import gc, sys\n"
             "from desktop_app.cli import main\n"
             "main._with_ledger = lambda args: print(gc.isenabled(), gc.get_freeze_count() > 1000)"
             " or 0\n"
             f"sys.argv = ['shilu', '--db', {str(tmp_path / 'l.sqlite')!r}, 'disclosure']\n"
             "sys.exit(main.run())\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "True True\n")


def test_main_called_directly_freezes_nothing(capsys):
    import gc
    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit):
        main.main(["audit", "--help"])
    assert gc.isenabled() and gc.get_freeze_count() == frozen
