"""The ``check`` command and ``extract --strict``: verdicts, exit codes, clear messages."""

from __future__ import annotations

import argparse
import io
import json
import threading
import time
from pathlib import Path

import pytest

from kompass_extract.batch.progress import RichReporter
from kompass_extract.cli import build_parser, main
from kompass_extract.cli.check import check_paths, check_reporter
from kompass_extract.cli.extract import extract_paths
from kompass_extract.errors import NotKompassError
from kompass_extract.models import Report
from kompass_extract.read.files import file_sha256
from tests.hostile.make_fixtures import text_page_pdf
from tests.verdict_reports import report_from_expected, update_area, without_area

REPO = Path(__file__).resolve().parents[2]
AMAL_SAMPLE = REPO / "samples" / "amal-2019.pdf"
TIMEOUT_S = 5  # the hanging stand-in is stopped after this; the good file needs milliseconds


def fake_extract(path: Path, *, password: str | None = None, **_: object) -> Report:
    """The Åmål 2019 report as its sample's expected file gives it, for every file; a moved box
    score in files named 'wrong*', area 5 left out in files named 'partial*'."""
    if path.name.startswith("unreadable"):
        raise NotKompassError(str(path), "no area headings found")
    report = report_from_expected("amal-2019")
    if path.name.startswith("wrong"):
        report = update_area(report, 5, score=58)
    if path.name.startswith("partial"):
        report = without_area(report, 5)
    sha = file_sha256(path)
    return report.model_copy(
        update={"source_file": str(path), "sha256": sha, "report_id": f"{path.stem}-{sha[:8]}"}
    )


def pdf_files(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(names):
        (folder / name).write_bytes(text_page_pdf() + b"%% copy %d\n" % index)
    return folder


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


@pytest.mark.slow
def test_a_report_that_adds_up_exits_0_and_lists_every_check(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path, "good.pdf")
    assert check_paths(parse("check", str(folder)), fake_extract) == 0
    out = capsys.readouterr().out
    assert "adds up" in out
    for name in (
        "box_vs_overview",
        "points_within_max",
        "percent_vs_points",
        "questions_sum",
        "overview_percent",
        "areas_sum",
        "question_ids",
        "known_framework",
    ):
        assert name in out
    assert "INFO" not in out  # rounding explanations only with --verbose


@pytest.mark.slow
def test_an_error_exits_1_and_names_area_and_figures(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path, "good.pdf", "wrong.pdf")
    assert check_paths(parse("check", str(folder)), fake_extract) == 1
    out = capsys.readouterr().out
    assert "verdict: does not add up: 1 error(s) beyond rounding" in out
    assert "area 5: box score 58 differs from the overview total 51" in out


@pytest.mark.slow
def test_an_incomplete_report_exits_1_and_says_what_was_not_read(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path, "partial.pdf")
    assert check_paths(parse("check", str(folder)), fake_extract) == 1
    out = capsys.readouterr().out
    assert "verdict: incomplete: 43 of 49 expected parts read without doubt" in out
    assert "not read: area 5 (box score, overview total row, question rows" in out
    assert out.endswith("1 file(s) checked: incomplete: 1\n")


@pytest.mark.slow
def test_verbose_shows_the_differences_rounding_explains(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path, "good.pdf")
    check_paths(parse("check", "--verbose", str(folder)), fake_extract)
    assert "question 3.1: 10 of 15 printed with 70 %" in capsys.readouterr().out


@pytest.mark.slow
def test_an_unreadable_file_is_one_line_and_exit_1(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path, "good.pdf", "unreadable.pdf")
    assert check_paths(parse("check", str(folder)), fake_extract) == 1
    err = capsys.readouterr().err
    assert "unreadable.pdf: cannot be checked: no area headings found [not_kompass]" in err
    assert "Traceback" not in err


def test_a_missing_path_is_bad_usage(tmp_path, capsys) -> None:
    assert check_paths(parse("check", str(tmp_path / "nothing")), fake_extract) == 2
    assert "does not exist" in capsys.readouterr().err


def test_check_has_help(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.lower().split())  # help text wraps its lines
    assert "exit 0 only when every report adds up" in text


@pytest.mark.slow
def test_extract_strict_fails_on_check_errors_only(tmp_path, capsys) -> None:
    good = pdf_files(tmp_path / "good", "good.pdf")
    wrong = pdf_files(tmp_path / "wrong", "wrong.pdf")

    def run(folder: Path, *flags: str) -> int:
        out = tmp_path / f"out-{folder.name}-{len(flags)}"
        return extract_paths(
            parse("extract", str(folder), "--out", str(out), "--quiet", "--jobs", "1", *flags),
            fake_extract,
        )

    partial = pdf_files(tmp_path / "partial", "partial.pdf")
    assert run(wrong) == 0  # without --strict a check error is data, not a failure
    assert run(good, "--strict") == 0
    assert run(wrong, "--strict") == 1
    assert run(partial, "--strict") == 1
    err = capsys.readouterr().err
    assert "--strict: 1 report(s) do not add up or are incomplete" in err
    assert f"{partial / 'partial.pdf'} (incomplete)" in err
    assert f"{wrong / 'wrong.pdf'} (does not add up)" in err


@pytest.mark.slow
def test_extract_prints_the_verdict_of_each_report(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path / "in", "good.pdf", "partial.pdf")
    args = parse("extract", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert extract_paths(args, fake_extract) == 0
    lines = capsys.readouterr().out.splitlines()
    good = next(line for line in lines if line.startswith("  good-"))
    partial = next(line for line in lines if line.startswith("  partial-"))
    assert good.endswith("0 check error(s): adds up (100 % of the expected parts read)")
    assert "total 453/800, 8 areas" in good
    assert partial.endswith("0 check error(s): incomplete (88 % of the expected parts read)")
    assert "total ?/?, 7 areas" in partial


@pytest.mark.slow
def test_extract_writes_the_checks_table(tmp_path) -> None:
    folder = pdf_files(tmp_path / "in", "wrong.pdf")
    out = tmp_path / "out"
    extract_paths(
        parse(
            "extract", str(folder), "--out", str(out), "--quiet", "--jobs", "1", "--format", "csv"
        ),
        fake_extract,
    )
    header, *rows = (out / "checks.csv").read_text(encoding="utf-8").splitlines()
    assert header.split(",")[:8] == [
        "report_id",
        "check",
        "area_no",
        "question_id",
        "severity",
        "expected",
        "actual",
        "message",
    ]
    assert sum(",box_vs_overview,5,,error," in row for row in rows) == 1


@pytest.mark.slow
@pytest.mark.skipif(not AMAL_SAMPLE.exists(), reason="sample PDF not generated")
def test_the_reference_sample_pdf_adds_up(capsys) -> None:
    assert main(["check", str(AMAL_SAMPLE)]) == 0
    assert "adds up" in capsys.readouterr().out


def hang_or_reference(path: Path, **options: object) -> Report:
    """A stand-in reader: a file named 'hang*' never finishes (as a hostile file may not),
    any other gives the reference figures at once."""
    if path.name.startswith("hang"):
        threading.Event().wait()  # blocks for good, without using the CPU
    return fake_extract(path, **options)


@pytest.mark.slow
def test_check_reads_in_isolated_workers_so_a_hanging_file_cannot_hold_it_up(tmp_path, capsys):
    # The deadline only has to outlast the stand-in's work on the good file (milliseconds), so
    # a busy machine meets it; a real hostile file is stopped in tests/batch/test_hostile.py.
    folder = pdf_files(tmp_path, "hang.pdf", "good.pdf")
    args = parse("check", str(folder), "--timeout", str(TIMEOUT_S), "--jobs", "2")
    started = time.monotonic()
    assert check_paths(args, hang_or_reference) == 1
    assert time.monotonic() - started < 60  # stopped at the deadline, not left to run
    captured = capsys.readouterr()
    assert "[timeout]" in captured.err and str(folder / "hang.pdf") in captured.err
    good = folder / "good.pdf"
    assert f"{good} (Åmål 2019, framework 2016)\n  verdict: adds up" in captured.out


def slow_extract(path: Path, **kwargs: object) -> Report:
    """Files named 'slow*' take a while: the quick ones finish first."""
    if path.name.startswith("slow"):
        time.sleep(1.5)
    return fake_extract(path, **kwargs)


def test_verdicts_are_printed_as_files_finish(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path, "a-slow.pdf", "b-quick.pdf")
    # the slow file is listed (and started) first, and the quick one is printed first
    folder.joinpath("a-slow.pdf").rename(folder / "slow.pdf")
    assert check_paths(parse("check", str(folder), "--jobs", "2", "--summary"), slow_extract) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [Path(line.split(":")[0]).name for line in lines[:2]] == ["b-quick.pdf", "slow.pdf"]


def test_summary_is_one_line_per_file(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path, "good.pdf", "wrong.pdf", "partial.pdf", "unreadable.pdf")
    assert check_paths(parse("check", str(folder), "--summary", "--jobs", "1"), fake_extract) == 1
    lines = capsys.readouterr().out.splitlines()
    by_file = {Path(line.split(":")[0]).name: line for line in lines[:4]}
    about = "(Åmål 2019, framework 2016)"
    assert by_file["good.pdf"].endswith(
        f"good.pdf: adds up (100 % read), 0 error(s), 0 warning(s) {about}"
    )
    assert ": does not add up (100 % read), 1 error(s), 0 warning(s)" in by_file["wrong.pdf"]
    # 43 of the 49 expected parts: 88 %; the missing area is a warning of areas_sum
    assert ": incomplete (88 % read), 0 error(s), 1 warning(s)" in by_file["partial.pdf"]
    assert "unreadable: no area headings found [not_kompass]" in by_file["unreadable.pdf"]
    assert lines[4] == (
        "4 file(s) checked: adds up: 1, does not add up: 1, incomplete: 1, unreadable: 1"
    )


def test_json_is_one_object_per_file_and_line(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path, "good.pdf", "wrong.pdf", "partial.pdf", "unreadable.pdf")
    assert check_paths(parse("check", str(folder), "--json", "--jobs", "1"), fake_extract) == 1
    lines = capsys.readouterr().out.splitlines()
    objects = {Path(o["file"]).name: o for o in map(json.loads, lines)}
    assert sorted(objects) == ["good.pdf", "partial.pdf", "unreadable.pdf", "wrong.pdf"]
    good, wrong, bad = objects["good.pdf"], objects["wrong.pdf"], objects["unreadable.pdf"]
    assert good["verdict"] == "adds_up" and good["errors"] == []
    assert (good["completeness"], good["missing"], good["doubtful"]) == (1.0, [], [])
    assert {"file", "verdict", "figures", "errors", "warnings"} <= set(good)
    partial = objects["partial.pdf"]
    assert (partial["verdict"], partial["completeness"]) == ("incomplete", round(43 / 49, 4))
    assert partial["missing"][0] == "area 5 box score" and len(partial["missing"]) == 6
    area5 = next(area for area in wrong["figures"] if area["area_no"] == 5)
    assert (area5["box"], area5["total"], area5["max"]) == (58, 51, 100)
    assert len(area5["total_range"]) == 2
    (error,) = wrong["errors"]
    assert (error["check"], error["area_no"]) == ("box_vs_overview", 5)
    assert wrong["verdict"] == "does_not_add_up"
    assert bad["verdict"] == "unreadable" and bad["errors"][0]["error_code"] == "not_kompass"
    assert "info" not in good


def test_json_with_verbose_adds_the_info_rows(tmp_path, capsys) -> None:
    folder = pdf_files(tmp_path, "good.pdf")
    check_paths(parse("check", str(folder), "--json", "--verbose"), fake_extract)
    (document,) = map(json.loads, capsys.readouterr().out.splitlines())
    assert any(row["question_id"] == "3.1" for row in document["info"])


def test_json_and_summary_exclude_each_other(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        parse("check", "x.pdf", "--json", "--summary")
    assert stop.value.code == 2


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_on_a_terminal_only() -> None:
    assert isinstance(check_reporter(Terminal()), RichReporter)
    assert not isinstance(check_reporter(io.StringIO()), RichReporter)


def test_the_bar_counts_the_files_and_verdicts_still_reach_stdout(tmp_path, capsys) -> None:
    terminal = Terminal()
    folder = pdf_files(tmp_path, "good.pdf", "wrong.pdf")
    args = parse("check", str(folder), "--summary", "--jobs", "1")
    assert check_paths(args, fake_extract, check_reporter(terminal)) == 1
    assert "checking" in terminal.getvalue() and "2/2" in terminal.getvalue()
    assert len(capsys.readouterr().out.splitlines()) == 3  # stdout is no terminal here


def logging_extract(path: Path, **_: object) -> Report:
    """Logs as pdfminer does on a damaged page, then fails as not a report."""
    import logging

    logging.getLogger("pdfminer.pdfpage").warning(
        "Invalid MediaBox in /Page, defaulting to US Letter"
    )
    raise NotKompassError(str(path))


@pytest.mark.parametrize("command", ["check", "extract"])
def test_pdf_library_warnings_are_silent_and_named_after_their_file_with_debug(
    command, tmp_path, capfd
):
    folder = pdf_files(tmp_path / "in", "damaged.pdf")
    run = check_paths if command == "check" else extract_paths
    for debug in (False, True):
        # a fresh OUT each time: a cached failure would not be read again
        extra = ["--out", str(tmp_path / f"out-{debug}")] if command == "extract" else []
        args = parse(command, str(folder), *extra, "--jobs", "1", *(["--debug"] if debug else []))
        run(args, extract=logging_extract)
        err = capfd.readouterr().err
        warning_lines = [line for line in err.splitlines() if "Invalid MediaBox" in line]
        if debug:
            assert warning_lines and all("damaged.pdf: pdfminer: " in ln for ln in warning_lines)
        else:
            assert not warning_lines
