"""Tests of the sample generator: sources, expected files, determinism, size, text layer."""

from __future__ import annotations

import json
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
REFERENCE = REPO.parent / "shared" / "reference" / "amal-2019-report.txt"
sys.path.insert(0, str(SAMPLES))

pytest.importorskip("reportlab")
pytest.importorskip("fpdf")

from generator.document import Paragraph  # noqa: E402
from generator.markup import MarkupError, read_markup, split_blocks  # noqa: E402
from generator.samples import generate_sample, load_document, load_meta  # noqa: E402
from generator.textjoin import join_lines  # noqa: E402

AMAL_META = SAMPLES / "src" / "amal-2019.toml"
FICTION_META = SAMPLES / "src" / "exempelstad-2021.toml"
ROUND_BULLET, WINGDINGS_SQUARE = "\u2022", "\uf0a7"


def half_up(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def expected(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    for meta in (AMAL_META, FICTION_META):
        generate_sample(meta, out)
    return out


def test_join_lines_glues_broken_compounds_but_not_dashes() -> None:
    assert join_lines(["omkring trainee-", "utbildningar "]) == "omkring trainee-utbildningar"
    assert join_lines(["Energi- ", "och klimat"]) == "Energi- och klimat"
    assert join_lines(["ett  40-", "tal", " personer "]) == "ett 40-tal personer"


def test_markup_keeps_trailing_spaces_and_page_breaks(tmp_path: Path) -> None:
    source = tmp_path / "s.txt"
    source.write_text("@@prose\nfirst line \n@@newpage\nsecond-\nline\n", encoding="utf-8")
    document = read_markup(source, (ROUND_BULLET,), ())
    paragraph = document.blocks[0].parts[0]
    assert isinstance(paragraph, Paragraph)
    assert [line.text for line in paragraph.lines] == ["first line ", "second-", "line"]
    assert [line.new_page for line in paragraph.lines] == [False, True, False]


def test_markup_rejects_unknown_directive_with_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "bad.txt"
    source.write_text("@@prose\ntext\n@@colour red\n", encoding="utf-8")
    with pytest.raises(MarkupError, match=r"bad\.txt:3: unknown directive @@colour"):
        read_markup(source, (ROUND_BULLET,), ())


@pytest.mark.skipif(not REFERENCE.is_file(), reason="needs /work/shared/reference")
def test_amal_source_holds_exactly_the_reference_lines() -> None:
    """Every non-blank reference line is in the source, in order (page-number lines and the
    link artefact aside); the source adds only directives, bullets split off and cells."""
    raw_lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    printed_page_numbers = {line for line in raw_lines
                            if line.startswith("  ") and line.strip().isdigit()}
    reference = [line.strip() for line in raw_lines if line not in printed_page_numbers]
    reference = [line for line in reference if line and line != "tel:8090100"]
    source_lines = (SAMPLES / "src" / "amal-2019.txt").read_text(encoding="utf-8").split("\n")
    blocks = split_blocks(source_lines, Path("amal-2019.txt"))
    source_text = " ".join(line.text for block in blocks for line in block.lines)
    source_words = [word for word in source_text.replace("|", " ").split()
                    if word not in ("=", "=h", "bottom", "middle")]
    reference_words = " ".join(reference).split()
    assert source_words == reference_words


@pytest.mark.skipif(not REFERENCE.is_file(), reason="needs /work/shared/reference")
def test_amal_page_breaks_follow_the_reference() -> None:
    lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    starts = [line for line in lines if (line.startswith(" ") and line.strip()
              and not line.startswith("  ")) or (line.startswith("  ") and line.strip().isdigit())]
    source = (SAMPLES / "src" / "amal-2019.txt").read_text(encoding="utf-8")
    assert len(starts) == 38  # pages 3..40
    assert source.count("@@newpage") == len(starts) - 1


def test_amal_expected_counts_and_scores() -> None:
    data = expected("amal-2019")
    areas = data["areas"]
    assert [a["score"] for a in areas] == [55, 46, 60, 54, 51, 64, 42, 81]
    counts = [(len(a["strengths"]), len(a["improvements"])) for a in areas]
    assert counts == [(7, 6), (7, 8), (8, 8), (9, 6), (7, 6), (11, 8), (6, 8), (14, 4)]
    assert sum(len(a["questions"]) for a in areas) == 45
    assert [sum(q["points"] for q in a["questions"]) for a in areas][4:7] == [52, 65, 43]
    assert data["report"]["page_count"] == 40
    assert data["overall_comments"]["page"] == 6
    assert data["overall_comments"]["text"].endswith("inom respektive område.")


def test_amal_expected_texts_follow_the_conventions() -> None:
    areas = expected("amal-2019")["areas"]
    area4 = areas[3]["strengths"]
    assert any("trainee-utbildningar" in item["text"] for item in area4)
    q11 = areas[0]["questions"][0]
    assert q11["question_text"] == "Finns en plan/strategi for demokratiutveckling och information?"
    assert (q11["points"], q11["max_points"], q11["percent"], q11["page"]) == (7, 15, 45, 38)
    assert areas[7]["summary"]["text"].startswith("Kommunen har i detta ett av sina absolut")
    assert areas[2]["improvements"][-1]["page"] == areas[2]["improvements"][-2]["page"] + 1


def test_fictional_expected_rounding_follows_the_unrounded_points() -> None:
    areas = expected("exempelstad-2021")["areas"]
    assert len(areas) == 8 and sum(len(a["questions"]) for a in areas) == 45
    for area in areas:
        unrounded = [q["unrounded_points"] for q in area["questions"]]
        assert area["score"] == half_up(sum(unrounded)) == area["overview"]["total"]
        for question in area["questions"]:
            exact = question["unrounded_points"]
            assert question["points"] == half_up(exact)
            assert question["percent"] == half_up(100 * exact / question["max_points"])
        assert 3 <= len(area["strengths"]) <= 9 and 2 <= len(area["improvements"]) <= 8


def test_generation_is_deterministic(regenerated: Path) -> None:
    for name in ("amal-2019", "exempelstad-2021"):
        assert (regenerated / f"{name}.pdf").read_bytes() == (SAMPLES / f"{name}.pdf").read_bytes()
        written = (regenerated / f"{name}.expected.json").read_text(encoding="utf-8")
        assert written == (SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8")


def test_pdfs_are_small() -> None:
    for pdf in SAMPLES.glob("*.pdf"):
        assert pdf.stat().st_size < 1_000_000, pdf.name


def test_amal_text_layer_has_square_bullets_and_line_end_spaces() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(SAMPLES / "amal-2019.pdf") as pdf:
        page = pdf.pages[9]  # area 1 findings
        texts = [char["text"] for char in page.chars]
        text = page.extract_text()
    assert texts.count(WINGDINGS_SQUARE) == 6 and texts.count(ROUND_BULLET) == 7
    assert "STYRKOR " in "".join(texts)
    assert "Satsning i samband med kommunvalet" in text


def test_fictional_table_breaks_with_repeated_header() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    data = expected("exempelstad-2021")
    broken = [a for a in data["areas"] if a["overview"]["page"] != a["questions"][0]["page"]]
    assert broken
    area = broken[0]
    with pdfplumber.open(SAMPLES / "exempelstad-2021.pdf") as pdf:
        later = pdf.pages[area["overview"]["page"] - 1].extract_text()
    assert f"{area['area_no']}. " in later and "Uppnått Max Procent" in later


def test_sample_descriptions_load() -> None:
    for meta_path in (AMAL_META, FICTION_META):
        meta = load_meta(meta_path)
        assert load_document(meta, meta_path.parent).blocks
