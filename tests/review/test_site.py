"""The review site as files: page images, a second review, ``extract --review`` and
``check --chart``."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from kompass_extract import load
from kompass_extract.cli import main
from kompass_extract.review import build_review
from tests.review.builds import SAMPLES, set_report_values

pytestmark = pytest.mark.slow


def test_page_images_are_palette_pngs_of_the_pages_shape(reviewed: Path) -> None:
    checked = 0
    for pdf in sorted((reviewed.parent / "pdfs").glob("*-20*.pdf")):
        sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
        folder = reviewed / "review" / "pages" / f"{sha[:16]}-w900c16"
        with pdfplumber.open(pdf) as document:
            sizes = {n: (p.width, p.height) for n, p in enumerate(document.pages, 1)}
        for path in sorted(folder.glob("*.png")):
            width, height = sizes[int(path.stem)]
            with Image.open(path) as image:
                assert image.format == "PNG" and image.mode == "P" and image.width == 900
                assert image.height == pytest.approx(900 * height / width, abs=1)
            checked += 1
    assert checked > 10


def test_a_second_review_draws_nothing_and_keeps_every_image(
    reviewed: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "out"
    shutil.copytree(reviewed, copy, symlinks=True)
    before = sorted(p.relative_to(copy) for p in (copy / "review" / "pages").rglob("*.png"))
    result = build_review(copy)
    assert result.drawn == 0 and result.images == len(before)
    assert sorted(p.relative_to(copy) for p in (copy / "review" / "pages").rglob("*.png")) == before
    assert result.boxed and set(result.report_pages) == {
        p.stem for p in (copy / "review" / "reports").glob("*.html")
    }


def test_extract_review_writes_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert (
        main(
            [
                "extract",
                str(SAMPLES / "provby-2018.pdf"),
                "--out",
                str(out),
                "--jobs",
                "1",
                "--review",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "wrote the review of 1 report(s)" in printed
    boxed = "x0" in (out / "questions.csv").read_text("utf-8").splitlines()[0].split(",")
    assert ("nothing is highlighted" in printed) is not boxed
    assert (out / "review" / "index.html").is_file()
    assert len(list((out / "review" / "reports").glob("provby-2018-*.html"))) == 1


def test_review_of_a_folder_without_a_build_is_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(tmp_path)]) == 2
    assert "no table files" in capsys.readouterr().err


def test_review_of_a_workbook_only_build_says_so_and_names_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    sample = str(SAMPLES / "provby-2018.pdf")
    assert main(["extract", sample, "--out", str(out), "--format", "xlsx", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["review", str(out)]) == 2
    error = capsys.readouterr().err
    assert f"{out}: the build holds its tables only as an Excel workbook" in error
    assert ".builds" not in error


def test_check_chart_draws_each_area_score(capsys: pytest.CaptureFixture[str]) -> None:
    expected = json.loads((SAMPLES / "provby-2018.expected.json").read_text("utf-8"))
    assert main(["check", str(SAMPLES / "provby-2018.pdf"), "--chart", "--jobs", "1"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.strip() == "Provby 2018: area scores" for line in lines)
    for area in expected["areas"]:
        figure = f"{area['score']} / {area['max_score']}"
        row = next(
            line
            for line in lines
            if line.lstrip().startswith(f"{area['area_no']} ") and line.endswith(figure)
        )
        cells = row.count("█") + (1 if any(c in row for c in "▏▎▍▌▋▊▉") else 0)
        assert abs(cells - area["score"] / area["max_score"] * 40) <= 1


def reviewed_copy(reviewed: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the reviewed OUT, and its current build's folder."""
    copy = tmp_path / "out"
    shutil.copytree(reviewed, copy, symlinks=True)
    return copy, (copy / ".builds" / "current").resolve()


def images_of(out: Path) -> list[Path]:
    return sorted(p.relative_to(out) for p in (out / "review" / "pages").rglob("*.png"))


def test_a_review_without_the_pdfs_keeps_the_images_of_the_build(
    reviewed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy, current = reviewed_copy(reviewed, tmp_path)
    before = images_of(copy)
    gone = copy / "review" / "pages" / f"{'f' * 16}-w900c16"  # a PDF no longer in the build
    gone.mkdir()
    (gone / "1.png").write_bytes(b"")
    for rid in load(copy)["reports"]["report_id"]:
        set_report_values(copy, str(rid), source_file=f"elsewhere/{rid}.pdf")
    assert main(["review", str(copy), "--quiet"]) == 1
    assert "was not found" in capsys.readouterr().err
    assert images_of(copy) == before and before and not gone.exists()


def test_a_missing_checks_or_findings_table_is_said_never_shown_as_ok(
    reviewed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy, current = reviewed_copy(reviewed, tmp_path)
    reports = load(copy)["reports"]
    for table in ("checks", "findings"):
        for file in current.glob(f"{table}.*"):
            file.unlink()
    assert main(["review", str(copy), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "no checks table" in err and "no findings table" in err
    for rid in reports["report_id"]:
        page = (copy / "review" / "reports" / f"{rid}.html").read_text("utf-8")
        checks = page[page.index('<section id="checks">') :].split("</section>")[0]
        assert "no checks table" in checks and "status ok" not in checks
        findings = page[page.index('<section id="findings">') :].split("</section>")[0]
        assert "no findings table" in findings and "<table" not in findings
    index = (copy / "review" / "index.html").read_text("utf-8")
    assert "no checks table" in index and "no findings table" in index
    assert "<td>—</td>" in index


def only_reports(tmp_path: Path, reviewed: Path) -> Path:
    out = tmp_path / "only-reports"
    out.mkdir()
    shutil.copy((reviewed / ".builds" / "current").resolve() / "reports.csv", out)
    return out


def no_areas(tmp_path: Path, reviewed: Path) -> Path:
    copy, current = reviewed_copy(reviewed, tmp_path)
    shutil.rmtree(copy / "review")
    for file in current.glob("areas.*"):
        file.unlink()
    return copy


def unrelated_reports(tmp_path: Path, reviewed: Path) -> Path:
    out = tmp_path / "unrelated"
    out.mkdir()
    (out / "reports.csv").write_text("name,value\nx,1\n", "utf-8")
    (out / "areas.csv").write_text("name,value\nx,1\n", "utf-8")
    return out


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (only_reports, "no areas.csv"),
        (no_areas, "no areas.csv"),
        (unrelated_reports, "reports.report_id"),
        (lambda tmp_path, reviewed: tmp_path / "nonexist", "no such folder"),
    ],
)
def test_a_build_the_review_cannot_read_is_bad_usage_and_writes_nothing(
    reviewed: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path, Path], Path],
    words: str,
) -> None:
    out = make(tmp_path, reviewed)
    assert main(["review", str(out), "--debug"]) == 2
    err = capsys.readouterr().err
    assert words in err and str(out) in err and "internal error" not in err
    assert not (out / "review").exists()
