"""The README is the manual: every table column, error code, check and command option it must
document is there."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from kompass_extract.checks import CHECKS
from kompass_extract.cli import build_parser
from kompass_extract.cli.exit_codes import ExitCode
from kompass_extract.dataset.tables import TABLE_MODELS
from kompass_extract.errors import ERROR_CODES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def section(title_pattern: str) -> str:
    match = regex.search(rf"^#+ {title_pattern}.*?(?=^#+ )", README, regex.M | regex.S)
    assert match, f"README has no section {title_pattern!r}"
    return match.group(0)


@pytest.mark.parametrize("table", sorted(TABLE_MODELS))
def test_every_column_of_every_table_is_documented(table: str) -> None:
    text = section(rf"`{table}`")
    missing = [c for c in TABLE_MODELS[table].model_fields if c not in text]
    assert missing == []


def test_every_error_code_is_documented() -> None:
    text = section("Error codes")
    assert [c for c in ERROR_CODES if f"`{c}`" not in text] == []


def test_every_exit_code_is_documented() -> None:
    text = section("Exit codes")
    assert [code.name for code in ExitCode if f"| {int(code)} |" not in text] == []


def test_every_check_is_documented() -> None:
    text = section("Checks: does the report add up")
    assert [c for c in CHECKS if f"`{c}`" not in text] == []


def test_every_command_and_option_is_in_the_usage() -> None:
    usage = section("Usage")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name, command in commands.items():
        block = regex.search(
            rf"kompass-extract {name}\b.*?(?=kompass-extract |```)", usage, regex.S
        )
        assert block, f"no usage line for {name}"
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in block.group(0), f"{name} {option}"


def test_the_two_set_up_commands_are_make_demo_and_make_test() -> None:
    setup = section("Set up and try it")
    assert "make demo" in setup and "make test" in setup
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")
    assert "make test" in ci
