"""Command-line behaviour that no single module owns: errors in words, never a traceback."""

from __future__ import annotations

import fcntl
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kompass_extract.cli import main
from kompass_extract.cli.exit_codes import ExitCode

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


# --- --version, Ctrl-C and a closed pipe, in every command -------------------------------


def test_version_on_the_program_and_on_every_command(capsys) -> None:
    from kompass_extract import __version__

    for argv in (
        ["--version"],
        ["extract", "--version"],
        ["check", "--version"],
        ["diff", "--version"],
    ):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 0
        assert f"{__version__} (parser " in capsys.readouterr().out


def test_python_dash_m_runs_the_command_line() -> None:
    from kompass_extract import __version__

    done = subprocess.run(
        [sys.executable, "-m", "kompass_extract", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and __version__ in done.stdout


class ClosedPipe(io.StringIO):
    """Standard output whose reader has gone away, as after ``| head``."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def two_builds(tmp_path: Path) -> tuple[Path, Path]:
    from kompass_extract.dataset.tables import reports_to_frames
    from kompass_extract.dataset.writers import write_tables
    from tests.dataset_reports import sample_reports

    first, second = sample_reports()
    write_tables(reports_to_frames([first, second]), tmp_path / "old", ("csv",))
    write_tables(reports_to_frames([first]), tmp_path / "new", ("csv",))
    return tmp_path / "old", tmp_path / "new"


@pytest.mark.parametrize("command", ["diff", "check", "extract"])
def test_a_closed_pipe_ends_every_command_quietly_with_141(command, tmp_path, monkeypatch, capsys):
    old, new = two_builds(tmp_path)
    argv = {
        "diff": ["diff", str(old), str(new)],
        "check": ["check", str(SAMPLE), "--jobs", "1"],
        "extract": ["extract", str(SAMPLE), "--out", str(tmp_path / "out"), "--jobs", "1"],
    }[command]
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(argv) == ExitCode.CLOSED_PIPE == 141
    assert capsys.readouterr().err.count("Traceback") == 0


@pytest.mark.parametrize("command", ["diff", "check"])
def test_ctrl_c_ends_every_command_quietly_with_130(command, tmp_path, monkeypatch, capsys):
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    old, new = two_builds(tmp_path)
    if command == "diff":
        monkeypatch.setattr("kompass_extract.dataset.diff.diff_builds", interrupt)
        argv = ["diff", str(old), str(new)]
    else:
        monkeypatch.setattr("kompass_extract.cli.check.run_checks", interrupt)
        argv = ["check", str(SAMPLE), "--jobs", "1"]
    assert main(argv) == ExitCode.INTERRUPTED == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "Traceback" not in err


SAMPLES = sorted(SAMPLE.parent.glob("*.pdf"))


def small_pipe() -> tuple[int, int]:
    """A pipe of one page, so that a few kilobytes of output fill it."""
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, 1031, 4096)  # F_SETPIPE_SZ
    return read_end, write_end


def test_check_piped_into_head_ends_quietly(tmp_path) -> None:
    read_end, write_end = small_pipe()
    command = [sys.executable, "-m", "kompass_extract", "check", *map(str, SAMPLES), "--jobs", "2"]
    process = subprocess.Popen(command, stdout=write_end, stderr=subprocess.PIPE, text=True)
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        first_line = reader.readline()  # `head -1`: read one line, then go away
    _, err = process.communicate(timeout=300)
    assert first_line.startswith(str(SAMPLES[0].parent))
    assert process.returncode == 141
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_ctrl_c_in_a_terminal_ends_check_with_130_and_no_traceback(tmp_path) -> None:
    for n in range(40):  # more work than is done before the signal comes
        (tmp_path / f"copy-{n:02d}.pdf").write_bytes(SAMPLE.read_bytes())
    command = [sys.executable, "-m", "kompass_extract", "check", str(tmp_path), "--jobs", "1"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert process.stdout is not None
    first_line = process.stdout.readline()  # the first verdict: the run is under way
    os.killpg(process.pid, signal.SIGINT)  # to the whole group, as a terminal's Ctrl-C goes
    rest, err = process.communicate(timeout=120)
    assert "copy-00.pdf" in first_line
    assert process.returncode == 130
    assert "Traceback" not in err and "interrupted" in err
    assert "40 file(s) checked" not in rest


# --- numeric options: out of range or not a number is bad usage ---------------------------


@pytest.mark.parametrize(
    "option, value",
    [
        ("--timeout", "inf"),
        ("--timeout", "nan"),
        ("--timeout", "-inf"),
        ("--timeout", "1e308"),
        ("--timeout", "-1"),
        ("--max-memory", "9" * 400),
        ("--max-memory", "99999T"),
        ("--max-memory", "0"),
        ("--max-size", "9" * 400),
        ("--max-size", "99999T"),
        ("--max-pages", "0"),
        ("--max-pages", "99999999999999999999"),
        ("--jobs", "0"),
        ("--jobs", "99999999"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_numeric_option_out_of_range_is_a_usage_error(command, option, value, tmp_path, capsys):
    argv = [command, str(SAMPLE), f"{option}={value}"]
    if command == "extract":
        argv += ["--out", str(tmp_path / "out"), "--quiet"]
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse rejects what is not a number at all
        code = stop.code
    err = capsys.readouterr().err
    assert code == 2
    assert option in err and "Traceback" not in err
    assert not (tmp_path / "out" / ".cache").exists()  # nothing was read, nothing cached


def test_review_with_a_format_that_writes_no_table_files_is_a_usage_error(tmp_path, capsys):
    out = tmp_path / "xl"
    code = main(["extract", str(SAMPLE), "--out", str(out), "--format", "xlsx", "--review"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--review reads the CSV or Parquet tables: add csv or parquet to --format" in err
    assert ".builds" not in err
    assert not (out / ".cache").exists()  # refused before any extraction
