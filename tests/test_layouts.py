"""Property: a report drawn in any layout of the space extracts field-perfect.

The layout space is data (samples/generator/layouts.py, documented in samples/README.md); the
hypothesis strategy draws a sample source and a value for every dimension, the generator
typesets the report and writes its expected file from what it printed and where, and the
extracted report must equal it in every field. ``KOMPASS_LAYOUTS`` sets how many layouts are
drawn (200 by default, in a fixed order so that CI runs the same ones; set
``KOMPASS_LAYOUTS_RANDOM=1`` to draw new ones).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from kompass_extract import extract_reports
from tests.expected import differences

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
sys.path.insert(0, str(SAMPLES))
pytest.importorskip("fpdf")
pytest.importorskip("reportlab")
hypothesis = pytest.importorskip("hypothesis")

from generator.drawn import SOURCES, draw_report  # noqa: E402
from generator.layouts import LAYOUT_SPACE, Layout, check_space, space_table  # noqa: E402
from generator.strategies import reports  # noqa: E402

EXAMPLES = int(os.environ.get("KOMPASS_LAYOUTS", "200"))
FIXED_ORDER = os.environ.get("KOMPASS_LAYOUTS_RANDOM", "") != "1"


def extraction_differences(source: str, layout: Layout) -> list[str]:
    """What the extractor gets wrong on ``source`` drawn in ``layout`` ([] when nothing)."""
    with tempfile.TemporaryDirectory() as folder:
        pdf, expected = draw_report(source, layout, Path(folder))
        found = extract_reports(pdf)
    if len(found) != 1:
        return [f"{len(found)} reports instead of one"]
    problems = differences(found[0], expected)
    if found[0].page_count != expected["report"]["page_count"]:
        problems.append(f"page_count {found[0].page_count} != {expected['report']['page_count']}")
    return problems


@pytest.mark.slow
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=FIXED_ORDER,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
@hypothesis.given(reports())
def test_every_drawn_layout_extracts_field_perfect(drawn: tuple[str, Layout]) -> None:
    source, layout = drawn
    problems = extraction_differences(source, layout)
    assert problems == [], f"{source} in {layout.describe()}:\n" + "\n".join(problems[:10])


def test_the_layout_space_is_one_description() -> None:
    check_space()
    assert all(len(dimension.values) >= 2 for dimension in LAYOUT_SPACE.values())
    assert Layout().describe() == "Layout()"
    with pytest.raises(ValueError, match="box_form='oval'"):
        Layout(box_form="oval")


def test_samples_readme_documents_the_layout_space_as_it_is() -> None:
    """The table in samples/README.md is the one made from LAYOUT_SPACE (regenerate it with
    ``python -c 'from generator.layouts import space_table; print(space_table())'`` in samples/)."""
    assert space_table() in (SAMPLES / "README.md").read_text("utf-8")


def test_the_strategy_draws_every_source_and_every_value() -> None:
    seen: dict[str, set[object]] = {name: set() for name in LAYOUT_SPACE}
    sources: set[str] = set()

    @hypothesis.settings(max_examples=300, derandomize=True, database=None)
    @hypothesis.given(reports())
    def draw(drawn: tuple[str, Layout]) -> None:
        sources.add(drawn[0])
        for name in LAYOUT_SPACE:
            seen[name].add(getattr(drawn[1], name))

    draw()
    assert sources == set(SOURCES)
    assert {name: len(values) for name, values in seen.items()} == {
        name: len(dimension.values) for name, dimension in LAYOUT_SPACE.items()
    }
