"""The review site as files: page images, a second review, ``extract --review`` and
``check --chart``."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from kompass_extract.cli import main
from kompass_extract.review import build_review
from tests.review.builds import SAMPLES

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
