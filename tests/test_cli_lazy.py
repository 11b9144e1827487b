"""The command line starts fast: `zwgk --help` imports no command module, each command loads its own."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from zwgk_docs.cli import COMMANDS, load_command, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_line_is_the_commands_own(name):
    command = load_command(name)
    assert command is not None, f"{COMMANDS[name][0]} has no command {name}"
    assert COMMANDS[name][1] == command.get_short_help_str(limit=200)


def test_every_command_of_a_module_is_listed():
    for module in {m for m, _ in COMMANDS.values()}:
        for command in importlib.import_module(module).commands:
            assert command.name in COMMANDS, f"{command.name} ({module}) is missing from zwgk_docs.cli.COMMANDS"


def test_help_imports_no_command_module():
    code = ("import sys; from zwgk_docs.cli import main\n"
            "try: main(['--help'])\nexcept SystemExit: pass\n"
            "heavy = [m for m in ('pydantic', 'weasyprint', 'openpyxl', 'docx', 'jinja2') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
    assert all(name in out for name in COMMANDS)


def test_global_flags_after_the_command_still_work():
    from click.testing import CliRunner

    from conftest import example_path

    result = CliRunner().invoke(main, ["validate", str(example_path("siping-2018")), "-q"])
    assert result.exit_code == 0, result.output


def test_validate_imports_no_writer_library():
    """`zwgk validate` starts in a fraction of a second: no office library, WeasyPrint or templates."""
    from conftest import example_path

    code = ("import sys; from zwgk_docs.cli import main\n"
            f"try: main(['validate', {str(example_path('shenyang-2021'))!r}, '-q'])\n"
            "except SystemExit as e: print('EXIT', e.code)\n"
            "heavy = [m for m in ('weasyprint', 'openpyxl', 'docx', 'jinja2') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out, out
    assert "EXIT 0" in out or "EXIT" not in out, out
