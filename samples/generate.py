"""Typesets the sample report PDFs and writes their expected-output files.

Usage: python samples/generate.py [--out DIR] [NAME ...]   (NAME: a samples/src/<NAME>.toml)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(SAMPLES_DIR))

from generator.samples import generate_sample  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="sample names (default: all in samples/src)")
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR, help="output directory")
    args = parser.parse_args(argv)
    src_dir = SAMPLES_DIR / "src"
    metas = [src_dir / f"{name}.toml" for name in args.names] or sorted(src_dir.glob("*.toml"))
    missing = [str(path) for path in metas if not path.is_file()]
    if missing:
        print(f"error: no sample description {', '.join(missing)}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for meta_path in metas:
        try:
            pdf_path, expected_path = generate_sample(meta_path, args.out)
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"wrote {pdf_path} and {expected_path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
