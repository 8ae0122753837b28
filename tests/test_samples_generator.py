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


@pytest.mark.skipif(not REFERENCE.is_file(), reason="../shared/reference is absent")
def test_amal_source_holds_exactly_the_reference_lines() -> None:
    """Every non-blank reference line is in the source, in order (page-number lines and the
    link artefact aside); the source adds only directives, bullets split off and cells."""
    raw_lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    printed_page_numbers = {
        line for line in raw_lines if line.startswith("  ") and line.strip().isdigit()
    }
    reference = [line.strip() for line in raw_lines if line not in printed_page_numbers]
    reference = [line for line in reference if line and line != "tel:8090100"]
    source_lines = (SAMPLES / "src" / "amal-2019.txt").read_text(encoding="utf-8").split("\n")
    blocks = split_blocks(source_lines, Path("amal-2019.txt"))
    source_text = " ".join(line.text for block in blocks for line in block.lines)
    source_words = [
        word
        for word in source_text.replace("|", " ").split()
        if word not in ("=", "=h", "bottom", "middle")
    ]
    reference_words = " ".join(reference).split()
    assert source_words == reference_words


@pytest.mark.skipif(not REFERENCE.is_file(), reason="../shared/reference is absent")
def test_amal_page_breaks_follow_the_reference() -> None:
    lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    starts = [
        line
        for line in lines
        if (line.startswith(" ") and line.strip() and not line.startswith("  "))
        or (line.startswith("  ") and line.strip().isdigit())
    ]
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


@pytest.mark.slow
def test_generation_is_deterministic(regenerated: Path) -> None:
    for name in ("amal-2019", "exempelstad-2021"):
        assert (regenerated / f"{name}.pdf").read_bytes() == (SAMPLES / f"{name}.pdf").read_bytes()
        written = (regenerated / f"{name}.expected.json").read_text(encoding="utf-8")
        assert written == (SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8")


def test_pdfs_are_small() -> None:
    for pdf in SAMPLES.glob("*.pdf"):
        assert pdf.stat().st_size < 1_000_000, pdf.name


@pytest.mark.slow
def test_amal_text_layer_has_square_bullets_and_line_end_spaces() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(SAMPLES / "amal-2019.pdf") as pdf:
        page = pdf.pages[9]  # area 1 findings
        texts = [char["text"] for char in page.chars]
        text = page.extract_text()
    assert texts.count(WINGDINGS_SQUARE) == 6 and texts.count(ROUND_BULLET) == 7
    assert "STYRKOR " in "".join(texts)
    assert "Satsning i samband med kommunvalet" in text


@pytest.mark.slow
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


# ---- the samples of issue 4: every revision and layout ---------------------------------------

REVISION_SAMPLES = {
    "exempelvik-2014": "2010",
    "exempelholm-2022": "2020",
    "exempeltorp-2006": "2002",
    "okandby-2024": "unknown",
}


def half_up_at(value: float, decimals: int) -> float:
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(str(round(value, 9))).quantize(step, rounding=ROUND_HALF_UP))


def page_texts(name: str) -> list[str]:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(SAMPLES / f"{name}.pdf") as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_printed_figures_follow_the_rounding_rule() -> None:
    from generator.printed import NumberFormat, row_values, total_values

    one_decimal = NumberFormat(percent_decimals=1)
    assert row_values(7.46, 10, 1, one_decimal) == ("7,5", "10", "74,6 %")
    assert row_values(3.1, 15, 0, NumberFormat()) == ("3", "15", "21 %")
    assert row_values(0.145, 1, 2, NumberFormat(decimal_comma=False))[0] == "0.15"
    assert total_values([2.25, 2.25], [5, 5], NumberFormat()) == ("5", "10", "45 %")


def test_flow_source_computes_box_scores_from_the_tables(tmp_path: Path) -> None:
    from generator.flow_source import read_flow_source

    source = tmp_path / "s.json"
    rows = [
        {"text": "1.1 Fråga?", "max": 40, "unrounded_points": 20.4},
        {"text": "1.2 Fråga?", "max": 60, "unrounded_points": 30.2},
    ]
    blocks = [
        {"area": {"number": 1, "text": "Område 1 Test"}},
        {"box": {"header": ["Rubriker", "Poäng"], "bullet": "•", "items": ["A"]}},
        {"table": {"header": "1. Test", "columns": ["Uppnått", "Max", "Procent"], "rows": rows}},
    ]
    source.write_text(json.dumps({"blocks": blocks}), encoding="utf-8")
    box, table = read_flow_source(source).blocks[1:]
    assert box.score == "51"  # 20.4 + 30.2 = 50.6, whatever the rounded 20 + 30 say
    assert table.total.values == ("51", "100", "51 %")


def test_unknown_layout_option_is_named(tmp_path: Path) -> None:
    from generator.alt_style import layout_of

    with pytest.raises(ValueError, match=r"unknown \[layout\] options \['colour'\]"):
        layout_of({"sample": "x.pdf", "layout": {"colour": "red"}})


@pytest.mark.parametrize("name", sorted(REVISION_SAMPLES))
def test_revision_sample_expected_file_is_complete(name: str) -> None:
    data = expected(name)
    assert data["report"]["framework"] == REVISION_SAMPLES[name]
    assert "FICTIONAL" in data["provenance"] and data["overall_comments"]["text"]
    areas = data["areas"]
    assert [a["area_no"] for a in areas] == list(range(1, 9))
    for area in areas:
        assert area["subareas"] and area["strengths"] and area["improvements"]
        assert area["summary"]["text"] and 5 <= len(area["questions"]) <= 7
        assert sum(q["max_points"] for q in area["questions"]) == 100 == area["overview"]["max"]


@pytest.mark.parametrize("name", sorted(REVISION_SAMPLES))
def test_revision_sample_figures_follow_the_rounding_rule(name: str) -> None:
    percent_decimals = 1 if name == "exempelvik-2014" else 0
    for area in expected(name)["areas"]:
        unrounded = [q["unrounded_points"] for q in area["questions"]]
        assert area["score"] == half_up(round(sum(unrounded), 9)) == area["overview"]["total"]
        for q in area["questions"]:
            decimals = 0 if isinstance(q["points"], int) else 1
            assert q["points"] == half_up_at(q["unrounded_points"], decimals)
            exact = 100 * q["unrounded_points"] / q["max_points"]
            assert q["percent"] == half_up_at(exact, percent_decimals)


@pytest.mark.slow
def test_exempelvik_has_decimal_points_and_percents() -> None:
    one_decimal = {"1.2", "2.4", "3.1", "4.3", "5.5", "6.2", "7.4", "8.1"}  # see provenance
    questions = [q for a in expected("exempelvik-2014")["areas"] for q in a["questions"]]
    for q in questions:
        decimals = 1 if q["question_id"] in one_decimal else 0
        assert q["points"] == half_up_at(q["unrounded_points"], decimals)
    assert sum(isinstance(q["points"], float) for q in questions) >= 6
    assert any(isinstance(q["percent"], float) for q in questions)
    text = "\n".join(page_texts("exempelvik-2014"))
    assert regex_search(r"\n4\.\d \S.* \d+,\d \d+ \d+,\d %\n", text)


def regex_search(pattern: str, text: str) -> bool:
    import re

    return re.search(pattern, text) is not None


@pytest.mark.slow
def test_exempelvik_front_matter_header_and_facts() -> None:
    pages = page_texts("exempelvik-2014")
    total = len(pages)
    assert pages[0].split("\n") == ["KommunKompassen", "ANALYS AV EXEMPELVIKS KOMMUN 2014"]
    for number, text in enumerate(pages[1:], start=2):
        first = text.split("\n")[0]
        assert first == f"Sveriges Kommuner och Landsting 2015-01-16 {number} ({total})"
    assert "Innehåll" in pages[1]
    assert pages[2].split("\n")[1:] == [
        "Utvärderare",
        "Karin Exempelsson, SKL",
        "Olof Provsson, senior konsult",
    ]
    assert "Kortfakta om Exempelviks kommun" in pages[-1] and "22,41" in pages[-1]
    area1 = pages[expected("exempelvik-2014")["areas"][0]["page"] - 1]
    assert "\n- Protokoll" in area1 and "\n– Inför en samlad" in area1


@pytest.mark.slow
def test_exempelvik_table_breaks_without_repeated_header() -> None:
    data = expected("exempelvik-2014")
    pages = page_texts("exempelvik-2014")
    split = [a for a in data["areas"] if len({q["page"] for q in a["questions"]}) == 2]
    assert split
    for area in split:
        later = area["questions"][-1]["page"]
        first_there = next(q for q in area["questions"] if q["page"] == later)
        top_line = pages[later - 1].split("\n")[1]  # below the running header
        assert top_line.startswith(first_there["question_id"] + " ")


@pytest.mark.slow
def test_exempelholm_layout() -> None:
    data = expected("exempelholm-2022")
    pages = page_texts("exempelholm-2022")
    assert pages[0].split("\n")[:3] == [
        "EXEMPELHOLMS STAD",
        "FEBRUARI 2022",
        "Utvärderare: Maria Provare, SKR och Nils Testberg, SKR",
    ]
    assert all(text.split("\n")[-1] == str(n) for n, text in enumerate(pages[1:], start=2))
    assert data["areas"][0]["area_name"] == "Offentlighet och demokrati"
    joined = "\n".join(pages)
    assert "\n1. Samspel mellan förtroendevalda och\n" in joined
    assert "\n8. Chefs- och ledarskap samt\n" in joined  # area names wrap in the header cell
    area1 = pages[data["areas"][0]["page"] - 1]
    assert "\n▪ Staden har" in area1 and f"\n{WINGDINGS_SQUARE} Återkoppla" in area1
    split = [a for a in data["areas"] if len({q["page"] for q in a["questions"]}) == 2]
    assert split
    later = pages[split[0]["questions"][-1]["page"] - 1]
    assert later.startswith(f"{split[0]['area_no']}. ") and "Uppnått Max Procent" in later


@pytest.mark.slow
def test_exempeltorp_and_okandby_title_pages() -> None:
    torp = page_texts("exempeltorp-2006")[0].split("\n")
    assert torp == ["Kommunkompassen", "Analys av Exempeltorps kommun", "6-8 december 2006"]
    assert "4. Poängsammanställning" in "\n".join(page_texts("exempeltorp-2006"))
    okand = expected("okandby-2024")
    assert okand["areas"][0]["area_name"] == "Digital förvaltning"


@pytest.mark.slow
def test_revision_samples_regenerate_identically(tmp_path: Path) -> None:
    for name in sorted(REVISION_SAMPLES):
        generate_sample(SAMPLES / "src" / f"{name}.toml", tmp_path)
        assert (tmp_path / f"{name}.pdf").read_bytes() == (SAMPLES / f"{name}.pdf").read_bytes()
        written = (tmp_path / f"{name}.expected.json").read_text(encoding="utf-8")
        assert written == (SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8")


def test_the_two_amal_samples_hold_the_same_content_apart_from_pages() -> None:
    def content(name: str):
        data = json.loads((SAMPLES / f"{name}.expected.json").read_text("utf-8"))

        def strip(value):
            if isinstance(value, dict):
                return {k: strip(v) for k, v in value.items() if k not in ("page", "page_count")}
            if isinstance(value, list):
                return [strip(v) for v in value]
            return value

        return strip({k: v for k, v in data.items() if k not in ("sample", "provenance")})

    assert content("amal-2019-alt") == content("amal-2019")
