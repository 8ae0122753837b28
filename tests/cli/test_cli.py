"""Command-line behaviour that no single module owns: errors in words, never a traceback."""

from __future__ import annotations

from pathlib import Path

from kompass_extract.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "provby-2018.pdf"


def test_an_output_folder_that_cannot_be_made_is_a_usage_error_in_words(tmp_path, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = main(["extract", str(SAMPLE), "--out", str(blocker / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Not a directory" in err and str(blocker / "out") in err
    assert "Traceback" not in err


def test_help_of_every_command_exits_0(capsys) -> None:
    for command in ("extract", "check", "diff"):
        try:
            main([command, "--help"])
        except SystemExit as stop:
            assert stop.code == 0
        assert command in capsys.readouterr().out
