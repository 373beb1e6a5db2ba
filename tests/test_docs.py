"""Every command explains itself: a summary, an example in --help, and a line in the README."""

from __future__ import annotations

import pytest

from ledger.cli.command import Command
from ledger.cli.main import all_commands, build_parser
from tests.conftest import REPO, Cli

COMMANDS = all_commands()


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_command_has_summary_example_and_help(cli: Cli, command: Command) -> None:
    name = command.name
    assert command.summary.endswith(".")
    result = cli(name, "--help")
    assert result.code == 0
    assert "Example:" in result.out
    assert f"claims {name}" in result.out


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_readme_shows_every_command(command: Command) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"claims {command.name}" in readme


def test_readme_quickstart_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1]
    commands = [
        line.split("#")[0].strip() for line in quickstart.splitlines() if line.startswith("uv run")
    ]
    assert commands[:2] == ["uv run claims review", "uv run pytest"]


def test_top_level_help_lists_every_command(cli: Cli) -> None:
    out = cli("--help").out
    for command in COMMANDS:
        assert command.name in out
    assert build_parser().prog == "claims"


def test_the_command_index_matches_the_modules() -> None:
    import importlib

    from ledger.cli.main import COMMAND_ALIASES, COMMAND_MODULES

    for module_name in set(COMMAND_MODULES.values()):
        module = importlib.import_module(f"ledger.cli.{module_name}")
        for command in module.COMMANDS:
            assert COMMAND_MODULES.get(command.name) == module_name, command.name
            for alias in command.aliases:
                assert COMMAND_ALIASES[alias] == command.name
    assert len(all_commands()) == len(COMMAND_MODULES)
