"""The README is the manual: every table column, error code, check and command option it must
document is there."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from kompass_extract.checks import CHECKS
from kompass_extract.cli import build_parser
from kompass_extract.cli.exit_codes import ExitCode
from kompass_extract.dataset.catalogue import TABLES, columns, table_fields
from kompass_extract.errors import ERROR_CODES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
CHANGELOG = (Path(__file__).resolve().parent.parent / "CHANGELOG.md").read_text("utf-8")


def section(title_pattern: str) -> str:
    match = regex.search(rf"^#+ {title_pattern}.*?(?=^#+ )", README, regex.M | regex.S)
    assert match, f"README has no section {title_pattern!r}"
    return match.group(0)


README_TYPES = {"string": "text", "integer": "integer", "number": "number"}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_column_of_every_table_is_documented(table: str) -> None:
    text = section(rf"`{table}`")
    missing = [c for c in columns(table) if c not in text]
    assert missing == []


def column_rows(text: str) -> dict[str, str]:
    """Column name -> type word of a README table ``| column | type | meaning |``."""
    rows = regex.findall(r"^\| (\w+) \| (\w+) \|", text, regex.M)
    return {name: kind for name, kind in rows if name != "column"}


LISTED_TABLES = {"scores", "checks"}  # documented as one list of columns, meanings as above


@pytest.mark.parametrize("table", sorted(set(TABLES) - LISTED_TABLES))
def test_the_readme_columns_and_types_are_the_catalogue_ones(table: str) -> None:
    documented = column_rows(section(rf"`{table}`"))
    assert list(documented) == columns(table)
    assert documented == {f.name: README_TYPES[f.type] for f in table_fields(table)}


@pytest.mark.parametrize("table", sorted(LISTED_TABLES))
def test_the_readme_lists_the_columns_in_order(table: str) -> None:
    listed = regex.search(r"`(\w+(?:,\s+\w+)+)`", section(rf"`{table}`"))
    assert listed, f"no list of columns for {table}"
    assert regex.split(r",\s+", listed.group(1)) == columns(table)


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


def test_licence_and_citation_files_match_the_package() -> None:
    import yaml

    from kompass_extract.version import __version__

    root = Path(__file__).resolve().parent.parent
    assert (root / "LICENSE").read_text("utf-8").startswith("MIT License")
    citation = yaml.safe_load((root / "CITATION.cff").read_text("utf-8"))
    assert citation["version"] == __version__
    assert citation["license"] == "MIT"
    assert citation["cff-version"] == "1.2.0" and citation["authors"]
    released = regex.search(rf"^## \[{regex.escape(__version__)}\] - (\S+)", CHANGELOG, regex.M)
    assert released and str(citation["date-released"]) == released.group(1)


def test_every_exit_code_is_in_the_readme_table() -> None:
    from kompass_extract.cli.exit_codes import ExitCode

    documented = {
        int(code) for code in regex.findall(r"^\| (\d+) \|", section("Exit codes"), regex.M)
    }
    assert documented == {int(code) for code in ExitCode}
