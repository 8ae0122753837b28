"""Finding a report's PDF again, and making sure it is the file the tables were read from.

``reports.source_file`` is the path as it was given to ``extract`` (escaped where needed, see
README "File names"): a relative path is relative to the folder ``extract`` was run in. The PDF
is looked for under ``pdf_root`` when one is given, then as the path says (relative to the
current folder). A file is used only when its SHA-256 is the table's ``sha256``: pages of
another file would put the values on wrong pages; a file of that name with other bytes does not
stop the search.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kompass_extract.read.files import path_text, text_path


@dataclass(frozen=True)
class PdfSource:
    """What became of looking for one report's PDF: ``status`` ``found``, ``missing``,
    ``differs`` (a file with other bytes) or ``unreadable``; the ``path`` looked at (or found)
    and, unless found, a ``message`` in words for the page."""

    status: str
    path: Path | None
    message: str = ""

    @property
    def found(self) -> bool:
        """True when the PDF was found with the table's SHA-256."""
        return self.status == "found"


def candidate_paths(source_file: str, pdf_root: Path | None) -> list[Path]:
    """Where to look for a PDF named ``source_file`` (the table's text): under ``pdf_root``
    (the path as given, then its file name alone), then the path itself."""
    path = Path(text_path(source_file))
    candidates = []
    if pdf_root is not None:
        relative = Path(*path.parts[1:]) if path.is_absolute() else path
        candidates += [pdf_root / relative, pdf_root / path.name]
    candidates.append(path)
    return list(dict.fromkeys(candidates))


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, lowercase hex (``OSError`` when it cannot be read)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def find_pdf(source_file: str, sha256: str, pdf_root: Path | None = None) -> PdfSource:
    """The report's PDF, checked against ``sha256``: the first candidate (see
    ``candidate_paths``) whose SHA-256 is the table's. When none is, the first candidate that
    exists says why (``differs`` or ``unreadable``), else the PDF is ``missing``."""
    problem: PdfSource | None = None
    for path in candidate_paths(source_file, pdf_root):
        if not path.is_file():
            continue
        try:
            actual = sha256_of(path)
        except OSError as error:
            problem = problem or PdfSource(
                "unreadable", path, f"{path_text(path)} cannot be read: {error}"
            )
            continue
        if actual == sha256:
            return PdfSource("found", path)
        problem = problem or PdfSource(
            "differs",
            path,
            f"{path_text(path)} is not the file these values were read from (its SHA-256 "
            f"is {actual[:12]}…, the table's {sha256[:12]}…) and no other place holds that "
            "file: its pages are not shown",
        )
    if problem is not None:
        return problem
    where = ", ".join(path_text(p) for p in candidate_paths(source_file, pdf_root))
    return PdfSource(
        "missing",
        None,
        f"the PDF was not found (looked at {where}); source_file is the path given to extract, "
        "relative to the folder it was run in: run review from there or give --pdf-root",
    )
