"""Draws sample reports in random layouts of the layout space, with their expected files.

Usage: python samples/draw_layouts.py [--count N] [--seed S] [--out DIR] [SOURCE ...]

Each report is a structured sample source (samples/src/<SOURCE>.json; default: all of them,
in turn) typeset in a layout drawn with the seed; the layout is printed with each file, so a
layout the property test (tests/test_layouts.py) reports can be looked at the same way.
Nothing is written into samples/: the committed samples stay few and small.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(SAMPLES_DIR))

from generator.drawn import SOURCES, draw_report  # noqa: E402
from generator.layouts import LAYOUT_SPACE, Layout  # noqa: E402


def random_layout(rng: random.Random) -> Layout:
    return Layout(**{name: rng.choice(dim.values) for name, dim in LAYOUT_SPACE.items()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", choices=[[], *SOURCES], default=[])
    parser.add_argument("--count", type=int, default=5, help="reports to draw (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the layouts (default 0)")
    parser.add_argument("--out", type=Path, default=Path("layouts-out"), help="output folder")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    sources = args.sources or list(SOURCES)
    args.out.mkdir(parents=True, exist_ok=True)
    for number in range(args.count):
        source, layout = sources[number % len(sources)], random_layout(rng)
        folder = args.out / f"{number:03d}-{source}"
        folder.mkdir(exist_ok=True)
        pdf, expected = draw_report(source, layout, folder)
        (folder / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (folder / "layout.txt").write_text(layout.describe() + "\n", encoding="utf-8")
        print(f"{pdf}: {layout.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
